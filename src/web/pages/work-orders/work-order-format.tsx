import { Tag } from 'antd';
import { ClockCircleOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { StatusType, WorkOrderKind } from '../../../common/work-orders';
import type { WorkOrderListItem, WorkOrderTimer } from '../../api/work-orders';
import { DueTime } from '../../shared/due-time';
import { useWoI18n, type WoI18n } from './use-wo-i18n';

/** SLA phase of a time limit: the same three colours on every page. */
export type SlaPhase = 'ok' | 'warning' | 'breached';

/** Green on time, orange warning, red breached (antd's success / warning / error palettes). */
export const PHASE_COLORS: Record<SlaPhase, { tag: string; text: string; border: string; background: string }> = {
  ok: { tag: 'success', text: '#237804', border: '#52c41a', background: '#f6ffed' },
  warning: { tag: 'warning', text: '#ad4e00', border: '#fa8c16', background: '#fff7e6' },
  breached: { tag: 'error', text: '#a8071a', border: '#f5222d', background: '#fff1f0' },
};

/** State types in neutral colours, so they never read as SLA colours. */
const STATUS_TYPE_COLORS: Record<StatusType, string> = {
  open: 'blue',
  in_progress: 'geekblue',
  waiting: 'purple',
  completed: 'cyan',
  closed: 'default',
  cancelled: 'default',
};

const KIND_COLORS: Record<WorkOrderKind, string> = { repair: 'blue', complaint: 'magenta', inquiry: 'cyan' };

/** The SLA phase of a list item: the worst phase of its running limits, as the server judged it. */
export function listItemPhase(item: Pick<WorkOrderListItem, 'slaPhase'>): SlaPhase | null {
  return item.slaPhase;
}

/** "1小时20分" / "1 h 20 min" from milliseconds (absolute value). */
export function formatDuration(ms: number, t: WoI18n['t']): string {
  const minutes = Math.max(0, Math.round(Math.abs(ms) / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return t('duration.daysHours', { days, hours });
  if (hours > 0) return t('duration.hoursMinutes', { hours, minutes: mins });
  return t('duration.minutes', { minutes: mins });
}

/** Date and time as the desk reads it out: "11月23日 09:00" / "Nov 23, 09:00". */
export function formatDateTime(iso: string | null | undefined, t: WoI18n['t']): string {
  return iso ? dayjs(iso).format(t('format.dateTime')) : '';
}

/** Amount in fen as yuan: ¥120.00. */
export function formatFen(fen: number): string {
  return `¥${(fen / 100).toFixed(2)}`;
}

/** The state's name from the standard, coloured by its type. */
export function StatusTag({ name, type }: { name: string; type: StatusType }) {
  return (
    <Tag color={STATUS_TYPE_COLORS[type]} style={{ marginInlineEnd: 0 }} data-status-type={type}>
      {name}
    </Tag>
  );
}

/** 报修 / 投诉 / 咨询. */
export function KindTag({ kind }: { kind: WorkOrderKind }) {
  const { t } = useWoI18n();
  return (
    <Tag color={KIND_COLORS[kind]} style={{ marginInlineEnd: 0 }}>
      {t(`kind.${kind}`)}
    </Tag>
  );
}

/** The next due time of a list item in its SLA colour (nothing when no limit is running). */
export function DueTag({ item }: { item: Pick<WorkOrderListItem, 'slaPhase' | 'nextDue'> }) {
  if (!item.nextDue) return null;
  return <DueTime due={item.nextDue} phase={listItemPhase(item)} />;
}

/** One time limit of an order: while running, its due time read the one way; else its outcome. */
export function TimerTag({ timer }: { timer: WorkOrderTimer }) {
  const { t, tl } = useWoI18n();
  if (timer.status === 'running' && timer.due) return <DueTime due={timer.due} phase={timer.phase as SlaPhase} label={tl(timer.name)} />;
  const label = `${tl(timer.name)} · ${timer.status === 'paused' ? t('sla.paused') : t(`sla.status.${timer.status}`)}`;
  return (
    <Tag
      color={timer.status === 'breached' ? 'error' : 'default'}
      icon={<ClockCircleOutlined />}
      data-phase={timer.status}
      style={{ marginInlineEnd: 0, whiteSpace: 'normal' }}
    >
      {label}
    </Tag>
  );
}
