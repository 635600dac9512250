import type { PatrolRound, PatrolRoundEvent, PatrolVisit } from '../../../common/patrol';
import type { WorkEventRow } from '../../work/timeline';
import type { Actor } from '../../db/scope';
import { TERMINAL_STATE_TYPES, type ServiceStandard } from '../../standards/definition';
import { patrolPolicy } from './policy';
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

/** What the actor may do on the round now. */
export function roundActions(actor: Actor, round: RoundRow): PatrolRound['allowedActions'] {
  if (isOver(round) || !patrolPolicy.can(actor, 'walk', round)) return [];
  if (round.guardUserId && round.guardUserId !== actor.userId) return [];
  return round.state === 'planned' ? ['checkIn'] : ['checkIn', 'finish'];
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

/** A round without its timeline (lists and reports); the detail adds it. */
export function presentRound(actor: Actor, round: RoundRow, visits: VisitRow[], standard: ServiceStandard): Omit<PatrolRound, 'timeline'> {
  const state = standard.states.find((s) => s.key === round.state);
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
    counts: countsOf(visits),
    visits: visits.map(presentVisit),
    allowedActions: roundActions(actor, round),
  };
}
