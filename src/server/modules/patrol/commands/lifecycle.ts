import { and, eq, inArray } from 'drizzle-orm';
import type { Role } from '../../../../common/roles';
import { systemContext, type RequestContext } from '../../../auth/context';
import type { DbOrTx } from '../../../db/client';
import { recordWorkEvent, type WorkEventInput } from '../../../work/timeline';
import { recordAudit } from '../../audit';
import { formatInstant } from '../schedule';
import { applyTransition, openWork } from '../../../standards/engine';
import { notifyRoles } from '../../notifications';
import { communityById, type Community } from '../../registry';
import { effectiveCalendar, effectiveStandard, applyTimerActions, snapshots, timersOf } from '../../standards';
import { pinnedStandard } from '../../work-orders';
import { ROUND_SUBJECT, type CheckpointRow, type RoundRow, type RouteRow, type VisitRow } from '../repository';
import { patrolRounds, patrolVisits } from '../tables';

export const PATROL_STANDARD = 'patrol_cctv';


/** The instant a checkpoint's window closes: twice its tolerance after the expected time. */
export function closesAt(expectedAt: Date, toleranceMinutes: number): Date {
  return new Date(expectedAt.getTime() + 2 * toleranceMinutes * 60_000);
}

/** The label of a round in messages: route and local start time. */
export function roundLabel(round: { routeName: string; startsAt: Date }, timeZone: string): string {
  return `${round.routeName} ${formatInstant(round.startsAt, timeZone)}`;
}

/**
 * Writes a step of a round on its timeline and in the audit trail, in the step's transaction.
 * `ctx` null is the patrol job (plans, closed windows, deadlines): automatic, audited as the system.
 */
async function logRound(
  tx: DbOrTx,
  ctx: RequestContext | null,
  round: Pick<RoundRow, 'id' | 'organizationId' | 'communityId'>,
  event: WorkEventInput & { action: string },
  audit: Record<string, unknown>,
): Promise<void> {
  await recordWorkEvent(tx, ctx, { type: ROUND_SUBJECT, id: round.id, organizationId: round.organizationId, communityId: round.communityId }, {
    visibility: 'internal',
    automatic: ctx === null,
    ...event,
  });
  await recordAudit(tx, ctx ?? systemContext(round.organizationId), { organizationId: round.organizationId, entityType: ROUND_SUBJECT, entityId: round.id, action: event.action, after: audit });
}

/**
 * Makes one round of a route: the visits with their windows, the round pinned to the community's
 * patrol standard, its clock running from the start to the close of the last window. A planned
 * round that already exists (same plan and start) is left alone and null is returned, so the
 * generator is idempotent however many processes run it.
 */
export async function createRound(
  tx: DbOrTx,
  input: { community: Community; route: RouteRow; checkpoints: CheckpointRow[]; planId: string | null; startsAt: Date; roles: Role[]; ctx?: RequestContext | null; now?: Date },
): Promise<RoundRow | null> {
  const { community, route, checkpoints, startsAt } = input;
  const pinned = await effectiveStandard(tx, PATROL_STANDARD, community.organizationId, community.id);
  if (!pinned) throw new Error('no patrol standard');
  const standard = pinned.definition;
  const windows = checkpoints.map((c) => {
    const expectedAt = new Date(startsAt.getTime() + c.offsetMinutes * 60_000);
    return { c, expectedAt, closesAt: closesAt(expectedAt, c.toleranceMinutes) };
  });
  const dueAt = new Date(Math.max(...windows.map((w) => w.closesAt.getTime())));
  const level = String(community.serviceLevel) as '1' | '2' | '3';
  const opened = openWork({ standard, level, roles: input.roles, facts: {} }, { fields: { due_at: dueAt.toISOString() } });
  if (!opened.ok) return null;
  const state = standard.states.find((s) => s.key === opened.to)!;
  const [round] = await tx
    .insert(patrolRounds)
    .values({
      organizationId: community.organizationId,
      communityId: community.id,
      routeId: route.id,
      planId: input.planId,
      routeName: route.name,
      standardVersionId: pinned.id,
      state: state.key,
      stateType: state.type,
      startsAt,
      dueAt,
    })
    .onConflictDoNothing()
    .returning();
  if (!round) return null;
  await tx.insert(patrolVisits).values(
    windows.map(({ c, expectedAt, closesAt: closes }) => ({
      organizationId: community.organizationId,
      communityId: community.id,
      roundId: round.id,
      checkpointId: c.id,
      seq: c.seq,
      name: c.name,
      tagId: c.tagId,
      location: c.location,
      expectedAt,
      toleranceMinutes: c.toleranceMinutes,
      closesAt: closes,
    })),
  );
  const calendar = await effectiveCalendar(tx, community.id);
  const subject = { type: ROUND_SUBJECT, id: round.id, organizationId: round.organizationId, communityId: round.communityId, label: roundLabel(round, community.timeZone) };
  await applyTimerActions(tx, subject, standard, opened.timers, calendar, startsAt);
  const extra = input.planId === null;
  await logRound(
    tx,
    input.ctx ?? null,
    round,
    { kind: 'created', action: 'created', toState: round.state, data: { routeName: round.routeName, startsAt: startsAt.toISOString(), dueAt: dueAt.toISOString(), checkpoints: checkpoints.length, planId: input.planId, extra }, at: input.now ?? startsAt },
    { routeName: round.routeName, startsAt: startsAt.toISOString(), checkpoints: checkpoints.length, extra },
  );
  return round;
}

