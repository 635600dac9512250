import { eq } from 'drizzle-orm';
import { systemContext } from '../../auth/context';
import { breachTransition } from '../../standards/engine';
import { onTimerEvent } from '../standards';
import { applyAction } from './commands/take-action';
import { pinnedStandard } from './standard-cache';
import { recordEvent } from './record-event';
import { TIMER_SUBJECT } from './repository';
import { workOrders } from './tables';

/**
 * Puts warnings, breaches and escalations of an order's time limits on its timeline (staff only)
 * and takes a limit's `onBreach` step when it is breached.
 */
export function registerTimerEvents(): void {
  onTimerEvent(TIMER_SUBJECT, async (tx, timer, event, now) => {
    const [order] = await tx.select().from(workOrders).where(eq(workOrders.id, timer.subjectId));
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
    // A limit may name a step the system takes once it is breached (`onBreach`).
    if (event.key !== 'breach') return;
    const step = breachTransition((await pinnedStandard(tx, order.standardVersionId)).definition, order.state, timer.limitKey);
    if (step) await applyAction(tx, systemContext(order.organizationId), order, step, {}, now, { automatic: true });
  });
}
