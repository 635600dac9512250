import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, Button, Card, Col, DatePicker, Form, Row, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useAuditActors, useAuditLog, type AuditEntry, type AuditQuery } from '../../api/audit';
import { useCommunities } from '../../api/registry';
import { DownloadButton } from '../../components/download-button';
import { ApiError } from '../../api/client';
import { useMediaQuery } from '../../components/use-media-query';
import { usePageTitle } from '../../shared/use-document-title';
import type { Locale } from '../../../common/locale';
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS, auditActionName, auditLabel } from '../../i18n/audit-labels';
import { useI18n } from '../../i18n/i18n-context';
import { ForbiddenPage } from '../forbidden/forbidden-page';
import { AuditSummaryCell, AuditSummaryDetail, hasSummary } from './audit-summary';

const PAGE_SIZES = [20, 50, 100];
const DATE = 'YYYY-MM-DD';

interface FilterValues {
  entityType?: string;
  action?: string;
  actorId?: string;
  communityId?: string;
  range?: [Dayjs, Dayjs] | null;
}

type Labels = Record<Locale, Record<string, string>>;

/** Select options for the known codes (plus the current one if it is unknown), searchable by name or code. */
function codeOptions(labels: Labels, locale: Locale, current: string | undefined) {
  const codes = Object.keys(labels[locale]);
  if (current && !codes.includes(current)) codes.push(current);
  return codes.map((code) => ({ value: code, label: auditLabel(labels, locale, code) }));
}

