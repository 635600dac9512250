import { and, eq, isNull } from 'drizzle-orm';
import type { Tx } from '../../../db/client';
import type { RequestContext } from '../../../auth/context';
import { buildingInputSchema, type BuildingInput } from '../../../../common/registry';
import { tenantScope } from '../../../db/scope';
import { withUniqueFields } from '../../../db/errors';
import { fieldError } from '../../../errors';
import { recordAudit } from '../../audit';
import { buildings, communities, units } from '../tables';

export interface CreateBuildingOptions {
  /** Also create the floor × unit grid (numbers like 1201 = floor 12, unit 01). */
  generateUnits?: { areaM2?: number; use?: 'residential' | 'commercial' };
}

/** Unit number of the n-th unit (1-based) on a floor: 1201, 1202 ... */
export function gridUnitNumber(floor: number, n: number): string {
  return `${floor}${String(n).padStart(2, '0')}`;
}

/** Creates a building in a community the actor serves, optionally with its unit grid. */
export async function createBuilding(tx: Tx, ctx: RequestContext, raw: BuildingInput, options: CreateBuildingOptions = {}) {
  const input = buildingInputSchema.parse(raw);
  const [community] = await tx
    .select()
    .from(communities)
    .where(
      and(
        eq(communities.id, input.communityId),
        isNull(communities.archivedAt),
        tenantScope(ctx.actor, { organizationId: communities.organizationId, communityId: communities.id }),
      ),
    );
  if (!community) throw fieldError({ communityId: { key: 'error.notFound', params: { entity: 'entity.community' } } });
  const [row] = await withUniqueFields(
    () =>
      tx
        .insert(buildings)
        .values({ ...input, organizationId: community.organizationId })
        .returning(),
    { buildings_community_name_uq: 'name' },
  );
  const building = row!;
  await recordAudit(tx, ctx, {
    organizationId: community.organizationId,
    entityType: 'building',
    entityId: building.id,
    action: 'create',
    after: building,
  });
  if (options.generateUnits) {
    const grid = [];
    for (let floor = 1; floor <= input.floors; floor++) {
      for (let n = 1; n <= input.unitsPerFloor; n++) {
        grid.push({
          organizationId: community.organizationId,
          communityId: community.id,
          buildingId: building.id,
          floor,
          number: gridUnitNumber(floor, n),
          areaM2: options.generateUnits.areaM2 == null ? null : String(options.generateUnits.areaM2),
          use: options.generateUnits.use ?? 'residential',
        });
      }
    }
    await tx.insert(units).values(grid);
    await recordAudit(tx, ctx, {
      organizationId: community.organizationId,
      entityType: 'building',
      entityId: building.id,
      action: 'generate_units',
      after: { count: grid.length },
    });
  }
  return building;
}
