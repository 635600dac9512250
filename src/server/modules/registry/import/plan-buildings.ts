import { and, eq, isNull } from 'drizzle-orm';
import { tenantScope } from '../../../db/scope';
import { buildings } from '../tables';
import { IMPORT_COLUMNS } from './columns';
import { bulkInsert } from '../../../db/bulk-insert';
import { readRows, type ImportPlan, type PlanContext } from './plan';
import type { Sheet } from '../../../files/workbook';

/** Validates a buildings sheet (楼栋名称, 层数, 每层户数) against the community's buildings. */
export async function planBuildings({ db, actor, community }: PlanContext, sheet: Sheet): Promise<ImportPlan> {
  const { problems, readers } = readRows(sheet, IMPORT_COLUMNS.buildings);
  const existing = await db
    .select({ name: buildings.name })
    .from(buildings)
    .where(
      and(
        eq(buildings.communityId, community.id),
        isNull(buildings.archivedAt),
        tenantScope(actor, { organizationId: buildings.organizationId, communityId: buildings.communityId }),
      ),
    );
  const taken = new Set(existing.map((b) => b.name));
  const seen = new Map<string, number>();
  const values: (typeof buildings.$inferInsert)[] = [];
  for (const r of readers) {
    const name = r.text('name', { required: true, max: 50 });
    const floors = r.int('floors', { required: true, min: 1, max: 200 });
    const unitsPerFloor = r.int('unitsPerFloor', { required: true, min: 1, max: 100 });
    if (name !== undefined) {
      const first = seen.get(name);
      if (first !== undefined) r.fail('name', { key: 'field.duplicateRow', params: { row: first } });
      else if (taken.has(name)) r.fail('name', { key: 'field.taken' });
      else seen.set(name, r.row.row);
    }
    if (name === undefined || floors === undefined || unitsPerFloor === undefined) continue;
    values.push({ organizationId: community.organizationId, communityId: community.id, name, floors, unitsPerFloor });
  }
  return {
    rows: sheet.rows.length,
    problems,
    write: async (tx) => (await bulkInsert(tx, buildings, values), values.length),
  };
}
