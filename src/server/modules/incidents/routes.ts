import { and, asc, count, desc, eq, inArray, max, type SQL } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createIncidentSchema,
  drillInputSchema,
  drillSchema,
  emergencyPlanSchema,
  incidentListQuerySchema,
  incidentSchema,
  incidentTypeSchema,
  planInputSchema,
  planUpdateSchema,
  stepCheckSchema,
  updateIncidentSchema,
} from '../../../common/incidents';
import { contextOf, requireActor } from '../../auth/plugin';
import type { DbOrTx } from '../../db/client';
import { tenantScope, type Actor } from '../../db/scope';
import { notFound } from '../../errors';
import { ERRORS, idParams } from '../../http/route-kit';
import { checkPlanStep, createIncident, findIncident, updateIncident } from './commands/incidents';
import { createPlan, recordDrill, updatePlan, type PlanRow } from './commands/plans';
import { presentIncident } from './presenter';
import { emergencyDrills, emergencyPlans, incidents } from './tables';

const tags = ['incidents'];
const communityQuery = z.object({ communityId: z.uuid().optional().meta({ description: 'One community; default all the caller serves' }) });

function scoped(actor: Actor, table: typeof incidents | typeof emergencyPlans | typeof emergencyDrills, communityId?: string): SQL {
  return and(tenantScope(actor, { organizationId: table.organizationId, communityId: table.communityId }), communityId ? eq(table.communityId, communityId) : undefined)!;
}

/** Only staff read incidents and plans; residents get an empty list. */
function staffOnly(actor: Actor): boolean {
  return actor.staffId !== null || actor.roles.includes('company_admin') || actor.roles.includes('platform_admin');
}

async function presentPlans(db: DbOrTx, rows: PlanRow[]) {
  const drills = rows.length
    ? await db.select({ planId: emergencyDrills.planId, last: max(emergencyDrills.heldOn) }).from(emergencyDrills).where(inArray(emergencyDrills.planId, rows.map((p) => p.id))).groupBy(emergencyDrills.planId)
    : [];
  const last = new Map(drills.map((d) => [d.planId, d.last]));
  return rows.map((p) => ({ id: p.id, communityId: p.communityId, type: p.type, title: p.title, steps: p.steps, lastDrillOn: last.get(p.id) ?? null }));
}

