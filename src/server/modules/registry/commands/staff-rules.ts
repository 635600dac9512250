import { and, eq, inArray, isNull } from 'drizzle-orm';
import { earliestTrainingCompletion, PRE_JOB_TRAINING_DAYS } from '../../../../common/registry';
import type { Tx } from '../../../db/client';
import type { RequestContext } from '../../../auth/context';
import { tenantScope } from '../../../db/scope';
import { fieldError } from '../../../errors';
import { communities } from '../tables';

/** Communities assigned to a staff member must be active ones of the organization that the actor serves. */
export async function assertServedCommunities(tx: Tx, ctx: RequestContext, organizationId: string, ids: string[]): Promise<void> {
  if (!ids.length) return;
  const found = await tx
    .select({ id: communities.id })
    .from(communities)
    .where(
      and(
        eq(communities.organizationId, organizationId),
        inArray(communities.id, ids),
        isNull(communities.archivedAt),
        tenantScope(ctx.actor, { organizationId: communities.organizationId, communityId: communities.id }),
      ),
    );
  const known = new Set(found.map((c) => c.id));
  const missing = ids.findIndex((id) => !known.has(id));
  if (missing >= 0) throw fieldError({ [`communityIds.${missing}`]: { key: 'error.notFound', params: { entity: 'entity.community' } } });
}

/** Training may be completed only PRE_JOB_TRAINING_DAYS after it started, and not in the future. */
export function assertTrainingCompletion(startedOn: string | null, completedOn: string, field: string, today: string): void {
  if (!startedOn) throw fieldError({ [field]: { key: 'field.trainingNotStarted' } });
  const earliest = earliestTrainingCompletion(startedOn);
  if (completedOn < earliest) {
    throw fieldError({ [field]: { key: 'field.trainingTooShort', params: { days: PRE_JOB_TRAINING_DAYS, date: earliest } } });
  }
  if (completedOn > today) throw fieldError({ [field]: { key: 'field.inFuture' } });
}
