import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { buildings, communities, organizations, residents, residentUnits, units } from '../tables';

// The registry's reads for the owner portal (exported through registry/index.ts): who lives
// where, which communities, buildings and units a person may pick, and how units are named.

const unitLabel = sql<string>`${buildings.name} || ' ' || ${units.number}`;

/** Where a person may pick units: a company (or any) and, when they already belong somewhere, those communities only. */
export interface PickableCommunities {
  organizationId: string | null;
  /** Null means "no restriction within the company". */
  communityIds: string[] | null;
}

function pickable(p: PickableCommunities) {
  return and(
    isNull(communities.archivedAt),
    p.organizationId ? eq(communities.organizationId, p.organizationId) : undefined,
    p.communityIds ? inArray(communities.id, p.communityIds) : undefined,
  );
}

/** An active community's company, or null (unknown or archived): whose portal a link opens. */
export async function activeCommunityOrganization(db: DbOrTx, communityId: string): Promise<{ id: string; organizationId: string } | null> {
  const [row] = await db
    .select({ id: communities.id, organizationId: communities.organizationId })
    .from(communities)
    .where(and(eq(communities.id, communityId), isNull(communities.archivedAt)));
  return row ?? null;
}

/** Ids of active companies, at most `limit` (the portal asks for two to know whether there is only one). */
export async function activeOrganizationIds(db: DbOrTx, limit: number): Promise<string[]> {
  const rows = await db.select({ id: organizations.id }).from(organizations).where(isNull(organizations.archivedAt)).limit(limit);
  return rows.map((r) => r.id);
}

/** The community of the oldest active resident with this phone in a company who lives somewhere now, or null. */
export async function homeCommunityOfPhone(db: DbOrTx, organizationId: string, phone: string): Promise<string | null> {
  const [known] = await db
    .select({ communityId: residentUnits.communityId })
    .from(residents)
    .innerJoin(residentUnits, and(eq(residentUnits.residentId, residents.id), isNull(residentUnits.moveOutOn)))
    .where(and(eq(residents.organizationId, organizationId), eq(residents.phone, phone), isNull(residents.archivedAt)))
    .orderBy(residents.createdAt)
    .limit(1);
  return known?.communityId ?? null;
}

/** A resident's current bindings (approved or awaiting review), approved first, with the unit's label and community name. */
export async function currentBindingsOf(db: DbOrTx, residentId: string) {
  return db
    .select({
      bindingId: residentUnits.id,
      unitId: residentUnits.unitId,
      communityId: residentUnits.communityId,
      communityName: communities.name,
      hotline: communities.hotline,
      label: unitLabel,
      relation: residentUnits.relation,
      approved: residentUnits.approved,
      createdAt: residentUnits.createdAt,
    })
    .from(residentUnits)
    .innerJoin(units, eq(units.id, residentUnits.unitId))
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .innerJoin(communities, eq(communities.id, residentUnits.communityId))
    .where(and(eq(residentUnits.residentId, residentId), isNull(residentUnits.moveOutOn)))
    .orderBy(desc(residentUnits.approved), asc(residentUnits.createdAt));
}

/** Whether a resident is bound to a unit now, and whether that binding is approved; null when not bound. */
export async function currentBinding(db: DbOrTx, residentId: string, unitId: string): Promise<{ id: string; approved: boolean } | null> {
  const [row] = await db
    .select({ id: residentUnits.id, approved: residentUnits.approved })
    .from(residentUnits)
    .where(and(eq(residentUnits.residentId, residentId), eq(residentUnits.unitId, unitId), isNull(residentUnits.moveOutOn)));
  return row ?? null;
}

/** The communities a resident lives in now (approved or awaiting review). */
export async function communitiesOfResident(db: DbOrTx, residentId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ communityId: residentUnits.communityId })
    .from(residentUnits)
    .where(and(eq(residentUnits.residentId, residentId), isNull(residentUnits.moveOutOn)));
  return rows.map((r) => r.communityId);
}

