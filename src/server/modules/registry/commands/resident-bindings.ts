import { and, inArray, isNull } from 'drizzle-orm';
import type { Tx } from '../../../db/client';
import type { RequestContext } from '../../../auth/context';
import { tenantScope } from '../../../db/scope';
import { fieldError } from '../../../errors';
import { units } from '../tables';

/**
 * Resolves the units named in a resident's bindings, within the actor's scope. An unknown unit,
 * another tenant's unit or the same unit twice is a field error on `units.<i>.unitId`.
 */
export async function resolveBindingUnits(tx: Tx, ctx: RequestContext, organizationId: string, unitIds: string[]) {
  const seen = new Set<string>();
  unitIds.forEach((id, i) => {
    if (seen.has(id)) throw fieldError({ [`units.${i}.unitId`]: { key: 'field.duplicateRow', params: { row: unitIds.indexOf(id) + 1 } } });
    seen.add(id);
  });
  const found = unitIds.length
    ? await tx
        .select({ id: units.id, communityId: units.communityId, organizationId: units.organizationId })
        .from(units)
        .where(
          and(
            inArray(units.id, unitIds),
            isNull(units.archivedAt),
            tenantScope(ctx.actor, { organizationId: units.organizationId, communityId: units.communityId }),
          ),
        )
    : [];
  const byId = new Map(found.filter((u) => u.organizationId === organizationId).map((u) => [u.id, u]));
  const missing = unitIds.findIndex((id) => !byId.has(id));
  if (missing >= 0) throw fieldError({ [`units.${missing}.unitId`]: { key: 'error.notFound', params: { entity: 'entity.unit' } } });
  return byId;
}
