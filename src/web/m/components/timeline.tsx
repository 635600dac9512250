import type { WorkOrderDetail } from '../api';
import type { TextKey } from '../i18n';
import { usePrefs } from '../prefs';

type Event = WorkOrderDetail['timeline'][number];
type T = (key: TextKey, params?: Record<string, string | number>) => string;

/** One step in plain words: a title (the state it led to, in the standard's words) and its details. */
function describe(e: Event, order: WorkOrderDetail, t: T, locale: 'zh-CN' | 'en-US', formatTime: (iso: string) => string): { title: string; lines: string[] } | null {
  const d = e.data as Record<string, unknown>;
  const lines: string[] = [];
  const str = (v: unknown) => (typeof v === 'string' && v ? v : null);
  if (e.kind === 'created') {
    const kind = t(`kind.${order.kind}`);
    if (str(d.preferredAt)) lines.push(t('req.preferred', { at: formatTime(d.preferredAt as string) }));
    return { title: t(e.channel === 'app' ? 'step.created' : 'step.createdByDesk', { kind }), lines };
  }
  if (e.kind === 'comment') {
    const body = str(d.body);
    return body ? { title: e.actor?.name ?? '', lines: [e.channel === 'app' ? body : t('step.message', { text: body })] } : null;
  }
  if (e.kind !== 'transition') return null;
  const sameState = e.fromState === e.toState;
  const title = (!sameState && e.toStateName?.[locale]) || e.actionName?.[locale] || e.action || '';
  const assignee = d.assignee as { name?: string } | undefined;
  if (assignee?.name) lines.push(t('step.assignee', { name: assignee.name }));
  const appointment = d.appointment as { to?: string } | undefined;
  if (appointment?.to) lines.push(t('step.appointment', { at: formatTime(appointment.to) }));
  const quote = d.quote as { totalAmount?: number } | undefined;
  if (typeof quote?.totalAmount === 'number') lines.push(t('step.quote', { amount: (quote.totalAmount / 100).toFixed(2) }));
  if (str(d.work_done)) lines.push(t('step.note', { note: d.work_done as string }));
  if (str(d.reason)) lines.push(t('step.reason', { reason: d.reason as string }));
  if (typeof d.satisfaction === 'number') lines.push(t('step.score', { score: d.satisfaction }));
  if (e.automatic) lines.push(t('step.automatic'));
  else if (e.channel === 'app' && e.actionName) lines.push(t('step.byYou', { action: e.actionName[locale] }));
  else if (e.actor?.name) lines.push(t('step.by', { name: e.actor.name }));
  return { title, lines };
}

/** The order's progress for its owner, newest first. */
export function Timeline({ order }: { order: WorkOrderDetail }) {
  const { t, prefs, formatTime } = usePrefs();
  const steps = order.timeline
    .map((e) => ({ e, text: describe(e, order, t, prefs.locale, formatTime) }))
    .filter((s): s is { e: Event; text: { title: string; lines: string[] } } => s.text !== null)
    .reverse();
  return (
    <ol className="timeline">
      {steps.map(({ e, text }, i) => (
        <li key={e.id} className={i === 0 ? 'timeline-now' : ''}>
          <time dateTime={e.at}>{formatTime(e.at)}</time>
          <strong>{text.title}</strong>
          {text.lines.map((line) => (
            <p key={line}>{line}</p>
          ))}
        </li>
      ))}
    </ol>
  );
}