function positiveInt(value: string | null, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

function validDate(value: string | null): Dayjs | null {
  if (!value) return null;
  const date = dayjs(value, DATE);
  return date.isValid() ? date : null;
}

/**
 * The audit log for admins: server-side paging, filters by person, community, entity type, one
 * entity (from a row), action and date range, and the Excel export of the same filters. Entities
 * read by their number or name, steps by their standard's name. Filters and page live in the
 * address, so a filtered view can be reloaded or shared.
 */
export function AuditPage() {
  const { t, locale } = useI18n();
  usePageTitle('nav.audit');
  const [params, setParams] = useSearchParams();
  const [form] = Form.useForm<FilterValues>();

  const from = validDate(params.get('from'));
  const to = validDate(params.get('to'));
  const query: AuditQuery = {
    page: positiveInt(params.get('page'), 1),
    pageSize: positiveInt(params.get('pageSize'), PAGE_SIZES[0] ?? 20),
    entityType: params.get('entityType') ?? undefined,
    action: params.get('action') ?? undefined,
    actorId: params.get('actorId') ?? undefined,
    communityId: params.get('communityId') ?? undefined,
    entityId: params.get('entityId') ?? undefined,
    from: from?.startOf('day').toISOString(),
    // `to` is exclusive on the server: the start of the day after the last chosen day.
    to: to?.add(1, 'day').startOf('day').toISOString(),
  };
  const { data, error, isFetching, refetch } = useAuditLog(query);
  const actors = useAuditActors();
  const communities = useCommunities();
  const communityName = useMemo(() => new Map((communities.data?.items ?? []).map((c) => [c.id, c.name])), [communities.data]);
  const { page: _page, pageSize: _pageSize, ...filters } = query;
  const entityLabel = params.get('entityLabel');

  const onlyEntity = (entry: AuditEntry) => {
    const next = new URLSearchParams(params);
    next.set('entityType', entry.entityType);
    next.set('entityId', entry.entityId!);
    next.set('entityLabel', entry.entity?.label ?? entry.entityId!);
    next.delete('page');
    form.setFieldsValue({ entityType: entry.entityType });
    setParams(next);
  };
  const allEntities = () => {
    const next = new URLSearchParams(params);
    next.delete('entityId');
    next.delete('entityLabel');
    next.delete('page');
    setParams(next);
  };

  const isPhone = useMediaQuery('(max-width: 575px)');
  const columns = ((): TableColumnsType<AuditEntry> => {
    const at = (entry: AuditEntry) => dayjs(entry.at).format('YYYY-MM-DD HH:mm:ss');
    const actor = (entry: AuditEntry) =>
      entry.actor?.id ? (
        entry.actor.displayName
      ) : (
        <Typography.Text type="secondary">{t('audit.system')}</Typography.Text>
      );
    const entityTag = (entry: AuditEntry) => (
      <Tag style={{ marginInlineEnd: 0 }} data-code={entry.entityType}>
        {auditLabel(AUDIT_ENTITY_LABELS, locale, entry.entityType)}
      </Tag>
    );
    const actionTag = (entry: AuditEntry) => (
      <Tag color="geekblue" style={{ marginInlineEnd: 0 }} data-code={entry.action}>
        {auditActionName(entry, locale)}
      </Tag>
    );
    const entityName = (entry: AuditEntry) =>
      entry.entityId ? (
        <Tooltip title={entry.entity ? t('audit.entityFilter') : t('audit.entityGone')}>
          <Typography.Link onClick={() => onlyEntity(entry)} data-testid="audit-entity">
            {entry.entity?.label ?? (entry.entityId.length > 12 ? `${entry.entityId.slice(0, 8)}…` : entry.entityId)}
          </Typography.Link>
        </Tooltip>
      ) : null;
    const place = (entry: AuditEntry) =>
      entry.entity?.communityId && entry.entityType !== 'community' ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {communityName.get(entry.entity.communityId) ?? ''}
        </Typography.Text>
      ) : null;
    if (isPhone) {
      // One stacked column instead of a table too wide for the screen.
      return [
        {
          title: t('audit.summary'),
          key: 'entry',
          render: (_, entry) => (
            <Space orientation="vertical" size={4} style={{ width: '100%' }}>
              <Space size={6} wrap>
                {entityTag(entry)}
                {entityName(entry)}
                {actionTag(entry)}
              </Space>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {at(entry)} · {actor(entry)}
              </Typography.Text>
              <AuditSummaryCell summary={entry.summary} />
            </Space>
          ),
        },
      ];
    }
    return [
      { title: t('audit.at'), key: 'at', width: 180, render: (_, entry) => at(entry) },
      { title: t('audit.actor'), key: 'actor', width: 160, render: (_, entry) => actor(entry) },
      {
        title: t('audit.entity'),
        key: 'entity',
        width: 260,
        render: (_, entry) => (
          <Space size={4} wrap>
            {entityTag(entry)}
            {entityName(entry)}
            {place(entry)}
          </Space>
        ),
      },
      { title: t('audit.action'), key: 'action', width: 140, render: (_, entry) => actionTag(entry) },
      {
        title: t('audit.summary'),
        key: 'summary',
        render: (_, entry) => <AuditSummaryCell summary={entry.summary} />,
      },
    ];
  })();

  if (error instanceof ApiError && error.status === 403) return <ForbiddenPage />;

  const apply = (values: FilterValues) => {
    const next = new URLSearchParams();
    if (values.entityType) next.set('entityType', values.entityType);
    if (values.action) next.set('action', values.action);
    if (values.actorId) next.set('actorId', values.actorId);
    if (values.communityId) next.set('communityId', values.communityId);
    // One entity stays chosen while its type does.
    if (query.entityId && values.entityType === query.entityType) {
      next.set('entityId', query.entityId);
      if (entityLabel) next.set('entityLabel', entityLabel);
    }
    if (values.range) {
      next.set('from', values.range[0].format(DATE));
      next.set('to', values.range[1].format(DATE));
    }
    if (query.pageSize !== PAGE_SIZES[0]) next.set('pageSize', String(query.pageSize));
    setParams(next);
  };

  const reset = () => {
    form.setFieldsValue({ entityType: undefined, action: undefined, actorId: undefined, communityId: undefined, range: null });
    setParams(new URLSearchParams());
  };

  const changePage = (page: number, pageSize: number) => {
    const next = new URLSearchParams(params);
    next.set('page', String(pageSize === query.pageSize ? page : 1));
    next.set('pageSize', String(pageSize));
    setParams(next);
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
          {t('nav.audit')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('audit.description')}</Typography.Text>
      </div>
      <Card styles={{ body: { paddingBottom: 0 } }}>
        <Form<FilterValues>
          form={form}
          layout="vertical"
          initialValues={{
            entityType: query.entityType,
            action: query.action,
            actorId: query.actorId,
            communityId: query.communityId,
            range: from && to ? [from, to] : null,
          }}
          onFinish={apply}
        >
          <Row gutter={16} align="bottom">
            <Col xs={24} sm={12} lg={6}>
              <Form.Item name="actorId" label={t('audit.person')}>
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: ['label'] }}
                  placeholder={t('audit.anyPerson')}
                  loading={actors.isPending}
                  options={(actors.data?.items ?? []).map((a) => ({ value: a.id, label: a.displayName }))}
                  data-testid="audit-person"
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item name="communityId" label={t('audit.community')}>
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: ['label'] }}
                  placeholder={t('audit.anyCommunity')}
                  loading={communities.isPending}
                  options={(communities.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
                  data-testid="audit-community"
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item name="entityType" label={t('audit.entityType')}>
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: ['label', 'value'] }}
                  placeholder={t('audit.anyEntityType')}
                  options={codeOptions(AUDIT_ENTITY_LABELS, locale, query.entityType)}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item name="action" label={t('audit.action')}>
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: ['label', 'value'] }}
                  placeholder={t('audit.anyAction')}
                  options={codeOptions(AUDIT_ACTION_LABELS, locale, query.action)}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={8}>
              <Form.Item name="range" label={t('audit.dateRange')}>
                <DatePicker.RangePicker style={{ width: '100%' }} allowClear />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={16}>
              <Form.Item>
                <Space wrap>
                  <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                    {t('audit.search')}
                  </Button>
                  <Button onClick={reset} icon={<ReloadOutlined />}>
                    {t('audit.reset')}
                  </Button>
                  <DownloadButton path="/api/v1/audit/export" query={filters} fileName="audit-log.xlsx" testId="audit-export" />
                </Space>
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>
      {query.entityId ? (
        <Alert
          type="info"
          showIcon
          title={`${auditLabel(AUDIT_ENTITY_LABELS, locale, query.entityType ?? '')} ${entityLabel ?? query.entityId}`}
          action={<Button size="small" onClick={allEntities}>{t('audit.entityFilterClear')}</Button>}
          data-testid="audit-entity-filter"
        />
      ) : null}
      {error ? (
        <Alert
          type="error"
          showIcon
          title={t('error.loadFailed')}
          description={error.message}
          action={<Button onClick={() => void refetch()}>{t('common.retry')}</Button>}
        />
      ) : null}
      <Card styles={{ body: { padding: 0 } }}>
        <Table<AuditEntry>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={isFetching}
          scroll={isPhone ? undefined : { x: 960 }}
          locale={{ emptyText: t('audit.empty') }}
          expandable={{
            rowExpandable: (entry) => hasSummary(entry.summary),
            expandedRowRender: (entry) => <AuditSummaryDetail summary={entry.summary} />,
          }}
          pagination={{
            current: data?.page ?? query.page,
            pageSize: data?.pageSize ?? query.pageSize,
            total: data?.total ?? 0,
            pageSizeOptions: PAGE_SIZES,
            showSizeChanger: true,
            showTotal: (total) => t('audit.total', { total }),
            onChange: changePage,
            style: { paddingInline: 16 },
          }}
        />
      </Card>
    </Space>
  );
}
