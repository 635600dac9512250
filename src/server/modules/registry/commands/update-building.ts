import { and, eq, gt, isNull, max } from 'drizzle-orm';
import type { Tx } from '../../../db/client';
import type { RequestContext } from '../../../auth/context';
import type { BuildingUpdate } from '../../../../common/registry';
import { withUniqueFields } from '../../../db/errors';
import { fieldError } from '../../../errors';
import { buildings, units } from '../tables';
import { auditChange } from './shared';

/** Renames or resizes a building; it cannot lose floors that still hold units. */
export async function updateBuilding(tx: Tx, ctx: RequestContext, before: typeof buildings.$inferSelect, input: BuildingUpdate) {
  if (input.floors !== undefined && input.floors < before.floors) {
    const [top] = await tx
      .select({ floor: max(units.floor) })
      .from(units)
      .where(and(eq(units.buildingId, before.id), isNull(units.archivedAt), gt(units.floor, input.floors)));
    if (top?.floor != null) throw fieldError({ floors: { key: 'field.unitsAboveFloors', params: { floor: top.floor } } });
  }
  const [after] = await withUniqueFields(
    () => tx.update(buildings).set({ ...input, updatedAt: new Date() }).where(eq(buildings.id, before.id)).returning(),
    { buildings_community_name_uq: 'name' },
  );
  await auditChange(tx, ctx, 'building', before, 'update', before, after!);
  return after!;
}
