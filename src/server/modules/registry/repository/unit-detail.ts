import type { z } from 'zod';
import type { DbOrTx } from '../../../db/client';
import type { Actor } from '../../../db/scope';
import { unitPolicy } from '../policy';
import { presentUnitDetail } from '../presenter';
import type { unitDetailSchema } from '../schemas';
import { currentResidentsOf, findUnit } from './units';

/**
 * A unit with its building, community and current residents (phones masked) as the actor may
 * read it, or null when they may not (another company, a community they do not serve, no such
 * unit: the same answer). For pages that compose a unit with other modules' records.
 */
export async function unitDetailFor(db: DbOrTx, actor: Actor, unitId: string): Promise<z.infer<typeof unitDetailSchema> | null> {
  const row = await findUnit(db, actor, unitId);
  if (!row || !unitPolicy.can(actor, 'read', row.unit)) return null;
  return presentUnitDetail(actor, row, await currentResidentsOf(db, actor, row.unit.id));
}