/**
 * Takes a step of the round's standard (start, finish, expire) as `roles`, with the round's
 * missed count as the fact outcomes look at; moves its clock, writes the step on the timeline and
 * in the audit trail (`ctx` null: the patrol job) and returns the updated round.
 */
export async function transitionRound(
  tx: DbOrTx,
  round: RoundRow,
  key: string,
  roles: Role[],
  now: Date,
  extra: Partial<RoundRow> = {},
  ctx: RequestContext | null = null,
): Promise<RoundRow> {
  const standard = (await pinnedStandard(tx, round.standardVersionId)).definition;
  const community = await communityById(tx, round.communityId);
  const missedCount = extra.missedCount ?? round.missedCount;
  const result = applyTransition(
    { standard, level: String(community!.serviceLevel) as '1' | '2' | '3', state: round.state, roles, facts: { missed_count: missedCount }, timers: snapshots(await timersOf(tx, ROUND_SUBJECT, round.id)) },
    key,
  );
  if (!result.ok) throw new Error(`patrol round ${round.id}: ${key} refused: ${JSON.stringify(result.problems)}`);
  const target = standard.states.find((s) => s.key === result.to)!;
  const calendar = await effectiveCalendar(tx, round.communityId);
  const subject = { type: ROUND_SUBJECT, id: round.id, organizationId: round.organizationId, communityId: round.communityId, label: roundLabel(round, community!.timeZone) };
  await applyTimerActions(tx, subject, standard, result.timers, calendar, now);
  const over = target.type === 'closed' || target.type === 'cancelled';
  const [updated] = await tx
    .update(patrolRounds)
    .set({ ...extra, state: target.key, stateType: target.type, ...(over ? { finishedAt: now } : {}) })
    .where(eq(patrolRounds.id, round.id))
    .returning();
  await logRound(
    tx,
    ctx,
    round,
    { kind: 'transition', action: key, fromState: round.state, toState: target.key, data: { missedCount, ...(extra.finishNote ? { reason: extra.finishNote } : {}) }, at: now },
    { from: round.state, to: target.key, missedCount, ...(extra.finishNote ? { reason: extra.finishNote } : {}) },
  );
  return updated!;
}

/**
 * Marks still-pending visits missed and, on a round a guard is walking, tells the project manager
 * about each, once. A round nobody started is reported once, by its clock's breach, not once per
 * checkpoint. The timeline and the audit trail get one entry naming the checkpoints (`ctx` null:
 * the job found their windows closed; else the guard ended the round early). Returns how many
 * were marked (the round's missed count is raised by that many).
 */
export async function markMissed(tx: DbOrTx, round: RoundRow, visits: VisitRow[], ctx: RequestContext | null = null, now = new Date()): Promise<number> {
  const pending = visits.filter((v) => v.status === 'pending');
  if (!pending.length) return 0;
  const checkpoints = pending.map((v) => v.name);
  await logRound(
    tx,
    ctx,
    round,
    { kind: 'step', action: 'missed', data: { checkpoints, visitIds: pending.map((v) => v.id), missedCount: round.missedCount + pending.length }, at: now },
    { checkpoints, missedCount: round.missedCount + pending.length },
  );
  if (round.state === 'planned') {
    await tx.update(patrolVisits).set({ status: 'missed' }).where(and(inArray(patrolVisits.id, pending.map((v) => v.id)), eq(patrolVisits.status, 'pending')));
    await tx.update(patrolRounds).set({ missedCount: round.missedCount + pending.length }).where(eq(patrolRounds.id, round.id));
    return pending.length;
  }
  const community = await communityById(tx, round.communityId);
  for (const v of pending) {
    await tx.update(patrolVisits).set({ status: 'missed' }).where(and(eq(patrolVisits.id, v.id), eq(patrolVisits.status, 'pending')));
    await notifyRoles(tx, ['project_manager'], {
      organizationId: round.organizationId,
      communityId: round.communityId,
      kind: 'breached',
      messageKey: 'notify.checkpointMissed',
      params: { route: round.routeName, time: formatInstant(round.startsAt, community!.timeZone), checkpoint: v.name },
      entityType: ROUND_SUBJECT,
      entityId: round.id,
      dedupeKey: `patrol-visit:${v.id}:missed`,
    });
  }
  await tx.update(patrolRounds).set({ missedCount: round.missedCount + pending.length }).where(eq(patrolRounds.id, round.id));
  return pending.length;
}
