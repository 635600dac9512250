import { and, eq, inArray, isNull, like, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { tenantScope, type Actor } from '../../../db/scope';
import { maskPhone } from '../masking';
import { buildings, communities, residents, residentUnits, units } from '../tables';

// Moved here from work-orders: it reads only the registry's units, buildings and residents.

const MAX_UNITS = 20;

/**
 * Units matching what the desk typed — a unit number ("1202"), building and unit ("3栋1202",
 * "3-1202") or a phone (11 digits, or its last 4) — with their current residents, phones masked.
 */
export async function intakeLookup(db: DbOrTx, actor: Actor, q: string, communityId?: string) {
  const term = q.replace(/\s+/g, '');
  const scope = tenantScope(actor, { organizationId: units.organizationId, communityId: units.communityId });
  const matches: SQL[] = [];
  const building = /^(\d+|[A-Za-z]+)(?:栋|幢|号楼|座|#|-)(\w+)$/.exec(term);
  if (building) {
    matches.push(and(eq(units.number, building[2]!), or(eq(buildings.name, building[1]!), like(buildings.name, `${building[1]}栋`), like(buildings.name, `${building[1]}幢`), like(buildings.name, `${building[1]}号楼`)))!);
  } else if (/^\w{1,20}$/.test(term) && !/^1\d{10}$/.test(term)) {
    matches.push(eq(units.number, term));
  }
  if (/^1\d{10}$/.test(term) || /^\d{4}$/.test(term)) {
    const phoneMatch = term.length === 11 ? eq(residents.phone, term) : sql`right(${residents.phone}, 4) = ${term}`;
    const holders = await db
      .select({ unitId: residentUnits.unitId })
      .from(residentUnits)
      .innerJoin(residents, eq(residents.id, residentUnits.residentId))
      .where(and(phoneMatch, eq(residents.organizationId, actor.organizationId ?? sql`null`), isNull(residentUnits.moveOutOn), isNull(residents.archivedAt)))
      .limit(MAX_UNITS);
    if (holders.length) matches.push(inArray(units.id, holders.map((h) => h.unitId)));
  }
  if (!matches.length) return { units: [] };
  const found = await db
    .select({ id: units.id, number: units.number, communityId: units.communityId, building: buildings.name, community: communities.name })
    .from(units)
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .innerJoin(communities, eq(communities.id, units.communityId))
    .where(and(scope, isNull(units.archivedAt), communityId ? eq(units.communityId, communityId) : undefined, or(...matches)))
    .orderBy(communities.name, buildings.name, units.number)
    .limit(MAX_UNITS);
  const people = found.length
    ? await db
        .select({ unitId: residentUnits.unitId, id: residents.id, name: residents.name, phone: residents.phone, relation: residentUnits.relation })
        .from(residentUnits)
        .innerJoin(residents, eq(residents.id, residentUnits.residentId))
        .where(and(inArray(residentUnits.unitId, found.map((u) => u.id)), isNull(residentUnits.moveOutOn), eq(residentUnits.approved, true), isNull(residents.archivedAt)))
    : [];
  return {
    units: found.map((u) => ({
      unitId: u.id,
      communityId: u.communityId,
      communityName: u.community,
      label: `${u.building} ${u.number}`,
      residents: people
        .filter((p) => p.unitId === u.id)
        .map((p) => ({ residentId: p.id, name: p.name, phoneMasked: maskPhone(p.phone), relation: p.relation })),
    })),
  };
}
