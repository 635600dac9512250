import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { weightsInputSchema } from '../../../../common/appraisal/api';
import type { Position } from '../../../../common/registry';
import type { RequestContext } from '../../../auth/context';
import type { Db } from '../../../db/client';
import { inTransaction } from '../../../db/transaction';
import { forbidden } from '../../../errors';
import { recordAudit } from '../../audit';
import { weightsPolicy } from '../policy';
import { appraisalWeights } from '../tables';

/** Sets one position's appraisal weights for the caller's company (company admins), with its audit record. */
export async function setWeights(db: Db, ctx: RequestContext, position: Position, input: z.output<typeof weightsInputSchema>): Promise<void> {
  const organizationId = ctx.actor.organizationId;
  if (!organizationId) throw forbidden();
  weightsPolicy.assert(ctx.actor, 'set', { organizationId });
  const values = { inspection: input.inspection, sla: input.sla, rating: input.rating, complaints: input.complaints, complaintDeduction: input.complaintDeduction };
  await inTransaction(db, async (tx) => {
    const [before] = await tx.select().from(appraisalWeights).where(and(eq(appraisalWeights.organizationId, organizationId), eq(appraisalWeights.position, position))).for('update');
    await tx
      .insert(appraisalWeights)
      .values({ organizationId, position, ...values, updatedByUserId: ctx.actor.userId, updatedAt: new Date() })
      .onConflictDoUpdate({ target: [appraisalWeights.organizationId, appraisalWeights.position], set: { ...values, updatedByUserId: ctx.actor.userId, updatedAt: new Date() } });
    const view = (w: typeof values) => ({ position, inspection: w.inspection, sla: w.sla, rating: w.rating, complaints: w.complaints, complaintDeduction: w.complaintDeduction });
    await recordAudit(tx, ctx, { organizationId, entityType: 'appraisal_weights', entityId: organizationId, action: before ? 'update' : 'create', before: before ? view(before) : undefined, after: view(values) });
  });
}
