import type { DbOrTx } from '../../db/client';
import { localDateTime } from '../../http/xlsx';
import type { Actor } from '../../db/scope';
import { defineKind, registerKind } from '../../work/subjects';
import { markOverdueMissed } from './commands/job';
import { patrolPolicy } from './policy';
import { findRound, type RoundRow } from './repository';
import { roundForStep, roundSubject, type RoundStepRow } from './round-step';
import { patrolRounds } from './tables';

/**
 * Registers patrol rounds with the work kernel, once: read policy (their check-in photos are
 * linked to them), table, step kind (`roundSubject`, round-step.ts) and the named hook the
 * kernel runs before a breached limit's step: checkpoints whose window closed are marked missed.
 */
export function registerPatrolSubjects(): void {
  registerKind(
    defineKind<RoundStepRow, RoundRow>({
      type: 'patrol_round',
      label: { 'zh-CN': '巡更', 'en-US': 'Patrol round' },
      table: patrolRounds,
      step: roundSubject,
      stepRow: roundForStep,
      beforeBreach: markOverdueMissed,
      auditLabel: (row) => `${row.routeName} · ${localDateTime(row.startsAt)}`,
      async loadForRead(db: DbOrTx, actor: Actor, id: string) {
        const round = await findRound(db, actor, id);
        if (!round || !patrolPolicy.can(actor, 'read', round)) return null;
        return { organizationId: round.organizationId, communityId: round.communityId, label: round.routeName, ownerView: false };
      },
    }),
  );
}
