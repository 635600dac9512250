import type { PatrolRound, PatrolRoundEvent, PatrolVisit } from '../../../common/patrol';
import type { WorkEventRow } from '../../work/timeline';
import type { Actor } from '../../db/scope';
import { systemTransitions, TERMINAL_STATE_TYPES, type ServiceStandard } from '../../standards/definition';
import { describeActions } from '../../work/action-contract';
import { patrolPolicy, roundRoles } from './policy';
import type { RoundRow, VisitRow } from './repository';

export function presentVisit(v: VisitRow): PatrolVisit {
  return {
    id: v.id,
    seq: v.seq,
    name: v.name,
    location: v.location,
    expectedAt: v.expectedAt.toISOString(),
    closesAt: v.closesAt.toISOString(),
    toleranceMinutes: v.toleranceMinutes,
    status: v.status,
    checkedAt: v.checkedAt?.toISOString() ?? null,
    checkedByName: v.checkedByName,
    method: v.method,
    note: v.note,
    photoId: v.photoId,
    workOrderId: v.workOrderId,
    incidentId: v.incidentId,
  };
}

export function countsOf(visits: VisitRow[]): PatrolRound['counts'] {
  const counts = { pending: 0, on_time: 0, early: 0, late: 0, missed: 0 };
  for (const v of visits) counts[v.status]++;
  return counts;
}

/** Whether the round is over (completed or closed with missed checkpoints). */
export function isOver(round: RoundRow): boolean {
  return TERMINAL_STATE_TYPES.includes(round.stateType);
}

/** Whether the actor may check in on the round now: a guard of its community, theirs to walk, not over. */
function mayCheckIn(actor: Actor, round: RoundRow): boolean {
  if (isOver(round) || !patrolPolicy.can(actor, 'walk', round)) return false;
  return !round.guardUserId || round.guardUserId === actor.userId;
}

/**
 * The steps of the round's pinned standard the actor may take now, with the records each asks
 * for (steps the system takes by itself, like the deadline's, are left out).
 */
export function roundSteps(actor: Actor, round: RoundRow, standard: ServiceStandard, pendingCount: number): PatrolRound['actions'] {
  const facts = { missed_count: round.missedCount + pendingCount, pending_count: pendingCount, due_at: round.dueAt.toISOString() };
  return describeActions({ standard, state: round.state, roles: roundRoles(actor, round), facts }, systemTransitions(standard));
}

/** A timeline entry of a round -> API shape. */
export function presentRoundEvent(e: WorkEventRow, standard: ServiceStandard): PatrolRoundEvent {
  return {
    id: e.id,
    at: e.at.toISOString(),
    // Rounds write only these three kinds (commands/lifecycle.ts, commands/check-in.ts).
    kind: e.kind as PatrolRoundEvent['kind'],
    action: e.action ?? e.kind,
    actionName: standard.transitions.find((t) => t.key === e.action)?.name ?? null,
    actor: e.actorName ? { userId: e.actorUserId, name: e.actorName } : null,
    fromState: e.fromState,
    toState: e.toState,
    automatic: e.automatic,
    data: e.data,
  };
}

/** A round without its timeline (lists and reports); the detail adds it. `actions` come from its pinned standard. */
export function presentRound(actor: Actor, round: RoundRow, visits: VisitRow[], standard: ServiceStandard): Omit<PatrolRound, 'timeline'> {
  const state = standard.states.find((s) => s.key === round.state);
  const counts = countsOf(visits);
  const actions = roundSteps(actor, round, standard, counts.pending);
  return {
    id: round.id,
    communityId: round.communityId,
    routeId: round.routeId,
    routeName: round.routeName,
    planId: round.planId,
    state: round.state,
    stateType: round.stateType,
    stateName: state?.name ?? { 'zh-CN': round.state, 'en-US': round.state },
    startsAt: round.startsAt.toISOString(),
    dueAt: round.dueAt.toISOString(),
    guardName: round.guardName,
    startedAt: round.startedAt?.toISOString() ?? null,
    finishedAt: round.finishedAt?.toISOString() ?? null,
    finishNote: round.finishNote,
    version: round.version,
    counts,
    visits: visits.map(presentVisit),
    allowedActions: [...(mayCheckIn(actor, round) ? ['checkIn'] : []), ...actions.map((a) => a.key)],
    actions,
  };
}