/** Label ("3栋 1202") and community name of the given units by id (no scope check: ids come from the caller's rows). */
export async function unitLabels(db: DbOrTx, unitIds: readonly string[]): Promise<Map<string, { label: string; communityName: string; hotline: string | null }>> {
  if (!unitIds.length) return new Map();
  const rows = await db
    .select({ id: units.id, label: unitLabel, communityName: communities.name, hotline: communities.hotline })
    .from(units)
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .innerJoin(communities, eq(communities.id, units.communityId))
    .where(inArray(units.id, [...new Set(unitIds)]));
  return new Map(rows.map((r) => [r.id, { label: r.label, communityName: r.communityName, hotline: r.hotline }]));
}

/** Name and phone of the given residents by id (no scope check: ids come from the caller's rows). */
export async function residentContacts(db: DbOrTx, ids: readonly string[]): Promise<Map<string, { name: string; phone: string }>> {
  if (!ids.length) return new Map();
  const rows = await db.select({ id: residents.id, name: residents.name, phone: residents.phone }).from(residents).where(inArray(residents.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, { name: r.name, phone: r.phone }]));
}

/** Who lives in the given units now (approved, active residents): name and relation, per unit. */
export async function occupantsOfUnits(db: DbOrTx, unitIds: readonly string[]): Promise<{ unitId: string; name: string; relation: typeof residentUnits.$inferSelect.relation }[]> {
  if (!unitIds.length) return [];
  return db
    .select({ unitId: residentUnits.unitId, name: residents.name, relation: residentUnits.relation })
    .from(residentUnits)
    .innerJoin(residents, eq(residents.id, residentUnits.residentId))
    .where(and(inArray(residentUnits.unitId, [...new Set(unitIds)]), eq(residentUnits.approved, true), isNull(residentUnits.moveOutOn), isNull(residents.archivedAt)));
}

/** A unit open for requests (it, its building and community active), with the names the desk and the resident read; null otherwise. */
export async function requestableUnit(db: DbOrTx, unitId: string) {
  const [unit] = await db
    .select({ id: units.id, organizationId: units.organizationId, communityId: units.communityId, number: units.number, building: buildings.name, community: communities.name })
    .from(units)
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .innerJoin(communities, eq(communities.id, units.communityId))
    .where(and(eq(units.id, unitId), isNull(units.archivedAt), isNull(buildings.archivedAt), isNull(communities.archivedAt)));
  return unit ? { ...unit, label: `${unit.building} ${unit.number}` } : null;
}

/** The communities a portal user may pick, by name (names and addresses only), at most 500. */
export async function pickableCommunityList(db: DbOrTx, p: PickableCommunities): Promise<{ id: string; name: string; hint: string | null }[]> {
  const rows = await db
    .select({ id: communities.id, name: communities.name, hint: communities.address })
    .from(communities)
    .where(pickable(p))
    .orderBy(asc(communities.name))
    .limit(500);
  return rows.map((c) => ({ ...c, hint: c.hint || null }));
}

/** The active buildings of a community the user may pick, by name; null when the community is not theirs to pick. */
export async function pickableBuildings(db: DbOrTx, p: PickableCommunities, communityId: string): Promise<{ id: string; name: string }[] | null> {
  const [community] = await db.select({ id: communities.id }).from(communities).where(and(eq(communities.id, communityId), pickable(p)));
  if (!community) return null;
  return db
    .select({ id: buildings.id, name: buildings.name })
    .from(buildings)
    .where(and(eq(buildings.communityId, community.id), isNull(buildings.archivedAt)))
    .orderBy(asc(buildings.name));
}

/**
 * The active homes and shops of a building the user may pick (numbers and floors, never who
 * lives there); null when the building is archived or not in a community theirs to pick.
 */
export async function pickableUnits(db: DbOrTx, p: PickableCommunities, buildingId: string): Promise<{ id: string; number: string; floor: number }[] | null> {
  const [building] = await db
    .select({ id: buildings.id })
    .from(buildings)
    .innerJoin(communities, eq(communities.id, buildings.communityId))
    .where(and(eq(buildings.id, buildingId), isNull(buildings.archivedAt), pickable(p)));
  if (!building) return null;
  return db
    .select({ id: units.id, number: units.number, floor: units.floor })
    .from(units)
    .where(and(eq(units.buildingId, building.id), isNull(units.archivedAt), inArray(units.use, ['residential', 'commercial'])))
    .orderBy(asc(units.floor), asc(units.number));
}
