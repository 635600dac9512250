import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { periodCloseInputSchema } from '../../../../common/fees';
import type { RequestContext } from '../../../auth/context';
import type { Db } from '../../../db/client';
import { inTransaction } from '../../../db/transaction';
import { fieldError } from '../../../errors';
import { recordAudit } from '../../audit';
import { visibleCommunity } from '../../registry';
import { feeSetupPolicy } from '../policy';
import { closedThrough } from '../repository';
import { feePeriodCloses } from '../tables';

/**
 * Closes a community's books through a date: from then on no entry may be dated on or before it
 * (corrections are reversing entries dated later). Closing only moves forward.
 */
export async function closePeriod(db: Db, ctx: RequestContext, input: z.output<typeof periodCloseInputSchema>): Promise<{ communityId: string; closedThrough: string }> {
  return inTransaction(db, async (tx) => {
    const community = await visibleCommunity(tx, ctx.actor, input.communityId, { active: true });
    if (!community) throw fieldError({ communityId: { key: 'error.notFound', params: { entity: 'entity.community' } } });
    feeSetupPolicy.assert(ctx.actor, 'manage', { organizationId: community.organizationId, communityId: community.id });
    // Serialize closes of one community (and entries checking the date) on the community's rows.
    await tx.execute(sqlLock(community.id));
    const closed = await closedThrough(tx, community.id);
    if (closed && input.through <= closed) throw fieldError({ through: { key: 'error.closeBackwards', params: { date: closed } } });
    await tx.insert(feePeriodCloses).values({ organizationId: community.organizationId, communityId: community.id, through: input.through, closedBy: ctx.actor.userId });
    await recordAudit(tx, ctx, { organizationId: community.organizationId, entityType: 'fee_period', entityId: community.id, action: 'close', after: { through: input.through } });
    return { communityId: community.id, closedThrough: input.through };
  });
}

const sqlLock = (communityId: string) => sql`select pg_advisory_xact_lock(hashtext(${`fee-close:${communityId}`}))`;
