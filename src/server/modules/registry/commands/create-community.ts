import type { Tx } from '../../../db/client';
import type { RequestContext } from '../../../auth/context';
import { communityInputSchema, type CommunityInput } from '../../../../common/registry';
import { withUniqueFields } from '../../../db/errors';
import { recordAudit } from '../../audit';
import { communities } from '../tables';
import { assertPeriod } from './shared';

/** Creates a community of an organization. */
export async function createCommunity(tx: Tx, ctx: RequestContext, organizationId: string, raw: CommunityInput) {
  const input = communityInputSchema.parse(raw);
  assertPeriod(input.contractStart, input.contractEnd, 'contractEnd');
  const [row] = await withUniqueFields(
    () =>
      tx
        .insert(communities)
        .values({
          organizationId,
          name: input.name,
          address: input.address,
          managedAreaM2: input.managedAreaM2 == null ? null : String(input.managedAreaM2),
          serviceLevel: input.serviceLevel,
          contractStart: input.contractStart ?? null,
          contractEnd: input.contractEnd ?? null,
          deskHours: input.deskHours ?? null,
          timeZone: input.timeZone,
          hotline: input.hotline ?? null,
        })
        .returning(),
    { communities_org_name_uq: 'name' },
  );
  await recordAudit(tx, ctx, { organizationId, entityType: 'community', entityId: row!.id, action: 'create', after: row });
  return row!;
}
