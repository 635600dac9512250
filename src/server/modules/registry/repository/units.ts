import { and, asc, count, desc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { tenantScope, type Actor } from '../../../db/scope';
import type { UnitQuery } from '../schemas';
import { buildings, communities, residents, residentUnits, units } from '../tables';
import { archivedFilter, orderBy, phoneTerms, qualified, startsWith, type Window } from './query-helpers';

/** Units the actor may see: staff their communities, residents their own units. */
export const unitScope = (actor: Actor): SQL =>
  tenantScope(actor, { organizationId: units.organizationId, communityId: units.communityId, unitId: units.id });

const columns = {
  unit: units,
  buildingName: buildings.name,
  communityName: communities.name,
  residentCount: sql<number>`(select count(*)::int from resident_units ru where ru.unit_id = ${qualified('units', 'id')} and ru.move_out_on is null)`,
};
export type UnitRow = { unit: typeof units.$inferSelect; buildingName: string; communityName: string; residentCount: number };

// Separators people type between building and unit: "3栋1202", "3-1202", "3#1202", "3 1202".
const BUILDING_UNIT = /^(.+?)\s*(栋|幢|座|号楼|#|-|\s)\s*([0-9A-Za-z-]+)$/;

/**
 * The desk search: unit number prefix, "building + number", or a current resident's phone (full,
 * prefix or last 4) or name prefix. Every branch is served by an index (see tables.ts).
 */
function unitSearch(actor: Actor, q: string): SQL {
  const branches: SQL[] = [startsWith(units.number, q), eq(buildings.name, q)];
  const m = BUILDING_UNIT.exec(q);
  if (m) {
    const [, building, separator, number] = m as unknown as [string, string, string, string];
    const names = [building, `${building}${separator}`, ...['栋', '幢', '座', '号楼'].map((s) => `${building}${s}`)];
    branches.push(and(inArray(buildings.name, names), startsWith(units.number, number))!);
  }
  const phone = phoneTerms(q);
  const person: SQL[] = [];
  if (phone.full) person.push(eq(residents.phone, phone.full));
  if (phone.last4) person.push(sql`right(${residents.phone}, 4) = ${phone.last4}`);
  if (phone.prefix) person.push(startsWith(residents.phone, phone.prefix));
  if (!/^\d+$/.test(q)) person.push(startsWith(residents.name, q));
  if (person.length) {
    branches.push(
      sql`${units.id} in (select ${residentUnits.unitId} from ${residentUnits} inner join ${residents} on ${residents.id} = ${residentUnits.residentId} where ${and(
        tenantScope(actor, {
          organizationId: residentUnits.organizationId,
          communityId: residentUnits.communityId,
          unitId: residentUnits.unitId,
        }),
        eq(residents.organizationId, residentUnits.organizationId),
        isNull(residentUnits.moveOutOn),
        isNull(residents.archivedAt),
        or(...person),
      )})`,
    );
  }
  return or(...branches)!;
}

function filters(actor: Actor, q: Omit<UnitQuery, 'page' | 'pageSize'>): SQL | undefined {
  const where: (SQL | undefined)[] = [unitScope(actor), archivedFilter(units.archivedAt, q.archived)];
  if (q.communityId) where.push(eq(units.communityId, q.communityId));
  if (q.buildingId) where.push(eq(units.buildingId, q.buildingId));
  if (q.floor !== undefined) where.push(eq(units.floor, q.floor));
  if (q.status) where.push(eq(units.status, q.status));
  if (q.use) where.push(eq(units.use, q.use));
  if (q.q) where.push(unitSearch(actor, q.q));
  return and(...where);
}

function order(sort: UnitQuery['sort']): SQL[] {
  const numberLength = sql`length(${units.number})`;
  if (sort === 'building') {
    return [asc(sql`length(${buildings.name})`), asc(buildings.name), asc(units.floor), asc(numberLength), asc(units.number), asc(units.id)];
  }
  if (sort === 'number') return [asc(numberLength), asc(units.number), asc(units.id)];
  if (sort === '-number') return [desc(numberLength), desc(units.number), asc(units.id)];
  return orderBy(sort, { floor: units.floor, area: units.areaM2, createdAt: units.createdAt }, units.id);
}

const joined = (db: DbOrTx) =>
  db
    .select(columns)
    .from(units)
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .innerJoin(communities, eq(communities.id, units.communityId));

/** One window of the units visible to the actor. */
export async function listUnits(db: DbOrTx, actor: Actor, q: Omit<UnitQuery, 'page' | 'pageSize'>, w: Window) {
  const where = filters(actor, q);
  const [rows, [total]] = await Promise.all([
    joined(db).where(where).orderBy(...order(q.sort)).limit(w.limit).offset(w.offset),
    db
      .select({ n: count() })
      .from(units)
      .innerJoin(buildings, eq(buildings.id, units.buildingId))
      .where(where),
  ]);
  return { rows: rows as UnitRow[], total: total?.n ?? 0 };
}

/** One unit visible to the actor, archived or not. */
export async function findUnit(db: DbOrTx, actor: Actor, id: string): Promise<UnitRow | null> {
  const [row] = await joined(db).where(and(eq(units.id, id), unitScope(actor)));
  return (row as UnitRow | undefined) ?? null;
}

/** Current residents of a unit (active bindings, not archived). */
export async function currentResidentsOf(db: DbOrTx, actor: Actor, unitId: string) {
  return db
    .select({
      id: residents.id,
      name: residents.name,
      phone: residents.phone,
      relation: residentUnits.relation,
      moveInOn: residentUnits.moveInOn,
    })
    .from(residentUnits)
    .innerJoin(residents, eq(residents.id, residentUnits.residentId))
    .where(
      and(
        eq(residentUnits.unitId, unitId),
        isNull(residentUnits.moveOutOn),
        isNull(residents.archivedAt),
        tenantScope(actor, { organizationId: residentUnits.organizationId, communityId: residentUnits.communityId, unitId: residentUnits.unitId }),
      ),
    )
    .orderBy(asc(residentUnits.createdAt));
}
