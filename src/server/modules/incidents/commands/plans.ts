import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { drillInputSchema, planInputSchema, planUpdateSchema } from '../../../../common/incidents';
import type { RequestContext } from '../../../auth/context';
import type { Db, DbOrTx } from '../../../db/client';
import { tenantScope } from '../../../db/scope';
import { AppError, fieldError, notFound } from '../../../errors';
import { recordAudit } from '../../audit';
import { visibleCommunity } from '../../registry';
import { incidentPolicy } from '../policy';
import { emergencyDrills, emergencyPlans } from '../tables';
import { inTransaction } from '../../../db/transaction';

export type PlanRow = typeof emergencyPlans.$inferSelect;

export async function findPlan(db: DbOrTx, ctx: RequestContext, id: string): Promise<PlanRow | null> {
  const [row] = await db.select().from(emergencyPlans).where(and(eq(emergencyPlans.id, id), tenantScope(ctx.actor, { organizationId: emergencyPlans.organizationId, communityId: emergencyPlans.communityId })));
  return row && incidentPolicy.can(ctx.actor, 'read', row) ? row : null;
}

/** Writes a community's emergency plan for one type of incident (one plan per type). */
export async function createPlanIn(tx: DbOrTx, ctx: RequestContext, input: z.output<typeof planInputSchema>): Promise<PlanRow> {
  const community = await visibleCommunity(tx, ctx.actor, input.communityId, { active: true });
  if (!community) throw fieldError({ communityId: { key: 'error.notFound', params: { entity: 'entity.community' } } });
  incidentPolicy.assert(ctx.actor, 'plan', { organizationId: community.organizationId, communityId: community.id });
  const [taken] = await tx.select({ id: emergencyPlans.id }).from(emergencyPlans).where(and(eq(emergencyPlans.communityId, community.id), eq(emergencyPlans.type, input.type)));
  if (taken) throw fieldError({ type: { key: 'error.planTypeTaken' } });
  const [row] = await tx
    .insert(emergencyPlans)
    .values({ organizationId: community.organizationId, communityId: community.id, type: input.type, title: input.title, steps: input.steps })
    .returning();
  await recordAudit(tx, ctx, { organizationId: row!.organizationId, entityType: 'emergency_plan', entityId: row!.id, action: 'create', after: { type: row!.type, title: row!.title, steps: row!.steps } });
  return row!;
}

export function createPlan(db: Db, ctx: RequestContext, input: z.output<typeof planInputSchema>): Promise<PlanRow> {
  return inTransaction(db, (tx) => createPlanIn(tx, ctx, input));
}

/** Rewrites a plan's title and steps; open incidents keep the ticks of the steps by number. */
export async function updatePlan(db: Db, ctx: RequestContext, id: string, input: z.output<typeof planUpdateSchema>): Promise<PlanRow> {
  return inTransaction(db, async (tx) => {
    const row = await findPlan(tx, ctx, id);
    if (!row) throw notFound('entity.emergencyPlan');
    incidentPolicy.assert(ctx.actor, 'plan', row);
    const [updated] = await tx.update(emergencyPlans).set({ title: input.title, steps: input.steps, updatedAt: new Date() }).where(eq(emergencyPlans.id, id)).returning();
    await recordAudit(tx, ctx, { organizationId: row.organizationId, entityType: 'emergency_plan', entityId: row.id, action: 'update', before: { title: row.title, steps: row.steps }, after: { title: updated!.title, steps: updated!.steps } });
    return updated!;
  });
}

/** Records a drill of a plan. */
export async function recordDrillIn(tx: DbOrTx, ctx: RequestContext, input: z.output<typeof drillInputSchema>) {
  const plan = await findPlan(tx, ctx, input.planId);
  if (!plan) throw fieldError({ planId: { key: 'error.notFound', params: { entity: 'entity.emergencyPlan' } } });
  incidentPolicy.assert(ctx.actor, 'plan', plan);
  if (input.heldOn > new Date().toISOString().slice(0, 10)) throw fieldError({ heldOn: { key: 'field.inFuture' } });
  const [row] = await tx
    .insert(emergencyDrills)
    .values({ organizationId: plan.organizationId, communityId: plan.communityId, planId: plan.id, heldOn: input.heldOn, participants: input.participants, findings: input.findings, recordedByName: ctx.actor.displayName })
    .returning();
  await recordAudit(tx, ctx, { organizationId: row!.organizationId, entityType: 'emergency_drill', entityId: row!.id, action: 'create', after: { planId: plan.id, heldOn: row!.heldOn } });
  if (!row) throw new AppError('INTERNAL', 'error.internal');
  return row;
}

export function recordDrill(db: Db, ctx: RequestContext, input: z.output<typeof drillInputSchema>) {
  return inTransaction(db, (tx) => recordDrillIn(tx, ctx, input));
}
