import { and, asc, eq, isNull, lt, or } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { z } from 'zod';
import type { planInputSchema } from '../../../../common/quality/api';
import type { RequestContext } from '../../../auth/context';
import type { Db, DbOrTx } from '../../../db/client';
import { inTransaction } from '../../../db/transaction';
import { forbidden, notFound } from '../../../errors';
import { every } from '../../../jobs/every';
import { addLocalDays, generateInstances } from '../../../work/plans';
import { communityById, visibleCommunity } from '../../registry';
import { qualityPolicy } from '../policy';
import { effectiveTemplate } from '../repository';
import { inspectionPlans } from '../tables';
import { openInspection } from './open-inspection';
import { fieldError } from '../../../errors';

export type PlanRow = typeof inspectionPlans.$inferSelect;

/**
 * Makes a plan's inspections from the day after the last generated date (or today) through
 * tomorrow, through the kernel's plan generator; occurrences whose window already closed are
 * skipped. Idempotent: inspections are unique per plan and start.
 */
export async function generateForPlan(tx: DbOrTx, plan: PlanRow, now: Date): Promise<number> {
  const community = await communityById(tx, plan.communityId);
  if (!community || community.archivedAt) return 0;
  const result = await generateInstances(
    tx,
    { id: plan.id, rule: plan.rule, timeZone: community.timeZone, generatedThrough: plan.generatedThrough },
    now,
    (inner, o) =>
      openInspection(inner, { community, templateKey: plan.templateKey, kind: plan.kind, place: plan.place, planId: plan.id, startsAt: o.at, windowMinutes: plan.windowMinutes, roles: ['project_manager'], ctx: null, now }),
    { horizonDays: 1, skip: (o) => o.at.getTime() + plan.windowMinutes * 60_000 <= now.getTime() },
  );
  await tx.update(inspectionPlans).set({ generatedThrough: result.generatedThrough }).where(eq(inspectionPlans.id, plan.id));
  return result.made.length;
}

/** Creates an inspection plan (project manager or company admin of the community) and makes today's and tomorrow's inspections. */
export async function createInspectionPlan(db: Db, ctx: RequestContext, input: z.output<typeof planInputSchema>): Promise<PlanRow> {
  return inTransaction(db, async (tx) => {
    const community = await visibleCommunity(tx, ctx.actor, input.communityId, { active: true });
    if (!community) throw notFound('entity.community');
    if (!qualityPolicy.can(ctx.actor, 'configure', { organizationId: community.organizationId, communityId: community.id })) throw forbidden();
    if (!(await effectiveTemplate(tx, input.templateKey, community.organizationId, community.id))) throw fieldError({ templateKey: { key: 'field.templateUnknown' } });
    const [plan] = await tx
      .insert(inspectionPlans)
      .values({ organizationId: community.organizationId, communityId: community.id, name: input.name, templateKey: input.templateKey, kind: input.kind, place: input.place, rule: input.rule, windowMinutes: input.windowMinutes })
      .returning();
    await generateForPlan(tx, plan!, new Date());
    const [fresh] = await tx.select().from(inspectionPlans).where(eq(inspectionPlans.id, plan!.id));
    return fresh!;
  });
}

/**
 * Generates the inspections of every active plan through tomorrow. Plans are claimed with FOR
 * UPDATE SKIP LOCKED and inspections are unique per plan and start, so two server processes never
 * make one twice.
 */
export async function generateInspections(db: Db, now = new Date(), batch = 50): Promise<number> {
  const utcTomorrow = addLocalDays(now.toISOString().slice(0, 10), 1);
  let made = 0;
  for (;;) {
    const claimed = await inTransaction(db, async (tx) => {
      const plans = await tx
        .select()
        .from(inspectionPlans)
        .where(and(eq(inspectionPlans.active, true), or(isNull(inspectionPlans.generatedThrough), lt(inspectionPlans.generatedThrough, utcTomorrow))))
        .orderBy(asc(inspectionPlans.id))
        .limit(batch)
        .for('update', { skipLocked: true });
      for (const plan of plans) made += await generateForPlan(tx, plan, now);
      return plans.length;
    });
    if (claimed < batch) return made;
  }
}

/** Makes inspections from the plans every `seconds` (missed ones are the sweeper's: their window's breach). */
export function startQualityJobs(db: Db, log: FastifyBaseLogger, seconds: number): () => Promise<void> {
  return every(seconds, async () => {
    try {
      const made = await generateInspections(db);
      if (made) log.info({ made }, 'quality job');
    } catch (err) {
      log.error({ err }, 'quality job failed');
    }
  });
}