/** Incident log, emergency plans with their steps, and drills. */
export async function incidentRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.database.db;

  r.get('/api/v1/incidents', {
    schema: { tags, summary: 'The incident log', description: 'Paged, newest first; filters by community, status and type.', querystring: incidentListQuerySchema, response: { 200: z.object({ items: z.array(incidentSchema), total: z.number(), page: z.number(), pageSize: z.number() }), ...ERRORS } },
  }, async (request) => {
    const actor = requireActor(request);
    const q = request.query;
    if (!staffOnly(actor)) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
    const where = and(scoped(actor, incidents, q.communityId), q.status ? eq(incidents.status, q.status) : undefined, q.type ? eq(incidents.type, q.type) : undefined);
    const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(incidents).where(where);
    const rows = await db.select().from(incidents).where(where).orderBy(desc(incidents.occurredAt)).limit(q.pageSize).offset((q.page - 1) * q.pageSize);
    const items = [];
    for (const row of rows) items.push(await presentIncident(db, actor, row));
    return { items, total, page: q.page, pageSize: q.pageSize };
  });

  r.post('/api/v1/incidents', {
    schema: { tags, summary: 'Log an incident', description: 'Guards, the desk and the manager log incidents; the community’s plan for the type is attached and the project manager is told.', body: createIncidentSchema, response: { 201: incidentSchema, ...ERRORS } },
  }, async (request, reply) => {
    const ctx = contextOf(request);
    const row = await createIncident(db, ctx, request.body);
    return reply.status(201).send(await presentIncident(db, ctx.actor, row));
  });

  r.get('/api/v1/incidents/:id', {
    schema: { tags, summary: 'An incident with its plan’s steps', params: idParams, response: { 200: incidentSchema, ...ERRORS } },
  }, async (request) => {
    const ctx = contextOf(request);
    const row = await findIncident(db, ctx, request.params.id);
    if (!row) throw notFound('entity.incident');
    return presentIncident(db, ctx.actor, row);
  });

  r.patch('/api/v1/incidents/:id', {
    schema: { tags, summary: 'Record people, actions and outcome; close', description: '`close: true` closes the incident; it needs an outcome.', params: idParams, body: updateIncidentSchema, response: { 200: incidentSchema, ...ERRORS } },
  }, async (request) => {
    const ctx = contextOf(request);
    const row = await updateIncident(db, ctx, request.params.id, request.body);
    return presentIncident(db, ctx.actor, row);
  });

  r.put('/api/v1/incidents/:id/steps/:step', {
    schema: { tags, summary: 'Tick off a step of the plan', description: 'Steps are numbered from 1 in the plan’s order.', params: idParams.extend({ step: z.coerce.number().int().min(1).max(30) }), body: stepCheckSchema, response: { 200: incidentSchema, ...ERRORS } },
  }, async (request) => {
    const ctx = contextOf(request);
    const row = await checkPlanStep(db, ctx, request.params.id, request.params.step, request.body.done);
    return presentIncident(db, ctx.actor, row);
  });

  r.get('/api/v1/emergency-plans', {
    schema: { tags, summary: 'Emergency plans', description: 'The plans of the communities the caller serves, with the date of the last drill.', querystring: communityQuery.extend({ type: incidentTypeSchema.optional() }), response: { 200: z.object({ items: z.array(emergencyPlanSchema) }), ...ERRORS } },
  }, async (request) => {
    const actor = requireActor(request);
    if (!staffOnly(actor)) return { items: [] };
    const rows = await db.select().from(emergencyPlans).where(and(scoped(actor, emergencyPlans, request.query.communityId), request.query.type ? eq(emergencyPlans.type, request.query.type) : undefined)).orderBy(asc(emergencyPlans.type));
    return { items: await presentPlans(db, rows) };
  });

  r.post('/api/v1/emergency-plans', {
    schema: { tags, summary: 'Write an emergency plan', description: 'One plan per community and incident type; project manager or company admin.', body: planInputSchema, response: { 201: emergencyPlanSchema, ...ERRORS } },
  }, async (request, reply) => {
    const ctx = contextOf(request);
    const row = await createPlan(db, ctx, request.body);
    return reply.status(201).send((await presentPlans(db, [row]))[0]!);
  });

  r.put('/api/v1/emergency-plans/:id', {
    schema: { tags, summary: 'Rewrite a plan’s title and steps', params: idParams, body: planUpdateSchema, response: { 200: emergencyPlanSchema, ...ERRORS } },
  }, async (request) => {
    const ctx = contextOf(request);
    const row = await updatePlan(db, ctx, request.params.id, request.body);
    return (await presentPlans(db, [row]))[0]!;
  });

  r.get('/api/v1/emergency-drills', {
    schema: { tags, summary: 'Drills', description: 'Newest first.', querystring: communityQuery, response: { 200: z.object({ items: z.array(drillSchema) }), ...ERRORS } },
  }, async (request) => {
    const actor = requireActor(request);
    if (!staffOnly(actor)) return { items: [] };
    const rows = await db
      .select({ d: emergencyDrills, title: emergencyPlans.title })
      .from(emergencyDrills)
      .innerJoin(emergencyPlans, eq(emergencyPlans.id, emergencyDrills.planId))
      .where(scoped(actor, emergencyDrills, request.query.communityId))
      .orderBy(desc(emergencyDrills.heldOn))
      .limit(200);
    return { items: rows.map(({ d, title }) => ({ id: d.id, planId: d.planId, planTitle: title, heldOn: d.heldOn, participants: d.participants, findings: d.findings, recordedByName: d.recordedByName })) };
  });

  r.post('/api/v1/emergency-drills', {
    schema: { tags, summary: 'Record a drill', description: 'Plan, date, participants and findings; project manager or company admin.', body: drillInputSchema, response: { 201: drillSchema, ...ERRORS } },
  }, async (request, reply) => {
    const ctx = contextOf(request);
    const d = await recordDrill(db, ctx, request.body);
    const [plan] = await db.select({ title: emergencyPlans.title }).from(emergencyPlans).where(eq(emergencyPlans.id, d.planId));
    return reply.status(201).send({ id: d.id, planId: d.planId, planTitle: plan!.title, heldOn: d.heldOn, participants: d.participants, findings: d.findings, recordedByName: d.recordedByName });
  });

}
