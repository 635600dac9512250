import type { z } from 'zod';
import type { decorationCreateSchema, workerCreateSchema } from '../../../../common/gate';
import type { RequestContext } from '../../../auth/context';
import { hasRole } from '../../../auth/policy';
import type { DbOrTx } from '../../../db/client';
import { AppError, fieldError, forbidden, type FieldProblem } from '../../../errors';
import type { ServiceLevel } from '../../../standards/definition';
import { openWork } from '../../../standards/engine';
import { localToInstant } from '../../../standards/time-zone';
import { checkAttachments, linkToSubject } from '../../../work/attachment-links';
import { recordWorkEvent } from '../../../work/timeline';
import { recordAudit } from '../../audit';
import { effectiveStandard } from '../../standards';
import { placeOf } from '../place';
import { gateRoles } from '../policy';
import { localToday } from '../presenter';
import { personOf, type DecorationRow } from '../step-kinds';
import { decorations, decorationWorkers } from '../tables';
import { createPass, type PassRow } from './create-pass';
import { intakeProblems, recordOpened } from './opened';

export type { DecorationRow };
export { localToday };

/** The instant a local date begins in a time zone. */
export function startOfLocalDate(date: string, timeZone: string): Date {
  return new Date(localToInstant(timeZone, Date.parse(`${date}T00:00:00Z`)));
}

/** The desk and managers register decorations; the guard registers temporary workers at the gate. */
function assertDesk(ctx: RequestContext): void {
  if (!hasRole(ctx.actor, 'service_desk', 'project_manager', 'company_admin') || hasRole(ctx.actor, 'platform_admin')) throw forbidden();
}

/**
 * Registers a unit's decoration (period, company, the person responsible on site) under the
 * community's `decoration` standard, which it pins: the standard says who may register it and
 * where it starts (awaiting approval in the shipped one).
 */
export async function createDecoration(tx: DbOrTx, ctx: RequestContext, body: z.infer<typeof decorationCreateSchema>, now = new Date()): Promise<DecorationRow> {
  assertDesk(ctx);
  const place = await placeOf(tx, ctx.actor, body.unitId);
  const problems: Record<string, FieldProblem> = {};
  if (body.endsOn < body.startsOn) problems.endsOn = { key: 'field.endBeforeStart' };
  else if (body.endsOn < localToday(place.timeZone, now)) problems.endsOn = { key: 'field.decorationPeriodOver' };
  const pinned = await effectiveStandard(tx, 'decoration', place.organizationId, place.communityId);
  if (!pinned) throw new Error('no decoration standard');
  const standard = pinned.definition;
  const opened = openWork({ standard, level: String(place.serviceLevel) as ServiceLevel, roles: gateRoles(ctx.actor, place), facts: {} }, {});
  if (!opened.ok) {
    if (opened.problems.some((p) => p.code === 'role_not_allowed')) throw forbidden();
    Object.assign(problems, intakeProblems(opened.problems, {}));
  }
  if (Object.keys(problems).length || !opened.ok) throw fieldError(problems);
  const state = standard.states.find((s) => s.key === opened.to)!;
  const [row] = await tx
    .insert(decorations)
    .values({
      standardVersionId: pinned.id,
      state: state.key,
      stateType: state.type,
      stateEnteredAt: now,
      updatedAt: now,
      organizationId: place.organizationId,
      communityId: place.communityId,
      unitId: place.unitId,
      unitLabel: place.unitLabel,
      company: body.company,
      responsibleName: body.responsibleName,
      responsiblePhone: body.responsiblePhone,
      startsOn: body.startsOn,
      endsOn: body.endsOn,
      note: body.note ?? null,
      createdBy: personOf(ctx)!,
      createdAt: now,
    })
    .returning();
  await recordAudit(tx, ctx, { organizationId: row!.organizationId, entityType: 'decoration', entityId: row!.id, action: 'create', after: { unitId: row!.unitId, company: row!.company, startsOn: row!.startsOn, endsOn: row!.endsOn } });
  await recordOpened(
    tx,
    ctx,
    'decoration',
    { ...row!, label: `${row!.unitLabel} ${row!.company}` },
    standard,
    opened,
    { company: row!.company, responsibleName: row!.responsibleName, startsOn: row!.startsOn, endsOn: row!.endsOn },
    now,
  );
  return row!;
}

