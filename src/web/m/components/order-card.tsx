import { Link } from 'react-router';
import type { OrderSummary } from '../api';
import { formatWallClock } from '../../../common/due';
import { usePrefs } from '../prefs';

const TONE: Record<string, string> = { open: 'blue', in_progress: 'blue', waiting: 'orange', completed: 'green', closed: 'grey', cancelled: 'grey' };

/**
 * The promise shown for an order: the booked visit, else the earliest time limit still running,
 * read on the community's clock like every other page ("明天 08:11").
 */
export function usePromiseText() {
  const { t, formatTime, prefs } = usePrefs();
  return (o: Pick<OrderSummary, 'appointmentAt' | 'nextDue' | 'preferredAt' | 'statusType'>): string | null => {
    if (o.statusType === 'closed' || o.statusType === 'cancelled') return null;
    if (o.appointmentAt) return t('req.appointment', { at: formatTime(o.appointmentAt) });
    if (o.nextDue) return t('req.promise', { at: formatWallClock(o.nextDue.at, new Date(), o.nextDue.timeZone, prefs.locale) });
    if (o.preferredAt) return t('req.preferred', { at: formatTime(o.preferredAt) });
    return null;
  };
}

/** One request in a list: what, where, its state in the standard's words and the promise. */
export function OrderCard({ order }: { order: OrderSummary }) {
  const { t, prefs, formatTime } = usePrefs();
  const promise = usePromiseText()(order);
  return (
    <Link className="card order-card" to={`/requests/${order.id}`}>
      <div className="order-head">
        <strong>
          {t(`kind.${order.kind}`)} · {order.categoryName?.[prefs.locale] ?? order.category}
        </strong>
        <span className={`badge badge-${TONE[order.statusType] ?? 'grey'}`}>{order.statusName[prefs.locale]}</span>
      </div>
      <p className="order-text">{order.description}</p>
      {promise && <p className="order-promise">{promise}</p>}
      <p className="muted small">
        {order.number} · {order.unit?.label ?? order.community.name} · {formatTime(order.createdAt)}
      </p>
    </Link>
  );
}
