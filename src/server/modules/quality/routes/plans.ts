import { asc, and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { planInputSchema, planSchema } from '../../../../common/quality/api';
import { contextOf, requireActor } from '../../../auth/plugin';
import { tenantScope } from '../../../db/scope';
import { ERRORS } from '../../../http/route-kit';
import { createInspectionPlan, type PlanRow } from '../commands/plans';
import { inspectionPlans } from '../tables';

const tags = ['quality'];
const presentPlan = (p: PlanRow) => ({ id: p.id, communityId: p.communityId, name: p.name, templateKey: p.templateKey, kind: p.kind, place: p.place, rule: p.rule as unknown as Record<string, unknown>, windowMinutes: p.windowMinutes, active: p.active });

/** Inspection plans: self-inspections and spot checks on a recurrence rule. */
export async function planRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.database.db;

  r.get('/api/v1/quality/plans', {
    schema: { tags, summary: 'Inspection plans', querystring: z.object({ communityId: z.uuid().optional() }), response: { 200: z.object({ items: z.array(planSchema) }), ...ERRORS } },
  }, async (request) => {
    const actor = requireActor(request);
    if (actor.staffId === null && !actor.roles.includes('company_admin')) return { items: [] };
    const rows = await db
      .select()
      .from(inspectionPlans)
      .where(and(tenantScope(actor, { organizationId: inspectionPlans.organizationId, communityId: inspectionPlans.communityId }), request.query.communityId ? eq(inspectionPlans.communityId, request.query.communityId) : undefined))
      .orderBy(asc(inspectionPlans.name));
    return { items: rows.map(presentPlan) };
  });

  r.post('/api/v1/quality/plans', {
    schema: {
      tags,
      summary: 'Create an inspection plan',
      description: 'A template run at a post on a recurrence rule (daily, weekly on some weekdays, monthly on some days; listed times or every N minutes). Each inspection is open `windowMinutes` from its start and is missed when not submitted by then. Today’s and tomorrow’s are made at once, then by a periodic job. Project manager or company admin.',
      body: planInputSchema,
      response: { 201: planSchema, ...ERRORS },
    },
  }, async (request, reply) => reply.status(201).send(presentPlan(await createInspectionPlan(db, contextOf(request), request.body))));
}
