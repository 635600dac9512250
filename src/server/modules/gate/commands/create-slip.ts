import type { z } from 'zod';
import type { slipCreateSchema } from '../../../../common/gate';
import type { RequestContext } from '../../../auth/context';
import type { DbOrTx } from '../../../db/client';
import { AppError, fieldError } from '../../../errors';
import { effectiveTimeLimits, type ServiceLevel } from '../../../standards/definition';
import { openWork } from '../../../standards/engine';
import { recordAudit } from '../../audit';
import { effectiveStandard } from '../../standards';
import { kindNumber } from '../../../work/subjects';
import { insertWithCode } from '../codes';
import { personOf } from '../step-kinds';
import { confirmationOf, intakeProblems, openedColumns, recordOpened } from './opened';
import { placeOf, residentOf } from '../place';
import { gateRoles } from '../policy';
import { goodsSlips, GOODS_SLIP_SUBJECT } from '../tables';

export type SlipCreateBody = z.infer<typeof slipCreateSchema>;
export type { SlipRow } from '../step-kinds';
import type { SlipRow } from '../step-kinds';

const FIELDS: Record<string, string> = { owner_confirmation: 'ownerConfirmation', confirmed_by: 'confirmedBy' };

/**
 * Issues a goods-release slip under the community's `goods_release` standard: the owner for
 * their own unit, or the desk after confirming with the owner (the standard names the records:
 * how and by whom it was confirmed). The slip is valid for the standard's validity limit.
 */
export async function createSlip(tx: DbOrTx, ctx: RequestContext, body: SlipCreateBody, now = new Date()): Promise<SlipRow> {
  const place = await placeOf(tx, ctx.actor, body.unitId);
  const pinned = await effectiveStandard(tx, 'goods_release', place.organizationId, place.communityId);
  if (!pinned) throw new Error('no goods_release standard');
  const standard = pinned.definition;
  const level = String(place.serviceLevel) as ServiceLevel;
  const roles = gateRoles(ctx.actor, place);
  const opened = openWork({ standard, level, roles, facts: {} }, { fields: { owner_confirmation: body.ownerConfirmation, confirmed_by: body.confirmedBy } });
  if (!opened.ok) {
    if (opened.problems.some((p) => p.code === 'role_not_allowed')) throw new AppError('FORBIDDEN', 'error.forbidden');
    throw fieldError(intakeProblems(opened.problems, FIELDS));
  }
  const validity = effectiveTimeLimits(standard, level).find((l) => l.onBreach !== undefined) ?? effectiveTimeLimits(standard, level)[0];
  const minutes = validity && 'minutes' in validity.duration ? validity.duration.minutes : 24 * 60;
  const validUntil = new Date(now.getTime() + minutes * 60_000);
  const state = standard.states.find((s) => s.key === opened.to)!;
  const issuer = await residentOf(tx, ctx.actor);
  const by = personOf(ctx)!;
  const confirmation = confirmationOf(body.ownerConfirmation, body.confirmedBy, now, by);
  // Numbered before the insert so a retried code keeps the same number.
  const number = await kindNumber(tx, 'goods_slip', { organizationId: place.organizationId, scopeId: place.communityId, period: 'day', timeZone: place.timeZone, at: now });
  const row = await insertWithCode(async (code, token) => {
    const [inserted] = await tx
      .insert(goodsSlips)
      .values({
        ...openedColumns(place, code, token, pinned.id, state, now),
        number,
        facts: {},
        confirmation,
        validUntil,
        createdBy: by,
        issuerResidentId: issuer?.id ?? null,
        items: body.items.map((i) => ({ name: i.name, quantity: i.quantity, note: i.note ?? null })),
        carrierName: body.carrierName,
        carrierPhone: body.carrierPhone ?? null,
        plate: body.plate ?? null,
        note: body.note ?? null,
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
    GOODS_SLIP_SUBJECT,
    { ...row, label: row.code },
    standard,
    opened,
    { items: row.items.length, carrierName: row.carrierName, validUntil: validUntil.toISOString(), ...(confirmation ? { confirmation } : {}) },
    now,
  );
  await recordAudit(tx, ctx, {
    organizationId: row.organizationId,
    entityType: GOODS_SLIP_SUBJECT,
    entityId: row.id,
    action: 'create',
    after: { code: row.code, unitId: row.unitId, items: row.items, carrierName: row.carrierName, validUntil, state: row.state },
  });
  return row;
}
