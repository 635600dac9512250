import type { Tx } from '../../../db/client';
import type { RequestContext } from '../../../auth/context';
import { residentInputSchema, type ResidentInput } from '../../../../common/registry';
import { withUniqueFields } from '../../../db/errors';
import { fieldError } from '../../../errors';
import { residents, residentUnits } from '../tables';
import { resolveBindingUnits } from './resident-bindings';
import { assertPhoneFree, auditChange } from './shared';

/**
 * Registers a resident and binds them to units the actor may manage. Staff other than company
 * admins must bind at least one unit: a resident without a unit would be outside their scope.
 */
export async function createResident(tx: Tx, ctx: RequestContext, organizationId: string, raw: ResidentInput) {
  const input = residentInputSchema.parse(raw);
  if (!input.units.length && ctx.actor.communityIds !== 'all') throw fieldError({ units: { key: 'field.required' } });
  const byId = await resolveBindingUnits(
    tx,
    ctx,
    organizationId,
    input.units.map((u) => u.unitId),
  );
  await assertPhoneFree(tx, residents, organizationId, input.phone);
  const [row] = await withUniqueFields(
    () =>
      tx
        .insert(residents)
        .values({
          organizationId,
          name: input.name,
          phone: input.phone,
          idType: input.idType ?? null,
          idNumber: input.idNumber ?? null,
          plates: input.plates,
        })
        .returning(),
    { residents_org_phone_uq: 'phone' },
  );
  const resident = row!;
  if (input.units.length) {
    await tx.insert(residentUnits).values(
      input.units.map((u) => ({
        organizationId,
        communityId: byId.get(u.unitId)!.communityId,
        residentId: resident.id,
        unitId: u.unitId,
        relation: u.relation,
        moveInOn: u.moveInOn ?? null,
      })),
    );
  }
  // Personal data stays out of the audit log: name and binding count only.
  await auditChange(tx, ctx, 'resident', resident, 'create', null, { name: resident.name, units: input.units.length });
  return resident;
}
