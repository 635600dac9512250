import { eq } from 'drizzle-orm';
import { onTimerEvent } from '../standards/sweeper';
import { recordEvent } from './record-event';
import { TIMER_SUBJECT } from './repository';
import { workOrders } from './tables';

/** Puts warnings, breaches and escalations of an order's time limits on its timeline (staff only). */
export function registerTimerEvents(): void {
  onTimerEvent(TIMER_SUBJECT, async (tx, timer, event, now) => {
    const [order] = await tx.select({ id: workOrders.id, organizationId: workOrders.organizationId }).from(workOrders).where(eq(workOrders.id, timer.subjectId));
    if (!order) return;
    await recordEvent(tx, null, order, {
      kind: 'timer',
      action: event.key,
      channel: 'system',
      visibility: 'internal',
      automatic: true,
      data: { limitKey: timer.limitKey, limitName: timer.limitName, event: event.key, notified: event.notify, dueAt: timer.dueAt?.toISOString() ?? null },
      at: now,
    });
  });
}
