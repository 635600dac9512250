import { and, eq, inArray } from 'drizzle-orm';
import type { Role } from '../../../../common/roles';
import type { DbOrTx } from '../../../db/client';
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
 * Makes one round of a route: the visits with their windows, the round pinned to the community's
 * patrol standard, its clock running from the start to the close of the last window. A planned
 * round that already exists (same plan and start) is left alone and null is returned, so the
 * generator is idempotent however many processes run it.
 */
export async function createRound(
  tx: DbOrTx,
  input: { community: Community; route: RouteRow; checkpoints: CheckpointRow[]; planId: string | null; startsAt: Date; roles: Role[] },
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
  return round;
}

/**
 * Takes a step of the round's standard (start, finish, expire) as `roles`, with the round's
 * missed count as the fact outcomes look at; moves its clock and returns the updated round.
 */
export async function transitionRound(tx: DbOrTx, round: RoundRow, key: string, roles: Role[], now: Date, extra: Partial<RoundRow> = {}): Promise<RoundRow> {
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
  return updated!;
}

/**
 * Marks still-pending visits missed and, on a round a guard is walking, tells the project manager
 * about each, once. A round nobody started is reported once, by its clock's breach, not once per
 * checkpoint. Returns how many were marked (the round's missed count is raised by that many).
 */
export async function markMissed(tx: DbOrTx, round: RoundRow, visits: VisitRow[]): Promise<number> {
  const pending = visits.filter((v) => v.status === 'pending');
  if (!pending.length) return 0;
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
