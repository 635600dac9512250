import { and, eq, isNull, ne, type SQL } from 'drizzle-orm';
import type { Tx } from '../../../db/client';
import type { RequestContext } from '../../../auth/context';
import { unitInputSchema, type UnitInput, type UnitUpdate, type UnitUse } from '../../../../common/registry';
import { tenantScope } from '../../../db/scope';
import { withUniqueFields } from '../../../db/errors';
import { fieldError } from '../../../errors';
import type { KeyedProblem } from '../import/row-reader';
import { buildings, units } from '../tables';
import { auditChange } from './shared';

/** Lowest floor number: basements hold parking spaces and storage rooms only. */
export const LOWEST_FLOOR = -10;

/**
 * Where a unit may sit in its building: floors 1..floors, or a basement floor (-10..-1) for
 * parking and storage. Returns the problem, or null when the floor is fine.
 */
export function floorProblem(floor: number, floors: number, use: UnitUse): KeyedProblem | null {
  if (floor < 0 && floor >= LOWEST_FLOOR) return use === 'parking' || use === 'storage' ? null : { key: 'field.basementUse' };
  if (floor < 1 || floor > floors) return { key: 'field.floorRange', params: { min: 1, max: floors } };
  return null;
}

async function assertNumberFree(tx: Tx, buildingId: string, number: string, exceptId?: string) {
  const where: (SQL | undefined)[] = [eq(units.buildingId, buildingId), eq(units.number, number), isNull(units.archivedAt)];
  if (exceptId) where.push(ne(units.id, exceptId));
  const [hit] = await tx.select({ id: units.id }).from(units).where(and(...where)).limit(1);
  if (hit) throw fieldError({ number: { key: 'field.taken' } });
}

/** Adds a unit to an active building the actor may manage; the number is unique in the building. */
export async function createUnit(tx: Tx, ctx: RequestContext, raw: UnitInput) {
  const input = unitInputSchema.parse(raw);
  const [building] = await tx
    .select()
    .from(buildings)
    .where(
      and(
        eq(buildings.id, input.buildingId),
        isNull(buildings.archivedAt),
        tenantScope(ctx.actor, { organizationId: buildings.organizationId, communityId: buildings.communityId }),
      ),
    );
  if (!building) throw fieldError({ buildingId: { key: 'error.notFound', params: { entity: 'entity.building' } } });
  const problem = floorProblem(input.floor, building.floors, input.use);
  if (problem) throw fieldError({ floor: problem });
  await assertNumberFree(tx, building.id, input.number);
  const [row] = await withUniqueFields(
    () =>
      tx
        .insert(units)
        .values({
          organizationId: building.organizationId,
          communityId: building.communityId,
          buildingId: building.id,
          floor: input.floor,
          number: input.number,
          areaM2: input.areaM2 == null ? null : String(input.areaM2),
          use: input.use,
          status: input.status,
        })
        .returning(),
    { units_building_number_uq: 'number' },
  );
  await auditChange(tx, ctx, 'unit', row!, 'create', null, row!);
  return row!;
}

/** Changes a unit; floor and number rules as on create. */
export async function updateUnit(
  tx: Tx,
  ctx: RequestContext,
  before: typeof units.$inferSelect,
  building: { floors: number },
  input: UnitUpdate,
) {
  const floor = input.floor ?? before.floor;
  const use = input.use ?? before.use;
  const problem = floorProblem(floor, building.floors, use);
  if (problem) throw fieldError({ [input.floor !== undefined ? 'floor' : 'use']: problem });
  if (input.number !== undefined && input.number !== before.number) await assertNumberFree(tx, before.buildingId, input.number, before.id);
  const { areaM2, ...rest } = input;
  const [after] = await withUniqueFields(
    () =>
      tx
        .update(units)
        .set({ ...rest, ...(areaM2 !== undefined ? { areaM2: areaM2 === null ? null : String(areaM2) } : {}), updatedAt: new Date() })
        .where(eq(units.id, before.id))
        .returning(),
    { units_building_number_uq: 'number' },
  );
  await auditChange(tx, ctx, 'unit', before, 'update', before, after!);
  return after!;
}
