import { and, eq, inArray } from 'drizzle-orm';
import type { Role } from '../../../../common/roles';
import { systemContext, type RequestContext } from '../../../auth/context';
import type { DbOrTx } from '../../../db/client';
import { recordWorkEvent } from '../../../work/timeline';
import { openSubject } from '../../../work/open-subject';
import { recordAudit } from '../../audit';
import { formatInstant } from '../schedule';
import { openWork } from '../../../standards/engine';
import { notifyRoles } from '../../notifications';
import { communityById, type Community } from '../../registry';
import { effectiveCalendar, effectiveStandard } from '../../standards';
import { ROUND_SUBJECT, type CheckpointRow, type RoundRow, type RouteRow, type VisitRow } from '../repository';
import { roundLabel } from '../round-step';
import { patrolRounds, patrolVisits } from '../tables';

export const PATROL_STANDARD = 'patrol_cctv';

/** The instant a checkpoint's window closes: twice its tolerance after the expected time. */
export function closesAt(expectedAt: Date, toleranceMinutes: number): Date {
  return new Date(expectedAt.getTime() + 2 * toleranceMinutes * 60_000);
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
  const extra = input.planId === null;
  await openSubject(tx, input.ctx ?? null, { type: ROUND_SUBJECT, id: round.id, organizationId: round.organizationId, communityId: round.communityId, label: roundLabel(round, community.timeZone), state: round.state }, {
    standard,
    timers: opened.timers,
    calendar: await effectiveCalendar(tx, community.id),
    clockFrom: startsAt,
    at: input.now ?? startsAt,
    data: { routeName: round.routeName, startsAt: startsAt.toISOString(), dueAt: dueAt.toISOString(), checkpoints: checkpoints.length, planId: input.planId, extra },
    audit: { routeName: round.routeName, startsAt: startsAt.toISOString(), checkpoints: checkpoints.length, extra },
  });
  return round;
}

/**
 * Marks still-pending visits missed and, on a round a guard is walking, tells the project manager
 * about each, once. A round nobody started is reported once, by its clock's breach, not once per
 * checkpoint. The timeline and the audit trail get one `missed` entry naming the checkpoints
 * (`ctx` null: the job found their windows closed). A step that ends the round marks what is left
 * itself (`roundSubject.write`). Returns how many were marked (the missed count rises by that many).
 */
export async function markMissed(tx: DbOrTx, round: RoundRow, visits: VisitRow[], ctx: RequestContext | null = null, now = new Date()): Promise<number> {
  const pending = visits.filter((v) => v.status === 'pending');
  if (!pending.length) return 0;
  const checkpoints = pending.map((v) => v.name);
  const subject = { type: ROUND_SUBJECT, id: round.id, organizationId: round.organizationId, communityId: round.communityId } as const;
  const missedCount = round.missedCount + pending.length;
  await recordWorkEvent(tx, ctx, subject, { kind: 'step', action: 'missed', visibility: 'internal', automatic: ctx === null, data: { checkpoints, visitIds: pending.map((v) => v.id), missedCount }, at: now });
  await recordAudit(tx, ctx ?? systemContext(round.organizationId), { organizationId: round.organizationId, entityType: ROUND_SUBJECT, entityId: round.id, action: 'missed', after: { checkpoints, missedCount } });

  // Nobody walks a round in an open state: its clock's breach reports it, once.
  if (round.stateType === 'open') {
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