/**
 * Registers a worker of a decoration and issues the worker's pass under the visitor standard:
 * a fixed worker (by the desk, after checking the duplicate certificate against the original;
 * the photo of the copy is archived) gets a pass for every entry until the period ends; a
 * temporary worker (by the guard or the desk, after verifying the person) gets a pass for this
 * visit, valid until the end of today at the latest. Nothing is issued once the period is over.
 */
export async function addWorker(tx: DbOrTx, ctx: RequestContext, decoration: DecorationRow, body: z.infer<typeof workerCreateSchema>, now = new Date()): Promise<PassRow> {
  const fixed = body.kind === 'fixed';
  if (fixed) assertDesk(ctx);
  else if (!hasRole(ctx.actor, 'guard', 'service_desk', 'project_manager', 'company_admin')) throw forbidden();
  const place = await placeOf(tx, ctx.actor, decoration.unitId);
  const today = localToday(place.timeZone, now);
  const problems: Record<string, FieldProblem> = {};
  // Workers come only while the registration runs: not once it is finished, rejected or cancelled.
  if (['completed', 'closed', 'cancelled'].includes(decoration.stateType)) throw new AppError('CONFLICT', 'gate.decorationNotRunning');
  if (decoration.cancelledAt || decoration.endsOn < today) throw fieldError({ kind: { key: 'field.decorationPeriodOver' } });
  if (fixed) {
    if (!body.certificateNumber) problems.certificateNumber = { key: 'field.certificateNeeded' };
    if (!body.certificatePhotoId) problems.certificatePhotoId = { key: 'field.certificateNeeded' };
    else Object.assign(problems, await checkAttachments(tx, ctx.actor, { ids: [body.certificatePhotoId], field: 'certificatePhotoId', kinds: ['photo'], single: true, ownUploadOnly: true }));
  } else if (!body.verification) problems.verification = { key: 'field.required' };
  if (Object.keys(problems).length) throw fieldError(problems);

  const periodEnd = startOfLocalDate(decoration.endsOn, place.timeZone).getTime() + 86_400_000;
  const startsAt = startOfLocalDate(decoration.startsOn, place.timeZone);
  const validFrom = fixed ? new Date(Math.max(startsAt.getTime(), now.getTime())) : now;
  const validUntil = fixed ? new Date(periodEnd) : new Date(Math.min(periodEnd, startOfLocalDate(today, place.timeZone).getTime() + 86_400_000));
  const pass = await createPass(
    tx,
    ctx,
    {
      unitId: decoration.unitId,
      visitorName: body.name,
      visitorPhone: body.phone,
      partySize: 1,
      purpose: decoration.company,
      validFrom: validFrom.toISOString(),
      validUntil: validUntil.toISOString(),
      // The registration itself is the owner's notice; its responsible person vouches for the worker.
      hostConfirmation: 'in_person',
      confirmedBy: decoration.responsibleName,
      enterNow: false,
    },
    { origin: 'decoration', decorationId: decoration.id, multiEntry: fixed },
    now,
  );
  const by = personOf(ctx)!;
  const [worker] = await tx
    .insert(decorationWorkers)
    .values({
      organizationId: decoration.organizationId,
      communityId: decoration.communityId,
      decorationId: decoration.id,
      name: body.name,
      phone: body.phone ?? null,
      kind: body.kind,
      certificateNumber: fixed ? body.certificateNumber! : null,
      certificateCheckedBy: fixed ? by : null,
      certificateCheckedAt: fixed ? now : null,
      certificatePhotoId: fixed ? body.certificatePhotoId! : null,
      verification: fixed ? null : body.verification!,
      passId: pass.id,
      createdAt: now,
    })
    .returning();
  const subject = { type: 'decoration' as const, id: decoration.id, organizationId: decoration.organizationId, communityId: decoration.communityId };
  // The certificate copy belongs to the decoration: whoever may read the decoration may see it.
  if (fixed) await linkToSubject(tx, subject, [body.certificatePhotoId!], 'certificate', now);
  await recordWorkEvent(tx, ctx, subject, {
    kind: 'step',
    action: 'add_worker',
    data: { workerId: worker!.id, name: worker!.name, kind: worker!.kind, passId: pass.id, ...(fixed ? { certificateNumber: worker!.certificateNumber, certificatePhotoId: body.certificatePhotoId } : { verification: worker!.verification }) },
    at: now,
  });
  await recordAudit(tx, ctx, { organizationId: decoration.organizationId, entityType: 'decoration', entityId: decoration.id, action: 'add_worker', after: { workerId: worker!.id, name: worker!.name, kind: worker!.kind, passId: pass.id } });
  return pass;
}
