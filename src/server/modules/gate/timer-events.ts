import { eq } from 'drizzle-orm';
import { systemContext } from '../../auth/context';
import type { DbOrTx } from '../../db/client';
import { breachTransition } from '../../standards/engine';
import { runStep, type SubjectKind } from '../../work/take-step';
import { onTimerEvent } from '../standards';
import type { TimerRow } from '../standards';
import { pinnedStandard } from '../work-orders';
import { passSubject, slipSubject } from './step-kinds';
import { gatePasses, goodsSlips, GATE_PASS_SUBJECT, GOODS_SLIP_SUBJECT } from './tables';

/** The `onBreach` step of the timer's limit, when it leaves the row's current state. */
async function breachStep(tx: DbOrTx, timer: TimerRow, row: { standardVersionId: string; state: string }): Promise<string | null> {
  return breachTransition((await pinnedStandard(tx, row.standardVersionId)).definition, row.state, timer.limitKey);
}

/** Takes the breach step of a locked row through `runStep`, as the system. */
async function breach<Row extends { organizationId: string; standardVersionId: string; state: string }>(tx: DbOrTx, kind: SubjectKind<Row>, timer: TimerRow, row: Row | undefined, now: Date) {
  const step = row && (await breachStep(tx, timer, row));
  if (!row || !step) return;
  await runStep(tx, systemContext(row.organizationId), { kind, row }, step, {}, { now, automatic: true });
}

/**
 * Takes the standard's `onBreach` step when a validity timer runs out: an unused pass or slip
 * expires at the end of its window, inside the sweeper's transaction, logged as automatic.
 */
export function registerGateTimerEvents(): void {
  onTimerEvent(GATE_PASS_SUBJECT, async (tx, timer, event, now) => {
    if (event.key !== 'breach') return;
    const [pass] = await tx.select().from(gatePasses).where(eq(gatePasses.id, timer.subjectId)).for('update');
    await breach(tx, passSubject, timer, pass, now);
  });
  onTimerEvent(GOODS_SLIP_SUBJECT, async (tx, timer, event, now) => {
    if (event.key !== 'breach') return;
    const [slip] = await tx.select().from(goodsSlips).where(eq(goodsSlips.id, timer.subjectId)).for('update');
    await breach(tx, slipSubject, timer, slip, now);
  });
}
