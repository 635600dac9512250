import { earliestTrainingCompletion, PRE_JOB_TRAINING_DAYS } from '../../../../common/registry';
import type { Tx } from '../../../db/client';
import type { RequestContext } from '../../../auth/context';
import { fieldError } from '../../../errors';
import { checkReferences } from '../repository/references';

/** Communities assigned to a staff member must be active ones of the organization that the actor serves. */
export async function assertServedCommunities(tx: Tx, ctx: RequestContext, organizationId: string, ids: string[]): Promise<void> {
  const refs = ids.map((id, i) => ({ field: `communityIds.${i}`, kind: 'community' as const, id }));
  const problems = await checkReferences(tx, ctx.actor, refs, { active: true, organizationId });
  if (Object.keys(problems).length) throw fieldError(problems);
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
