import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { DeleteOutlined, DownloadOutlined, ReloadOutlined, SaveOutlined, SearchOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { StatusType, WorkOrderKind } from '../../../common/work-orders';
import { STATUS_TYPES, WORK_ORDER_KINDS } from './work-order-enums';
import { apiRequest } from '../../api/client';
import { useKindStandard, useWorkOrders, type WorkOrderListItem, type WorkOrderQuery } from '../../api/work-orders';
import { useSession } from '../../components/session';
import { useMediaQuery } from '../../components/use-media-query';
import { useDocumentTitle } from '../../shared/use-document-title';
import { useWoI18n } from './use-wo-i18n';
import { DueTag, formatDateTime, KindTag, StatusTag } from './work-order-format';
import { deleteView, readViews, saveView, type SavedView } from './saved-views';
import { WORK_QUEUES } from '../../../common/work-queues';
import { useI18n } from '../../i18n/i18n-context';
import { QUEUE_TEXTS } from '../home/queue-texts';

const QUEUE_LABEL = { 'zh-CN': '待办：', 'en-US': 'Queue:' } as const;

const PAGE_SIZES = [20, 50, 100];
const DATE = 'YYYY-MM-DD';
/** Filter names kept in the address (and in saved views). */
const FILTER_KEYS = ['q', 'kind', 'status', 'statusType', 'communityId', 'assigneeId', 'overdue', 'from', 'to', 'queue'] as const;

interface FilterValues {
  q?: string;
  kind?: WorkOrderKind;
  status?: string;
  statusType?: StatusType;
  communityId?: string;
  assigneeId?: string;
  overdue?: boolean;
  range?: [Dayjs, Dayjs] | null;
}

function positiveInt(value: string | null, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** Technicians of the company, for the assignee filter. */
function useTechnicians() {
  return useQuery({
    queryKey: ['staff', 'technicians'],
    queryFn: ({ signal }) =>
      apiRequest<{ items: { id: string; name: string }[] }>('/api/v1/staff', { query: { position: 'technician', pageSize: 200 }, signal }),
    staleTime: 5 * 60_000,
  });
}

/**
 * 工单列表: server paging, filters in the address, named saved views per user (this browser), and
 * an xlsx of everything the filters match (made by the server).
 */
export function ListPage() {
  const { t, tl } = useWoI18n();
  const { locale } = useI18n();
  const queueTexts = { label: QUEUE_LABEL[locale], names: QUEUE_TEXTS[locale] };
  useDocumentTitle(t('nav.orders'));
  const me = useSession();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const [form] = Form.useForm<FilterValues>();
  const isPhone = useMediaQuery('(max-width: 767px)');
  const [views, setViews] = useState<SavedView[]>(() => readViews(me.user.id));
  const [naming, setNaming] = useState(false);
  const [viewName, setViewName] = useState('');
  const technicians = useTechnicians();
  const kindFilter = Form.useWatch('kind', form);
  const standard = useKindStandard(kindFilter ?? 'repair', me.communities[0]?.id ?? null, Boolean(kindFilter));

  const query: WorkOrderQuery = {
    page: positiveInt(params.get('page'), 1),
    pageSize: positiveInt(params.get('pageSize'), PAGE_SIZES[0] ?? 20),
    q: params.get('q') ?? undefined,
    kind: (params.get('kind') as WorkOrderKind | null) ?? undefined,
    status: params.get('status') ?? undefined,
    statusType: (params.get('statusType') as StatusType | null) ?? undefined,
    communityId: params.get('communityId') ?? undefined,
    assigneeId: params.get('assigneeId') ?? undefined,
    overdue: params.get('overdue') === 'true' ? 'true' : undefined,
    from: params.get('from') ? dayjs(params.get('from'), DATE).startOf('day').toISOString() : undefined,
    to: params.get('to') ? dayjs(params.get('to'), DATE).add(1, 'day').startOf('day').toISOString() : undefined,
    queue: WORK_QUEUES.find((q) => q === params.get('queue')),
  };
  const { data, error, isFetching, refetch } = useWorkOrders(query);

  const initial: FilterValues = {
    q: query.q,
    kind: query.kind,
    status: query.status,
    statusType: query.statusType,
    communityId: query.communityId,
    assigneeId: query.assigneeId,
    overdue: query.overdue === 'true',
    range: params.get('from') && params.get('to') ? [dayjs(params.get('from'), DATE), dayjs(params.get('to'), DATE)] : null,
  };

  const toParams = (values: FilterValues): URLSearchParams => {
    const next = new URLSearchParams();
    if (values.q?.trim()) next.set('q', values.q.trim());
    if (values.kind) next.set('kind', values.kind);
    if (values.kind && values.status) next.set('status', values.status);
    if (values.statusType) next.set('statusType', values.statusType);
    if (values.communityId) next.set('communityId', values.communityId);
    if (values.assigneeId) next.set('assigneeId', values.assigneeId);
    if (values.overdue) next.set('overdue', 'true');
    if (values.range) {
      next.set('from', values.range[0].format(DATE));
      next.set('to', values.range[1].format(DATE));
    }
    if (query.pageSize !== PAGE_SIZES[0]) next.set('pageSize', String(query.pageSize));
    // A queue opened from the home page stays until its tag is closed.
    if (query.queue) next.set('queue', query.queue);
    return next;
  };

  const applyParams = (next: URLSearchParams) => {
    setParams(next);
    const get = (k: string) => next.get(k) ?? undefined;
    form.setFieldsValue({
      q: get('q'),
      kind: get('kind') as WorkOrderKind | undefined,
      status: get('status'),
      statusType: get('statusType') as StatusType | undefined,
      communityId: get('communityId'),
      assigneeId: get('assigneeId'),
      overdue: next.get('overdue') === 'true',
      range: next.get('from') && next.get('to') ? [dayjs(next.get('from'), DATE), dayjs(next.get('to'), DATE)] : null,
    });
  };

  const columns = useMemo<TableColumnsType<WorkOrderListItem>>(() => {
    const number = (row: WorkOrderListItem) => (
      <Link to={`/work-orders/${row.id}`} style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>
        {row.number}
      </Link>
    );
    if (isPhone) {
      return [
        {
          key: 'order',
          title: t('nav.orders'),
          render: (_, row) => (
            <Space orientation="vertical" size={4}>
              <Space size={6} wrap>
                {number(row)}
                <KindTag kind={row.kind} />
                <StatusTag name={tl(row.statusName)} type={row.statusType} />
              </Space>
              <Typography.Text>
                {tl(row.categoryName, row.category)} · {row.unit?.label ?? t('common.publicArea')}
              </Typography.Text>
              <DueTag item={row} />
            </Space>
          ),
        },
      ];
    }
    return [
      { key: 'number', title: t('field.number'), width: 170, render: (_, row) => number(row) },
      { key: 'kind', title: t('field.kind'), width: 80, render: (_, row) => <KindTag kind={row.kind} /> },
      { key: 'category', title: t('field.category'), width: 140, render: (_, row) => tl(row.categoryName, row.category) },
      { key: 'unit', title: t('field.unit'), width: 130, render: (_, row) => row.unit?.label ?? t('common.publicArea') },
      {
        key: 'reporter',
        title: t('field.reporter'),
        width: 160,
        render: (_, row) => (
          <span>
            {row.reporter.name ?? '—'} <Typography.Text type="secondary">{row.reporter.phone ?? ''}</Typography.Text>
          </span>
        ),
      },
      { key: 'status', title: t('field.status'), width: 150, render: (_, row) => <StatusTag name={tl(row.statusName)} type={row.statusType} /> },
      { key: 'assignee', title: t('field.assignee'), width: 90, render: (_, row) => row.assignee?.name ?? '—' },
      { key: 'due', title: t('field.nextDue'), width: 150, render: (_, row) => <DueTag item={row} /> },
      { key: 'created', title: t('field.createdAt'), width: 130, render: (_, row) => formatDateTime(row.createdAt, t) },
    ];
  }, [t, tl, isPhone]);

  const filterParams = () => {
    const kept = new URLSearchParams();
    for (const key of FILTER_KEYS) {
      const value = params.get(key);
      if (value) kept.set(key, value);
    }
    return kept.toString();
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('nav.orders')}
        </Typography.Title>
        <Space wrap>
          <Select<string>
            placeholder={t('list.views')}
            style={{ minWidth: 180 }}
            value={null}
            data-testid="saved-views"
            options={views.map((v) => ({ value: v.name, label: v.name }))}
            notFoundContent={t('list.noViews')}
            onChange={(name) => {
              const view = views.find((v) => v.name === name);
              if (view) applyParams(new URLSearchParams(view.params));
            }}
            optionRender={(option) => (
              <Flex justify="space-between" align="center">
                <span>{option.label}</span>
                <Button
                  type="text"
                  size="small"
                  aria-label={t('list.deleteView')}
                  icon={<DeleteOutlined />}
                  onClick={(event) => {
                    event.stopPropagation();
                    setViews(deleteView(me.user.id, String(option.value)));
                  }}
                />
              </Flex>
            )}
          />
          <Button icon={<SaveOutlined />} onClick={() => setNaming(true)}>
            {t('list.saveView')}
          </Button>
          <Tooltip title={t('list.exportHint')}>
            <Button
              icon={<DownloadOutlined />}
              disabled={!data?.items.length}
              href={`/api/v1/work-orders/export?${filterParams()}`}
              data-testid="export-work-orders"
            >
              {t('list.export')}
            </Button>
          </Tooltip>
        </Space>
      </Flex>
      <Card styles={{ body: { paddingBottom: 0 } }}>
        <Form<FilterValues> form={form} layout="vertical" initialValues={initial} onFinish={(values) => setParams(toParams(values))}>
          <Row gutter={16} align="bottom">
            <Col xs={24} sm={12} lg={6}>
              <Form.Item name="q" label={t('list.search')}>
                <Input allowClear placeholder={t('list.searchPlaceholder')} prefix={<SearchOutlined />} data-testid="list-search" />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6} lg={3}>
              <Form.Item name="kind" label={t('field.kind')}>
                <Select allowClear placeholder={t('list.any')} options={WORK_ORDER_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))} onChange={() => form.setFieldValue('status', undefined)} />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6} lg={4}>
              {kindFilter ? (
                <Form.Item name="status" label={t('field.status')}>
                  <Select allowClear placeholder={t('list.any')} options={(standard.data?.definition.states ?? []).map((s) => ({ value: s.key, label: tl(s.name) }))} />
                </Form.Item>
              ) : (
                <Form.Item name="statusType" label={t('field.status')}>
                  <Select allowClear placeholder={t('list.any')} options={STATUS_TYPES.map((s) => ({ value: s, label: t(`statusType.${s}`) }))} />
                </Form.Item>
              )}
            </Col>
            <Col xs={12} sm={6} lg={4}>
              <Form.Item name="communityId" label={t('field.community')}>
                <Select allowClear placeholder={t('list.any')} options={me.communities.map((c) => ({ value: c.id, label: c.name }))} />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6} lg={3}>
              <Form.Item name="assigneeId" label={t('field.assignee')}>
                <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={t('list.any')} options={(technicians.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={4}>
              <Form.Item name="range" label={t('list.created')}>
                <DatePicker.RangePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item>
                <Space wrap>
                  <Form.Item name="overdue" valuePropName="checked" noStyle>
                    <Checkbox>{t('list.overdueOnly')}</Checkbox>
                  </Form.Item>
                  <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                    {t('list.apply')}
                  </Button>
                  <Button icon={<ReloadOutlined />} onClick={() => applyParams(new URLSearchParams())}>
                    {t('list.reset')}
                  </Button>
                </Space>
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>
      {query.queue ? (
        <Space wrap data-testid="list-queue">
          <Typography.Text type="secondary">{queueTexts.label}</Typography.Text>
          <Tag
            color="blue"
            closable
            closeIcon
            style={{ fontSize: 14, padding: '4px 10px' }}
            onClose={() => {
              const next = new URLSearchParams(params);
              next.delete('queue');
              next.delete('page');
              setParams(next);
            }}
          >
            {queueTexts.names[query.queue].name}
          </Tag>
          <Typography.Text type="secondary">{queueTexts.names[query.queue].hint}</Typography.Text>
        </Space>
      ) : null}
      {error ? (
        <Alert type="error" showIcon title={t('common.loadFailed')} description={error.message} action={<Button onClick={() => void refetch()}>{t('common.retry')}</Button>} />
      ) : null}
      <Card styles={{ body: { padding: 0 } }}>
        <Table<WorkOrderListItem>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={isFetching}
          scroll={isPhone ? undefined : { x: 1150 }}
          locale={{ emptyText: t('list.empty') }}
          pagination={{
            current: data?.page ?? query.page,
            pageSize: data?.pageSize ?? query.pageSize,
            total: data?.total ?? 0,
            pageSizeOptions: PAGE_SIZES,
            showSizeChanger: true,
            // Past 10,000 matches the server stops counting (docs/performance.md): say so.
            showTotal: (total) => (data?.totalCapped ? t('list.totalCapped', { total: total.toLocaleString(locale) }) : t('list.total', { total })),
            onChange: (page, pageSize) => {
              const next = new URLSearchParams(params);
              next.set('page', String(pageSize === query.pageSize ? page : 1));
              next.set('pageSize', String(pageSize));
              setParams(next);
            },
            style: { paddingInline: 16 },
          }}
        />
      </Card>
      <Modal
        open={naming}
        title={t('list.saveView')}
        okText={t('list.save')}
        onCancel={() => setNaming(false)}
        okButtonProps={{ disabled: !viewName.trim() }}
        onOk={() => {
          setViews(saveView(me.user.id, { name: viewName.trim(), params: filterParams() }));
          setNaming(false);
          setViewName('');
          message.success(t('list.viewSaved'));
        }}
      >
        <Input autoFocus value={viewName} maxLength={40} placeholder={t('list.viewName')} onChange={(e) => setViewName(e.target.value)} />
      </Modal>
    </Space>
  );
}
