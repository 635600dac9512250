import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { checkInInputSchema, finishRoundSchema } from '../../../../common/patrol';
import type { RequestContext } from '../../../auth/context';
import type { Db, DbOrTx } from '../../../db/client';
import { AppError, fieldError, notFound } from '../../../errors';
import { t } from '../../../i18n/messages';
import { checkAttachments, linkToSubject } from '../../../work/attachment-links';
import { recordWorkEvent } from '../../../work/timeline';
import { recordAudit } from '../../audit';
import { createIncidentIn } from '../../incidents';
import { INCIDENT_TYPE_KEYS as INCIDENT_TYPES, type IncidentTypeKey as IncidentType } from '../../../../common/incidents';
import { notifyRoles } from '../../notifications';
import { communityById } from '../../registry';
import { createWorkOrderIn } from '../../work-orders';
import { patrolPolicy } from '../policy';
import { isOver } from '../presenter';
import { findRoute, findRound, visitsOf, ROUND_SUBJECT, type RoundRow, type VisitRow } from '../repository';
import { formatInstant } from '../schedule';
import { patrolVisits } from '../tables';
import { createRound, markMissed, transitionRound } from './lifecycle';
import { inTransaction } from '../../../db/transaction';

type CheckIn = z.output<typeof checkInInputSchema>;

/** Early, on time or late: by the tolerance around the expected time. */
export function visitResult(visit: Pick<VisitRow, 'expectedAt' | 'toleranceMinutes'>, at: Date): 'early' | 'on_time' | 'late' {
  const diff = at.getTime() - visit.expectedAt.getTime();
  const tol = visit.toleranceMinutes * 60_000;
  return diff < -tol ? 'early' : diff > tol ? 'late' : 'on_time';
}

async function zoneOf(tx: DbOrTx, communityId: string): Promise<string> {
  const c = await communityById(tx, communityId);
  return c!.timeZone;
}

/** The round for a walking guard: visible, theirs to walk, not over, not someone else's. */
async function walkableRound(tx: DbOrTx, ctx: RequestContext, id: string): Promise<RoundRow> {
  const round = await findRound(tx, ctx.actor, id, true);
  if (!round || !patrolPolicy.can(ctx.actor, 'read', round)) throw notFound('entity.patrolRound');
  patrolPolicy.assert(ctx.actor, 'walk', round);
  if (isOver(round)) throw new AppError('CONFLICT', 'error.roundClosed', { state: round.state === 'completed' ? { 'zh-CN': '已完成', 'en-US': 'completed' } : { 'zh-CN': '有漏检', 'en-US': 'checkpoints missed' } });
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
    const zone = await zoneOf(tx, round.communityId);
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

    const status = visitResult(visit, now);
    await tx
      .update(patrolVisits)
      .set({ status, checkedAt: now, checkedByUserId: ctx.actor.userId, checkedByName: ctx.actor.displayName, method: input.method, note: input.note ?? null, photoId: input.photoId ?? null, workOrderId, incidentId })
      .where(eq(patrolVisits.id, visit.id));
    if (round.state === 'planned') {
      round = await transitionRound(tx, round, 'start', ctx.actor.roles, now, { guardUserId: ctx.actor.userId, guardName: ctx.actor.displayName, startedAt: now }, ctx);
    }
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
    if (!visits.some((v) => v.id !== visit.id && v.status === 'pending')) {
      round = await transitionRound(tx, round, 'finish', ctx.actor.roles, now, {}, ctx);
    }
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

/**
 * Ends a round before every checkpoint was checked in: the rest are missed and reported, with the
 * guard's reason, to the project manager.
 */
export async function finishRound(db: Db, ctx: RequestContext, roundId: string, input: z.output<typeof finishRoundSchema>, now = new Date()): Promise<RoundRow> {
  return inTransaction(db, async (tx) => {
    const round = await walkableRound(tx, ctx, roundId);
    if (round.state !== 'on_patrol') throw new AppError('INVALID_TRANSITION', 'error.invalidTransition', { state: round.state, action: 'finish' });
    const visits = await visitsOf(tx, [round.id]);
    const pending = visits.filter((v) => v.status === 'pending');
    if (!pending.length) throw fieldError({ reason: { key: 'field.nothingMissed' } });
    const missed = await markMissed(tx, round, pending, ctx, now);
    const zone = await zoneOf(tx, round.communityId);
    await notifyRoles(tx, ['project_manager'], {
      organizationId: round.organizationId,
      communityId: round.communityId,
      kind: 'escalated',
      messageKey: 'notify.roundEndedEarly',
      params: { guard: ctx.actor.displayName, route: round.routeName, time: formatInstant(round.startsAt, zone), count: missed, reason: input.reason },
      entityType: ROUND_SUBJECT,
      entityId: round.id,
    });
    // The finish step writes the timeline entry and the audit record with the guard's reason.
    return transitionRound(tx, round, 'finish', ctx.actor.roles, now, { missedCount: round.missedCount + missed, finishNote: input.reason }, ctx);
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
