import { and, asc, count, eq, inArray, notInArray } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { measureDetailSchema, measureInputSchema, measurePageSchema, measureQuerySchema } from '../../../../common/appraisal/api';
import { genericActionBodySchema } from '../../../../common/work/records';
import { contextOf, requireActor } from '../../../auth/plugin';
import { notFound } from '../../../errors';
import { ERRORS, idParams } from '../../../http/route-kit';
import { etagOf, expectedVersionOf, stepHeadersSchema } from '../../../work/step-headers';
import { visibleCommunity } from '../../registry';
import { raiseMeasure, takeMeasureStep } from '../commands/measures';
import { readsMeasure } from '../policy';
import { measureDetail, presentMeasures } from '../presenter';
import { findMeasure, measureScope } from '../repository';
import { improvementMeasures } from '../tables';

const tags = ['appraisal'];
const actionParams = z.object({ id: z.uuid(), action: z.string().regex(/^[a-z][a-z0-9_-]{0,63}$/).meta({ description: 'A step of the item’s pinned standard, as listed in its `actions`' }) });

/** Improvement measures (PDCA): raise, list until closed, read with the effect, take the steps. */
export async function measureRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.database.db;

  r.post('/api/v1/appraisal/measures', {
    schema: {
      tags,
      summary: 'Raise an improvement measure',
      description:
        'From a recurring failed inspection item (`inspection_item`, `<category>.<item>` that failed in the community), a complaint category (`complaint_category`) or a KPI (`kpi`: inspection_score, sla_compliance), with an owner serving the community and a due date (not past). Project manager, quality inspector, company admin.',
      body: measureInputSchema,
      response: { 201: measureDetailSchema, ...ERRORS },
    },
  }, async (request, reply) => {
    const detail = await raiseMeasure(db, contextOf(request), request.body);
    reply.header('etag', etagOf(detail.version));
    return reply.status(201).send(detail);
  });

  r.get('/api/v1/appraisal/measures', {
    schema: { tags, summary: 'Improvement measures', description: 'Of the caller’s communities, the earliest due first; `open=true` those not closed (the manager’s list), with `overdue` when the due date passed.', querystring: measureQuerySchema, response: { 200: measurePageSchema, ...ERRORS } },
  }, async (request) => {
    const actor = requireActor(request);
    const q = request.query;
    if (!actor.staffId && !actor.roles.includes('company_admin')) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
    if (q.communityId && !(await visibleCommunity(db, actor, q.communityId, { active: false }))) throw notFound('entity.community');
    const where = and(
      measureScope(actor),
      q.communityId ? eq(improvementMeasures.communityId, q.communityId) : undefined,
      q.open === 'true' ? notInArray(improvementMeasures.stateType, ['closed', 'cancelled']) : q.open === 'false' ? inArray(improvementMeasures.stateType, ['closed', 'cancelled']) : undefined,
    );
    const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(improvementMeasures).where(where);
    const rows = await db.select().from(improvementMeasures).where(where).orderBy(asc(improvementMeasures.dueAt), asc(improvementMeasures.number)).limit(q.pageSize).offset((q.page - 1) * q.pageSize);
    return { items: await presentMeasures(db, rows), total, page: q.page, pageSize: q.pageSize };
  });

  r.get('/api/v1/appraisal/measures/:id', {
    schema: { tags, summary: 'An improvement measure', description: 'With its effect (the metric over equal periods before and after it was raised), the steps the caller may take and its timeline.', params: idParams, response: { 200: measureDetailSchema, ...ERRORS } },
  }, async (request, reply) => {
    const actor = requireActor(request);
    const row = await findMeasure(db, actor, request.params.id);
    if (!row || !readsMeasure(actor, row)) throw notFound('entity.improvementMeasure');
    reply.header('etag', etagOf(row.version));
    return measureDetail(db, actor, row);
  });

  r.post('/api/v1/appraisal/measures/:id/actions/:action', {
    schema: {
      tags,
      summary: 'Take a step of the measure’s standard',
      description: 'Plan, do, check and act as described in `actions` (the owner or a manager; the check is a manager’s). `Idempotency-Key` and `If-Match` as for every step.',
      params: actionParams,
      headers: stepHeadersSchema,
      body: genericActionBodySchema,
      response: { 200: measureDetailSchema, ...ERRORS },
    },
  }, async (request, reply) => {
    const result = await takeMeasureStep(db, contextOf(request), request.params.id, request.params.action, request.body, {
      idempotencyKey: request.headers['idempotency-key'],
      expectedVersion: expectedVersionOf(request.headers['if-match']),
    });
    if (result.replayed) reply.header('idempotent-replayed', 'true');
    reply.header('etag', etagOf(result.body.version));
    return result.body;
  });
}
