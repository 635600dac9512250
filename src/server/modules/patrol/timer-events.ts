import { and, eq, notInArray } from 'drizzle-orm';
import { onTimerEvent } from '../standards';
import { closeOverdue } from './commands/job';
import { ROUND_SUBJECT } from './repository';
import { patrolRounds } from './tables';

/**
 * When a round's time limit is breached, the sweeper (in its transaction) takes the step the
 * standard's limit names for it (`onBreach`): what is pending is missed and the round is closed,
 * logged as automatic. The patrol job does the same after a grace, should the sweeper not run.
 */
export function registerPatrolTimerEvents(): void {
  onTimerEvent(ROUND_SUBJECT, async (tx, timer, event, now) => {
    if (event.key !== 'breach') return;
    const [round] = await tx
      .select()
      .from(patrolRounds)
      .where(and(eq(patrolRounds.id, timer.subjectId), notInArray(patrolRounds.stateType, ['closed', 'cancelled'])))
      .for('update');
    if (round) await closeOverdue(tx, round, now, { passed: true, limitKey: timer.limitKey });
  });
}
