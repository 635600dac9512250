import { and, eq, notInArray } from 'drizzle-orm';
import { systemContext } from '../../auth/context';
import { breachTransition } from '../../standards/engine';
import { runStep } from '../../work/take-step';
import { onTimerEvent } from '../standards';
import { pinnedStandard } from '../work-orders';
import { inspectionSubject } from './inspection-step';
import { INSPECTION_SUBJECT } from './repository';
import { inspections } from './tables';

/**
 * When an inspection's window is breached, the sweeper (in its transaction) takes the step the
 * standard's limit names for it (`onBreach`, e.g. missed) as the system, so a missed inspection
 * is closed and counted exactly once however many processes sweep.
 */
export function registerQualityTimerEvents(): void {
  onTimerEvent(INSPECTION_SUBJECT, async (tx, timer, event, now) => {
    if (event.key !== 'breach') return;
    const [row] = await tx
      .select()
      .from(inspections)
      .where(and(eq(inspections.id, timer.subjectId), notInArray(inspections.stateType, ['closed', 'cancelled'])))
      .for('update');
    if (!row) return;
    const standard = (await pinnedStandard(tx, row.standardVersionId)).definition;
    const step = breachTransition(standard, row.state, timer.limitKey);
    if (step) await runStep(tx, systemContext(row.organizationId), { kind: inspectionSubject, row }, step, {}, { now, automatic: true });
  });
}
