import type { z } from 'zod';
import { MAX_VISIT_DAYS, type passCreateSchema, type PassOrigin } from '../../../../common/gate';
import type { RequestContext } from '../../../auth/context';
import { hasRole } from '../../../auth/policy';
import type { DbOrTx } from '../../../db/client';
import { AppError, fieldError, type FieldProblem } from '../../../errors';
import { effectiveTimeLimits, type ServiceLevel } from '../../../standards/definition';
import { openWork } from '../../../standards/engine';
import { recordAudit } from '../../audit';
import { effectiveStandard } from '../../standards';
import { kindNumber } from '../../../work/subjects';
import { runStep } from '../../../work/take-step';
import { insertWithCode } from '../codes';
import { placeOf, residentOf, type Place } from '../place';
import { gateRoles } from '../policy';
import { passSubject, personOf } from '../step-kinds';
import { gatePasses, GATE_PASS_SUBJECT } from '../tables';
import { confirmationOf, intakeProblems, openedColumns, recordOpened } from './opened';

export type PassCreateBody = z.infer<typeof passCreateSchema>;
export type { PassRow } from '../step-kinds';
import type { PassRow } from '../step-kinds';

/** Engine record name -> request body field of the visitor standard. */
export const PASS_FIELDS: Record<string, string> = { host_confirmation: 'hostConfirmation', confirmed_by: 'confirmedBy', valid_until: 'validUntil', reason: 'reason' };

/** Extra facts and links of a pass issued for a decoration worker. */
export interface WorkerPassOptions {
  origin: 'decoration';
  decorationId: string;
  /** Fixed workers come and go during the whole period. */
  multiEntry: boolean;
}

/**
 * Registers a visitor (or a decoration worker) under the community's `visitor` standard: checks
 * the unit and the window, lets the standard decide who may register and which confirmation
 * must be recorded (walk-ins by the guard, registrations by the desk), issues the code and the
 * QR token, starts the validity timer with the window's end as its deadline, logs and audits.
 * A guard's walk-in may record the entry in the same transaction.
 */
export async function createPass(tx: DbOrTx, ctx: RequestContext, body: PassCreateBody, worker?: WorkerPassOptions, now = new Date()): Promise<PassRow> {
  const place = await placeOf(tx, ctx.actor, body.unitId);
  const pinned = await effectiveStandard(tx, 'visitor', place.organizationId, place.communityId);
  if (!pinned) throw new Error('no visitor standard');
  const standard = pinned.definition;
  const level = String(place.serviceLevel) as ServiceLevel;
  const problems: Record<string, FieldProblem> = {};

  const validFrom = body.validFrom ? new Date(body.validFrom) : now;
  const validity = effectiveTimeLimits(standard, level).find((l) => l.deadlineField === 'valid_until');
  const defaultMinutes = validity && 'minutes' in validity.duration ? validity.duration.minutes : 24 * 60;
  const validUntil = body.validUntil ? new Date(body.validUntil) : new Date(Math.max(validFrom.getTime(), now.getTime()) + defaultMinutes * 60_000);
  if (validUntil <= validFrom) problems.validUntil = { key: 'field.windowOrder' };
  else if (validUntil <= now) problems.validUntil = { key: 'field.windowOver' };
  else if (validUntil.getTime() - validFrom.getTime() > MAX_VISIT_DAYS * 86_400_000 && !worker) problems.validUntil = { key: 'field.windowTooLong', params: { days: MAX_VISIT_DAYS } };

  const roles = gateRoles(ctx.actor, { ...place, unitId: place.unitId });
  const facts = { origin: worker?.origin ?? originOf(ctx, body), multi_entry: worker?.multiEntry ?? false };
  const opened = openWork(
    { standard, level, roles, facts },
    { fields: { host_confirmation: body.hostConfirmation, confirmed_by: body.confirmedBy, valid_until: validUntil.toISOString() } },
  );
  if (!opened.ok) {
    if (opened.problems.some((p) => p.code === 'role_not_allowed')) throw new AppError('FORBIDDEN', 'error.forbidden');
    Object.assign(problems, intakeProblems(opened.problems, PASS_FIELDS));
  }
  if (Object.keys(problems).length || !opened.ok) throw fieldError(problems);

  const state = standard.states.find((s) => s.key === opened.to)!;
  const host = await residentOf(tx, ctx.actor);
  const by = personOf(ctx)!;
  const confirmation = confirmationOf(body.hostConfirmation, body.confirmedBy, now, by);
  // Numbered before the insert so a retried code keeps the same number.
  const number = await kindNumber(tx, 'gate_pass', { organizationId: place.organizationId, scopeId: place.communityId, period: 'day', timeZone: place.timeZone, at: now });
  const row = await insertWithCode(async (code, token) => {
    const [inserted] = await tx
      .insert(gatePasses)
      .values({
        ...openedColumns(place, code, token, pinned.id, state, now),
        number,
        facts,
        confirmation,
        validUntil,
        createdBy: by,
        origin: facts.origin,
        hostResidentId: host?.id ?? null,
        hostName: host?.name ?? body.confirmedBy ?? null,
        visitorName: body.visitorName,
        visitorPhone: body.visitorPhone ?? null,
        plate: body.plate ?? null,
        partySize: body.partySize,
        purpose: body.purpose ?? null,
        validFrom,
        decorationId: worker?.decorationId ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning();
    return inserted;
  });
  await recordOpened(
    tx,
    ctx,
    GATE_PASS_SUBJECT,
    { ...row, label: row.code },
    standard,
    opened,
    { origin: facts.origin, visitorName: row.visitorName, validFrom: validFrom.toISOString(), validUntil: validUntil.toISOString(), ...(confirmation ? { confirmation } : {}) },
    now,
  );
  await recordAudit(tx, ctx, {
    organizationId: row.organizationId,
    entityType: GATE_PASS_SUBJECT,
    entityId: row.id,
    action: 'create',
    after: { code: row.code, origin: row.origin, unitId: row.unitId, visitorName: row.visitorName, validFrom, validUntil, state: row.state },
  });
  if (body.enterNow) {
    // A walk-in enters at once: the standard's entry step (the one that `projects: entry`) from the first state, if it has one.
    const entry = standard.transitions.find((t) => t.projects === 'entry' && t.from.includes(row.state));
    if (entry) return runStep(tx, ctx, { kind: passSubject, row }, entry.key, {}, { now });
  }
  return row;
}

/** Residents pre-register; the guard registers walk-ins; the desk registers on a host's behalf. */
function originOf(ctx: RequestContext, body: PassCreateBody): PassOrigin {
  return hasRole(ctx.actor, 'guard') && !hasRole(ctx.actor, 'resident') && body.hostConfirmation ? 'walk_in' : 'pre_registered';
}

export type { Place };
