import { and, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { planInputSchema, routeInputSchema } from '../../../../common/patrol';
import type { RequestContext } from '../../../auth/context';
import type { Db, DbOrTx } from '../../../db/client';
import { tenantScope } from '../../../db/scope';
import { fieldError, notFound, type FieldProblem } from '../../../errors';
import { recordAudit } from '../../audit';
import { patrolPolicy } from '../policy';
import { findCommunity, findRoute } from '../repository';
import { patrolCheckpoints, patrolPlans, patrolRoutes } from '../tables';
import { generateForPlan } from './job';
import { inTransaction } from '../../../db/transaction';

type RouteBody = z.output<typeof routeInputSchema>;
type PlanBody = z.output<typeof planInputSchema>;
export type PlanRow = typeof patrolPlans.$inferSelect;

/**
 * Creates a route with its checkpoints in walking order. Tag ids are unique in the company (a
 * scanned tag names exactly one checkpoint) and the expected times never go backwards.
 */
export async function createRouteIn(tx: DbOrTx, ctx: RequestContext, input: RouteBody) {
  const community = await findCommunity(tx, ctx.actor, input.communityId);
  if (!community) throw fieldError({ communityId: { key: 'error.notFound', params: { entity: 'entity.community' } } });
  patrolPolicy.assert(ctx.actor, 'configure', { organizationId: community.organizationId, communityId: community.id });
  const problems: Record<string, FieldProblem> = {};
  const seen = new Map<string, number>();
  input.checkpoints.forEach((c, i) => {
    const tag = c.tagId.toLowerCase();
    if (seen.has(tag)) problems[`checkpoints.${i}.tagId`] = { key: 'field.tagRepeated', params: { n: seen.get(tag)! + 1 } };
    else seen.set(tag, i);
    if (i > 0 && c.offsetMinutes < input.checkpoints[i - 1]!.offsetMinutes) problems[`checkpoints.${i}.offsetMinutes`] = { key: 'field.offsetOrder' };
  });
  const taken = await tx
    .select({ tagId: patrolCheckpoints.tagId, name: patrolCheckpoints.name })
    .from(patrolCheckpoints)
    .where(and(eq(patrolCheckpoints.organizationId, community.organizationId), inArray(patrolCheckpoints.tagId, input.checkpoints.map((c) => c.tagId))));
  for (const t of taken) {
    const i = input.checkpoints.findIndex((c) => c.tagId === t.tagId);
    problems[`checkpoints.${i}.tagId`] = { key: 'field.tagTaken', params: { name: t.name } };
  }
  if (Object.keys(problems).length) throw fieldError(problems);
  const [route] = await tx
    .insert(patrolRoutes)
    .values({ organizationId: community.organizationId, communityId: community.id, name: input.name, description: input.description ?? null })
    .returning();
  await tx.insert(patrolCheckpoints).values(
    input.checkpoints.map((c, i) => ({
      organizationId: community.organizationId,
      communityId: community.id,
      routeId: route!.id,
      seq: i + 1,
      name: c.name,
      tagId: c.tagId,
      location: c.location ?? null,
      offsetMinutes: c.offsetMinutes,
      toleranceMinutes: c.toleranceMinutes,
    })),
  );
  await recordAudit(tx, ctx, { organizationId: route!.organizationId, entityType: 'patrol_route', entityId: route!.id, action: 'create', after: { name: route!.name, checkpoints: input.checkpoints.map((c) => `${c.name}(${c.tagId})`) } });
  return route!;
}

export function createRoute(db: Db, ctx: RequestContext, input: RouteBody) {
  return inTransaction(db, (tx) => createRouteIn(tx, ctx, input));
}

/** Creates a plan for a route and makes its rounds for today and tomorrow at once. */
export async function createPlanIn(tx: DbOrTx, ctx: RequestContext, input: PlanBody, now = new Date()): Promise<PlanRow> {
  const found = await findRoute(tx, ctx.actor, input.routeId);
  if (!found || found.route.communityId !== input.communityId) throw fieldError({ routeId: { key: 'error.notFound', params: { entity: 'entity.patrolRoute' } } });
  patrolPolicy.assert(ctx.actor, 'configure', found.route);
  const [plan] = await tx
    .insert(patrolPlans)
    .values({
      organizationId: found.route.organizationId,
      communityId: found.route.communityId,
      routeId: found.route.id,
      name: input.name,
      startTime: input.startTime,
      endTime: input.endTime,
      everyMinutes: input.everyMinutes,
      peakWindows: input.peakWindows,
    })
    .returning();
  await recordAudit(tx, ctx, { organizationId: plan!.organizationId, entityType: 'patrol_plan', entityId: plan!.id, action: 'create', after: { name: plan!.name, routeId: plan!.routeId, startTime: plan!.startTime, endTime: plan!.endTime, everyMinutes: plan!.everyMinutes, peakWindows: plan!.peakWindows } });
  await generateForPlan(tx, plan!, now);
  return plan!;
}

export function createPlan(db: Db, ctx: RequestContext, input: PlanBody) {
  return inTransaction(db, (tx) => createPlanIn(tx, ctx, input));
}

/** Pauses or resumes a plan; rounds already made stay. */
export async function setPlanActive(db: Db, ctx: RequestContext, id: string, active: boolean): Promise<PlanRow> {
  return inTransaction(db, async (tx) => {
    const [plan] = await tx.select().from(patrolPlans).where(and(eq(patrolPlans.id, id), tenantScope(ctx.actor, { organizationId: patrolPlans.organizationId, communityId: patrolPlans.communityId }))).for('update');
    if (!plan || !patrolPolicy.can(ctx.actor, 'read', plan)) throw notFound('entity.patrolPlan');
    patrolPolicy.assert(ctx.actor, 'configure', plan);
    const [updated] = await tx.update(patrolPlans).set({ active, updatedAt: new Date() }).where(eq(patrolPlans.id, id)).returning();
    await recordAudit(tx, ctx, { organizationId: plan.organizationId, entityType: 'patrol_plan', entityId: plan.id, action: 'update', before: { active: plan.active }, after: { active } });
    return updated!;
  });
}
