import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { checkInInputSchema } from '../../../../common/patrol';
import type { RequestContext } from '../../../auth/context';
import type { Db, DbOrTx } from '../../../db/client';
import { AppError, fieldError, notFound } from '../../../errors';
import { t } from '../../../i18n/messages';
import { checkAttachments, linkToSubject } from '../../../work/attachment-links';
import { recordWorkEvent } from '../../../work/timeline';
import { recordAudit } from '../../audit';
import { createIncidentIn } from '../../incidents';
import { INCIDENT_TYPE_KEYS as INCIDENT_TYPES, type IncidentTypeKey as IncidentType } from '../../../../common/incidents';
import { communityById } from '../../registry';
import { createWorkOrderIn } from '../../work-orders';
import { patrolPolicy } from '../policy';
import { isOver } from '../presenter';
import { findRoute, visitsOf, ROUND_SUBJECT, type RoundRow, type VisitRow } from '../repository';
import { roundSubject, takeTriggered, type RoundStepRow } from '../round-step';
import { formatInstant } from '../schedule';
import { patrolVisits } from '../tables';
import { createRound } from './lifecycle';
import { inTransaction } from '../../../db/transaction';

type CheckIn = z.output<typeof checkInInputSchema>;

/** Early, on time or late: by the tolerance around the expected time. */
export function visitResult(visit: Pick<VisitRow, 'expectedAt' | 'toleranceMinutes'>, at: Date): 'early' | 'on_time' | 'late' {
  const diff = at.getTime() - visit.expectedAt.getTime();
  const tol = visit.toleranceMinutes * 60_000;
  return diff < -tol ? 'early' : diff > tol ? 'late' : 'on_time';
}

/** The round for a walking guard: visible, theirs to walk, not over, not someone else's. */
async function walkableRound(tx: DbOrTx, ctx: RequestContext, id: string): Promise<RoundStepRow> {
  const round = await roundSubject.lock(tx, ctx.actor, id);
  if (!round) throw notFound('entity.patrolRound');
  patrolPolicy.assert(ctx.actor, 'walk', round);
  if (isOver(round)) {
    const state = (await roundSubject.standard(tx, round)).states.find((s) => s.key === round.state);
    throw new AppError('CONFLICT', 'error.roundClosed', { state: state?.name ?? round.state });
  }
  if (round.guardUserId && round.guardUserId !== ctx.actor.userId) throw new AppError('CONFLICT', 'error.roundTakenByOther', { name: round.guardName ?? '' });
  return round;
}

/**
 * Checks the guard in at the checkpoint whose tag was read: inside the round and the checkpoint's
 * window, once. The first check-in starts the round; the last one finishes it. A hazard found is
 * handed on in the same transaction as a repair work order (channel patrol) or an incident.
 */
