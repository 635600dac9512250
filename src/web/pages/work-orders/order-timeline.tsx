import { Space, Tag, Timeline, Typography } from 'antd';
import type { TimelineEvent, WorkOrderDetail } from '../../../common/work-orders';
import type { RecordRequirement, StandardVersion } from '../../api/standards';
import { useWoI18n, type Localized, type WoI18n } from './use-wo-i18n';
import { formatDateTime, formatFen, PHASE_COLORS } from './work-order-format';

type Data = Record<string, unknown>;

function str(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value : null;
}

function isLocalized(value: unknown): value is Localized {
  return typeof value === 'object' && value !== null && 'zh-CN' in value;
}

/** Records shown elsewhere on the event: the channel is its "via"; an appointment has its own line. */
const SHOWN_ELSEWHERE = new Set(['channel']);
/** Record types that read as one line of text. */
const LINE_TYPES = new Set(['text', 'choice', 'datetime', 'date']);

/**
 * The other records of the step as the pinned standard names them ("暂停原因：等待配件"): a reason
 * or a date a company's standard asks for is read where it was recorded, whatever the step.
 */
function recordLines(event: TimelineEvent, standard: StandardVersion | undefined, shown: ReadonlySet<string>, { t, tl }: WoI18n): string[] {
  const transition = event.action ? standard?.definition.transitions.find((tr) => tr.key === event.action) : undefined;
  if (!transition) return [];
  const d = event.data as Data;
  const records = new Map<string, RecordRequirement>();
  for (const record of [...transition.records, ...(transition.outcomes ?? []).flatMap((o) => o.records)]) records.set(record.name, record);
  const lines: string[] = [];
  for (const record of records.values()) {
    if (shown.has(record.name) || SHOWN_ELSEWHERE.has(record.name) || record.appointment || !LINE_TYPES.has(record.type)) continue;
    const value = str(d[record.name]);
    if (!value) continue;
    const text =
      record.type === 'choice'
        ? tl(record.options?.find((o) => o.key === value)?.label ?? { 'zh-CN': value, 'en-US': value })
        : record.type === 'datetime'
          ? formatDateTime(value, t)
          : value;
    lines.push(t('timeline.record', { label: tl(record.label), text }));
  }
  return lines;
}

/** The lines worth reading of a step's recorded data, in the reader's language. */
function details(event: TimelineEvent, standard: StandardVersion | undefined, i18n: WoI18n): string[] {
  const { t, tl } = i18n;
  const d = event.data as Data;
  const lines: string[] = [];
  const assignee = d.assignee as { name?: string } | undefined;
  if (assignee?.name) lines.push(t('timeline.assignee', { name: assignee.name }));
  const appointment = d.appointment as { to?: string } | undefined;
  if (appointment?.to) lines.push(t('timeline.appointment', { at: formatDateTime(appointment.to, t) }));
  const labelled: [string, Parameters<WoI18n['t']>[0]][] = [
    ['diagnosis', 'timeline.diagnosis'],
    ['work_done', 'timeline.workDone'],
    ['reply', 'timeline.reply'],
    ['cause', 'timeline.cause'],
    ['resolution', 'timeline.resolution'],
    ['answer', 'timeline.answer'],
    ['department', 'timeline.department'],
    ['handover_note', 'timeline.handover'],
    ['reason', 'timeline.reason'],
    ['comment', 'timeline.comment'],
  ];
  for (const [key, label] of labelled) {
    // The handover note and the work done arrive as the same request field; show it once.
    if (key === 'handover_note' && event.action !== 'refer') continue;
    const value = str(d[key]);
    if (value) lines.push(t(label, { text: value }));
  }
  lines.push(...recordLines(event, standard, new Set(labelled.map(([key]) => key)), i18n));
  if (typeof d.amount === 'number') lines.push(t('timeline.amount', { amount: formatFen(d.amount) }));
  if (typeof d.satisfaction === 'number') lines.push(t('timeline.score', { score: d.satisfaction }));
  if (typeof d.satisfied === 'boolean') lines.push(d.satisfied ? t('visit.satisfied') : t('visit.notSatisfied'));
  if (typeof d.approved === 'boolean' && (event.action === 'consent' || event.action === 'confirm')) {
    lines.push(d.approved ? t('timeline.approved') : t('timeline.declined'));
  }
  if (Array.isArray(d.photoIds) && d.photoIds.length) lines.push(t('timeline.photos', { n: d.photoIds.length }));
  if (str(d.signatureId)) lines.push(t('timeline.signed'));
  if (event.kind === 'comment' && str(d.body)) lines.push(String(d.body));
  if (event.kind === 'created' && str(d.description)) lines.push(String(d.description));
  if (event.kind === 'linked') {
    const numbers = Array.isArray(d.numbers) ? d.numbers.join('、') : str(d.number);
    const relation = str(d.relation);
    if (numbers && relation) {
      const known = ['converted_to', 'converted_from', 'repeat_of', 'repeated_by'].includes(relation);
      lines.push(known ? t(`timeline.link.${relation}` as 'timeline.link.converted_to', { numbers }) : `${relation}: ${numbers}`);
    }
  }
  if (event.kind === 'timer') {
    const name = isLocalized(d.limitName) ? tl(d.limitName) : str(d.limitKey) ?? '';
    const key = d.event === 'breach' ? 'timeline.timerBreached' : d.event === 'warn' ? 'timeline.timerWarning' : 'timeline.timerEscalated';
    lines.push(t(key, { name }));
  }
  return lines;
}

