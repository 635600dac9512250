import { and, eq, isNull } from 'drizzle-orm';
import { tenantScope } from '../../../db/scope';
import { floorProblem } from '../commands/save-unit';
import { buildings, units } from '../tables';
import { IMPORT_COLUMNS } from './columns';
import { bulkInsert } from '../../../db/bulk-insert';
import { readRows, unitKey, type ImportPlan, type PlanContext } from './plan';
import type { Sheet } from '../../../files/workbook';

/**
 * Validates a units sheet (楼栋, 楼层, 房号, 面积(㎡), 用途, 状态). The community's buildings and
 * units are loaded once into maps, so 10,000 rows cost two queries, not 10,000.
 */
export async function planUnits({ db, actor, community }: PlanContext, sheet: Sheet): Promise<ImportPlan> {
  const { problems, readers } = readRows(sheet, IMPORT_COLUMNS.units);
  const scope = tenantScope(actor, { organizationId: buildings.organizationId, communityId: buildings.communityId });
  const [buildingRows, unitRows] = await Promise.all([
    db
      .select({ id: buildings.id, name: buildings.name, floors: buildings.floors })
      .from(buildings)
      .where(and(eq(buildings.communityId, community.id), isNull(buildings.archivedAt), scope)),
    db
      .select({ number: units.number, buildingName: buildings.name })
      .from(units)
      .innerJoin(buildings, eq(buildings.id, units.buildingId))
      .where(and(eq(units.communityId, community.id), isNull(units.archivedAt), scope)),
  ]);
  const byName = new Map(buildingRows.map((b) => [b.name, b]));
  const taken = new Set(unitRows.map((u) => unitKey(u.buildingName, u.number)));
  const seen = new Map<string, number>();
  const values: (typeof units.$inferInsert)[] = [];
  for (const r of readers) {
    const buildingName = r.text('building', { required: true, max: 50 });
    const building = buildingName === undefined ? undefined : byName.get(buildingName);
    if (buildingName !== undefined && !building) r.fail('building', { key: 'field.buildingUnknown', params: { name: buildingName } });
    const floor = r.int('floor', { required: true, min: -10, max: 200 });
    const number = r.text('number', { required: true, max: 20 });
    const areaM2 = r.decimal('area', { max: 100_000 });
    const use = r.choice('use', 'use') ?? 'residential';
    const status = r.choice('status', 'status') ?? 'vacant';
    if (building && floor !== undefined) {
      const problem = floorProblem(floor, building.floors, use);
      if (problem) r.fail('floor', problem);
    }
    if (buildingName !== undefined && number !== undefined) {
      const key = unitKey(buildingName, number);
      const first = seen.get(key);
      if (first !== undefined) r.fail('number', { key: 'field.duplicateRow', params: { row: first } });
      else if (taken.has(key)) r.fail('number', { key: 'field.taken' });
      else seen.set(key, r.row.row);
    }
    if (!building || floor === undefined || number === undefined || areaM2 === undefined) continue;
    values.push({
      organizationId: community.organizationId,
      communityId: community.id,
      buildingId: building.id,
      floor,
      number,
      areaM2: areaM2 === null ? null : String(areaM2),
      use,
      status,
    });
  }
  return {
    rows: sheet.rows.length,
    problems,
    write: async (tx) => (await bulkInsert(tx, units, values), values.length),
  };
}
