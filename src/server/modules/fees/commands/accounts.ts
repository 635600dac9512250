import { and, eq } from 'drizzle-orm';
import type { RequestContext } from '../../../auth/context';
import type { DbOrTx } from '../../../db/client';
import { servesCommunity } from '../../../db/scope';
import { notFound } from '../../../errors';
import { activeUnitPlace } from '../../registry';
import type { AccountRow } from '../repository';
import { feeAccounts } from '../tables';

/**
 * The fee account of a unit the actor may see (staff serving its community, its own household),
 * opened on first use: opening writes no entries. 404 for a unit elsewhere, as for a random id.
 */
export async function unitAccount(tx: DbOrTx, ctx: RequestContext, unitId: string): Promise<AccountRow> {
  const actor = ctx.actor;
  const orgId = actor.organizationId;
  const place = orgId ? await activeUnitPlace(tx, orgId, unitId) : null;
  const resident = actor.roles.includes('resident') && actor.staffId === null;
  if (!place || (resident ? !actor.unitIds.includes(unitId) : !servesCommunity(actor, place.organizationId, place.communityId))) throw notFound('entity.unit');
  await tx
    .insert(feeAccounts)
    .values({ organizationId: place.organizationId, communityId: place.communityId, kind: 'unit', unitId, label: `${place.building} ${place.number}` })
    .onConflictDoNothing();
  const [row] = await tx.select().from(feeAccounts).where(and(eq(feeAccounts.kind, 'unit'), eq(feeAccounts.unitId, unitId)));
  return row!;
}