export async function checkIn(db: Db, ctx: RequestContext, roundId: string, input: CheckIn, now = new Date()): Promise<RoundRow> {
  return inTransaction(db, async (tx) => {
    let round = await walkableRound(tx, ctx, roundId);
    const zone = round.timeZone;
    const visits = await visitsOf(tx, [round.id]);
    const tag = input.tagId.trim().toLowerCase();
    const visit = visits.find((v) => v.tagId.toLowerCase() === tag);
    if (!visit) throw fieldError({ tagId: { key: 'field.tagNotOnRound', params: { tag: input.tagId } } });
    if (now < round.startsAt) throw new AppError('CONFLICT', 'field.windowNotOpen', { at: formatInstant(round.startsAt, zone) });
    if (visit.status === 'missed' || (visit.status === 'pending' && now > visit.closesAt)) {
      throw new AppError('CONFLICT', 'field.windowClosed', { name: visit.name, at: formatInstant(visit.closesAt, zone) });
    }
    if (visit.status !== 'pending') throw new AppError('CONFLICT', 'field.alreadyCheckedIn', { name: visit.name, at: formatInstant(visit.checkedAt!, zone) });
    if (input.photoId) {
      const problems = await checkAttachments(tx, ctx.actor, { ids: [input.photoId], field: 'photoId', kinds: ['photo'], single: true });
      if (Object.keys(problems).length) throw fieldError(problems);
    }

    let workOrderId: string | null = null;
    let incidentId: string | null = null;
    if (input.hazard) {
      const description = t(ctx.locale, 'patrol.hazardFrom', { checkpoint: visit.name, description: input.hazard.description });
      if (input.hazard.action === 'repair') {
        const order = await createWorkOrderIn(tx, ctx, {
          kind: 'repair',
          communityId: round.communityId,
          channel: 'patrol',
          category: input.hazard.category ?? 'other',
          description,
          reporterName: ctx.actor.displayName.slice(0, 50),
          photoIds: input.photoId ? [input.photoId] : [],
        }).catch((err: unknown) => {
          // The order's own field names, as the check-in form names them.
          if (err instanceof AppError && err.fields) {
            const names: Record<string, string> = { category: 'hazard.category', photoIds: 'photoId', 'photoIds.0': 'photoId' };
            throw fieldError(Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [names[k] ?? k, v])));
          }
          throw err;
        });
        workOrderId = order.id;
      } else {
        const type = input.hazard.incidentType ?? 'other';
        if (!INCIDENT_TYPES.includes(type as IncidentType)) throw fieldError({ 'hazard.incidentType': { key: 'field.incidentType' } });
        const incident = await createIncidentIn(tx, ctx, {
          communityId: round.communityId,
          type: type as IncidentType,
          place: visit.location ? `${visit.name}（${visit.location}）` : visit.name,
          occurredAt: now.toISOString(),
          description,
        });
        incidentId = incident.id;
      }
    }

    // The first check-in takes the step the standard names for it (start) when it asks for nothing;
    // a start that asks for records is taken in its form first (`actions`).
    if (round.stateType === 'open') {
      const started = await takeTriggered(tx, ctx, round, 'first_check_in', now);
      if (!started) throw new AppError('CONFLICT', 'error.roundNotStarted', { state: (await roundSubject.standard(tx, round)).states.find((s) => s.key === round.state)?.name ?? round.state });
      round = started;
    }

    const status = visitResult(visit, now);
    await tx
      .update(patrolVisits)
      .set({ status, checkedAt: now, checkedByUserId: ctx.actor.userId, checkedByName: ctx.actor.displayName, method: input.method, note: input.note ?? null, photoId: input.photoId ?? null, workOrderId, incidentId })
      .where(eq(patrolVisits.id, visit.id));
    const subject = { type: ROUND_SUBJECT as typeof ROUND_SUBJECT, id: round.id, organizationId: round.organizationId, communityId: round.communityId };
    // The photo belongs to the round (and, for a repair, to the order too): readers of either see it.
    if (input.photoId) await linkToSubject(tx, subject, [input.photoId], 'checkpoint', now);
    await recordWorkEvent(tx, ctx, subject, {
      kind: 'step',
      action: 'check_in',
      visibility: 'internal',
      data: { checkpoint: visit.name, visitId: visit.id, status, method: input.method, note: input.note ?? null, photoId: input.photoId ?? null, workOrderId, incidentId },
      at: now,
    });
    round = { ...round, pendingCount: round.pendingCount - 1 };
    // The check-in that leaves nothing pending takes the step the standard names for it (finish).
    if (round.pendingCount === 0) round = (await takeTriggered(tx, ctx, round, 'all_checked_in', now)) ?? round;
    await recordAudit(tx, ctx, {
      organizationId: round.organizationId,
      entityType: ROUND_SUBJECT,
      entityId: round.id,
      action: 'check_in',
      after: { checkpoint: visit.name, status, method: input.method, workOrderId, incidentId, state: round.state },
    });
    return round;
  });
}

/** A guard's extra round of a route, starting now (e.g. after an alarm). */
export async function startExtraRound(db: Db, ctx: RequestContext, routeId: string, now = new Date()): Promise<RoundRow> {
  return inTransaction(db, async (tx) => {
    const found = await findRoute(tx, ctx.actor, routeId);
    if (!found) throw notFound('entity.patrolRoute');
    patrolPolicy.assert(ctx.actor, 'walk', found.route);
    if (!found.checkpoints.length) throw new AppError('CONFLICT', 'error.routeEmpty');
    const community = await communityById(tx, found.route.communityId);
    // createRound writes the opening on the timeline and in the audit trail, as the guard.
    const round = await createRound(tx, { community: community!, route: found.route, checkpoints: found.checkpoints, planId: null, startsAt: now, roles: ctx.actor.roles, ctx, now });
    if (!round) throw new AppError('FORBIDDEN', 'error.forbidden');
    return round;
  });
}
