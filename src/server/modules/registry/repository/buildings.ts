import { and, asc, count, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { tenantScope, type Actor } from '../../../db/scope';
import type { BuildingQuery } from '../schemas';
import { buildings, communities, units } from '../tables';
import { archivedFilter, contains, orderBy, qualified, type Window } from './query-helpers';

/** Buildings the actor may see. */
export const buildingScope = (actor: Actor): SQL =>
  tenantScope(actor, { organizationId: buildings.organizationId, communityId: buildings.communityId });

const columns = {
  building: buildings,
  communityName: communities.name,
  unitCount: sql<number>`(select count(*)::int from units u where u.building_id = ${qualified('buildings', 'id')} and u.archived_at is null)`,
};
export type BuildingRow = { building: typeof buildings.$inferSelect; communityName: string; unitCount: number };

function filters(actor: Actor, q: Omit<BuildingQuery, 'page' | 'pageSize'>): SQL | undefined {
  const where: (SQL | undefined)[] = [buildingScope(actor), archivedFilter(buildings.archivedAt, q.archived)];
  if (q.communityId) where.push(eq(buildings.communityId, q.communityId));
  if (q.q) where.push(contains(buildings.name, q.q));
  return and(...where);
}

// "2栋" before "10栋": shorter names first, then by text.
const nameLength = sql`length(${buildings.name})`;

/** One window of the buildings visible to the actor. */
export async function listBuildings(db: DbOrTx, actor: Actor, q: Omit<BuildingQuery, 'page' | 'pageSize'>, w: Window) {
  const where = filters(actor, q);
  const order =
    q.sort === 'name' || q.sort === '-name'
      ? q.sort === 'name'
        ? [asc(nameLength), asc(buildings.name), asc(buildings.id)]
        : [desc(nameLength), desc(buildings.name), asc(buildings.id)]
      : orderBy(q.sort, { createdAt: buildings.createdAt }, buildings.id);
  const [rows, [total]] = await Promise.all([
    db
      .select(columns)
      .from(buildings)
      .innerJoin(communities, eq(communities.id, buildings.communityId))
      .where(where)
      .orderBy(...order)
      .limit(w.limit)
      .offset(w.offset),
    db.select({ n: count() }).from(buildings).where(where),
  ]);
  return { rows: rows as BuildingRow[], total: total?.n ?? 0 };
}

/** One building visible to the actor, archived or not. */
export async function findBuilding(db: DbOrTx, actor: Actor, id: string): Promise<BuildingRow | null> {
  const [row] = await db
    .select(columns)
    .from(buildings)
    .innerJoin(communities, eq(communities.id, buildings.communityId))
    .where(and(eq(buildings.id, id), buildingScope(actor)));
  return (row as BuildingRow | undefined) ?? null;
}

/** The active units of a building with their current resident counts, for the grid view. */
export async function buildingGridUnits(db: DbOrTx, actor: Actor, buildingId: string) {
  return db
    .select({
      id: units.id,
      floor: units.floor,
      number: units.number,
      status: units.status,
      use: units.use,
      areaM2: units.areaM2,
      residentCount: sql<number>`(select count(*)::int from resident_units ru where ru.unit_id = ${qualified('units', 'id')} and ru.move_out_on is null)`,
    })
    .from(units)
    .where(
      and(
        eq(units.buildingId, buildingId),
        isNull(units.archivedAt),
        tenantScope(actor, { organizationId: units.organizationId, communityId: units.communityId, unitId: units.id }),
      ),
    )
    .orderBy(desc(units.floor), asc(sql`length(${units.number})`), asc(units.number));
}
