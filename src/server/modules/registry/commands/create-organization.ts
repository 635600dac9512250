import type { Tx } from '../../../db/client';
import type { RequestContext } from '../../../auth/context';
import { recordAudit } from '../../audit';
import { organizations } from '../tables';

/** Creates a property company (tenant). */
export async function createOrganization(tx: Tx, ctx: RequestContext, input: { name: string }) {
  const [org] = await tx.insert(organizations).values({ name: input.name.trim() }).returning();
  await recordAudit(tx, ctx, {
    organizationId: org!.id,
    entityType: 'organization',
    entityId: org!.id,
    action: 'create',
    after: org,
  });
  return org!;
}
