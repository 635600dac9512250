import { and, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../db/scope';
import { servesCommunity } from '../../db/scope';
import type { DbOrTx } from '../../db/client';
import { fieldError } from '../../errors';
import { hasRole } from '../../auth/policy';
import { buildings, communities, residents, units } from '../registry/tables';

/** The unit a pass or slip is for, with its community, as the caller may name it. */
export interface Place {
  unitId: string;
  unitLabel: string;
  communityId: string;
  organizationId: string;
  communityName: string;
  timeZone: string;
  serviceLevel: number;
}

/**
 * Loads the unit named in a request: residents may only name their own household's units, staff
 * units of the communities they serve; anything else is a field problem on `unitId`.
 */
export async function placeOf(tx: DbOrTx, actor: Actor, unitId: string): Promise<Place> {
  const [row] = actor.organizationId
    ? await tx
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
        .where(and(eq(units.id, unitId), eq(units.organizationId, actor.organizationId), sql`${units.archivedAt} is null`, sql`${communities.archivedAt} is null`))
    : [];
  const residentOnly = hasRole(actor, 'resident') && actor.staffId === null;
  if (!row || (!residentOnly && !servesCommunity(actor, row.organizationId, row.communityId))) {
    throw fieldError({ unitId: { key: 'error.notFound', params: { entity: 'entity.unit' } } });
  }
  if (residentOnly && !actor.unitIds.includes(row.unitId)) throw fieldError({ unitId: { key: 'field.unitNotHome' } });
  return { ...row, unitLabel: `${row.building} ${row.number}` };
}

/** The resident record of a resident actor (name for the pass), or null for staff. */
export async function residentOf(tx: DbOrTx, actor: Actor): Promise<{ id: string; name: string } | null> {
  if (!actor.residentId || actor.staffId !== null) return null;
  const [r] = await tx.select({ id: residents.id, name: residents.name }).from(residents).where(eq(residents.id, actor.residentId));
  return r ?? null;
}
