import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { buildings, residents, residentUnits, units } from '../tables';

/** A unit as the fees module bills it: where it is, its built area and type, and its owners' dates. */
export interface BillableUnit {
  unitId: string;
  number: string;
  buildingId: string;
  buildingName: string;
  /** The building's type (high-rise, multi-storey, villa, shop); null when nobody set it. */
  propertyType: 'high_rise' | 'multi_storey' | 'villa' | 'shop' | null;
  use: 'residential' | 'commercial' | 'parking' | 'storage';
  /** Built area in hundredths of a square metre (integer), null when not recorded. */
  areaCentiM2: number | null;
  /** Approved owner bindings: from move-in (inclusive) to move-out (exclusive), null = open. */
  owners: { residentId: string; from: string | null; to: string | null }[];
}

/**
 * The active units of a community (or the given units of it) with what billing needs. No scope
 * check: the fees module has checked that the caller may bill the community.
 */
export async function billableUnits(db: DbOrTx, communityId: string, unitIds?: readonly string[]): Promise<BillableUnit[]> {
  if (unitIds && unitIds.length === 0) return [];
  const rows = await db
    .select({
      unitId: units.id,
      number: units.number,
      buildingId: buildings.id,
      buildingName: buildings.name,
      propertyType: buildings.propertyType,
      use: units.use,
      areaM2: units.areaM2,
    })
    .from(units)
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .where(and(eq(units.communityId, communityId), isNull(units.archivedAt), unitIds ? inArray(units.id, [...unitIds]) : undefined))
    .orderBy(asc(buildings.name), asc(units.floor), asc(units.number));
  const bindings = rows.length
    ? await db
        .select({ unitId: residentUnits.unitId, residentId: residentUnits.residentId, from: residentUnits.moveInOn, to: residentUnits.moveOutOn })
        .from(residentUnits)
        .where(and(eq(residentUnits.communityId, communityId), eq(residentUnits.relation, 'owner'), eq(residentUnits.approved, true)))
    : [];
  const byUnit = new Map<string, BillableUnit['owners']>();
  for (const b of bindings) {
    const list = byUnit.get(b.unitId) ?? [];
    list.push({ residentId: b.residentId, from: b.from, to: b.to });
    byUnit.set(b.unitId, list);
  }
  return rows.map((r) => ({
    unitId: r.unitId,
    number: r.number,
    buildingId: r.buildingId,
    buildingName: r.buildingName,
    propertyType: r.propertyType,
    use: r.use,
    areaCentiM2: r.areaM2 == null ? null : Math.round(Number(r.areaM2) * 100),
    owners: byUnit.get(r.unitId) ?? [],
  }));
}

/**
 * The approved owners living in units today, with the phone a reminder is texted to (fees'
 * arrears reminders). No scope check: the fees module passes units of a community it serves.
 */
export async function ownersOfUnits(db: DbOrTx, unitIds: readonly string[]): Promise<{ unitId: string; residentId: string; phone: string | null }[]> {
  if (!unitIds.length) return [];
  return db
    .select({ unitId: residentUnits.unitId, residentId: residentUnits.residentId, phone: residents.phone })
    .from(residentUnits)
    .innerJoin(residents, eq(residents.id, residentUnits.residentId))
    .where(and(inArray(residentUnits.unitId, [...unitIds]), eq(residentUnits.relation, 'owner'), eq(residentUnits.approved, true), isNull(residentUnits.moveOutOn), isNull(residents.archivedAt)));
}
