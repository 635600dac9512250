import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { createIncidentSchema, updateIncidentSchema } from '../../../../common/incidents';
import type { RequestContext } from '../../../auth/context';
import type { Db, DbOrTx } from '../../../db/client';
import { tenantScope } from '../../../db/scope';
import { AppError, fieldError, notFound } from '../../../errors';
import { recordAudit } from '../../audit';
import { notifyRoles } from '../../notifications';
import { visibleCommunity } from '../../registry';
import { incidentPolicy } from '../policy';
import { emergencyPlans, incidents } from '../tables';
import { inTransaction } from '../../../db/transaction';

export type IncidentRow = typeof incidents.$inferSelect;

/** A visible incident; `lock` takes a row lock. */
export async function findIncident(db: DbOrTx, ctx: RequestContext, id: string, lock = false): Promise<IncidentRow | null> {
  const q = db.select().from(incidents).where(and(eq(incidents.id, id), tenantScope(ctx.actor, { organizationId: incidents.organizationId, communityId: incidents.communityId })));
  const [row] = lock ? await q.for('update') : await q;
  return row && incidentPolicy.can(ctx.actor, 'read', row) ? row : null;
}

/**
 * Logs an incident inside the caller's transaction (also from a patrol check-in), attaches the
 * community's plan for its type and tells the project manager.
 */
export async function createIncidentIn(tx: DbOrTx, ctx: RequestContext, input: z.output<typeof createIncidentSchema>): Promise<IncidentRow> {
  const community = await visibleCommunity(tx, ctx.actor, input.communityId, { active: true });
  if (!community) throw fieldError({ communityId: { key: 'error.notFound', params: { entity: 'entity.community' } } });
  incidentPolicy.assert(ctx.actor, 'log', { organizationId: community.organizationId, communityId: community.id });
  if (new Date(input.occurredAt).getTime() > Date.now() + 5 * 60_000) throw fieldError({ occurredAt: { key: 'field.inFuture' } });
  const [plan] = await tx.select({ id: emergencyPlans.id }).from(emergencyPlans).where(and(eq(emergencyPlans.communityId, community.id), eq(emergencyPlans.type, input.type)));
  const [row] = await tx
    .insert(incidents)
    .values({
      organizationId: community.organizationId,
      communityId: community.id,
      type: input.type,
      place: input.place,
      occurredAt: new Date(input.occurredAt),
      description: input.description,
      people: input.people ?? null,
      actionsTaken: input.actionsTaken ?? null,
      planId: plan?.id ?? null,
      reportedByUserId: ctx.actor.userId,
      reportedByName: ctx.actor.displayName,
    })
    .returning();
  await notifyRoles(tx, ['project_manager'], {
    organizationId: row!.organizationId,
    communityId: row!.communityId,
    kind: 'new_work',
    messageKey: 'notify.incidentReported',
    params: { type: `incident.${input.type}`, place: input.place, name: ctx.actor.displayName },
    entityType: 'incident',
    entityId: row!.id,
  });
  await recordAudit(tx, ctx, { organizationId: row!.organizationId, entityType: 'incident', entityId: row!.id, action: 'create', after: { type: row!.type, place: row!.place, occurredAt: row!.occurredAt, planId: row!.planId } });
  return row!;
}

export function createIncident(db: Db, ctx: RequestContext, input: z.output<typeof createIncidentSchema>): Promise<IncidentRow> {
  return inTransaction(db, (tx) => createIncidentIn(tx, ctx, input));
}

async function openIncident(tx: DbOrTx, ctx: RequestContext, id: string): Promise<IncidentRow> {
  const row = await findIncident(tx, ctx, id, true);
  if (!row) throw notFound('entity.incident');
  incidentPolicy.assert(ctx.actor, 'log', row);
  if (row.status === 'closed') throw new AppError('CONFLICT', 'error.incidentClosed');
  return row;
}

/** Records people, actions and outcome; `close` ends the incident once an outcome is written. */
export async function updateIncident(db: Db, ctx: RequestContext, id: string, input: z.output<typeof updateIncidentSchema>): Promise<IncidentRow> {
  return inTransaction(db, async (tx) => {
    const row = await openIncident(tx, ctx, id);
    const changes: Partial<IncidentRow> = {};
    if (input.people !== undefined) changes.people = input.people;
    if (input.actionsTaken !== undefined) changes.actionsTaken = input.actionsTaken;
    if (input.outcome !== undefined) changes.outcome = input.outcome;
    if (input.close) {
      if (!(changes.outcome ?? row.outcome)) throw fieldError({ outcome: { key: 'field.outcomeToClose' } });
      changes.status = 'closed';
      changes.closedAt = new Date();
    }
    const [updated] = await tx.update(incidents).set({ ...changes, updatedAt: new Date() }).where(eq(incidents.id, row.id)).returning();
    await recordAudit(tx, ctx, { organizationId: row.organizationId, entityType: 'incident', entityId: row.id, action: input.close ? 'close' : 'update', before: row, after: updated! });
    return updated!;
  });
}

/** Ticks or unticks a step of the incident's emergency plan. */
export async function checkPlanStep(db: Db, ctx: RequestContext, id: string, index: number, done: boolean): Promise<IncidentRow> {
  return inTransaction(db, async (tx) => {
    const row = await openIncident(tx, ctx, id);
    const [plan] = row.planId ? await tx.select().from(emergencyPlans).where(eq(emergencyPlans.id, row.planId)) : [];
    if (!plan || index < 1 || index > plan.steps.length) throw fieldError({ index: { key: 'field.stepUnknown', params: { n: index } } });
    const others = row.stepChecks.filter((c) => c.index !== index);
    const stepChecks = done ? [...others, { index, at: new Date().toISOString(), by: ctx.actor.displayName }] : others;
    const [updated] = await tx.update(incidents).set({ stepChecks, updatedAt: new Date() }).where(eq(incidents.id, row.id)).returning();
    await recordAudit(tx, ctx, { organizationId: row.organizationId, entityType: 'incident', entityId: row.id, action: done ? 'step_done' : 'step_undone', after: { step: index, text: plan.steps[index - 1] } });
    return updated!;
  });
}
