import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { tenantScope, type Actor } from '../../db/scope';
import { DEFAULT_WEIGHTS, type AppraisalWeights } from '../../../common/appraisal/score';
import type { Position } from '../../../common/registry';
import { appraisalWeights, improvementMeasures, staffIncentives } from './tables';

export type IncentiveRow = typeof staffIncentives.$inferSelect;
export type MeasureRow = typeof improvementMeasures.$inferSelect;

export const INCENTIVE_SUBJECT = 'staff_incentive';
export const MEASURE_SUBJECT = 'improvement_measure';
export const INCENTIVE_STANDARD = 'incentive';
export const MEASURE_STANDARD = 'improvement';

export const incentiveScope = (actor: Actor) => tenantScope(actor, { organizationId: staffIncentives.organizationId, communityId: staffIncentives.communityId });
export const measureScope = (actor: Actor) => tenantScope(actor, { organizationId: improvementMeasures.organizationId, communityId: improvementMeasures.communityId });

/** A reward or penalty in the actor's company and communities; `lock` holds a row lock for the transaction. */
export async function findIncentive(db: DbOrTx, actor: Actor, id: string, lock = false): Promise<IncentiveRow | null> {
  const q = db.select().from(staffIncentives).where(and(eq(staffIncentives.id, id), incentiveScope(actor)));
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

/** An improvement measure in the actor's company and communities; `lock` holds a row lock. */
export async function findMeasure(db: DbOrTx, actor: Actor, id: string, lock = false): Promise<MeasureRow | null> {
  const q = db.select().from(improvementMeasures).where(and(eq(improvementMeasures.id, id), measureScope(actor)));
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

/** The company's weights by position; positions it never set get the defaults (`isDefault`). */
export async function weightsOf(db: DbOrTx, organizationId: string): Promise<Map<Position, AppraisalWeights & { isDefault: boolean }>> {
  const rows = await db.select().from(appraisalWeights).where(eq(appraisalWeights.organizationId, organizationId));
  const out = new Map<Position, AppraisalWeights & { isDefault: boolean }>();
  for (const r of rows) out.set(r.position, { inspection: r.inspection, sla: r.sla, rating: r.rating, complaints: r.complaints, complaintDeduction: r.complaintDeduction, isDefault: false });
  return out;
}

/** One position's weights (the defaults when the company set none). */
export function weightsFor(all: Map<Position, AppraisalWeights & { isDefault: boolean }>, position: Position): AppraisalWeights & { isDefault: boolean } {
  return all.get(position) ?? { ...DEFAULT_WEIGHTS, isDefault: true };
}
