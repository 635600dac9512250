import type { DbOrTx } from '../../db/client';
import type { Actor } from '../../db/scope';
import { registerSubject } from '../../work/subjects';
import { patrolPolicy } from './policy';
import { findRound } from './repository';
import { registerPatrolTimerEvents } from './timer-events';

/**
 * Registers patrol rounds with the work kernel (their check-in photos are linked to them) and their
 * timers' breach step with the sweeper. Their step kind for `runStep` is `roundSubject` (round-step.ts).
 */
export function registerPatrolSubjects(): void {
  registerPatrolTimerEvents();
  registerSubject({
    type: 'patrol_round',
    label: { 'zh-CN': '巡更', 'en-US': 'Patrol round' },
    async loadForRead(db: DbOrTx, actor: Actor, id: string) {
      const round = await findRound(db, actor, id);
      if (!round || !patrolPolicy.can(actor, 'read', round)) return null;
      return { organizationId: round.organizationId, communityId: round.communityId, label: round.routeName, ownerView: false };
    },
  });
}
