import { and, arrayContains, asc, arrayOverlaps, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { QueryBuilder } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../../db/client';
import type { Actor } from '../../../db/scope';
import { buildings, communities, residents, residentUnits, staff, units } from '../tables';
import { communityScope } from './communities';

// The registry's reads for other modules (exported through registry/index.ts): other modules
// never select from communities, staff, units or residents themselves.

export type Community = typeof communities.$inferSelect;
export type StaffMember = typeof staff.$inferSelect;

/**
 * A community by id, archived or not, without a scope check: for callers that already hold a
 * row naming the community (an order, a round, a timer). Null when there is no such community.
 */
export async function communityById(db: DbOrTx, id: string): Promise<Community | null> {
  const [row] = await db.select().from(communities).where(eq(communities.id, id));
  return row ?? null;
}

/** Name and time zone of the given communities by id (no scope check: ids come from the caller's rows). */
export async function communityNames(db: DbOrTx, ids: readonly string[]): Promise<Map<string, { id: string; name: string; timeZone: string }>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await db
    .select({ id: communities.id, name: communities.name, timeZone: communities.timeZone })
    .from(communities)
    .where(inArray(communities.id, unique));
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * A community the actor may see (their organization, and for staff a community they serve);
 * `active` leaves out archived ones. Null when it is not theirs to see: callers answer 404 or a
 * field error naming `communityId`.
 */
export async function visibleCommunity(db: DbOrTx, actor: Actor, id: string, options: { active: boolean }): Promise<Community | null> {
  const [row] = await db
    .select()
    .from(communities)
    .where(and(eq(communities.id, id), communityScope(actor), options.active ? isNull(communities.archivedAt) : undefined));
  return row ?? null;
}

/** `visibleCommunity` for many ids at once: the ones the actor may see, by id. */
export async function visibleCommunities(db: DbOrTx, actor: Actor, ids: readonly string[], options: { active: boolean }): Promise<Map<string, Community>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select()
    .from(communities)
    .where(and(inArray(communities.id, [...ids]), communityScope(actor), options.active ? isNull(communities.archivedAt) : undefined));
  return new Map(rows.map((r) => [r.id, r]));
}

