import { eq } from 'drizzle-orm';
import { systemContext } from '../../auth/context';
import type { DbOrTx } from '../../db/client';
import { onTimerEvent } from '../standards';
import type { TimerRow } from '../standards';
import { pinnedStandard } from '../work-orders';
import { takeStep } from './gate-work';
import { gatePasses, goodsSlips, GATE_PASS_SUBJECT, GOODS_SLIP_SUBJECT } from './tables';

/** The `onBreach` step of the timer's limit, when it leaves the row's current state. */
async function breachStep(tx: DbOrTx, timer: TimerRow, row: { standardVersionId: string; state: string }): Promise<string | null> {
  const standard = (await pinnedStandard(tx, row.standardVersionId)).definition;
  const step = standard.timeLimits.find((l) => l.key === timer.limitKey)?.onBreach;
  const transition = standard.transitions.find((t) => t.key === step);
  return transition?.from.includes(row.state) ? transition.key : null;
}

/**
 * Takes the standard's `onBreach` step when a validity timer runs out: an unused pass or slip
 * expires at the end of its window, inside the sweeper's transaction, logged as automatic.
 */
export function registerGateTimerEvents(): void {
  onTimerEvent(GATE_PASS_SUBJECT, async (tx, timer, event, now) => {
    if (event.key !== 'breach') return;
    const [pass] = await tx.select().from(gatePasses).where(eq(gatePasses.id, timer.subjectId)).for('update');
    const step = pass && (await breachStep(tx, timer, pass));
    if (!pass || !step) return;
    await takeStep(tx, systemContext(pass.organizationId), GATE_PASS_SUBJECT, pass, step, {}, {
      now,
      automatic: true,
      write: async (patch) => void (await tx.update(gatePasses).set(patch).where(eq(gatePasses.id, pass.id))),
    });
  });
  onTimerEvent(GOODS_SLIP_SUBJECT, async (tx, timer, event, now) => {
    if (event.key !== 'breach') return;
    const [slip] = await tx.select().from(goodsSlips).where(eq(goodsSlips.id, timer.subjectId)).for('update');
    const step = slip && (await breachStep(tx, timer, slip));
    if (!slip || !step) return;
    await takeStep(tx, systemContext(slip.organizationId), GOODS_SLIP_SUBJECT, slip, step, {}, {
      now,
      automatic: true,
      write: async (patch) => void (await tx.update(goodsSlips).set(patch).where(eq(goodsSlips.id, slip.id))),
    });
  });
}
