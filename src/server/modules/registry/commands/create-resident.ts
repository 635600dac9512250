import { and, inArray, isNull } from 'drizzle-orm';
import type { Tx } from '../../../db/client';
import type { RequestContext } from '../../../auth/context';
import { residentInputSchema, type ResidentInput } from '../../../../common/registry';
import { tenantScope } from '../../../db/scope';
import { withUniqueFields } from '../../../db/errors';
import { fieldError } from '../../../errors';
import { recordAudit } from '../../audit/record-audit';
import { residents, residentUnits, units } from '../tables';

/** Registers a resident and binds them to units the actor may manage. */
export async function createResident(tx: Tx, ctx: RequestContext, organizationId: string, raw: ResidentInput) {
  const input = residentInputSchema.parse(raw);
  const unitIds = input.units.map((u) => u.unitId);
  const found = unitIds.length
    ? await tx
        .select({ id: units.id, communityId: units.communityId })
        .from(units)
        .where(
          and(
            inArray(units.id, unitIds),
            isNull(units.archivedAt),
            tenantScope(ctx.actor, { organizationId: units.organizationId, communityId: units.communityId }),
          ),
        )
    : [];
  const byId = new Map(found.map((u) => [u.id, u]));
  const missing = input.units.findIndex((u) => !byId.has(u.unitId));
  if (missing >= 0) {
    throw fieldError({ [`units.${missing}.unitId`]: { key: 'error.notFound', params: { entity: 'entity.unit' } } });
  }
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
  await recordAudit(tx, ctx, {
    organizationId,
    entityType: 'resident',
    entityId: resident.id,
    action: 'create',
    after: { name: resident.name, units: input.units.length },
  });
  return resident;
}
