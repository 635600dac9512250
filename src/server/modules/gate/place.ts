import type { Actor } from '../../db/scope';
import { servesCommunity } from '../../db/scope';
import type { DbOrTx } from '../../db/client';
import { fieldError } from '../../errors';
import { hasRole } from '../../auth/policy';
import { activeUnitPlace, residentById } from '../registry';

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
  const row = actor.organizationId ? await activeUnitPlace(tx, actor.organizationId, unitId) : null;
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
  const r = await residentById(tx, actor.residentId);
  return r ? { id: r.id, name: r.name } : null;
}