/** Names of staff members by id (archived ones included: an order keeps its past assignee's name). */
export async function staffNames(db: DbOrTx, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await db.select({ id: staff.id, name: staff.name }).from(staff).where(inArray(staff.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** An active staff member of the organization by id, or null. */
export async function activeStaffMember(db: DbOrTx, organizationId: string, id: string): Promise<StaffMember | null> {
  const [row] = await db
    .select()
    .from(staff)
    .where(and(eq(staff.id, id), eq(staff.organizationId, organizationId), isNull(staff.archivedAt)));
  return row ?? null;
}

/** A staff member of the organization by id, archived or not (name and whether archived), or null. */
export async function staffMemberOf(db: DbOrTx, organizationId: string, id: string): Promise<{ id: string; name: string; organizationId: string; archivedAt: Date | null } | null> {
  const [row] = await db
    .select({ id: staff.id, name: staff.name, organizationId: staff.organizationId, archivedAt: staff.archivedAt })
    .from(staff)
    .where(and(eq(staff.id, id), eq(staff.organizationId, organizationId)));
  return row ?? null;
}

/** The phone of a staff member by id (no scope check: the id is the caller's own), or null. */
export async function staffPhone(db: DbOrTx, id: string): Promise<string | null> {
  const [row] = await db.select({ phone: staff.phone }).from(staff).where(eq(staff.id, id));
  return row?.phone ?? null;
}

/** Locks a staff member's row until the transaction ends, so two writers about the same person take turns. */
export async function lockStaffMember(tx: DbOrTx, id: string): Promise<void> {
  await tx.select({ id: staff.id }).from(staff).where(eq(staff.id, id)).for('update');
}

/** Active technicians of the organization who serve the community. */
export async function techniciansServing(db: DbOrTx, organizationId: string, communityId: string): Promise<StaffMember[]> {
  return db
    .select()
    .from(staff)
    .where(and(eq(staff.organizationId, organizationId), eq(staff.position, 'technician'), arrayContains(staff.communityIds, [communityId]), isNull(staff.archivedAt)));
}

/** An active unit of the community with its building's name, or null. */
export async function activeUnitOf(db: DbOrTx, communityId: string, unitId: string): Promise<{ id: string; number: string; building: string } | null> {
  const [row] = await db
    .select({ id: units.id, number: units.number, building: buildings.name })
    .from(units)
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .where(and(eq(units.id, unitId), eq(units.communityId, communityId), isNull(units.archivedAt)));
  return row ?? null;
}

/**
 * An active unit of the organization in an active community, with its building's name and the
 * community's facts (name, time zone, service level), or null. Callers check who may name it.
 */
export async function activeUnitPlace(db: DbOrTx, organizationId: string, unitId: string) {
  const [row] = await db
    .select({
      unitId: units.id,
      number: units.number,
      building: buildings.name,
      communityId: communities.id,
      organizationId: communities.organizationId,
      communityName: communities.name,
      timeZone: communities.timeZone,
      serviceLevel: communities.serviceLevel,
    })
    .from(units)
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .innerJoin(communities, eq(communities.id, units.communityId))
    .where(and(eq(units.id, unitId), eq(units.organizationId, organizationId), isNull(units.archivedAt), isNull(communities.archivedAt)));
  return row ?? null;
}

/** A resident by id (name and phone), or null; for an actor's own resident record. */
export async function residentById(db: DbOrTx, id: string): Promise<{ id: string; name: string; phone: string } | null> {
  const [row] = await db.select({ id: residents.id, name: residents.name, phone: residents.phone }).from(residents).where(eq(residents.id, id));
  return row ?? null;
}

/** Ids of the organization's staff records (archived included) that serve the community. */
export async function staffIdsServing(db: DbOrTx, organizationId: string, communityId: string): Promise<string[]> {
  const rows = await db
    .select({ id: staff.id })
    .from(staff)
    .where(and(eq(staff.organizationId, organizationId), arrayContains(staff.communityIds, [communityId])));
  return rows.map((r) => r.id);
}

/** Active staff of the organization who serve any of the communities (id, name, position), by name. */
export async function staffServingAny(db: DbOrTx, organizationId: string, communityIds: readonly string[]): Promise<{ id: string; name: string; position: StaffMember['position']; communityIds: string[] }[]> {
  if (!communityIds.length) return [];
  return db
    .select({ id: staff.id, name: staff.name, position: staff.position, communityIds: staff.communityIds })
    .from(staff)
    .where(and(eq(staff.organizationId, organizationId), isNull(staff.archivedAt), arrayOverlaps(staff.communityIds, [...communityIds])))
    .orderBy(staff.name);
}

/**
 * SQL condition: the staff member `staffId` (a qualified column of the caller's query) serves the
 * community `communityId` in the organization `organizationId` (columns or values). For set-based
 * statements that pick recipients of many communities at once (the SLA sweeper's notifications).
 */
export function staffServesSql(staffId: SQL, organizationId: SQL, communityId: SQL): SQL {
  return sql`exists (select 1 from ${staff} where ${staff.id} = ${staffId} and ${staff.organizationId} = ${organizationId} and ${staff.communityIds} @> array[${communityId}]::uuid[])`;
}

/**
 * Communities as a subquery other modules may join (`id`, `name`, `timeZone`), for SQL that groups
 * or labels many rows by community (statistics by community and local day). Read-only: it is a
 * derived table, so nothing can be written through it.
 */
export function communityPlacesSql() {
  return new QueryBuilder().select({ id: communities.id, name: communities.name, timeZone: communities.timeZone }).from(communities).as('community_places');
}

/**
 * Start of the local day of `now` in a community's time zone, as an SQL instant; `communityId` is
 * the (qualified) column of the caller's row, so "today" is each community's own day.
 */
export function communityDayStartSql(communityId: SQL, now: Date): SQL {
  const zone = sql`(select ${communities.timeZone} from ${communities} where ${communities.id} = ${communityId})`;
  return sql`(date_trunc('day', ${now.toISOString()}::timestamptz at time zone ${zone}) at time zone ${zone})`;
}

/**
 * The buildings of a community, archived ones included (a record keeps naming the building it
 * was in), by name: what other modules name a building by and check a building id against.
 */
export async function buildingsOfCommunity(db: DbOrTx, communityId: string): Promise<{ id: string; name: string; archived: boolean }[]> {
  const rows = await db
    .select({ id: buildings.id, name: buildings.name, archivedAt: buildings.archivedAt })
    .from(buildings)
    .where(eq(buildings.communityId, communityId))
    .orderBy(asc(buildings.name));
  return rows.map((b) => ({ id: b.id, name: b.name, archived: b.archivedAt !== null }));
}

/** The first community of a company (the demo company has one), or null. */
export async function firstCommunityOf(db: DbOrTx, organizationId: string): Promise<Community | null> {
  const [row] = await db.select().from(communities).where(eq(communities.organizationId, organizationId)).orderBy(communities.createdAt).limit(1);
  return row ?? null;
}

/** A staff member of a company by name (for seeded data that names people), or null. */
export async function staffByName(db: DbOrTx, organizationId: string, name: string): Promise<StaffMember | null> {
  const [row] = await db.select().from(staff).where(and(eq(staff.organizationId, organizationId), eq(staff.name, name))).limit(1);
  return row ?? null;
}

/**
 * A unit of a company by building name and unit number (optionally within one community), with
 * the first resident bound to it; null when there is none. For seeded data that names its units.
 */
export async function unitByLabel(
  db: DbOrTx,
  where: { organizationId: string; communityId?: string; building: string; number: string },
): Promise<{ id: string; residentId: string | null } | null> {
  const [unit] = await db
    .select({ id: units.id })
    .from(units)
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .where(and(eq(units.organizationId, where.organizationId), where.communityId ? eq(units.communityId, where.communityId) : undefined, eq(buildings.name, where.building), eq(units.number, where.number)));
  if (!unit) return null;
  const [binding] = await db.select({ residentId: residentUnits.residentId }).from(residentUnits).where(eq(residentUnits.unitId, unit.id));
  return { id: unit.id, residentId: binding?.residentId ?? null };
}

/** A company's residents (not archived) with this phone number, oldest first: whom a proven phone names. */
export async function residentsWithPhone(db: DbOrTx, organizationId: string, phone: string): Promise<{ id: string; organizationId: string; name: string }[]> {
  return db
    .select({ id: residents.id, organizationId: residents.organizationId, name: residents.name })
    .from(residents)
    .where(and(eq(residents.organizationId, organizationId), eq(residents.phone, phone), isNull(residents.archivedAt)))
    .orderBy(residents.createdAt);
}
