import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { registrationSchema, unitRequestInputSchema } from '../../../../common/portal';
import type { RequestContext } from '../../../auth/context';
import { users } from '../../../auth/tables';
import type { Tx } from '../../../db/client';
import { AppError, fieldError, forbidden } from '../../../errors';
import { recordAudit } from '../../audit';
import { notifyRoles } from '../../notifications';
import { addPendingBinding, createPortalResident, currentBinding, requestableUnit, residentsWithPhone } from '../../registry';
import { phoneOfAccount } from '../accounts';
import { REVIEWER_ROLES } from '../policy';
import { pickableCommunities } from '../repository';
import { unitRequests } from '../tables';

type Registration = z.infer<typeof registrationSchema>;
type UnitRequestInput = z.infer<typeof unitRequestInputSchema>;

/**
 * Registers the signed-in person as a resident (first unit) or asks for a further unit. The
 * binding is created unapproved, so it grants nothing until the desk approves; the desk of the
 * community is notified. One transaction, audited.
 */
export async function requestUnit(tx: Tx, ctx: RequestContext, input: Registration | UnitRequestInput, register: boolean) {
  const [user] = await tx.select().from(users).where(eq(users.id, ctx.actor.userId)).for('update');
  if (!user) throw forbidden();
  if (register && user.residentId) throw new AppError('CONFLICT', 'error.alreadyRegistered');
  if (!register && (!user.residentId || !user.roles.includes('resident'))) throw forbidden();
  const unit = await requestableUnit(tx, input.unitId);
  if (!unit) throw fieldError({ unitId: { key: 'error.notFound', params: { entity: 'entity.unit' } } });
  if (user.organizationId && user.organizationId !== unit.organizationId) throw fieldError({ unitId: { key: 'field.otherOrganization' } });
  const pickable = await pickableCommunities(tx, ctx.actor);
  if (pickable.communityIds && !pickable.communityIds.includes(unit.communityId)) {
    throw fieldError({ unitId: { key: 'error.notFound', params: { entity: 'entity.unit' } } });
  }

  let residentId = user.residentId;
  let name = ctx.actor.displayName;
  if (register) {
    const phone = await phoneOfAccount(tx, user);
    if (!phone) throw forbidden();
    name = (input as Registration).name;
    const [existing] = await residentsWithPhone(tx, unit.organizationId, phone);
    if (existing) {
      residentId = existing.id;
      name = existing.name;
    } else {
      residentId = await createPortalResident(tx, { organizationId: unit.organizationId, name, phone });
      // Personal data stays out of the audit log: the name only.
      await recordAudit(tx, ctx, { organizationId: unit.organizationId, entityType: 'resident', entityId: residentId, action: 'create', after: { name, via: 'portal' } });
    }
    await tx
      .update(users)
      .set({ organizationId: unit.organizationId, residentId, roles: ['resident'], displayName: name, updatedAt: new Date() })
      .where(eq(users.id, user.id));
    await recordAudit(tx, ctx, {
      organizationId: unit.organizationId,
      entityType: 'user',
      entityId: user.id,
      action: 'update',
      before: { organizationId: user.organizationId, residentId: user.residentId, roles: user.roles },
      after: { organizationId: unit.organizationId, residentId, roles: ['resident'] },
    });
  }

  const bound = await currentBinding(tx, residentId!, unit.id);
  if (bound) throw fieldError({ unitId: { key: bound.approved ? 'field.unitAlreadyYours' : 'field.unitAlreadyRequested' } });

  const bindingId = await addPendingBinding(tx, { organizationId: unit.organizationId, communityId: unit.communityId, residentId: residentId!, unitId: unit.id, relation: input.relation });
  const [request] = await tx
    .insert(unitRequests)
    .values({
      organizationId: unit.organizationId,
      communityId: unit.communityId,
      residentId: residentId!,
      unitId: unit.id,
      bindingId,
      relation: input.relation,
      requestedByUserId: user.id,
    })
    .returning();
  await recordAudit(tx, ctx, {
    organizationId: unit.organizationId,
    entityType: 'unit_request',
    entityId: request!.id,
    action: 'create',
    after: { unitId: unit.id, relation: input.relation, status: 'pending' },
  });
  await notifyRoles(tx, REVIEWER_ROLES, {
    organizationId: unit.organizationId,
    communityId: unit.communityId,
    kind: 'unit_request',
    messageKey: 'notify.unitRequested',
    params: { name, unit: `${unit.community} ${unit.label}` },
    entityType: 'unit_request',
    entityId: request!.id,
  });
  return request!;
}