/** Every step of the order, oldest first: who, when, what, through which channel, and for whom. */
export function OrderTimeline({ order, standard, stateName }: { order: WorkOrderDetail; standard?: StandardVersion; stateName: (key: string | null) => string }) {
  const i18n = useWoI18n();
  const { t, tl } = i18n;
  const title = (event: TimelineEvent) => {
    if (event.kind === 'created') return t('timeline.created');
    if (event.kind === 'comment') return event.visibility === 'owner' ? t('timeline.commentOwner') : t('timeline.commentInternal');
    if (event.kind === 'timer') return t('timeline.timer');
    if (event.kind === 'linked') return t('timeline.linked');
    return tl(event.actionName, event.action ?? '');
  };
  const color = (event: TimelineEvent) => {
    if (event.kind === 'timer') return (event.data as Data).event === 'warn' ? PHASE_COLORS.warning.border : PHASE_COLORS.breached.border;
    if (event.kind === 'comment') return 'gray';
    return 'blue';
  };
  return (
    <Timeline
      data-testid="timeline"
      items={order.timeline.map((event) => ({
        key: event.id,
        color: color(event),
        content: (
          <Space orientation="vertical" size={2} style={{ width: '100%' }}>
            <Space size={6} wrap>
              <Typography.Text strong>{title(event)}</Typography.Text>
              {event.kind === 'transition' && event.fromState !== event.toState && event.toState ? (
                <Typography.Text type="secondary">→ {event.toStateName ? tl(event.toStateName) : stateName(event.toState)}</Typography.Text>
              ) : null}
              {event.visibility === 'owner' ? <Tag color="green">{t('timeline.ownerVisible')}</Tag> : <Tag>{t('timeline.internal')}</Tag>}
            </Space>
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {formatDateTime(event.at, t)} · {event.automatic || !event.actor ? t('timeline.system') : event.actor.name}
              {event.channel ? ` · ${t('timeline.via', { channel: channelLabel(event.channel, t) })}` : ''}
            </Typography.Text>
            {details(event, standard, i18n).map((line, i) => (
              <Typography.Text key={i} style={{ whiteSpace: 'pre-wrap' }}>
                {line}
              </Typography.Text>
            ))}
          </Space>
        ),
      }))}
    />
  );
}

/** A channel's name (intake channels plus the console and the system). */
export function channelLabel(channel: string, t: WoI18n['t']): string {
  switch (channel) {
    case 'phone':
    case 'walk_in':
    case 'app':
    case 'wechat':
    case 'patrol':
    case 'inspection':
    case 'console':
    case 'system':
      return t(`channel.${channel}`);
    default:
      return channel;
  }
}
