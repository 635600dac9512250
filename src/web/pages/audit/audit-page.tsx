import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, Button, Card, Col, DatePicker, Form, Row, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useAuditLog, type AuditEntry, type AuditQuery } from '../../api/audit';
import { ApiError } from '../../api/client';
import { useMediaQuery } from '../../components/use-media-query';
import { usePageTitle } from '../../shared/use-document-title';
import type { Locale } from '../../../common/locale';
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS, auditLabel } from '../../i18n/audit-labels';
import { useI18n } from '../../i18n/i18n-context';
import { ForbiddenPage } from '../forbidden/forbidden-page';
import { AuditSummaryCell, AuditSummaryDetail, hasSummary } from './audit-summary';

const PAGE_SIZES = [20, 50, 100];
const DATE = 'YYYY-MM-DD';

interface FilterValues {
  entityType?: string;
  action?: string;
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
 * The audit log for admins: server-side paging, filters by entity type, action and date range.
 * Filters and page live in the address, so a filtered view can be reloaded or shared.
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
    from: from?.startOf('day').toISOString(),
    // `to` is exclusive on the server: the start of the day after the last chosen day.
    to: to?.add(1, 'day').startOf('day').toISOString(),
  };
  const { data, error, isFetching, refetch } = useAuditLog(query);

  const isPhone = useMediaQuery('(max-width: 575px)');
  const columns = useMemo<TableColumnsType<AuditEntry>>(() => {
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
        {auditLabel(AUDIT_ACTION_LABELS, locale, entry.action)}
      </Tag>
    );
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
        width: 200,
        render: (_, entry) => (
          <Space size={4} wrap>
            {entityTag(entry)}
            {entry.entityId ? (
              <Tooltip title={entry.entityId}>
                <Typography.Text type="secondary" style={{ fontSize: 12, fontFamily: 'monospace' }}>
                  {entry.entityId.length > 12 ? `${entry.entityId.slice(0, 8)}…` : entry.entityId}
                </Typography.Text>
              </Tooltip>
            ) : null}
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
  }, [t, locale, isPhone]);

  if (error instanceof ApiError && error.status === 403) return <ForbiddenPage />;

  const apply = (values: FilterValues) => {
    const next = new URLSearchParams();
    if (values.entityType) next.set('entityType', values.entityType);
    if (values.action) next.set('action', values.action);
    if (values.range) {
      next.set('from', values.range[0].format(DATE));
      next.set('to', values.range[1].format(DATE));
    }
    if (query.pageSize !== PAGE_SIZES[0]) next.set('pageSize', String(query.pageSize));
    setParams(next);
  };

  const reset = () => {
    form.setFieldsValue({ entityType: undefined, action: undefined, range: null });
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
            range: from && to ? [from, to] : null,
          }}
          onFinish={apply}
        >
          <Row gutter={16} align="bottom">
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
            <Col xs={24} sm={12} lg={5}>
              <Form.Item name="action" label={t('audit.action')}>
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: ['label', 'value'] }}
                  placeholder={t('audit.anyAction')}
                  options={codeOptions(AUDIT_ACTION_LABELS, locale, query.action)}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={7}>
              <Form.Item name="range" label={t('audit.dateRange')}>
                <DatePicker.RangePicker style={{ width: '100%' }} allowClear />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item>
                <Space wrap>
                  <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                    {t('audit.search')}
                  </Button>
                  <Button onClick={reset} icon={<ReloadOutlined />}>
                    {t('audit.reset')}
                  </Button>
                </Space>
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>
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
