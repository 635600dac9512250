import { eq } from 'drizzle-orm';
import type { Tx } from '../../../db/client';
import type { RequestContext } from '../../../auth/context';
import type { CommunityUpdate } from '../../../../common/registry';
import { withUniqueFields } from '../../../db/errors';
import { communities } from '../tables';
import { assertPeriod, auditChange } from './shared';

/** Changes a community's details; the contract must still end after it starts. */
export async function updateCommunity(tx: Tx, ctx: RequestContext, before: typeof communities.$inferSelect, input: CommunityUpdate) {
  const contractStart = input.contractStart === undefined ? before.contractStart : input.contractStart;
  const contractEnd = input.contractEnd === undefined ? before.contractEnd : input.contractEnd;
  assertPeriod(contractStart, contractEnd, input.contractEnd !== undefined ? 'contractEnd' : 'contractStart');
  const { managedAreaM2, ...rest } = input;
  const [after] = await withUniqueFields(
    () =>
      tx
        .update(communities)
        .set({
          ...rest,
          ...(managedAreaM2 !== undefined ? { managedAreaM2: managedAreaM2 === null ? null : String(managedAreaM2) } : {}),
          updatedAt: new Date(),
        })
        .where(eq(communities.id, before.id))
        .returning(),
    { communities_org_name_uq: 'name' },
  );
  await auditChange(tx, ctx, 'community', before, 'update', before, after!);
  return after!;
}
