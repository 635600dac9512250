import { useCallback, useState } from 'react';
import { Link } from 'react-router';
import { Badge, Button, Card, Col, Empty, Flex, Row, Segmented, Select, Space, Spin, Typography } from 'antd';
import { ThunderboltFilled, UserAddOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { StatusType, WorkOrderKind } from '../../../common/work-orders';
import { useWorkOrders, type WorkOrderListItem } from '../../api/work-orders';
import { useSession } from '../../components/session';
import { primaryStep, StepLoader, useListItemStandard, useStepName } from './order-steps';
import { useDocumentTitle } from '../../shared/use-document-title';
import { useWoI18n } from './use-wo-i18n';
import { DueTag, formatDuration, KindTag, listItemPhase, PHASE_COLORS, StatusTag } from './work-order-format';

const COLUMNS = ['open', 'in_progress', 'waiting', 'completed'] as const satisfies readonly StatusType[];
type ColumnType = (typeof COLUMNS)[number];
const REFRESH_MS = 30_000;

function BoardCard({ item, onDispatch }: { item: WorkOrderListItem; onDispatch: (step: { id: string; action: string }) => void }) {
  const { t, tl } = useWoI18n();
  const standard = useListItemStandard(item);
  const stepName = useStepName(standard);
  // The card offers the step that moves the item on (dispatching for a new repair), as the order page does.
  const step = primaryStep(item.allowedActions, item.status, standard);
  const phase = listItemPhase(item);
  const age = Date.now() - Date.parse(item.createdAt);
  return (
    <Card
      size="small"
      data-testid={`board-card-${item.number}`}
      data-phase={phase ?? 'none'}
      style={{ borderInlineStart: `4px solid ${phase ? PHASE_COLORS[phase].border : '#d9d9d9'}` }}
      styles={{ body: { padding: 10 } }}
    >
      <Flex vertical gap={4}>
        <Flex justify="space-between" align="center" gap={6}>
          <Link to={`/work-orders/${item.id}`} style={{ fontFamily: 'monospace', fontWeight: 600 }}>
            {item.number}
          </Link>
          <KindTag kind={item.kind} />
        </Flex>
        <Typography.Text strong>
          {item.urgency === 'emergency' ? <ThunderboltFilled style={{ color: '#c41d7f', marginInlineEnd: 4 }} aria-label={t('urgency.emergency')} /> : null}
          {tl(item.categoryName, item.category)}
          {item.paid ? <Typography.Text type="secondary"> · {t('field.paidYes')}</Typography.Text> : null}
        </Typography.Text>
        <Typography.Text>
          {item.unit?.label ?? t('common.publicArea')} <Typography.Text type="secondary">· {item.community.name}</Typography.Text>
        </Typography.Text>
        <Flex gap={6} wrap align="center">
          <StatusTag name={tl(item.statusName)} type={item.statusType} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('board.age', { duration: formatDuration(age, t) })}
          </Typography.Text>
        </Flex>
        {item.nextDue ? (
          <Flex gap={6} wrap align="center">
            <DueTag item={item} />
          </Flex>
        ) : null}
        <Flex justify="space-between" align="center" gap={6}>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {item.assignee ? t('board.assignee', { name: item.assignee.name }) : item.kind === 'repair' ? t('order.unassigned') : ''}
          </Typography.Text>
          {step ? (
            <Button size="small" type={item.assignee ? 'default' : 'primary'} icon={<UserAddOutlined />} onClick={() => onDispatch({ id: item.id, action: step })} data-testid="board-dispatch">
              {stepName(step)}
            </Button>
          ) : null}
        </Flex>
      </Flex>
    </Card>
  );
}

function Column({ type, kind, communityId, onDispatch }: { type: ColumnType; kind?: WorkOrderKind; communityId?: string; onDispatch: (step: { id: string; action: string }) => void }) {
  const { t } = useWoI18n();
  const { data, isPending, error } = useWorkOrders({ page: 1, pageSize: 100, statusType: type, kind, communityId, sort: 'dueAt' }, { refetchInterval: REFRESH_MS });
  const items = data?.items ?? [];
  const breached = items.filter((i) => listItemPhase(i) === 'breached').length;
  return (
    <Card
      size="small"
      data-testid={`board-column-${type}`}
      title={
        <Flex gap={8} align="center">
          <span>{t(`board.column.${type}`)}</span>
          <Badge count={data?.total ?? 0} showZero color="#8c8c8c" />
          {breached ? <Badge count={t('board.breached', { n: breached })} color={PHASE_COLORS.breached.border} /> : null}
        </Flex>
      }
      styles={{ body: { background: '#fafafa', padding: 8, minHeight: 240 } }}
    >
      {isPending ? (
        <Flex justify="center" style={{ padding: 24 }}>
          <Spin />
        </Flex>
      ) : error ? (
        <Typography.Text type="danger">{error.message}</Typography.Text>
      ) : items.length ? (
        <Flex vertical gap={8}>
          {items.map((item) => (
            <BoardCard key={item.id} item={item} onDispatch={onDispatch} />
          ))}
          {data && data.total > items.length ? (
            <Link to={`/work-orders?statusType=${type}`}>{t('board.more', { n: data.total - items.length })}</Link>
          ) : null}
        </Flex>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('board.emptyColumn')} />
      )}
    </Card>
  );
}

/**
 * 派单看板: one column per state type, cards sorted by the next due time with their SLA colour,
 * refreshed every 30 seconds; dispatch straight from a card with the suggested technicians.
 */
export function BoardPage() {
  const { t } = useWoI18n();
  useDocumentTitle(t('nav.board'));
  const me = useSession();
  const [kind, setKind] = useState<WorkOrderKind | 'all'>('all');
  const [communityId, setCommunityId] = useState<string | undefined>(undefined);
  const [dispatching, setDispatching] = useState<{ id: string; action: string } | null>(null);
  const closeDispatch = useCallback(() => setDispatching(null), []);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <div>
          <Typography.Title level={3} style={{ margin: '0 0 4px' }}>
            {t('nav.board')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('board.hint', { time: dayjs().format('HH:mm') })}</Typography.Text>
        </div>
        <Space wrap>
          <Segmented<WorkOrderKind | 'all'>
            value={kind}
            onChange={setKind}
            options={[
              { value: 'all', label: t('list.any') },
              { value: 'repair', label: t('kind.repair') },
              { value: 'complaint', label: t('kind.complaint') },
              { value: 'inquiry', label: t('kind.inquiry') },
            ]}
          />
          {me.communities.length > 1 ? (
            <Select allowClear placeholder={t('field.community')} style={{ minWidth: 160 }} value={communityId} onChange={setCommunityId} options={me.communities.map((c) => ({ value: c.id, label: c.name }))} />
          ) : null}
        </Space>
      </Flex>
      <Flex gap={12} wrap>
        {(['ok', 'warning', 'breached'] as const).map((phase) => (
          <Space key={phase} size={4}>
            <span style={{ display: 'inline-block', width: 12, height: 12, borderRadius: 2, background: PHASE_COLORS[phase].border }} />
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {t(`sla.phase.${phase}`)}
            </Typography.Text>
          </Space>
        ))}
      </Flex>
      <Row gutter={[12, 12]}>
        {COLUMNS.map((type) => (
          <Col key={type} xs={24} md={12} xl={6}>
            <Column type={type} kind={kind === 'all' ? undefined : kind} communityId={communityId} onDispatch={setDispatching} />
          </Col>
        ))}
      </Row>
      {dispatching ? <StepLoader id={dispatching.id} action={dispatching.action} onClose={closeDispatch} /> : null}
    </Space>
  );
}
