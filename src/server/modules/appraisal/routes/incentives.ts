import { and, count, desc, eq, gte, inArray, lt, notInArray } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { incentiveDetailSchema, incentiveInputSchema, incentivePageSchema, incentiveQuerySchema } from '../../../../common/appraisal/api';
import { monthBounds } from '../../../../common/appraisal/score';
import { genericActionBodySchema } from '../../../../common/work/records';
import { contextOf, requireActor } from '../../../auth/plugin';
import { hasRole } from '../../../auth/policy';
import { notFound } from '../../../errors';
import { ERRORS, idParams } from '../../../http/route-kit';
import { localInstant } from '../../../work/plans';
import { etagOf, expectedVersionOf, stepHeadersSchema } from '../../../work/step-headers';
import { visibleCommunity } from '../../registry';
import { proposeIncentive, takeIncentiveStep } from '../commands/incentives';
import { readsIncentive } from '../policy';
import { incentiveDetail, presentIncentives } from '../presenter';
import { findIncentive, incentiveScope } from '../repository';
import { staffIncentives } from '../tables';

const tags = ['appraisal'];
const actionParams = z.object({ id: z.uuid(), action: z.string().regex(/^[a-z][a-z0-9_-]{0,63}$/).meta({ description: 'A step of the item’s pinned standard, as listed in its `actions`' }) });

/** Rewards and penalties: propose, list, read, approve or reject. */
export async function incentiveRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.database.db;

  r.post('/api/v1/appraisal/incentives', {
    schema: {
      tags,
      summary: 'Propose a reward or penalty',
      description: 'For a staff member serving the community, with a reason, points and/or an amount (fen) and evidence photos (uploaded first). It awaits the project manager’s approval; its proposer may not approve it. Managers, quality inspector, desk, dispatcher.',
      body: incentiveInputSchema,
      response: { 201: incentiveDetailSchema, ...ERRORS },
    },
  }, async (request, reply) => {
    const detail = await proposeIncentive(db, contextOf(request), request.body);
    reply.header('etag', etagOf(detail.version));
    return reply.status(201).send(detail);
  });

  r.get('/api/v1/appraisal/incentives', {
    schema: { tags, summary: 'Rewards and penalties', description: 'Of the caller’s communities, newest first; `open=true` those awaiting approval. Managers see all, others those they proposed.', querystring: incentiveQuerySchema, response: { 200: incentivePageSchema, ...ERRORS } },
  }, async (request) => {
    const actor = requireActor(request);
    const q = request.query;
    let window: { from: Date; to: Date } | null = null;
    if (q.communityId) {
      const community = await visibleCommunity(db, actor, q.communityId, { active: false });
      if (!community) throw notFound('entity.community');
      if (q.month) window = { from: localInstant(community.timeZone, monthBounds(q.month).from, 0), to: localInstant(community.timeZone, monthBounds(q.month).to, 0) };
    } else if (q.month) window = { from: localInstant('Asia/Shanghai', monthBounds(q.month).from, 0), to: localInstant('Asia/Shanghai', monthBounds(q.month).to, 0) };
    const manager = hasRole(actor, 'company_admin', 'project_manager', 'quality_inspector');
    if (!manager && !actor.staffId) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
    const where = and(
      incentiveScope(actor),
      manager ? undefined : eq(staffIncentives.proposedByUserId, actor.userId),
      q.communityId ? eq(staffIncentives.communityId, q.communityId) : undefined,
      q.staffId ? eq(staffIncentives.staffId, q.staffId) : undefined,
      q.open === 'true' ? notInArray(staffIncentives.stateType, ['closed', 'cancelled']) : q.open === 'false' ? inArray(staffIncentives.stateType, ['closed', 'cancelled']) : undefined,
      window ? and(gte(staffIncentives.createdAt, window.from), lt(staffIncentives.createdAt, window.to)) : undefined,
    );
    const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(staffIncentives).where(where);
    const rows = await db.select().from(staffIncentives).where(where).orderBy(desc(staffIncentives.createdAt), desc(staffIncentives.number)).limit(q.pageSize).offset((q.page - 1) * q.pageSize);
    return { items: await presentIncentives(db, rows), total, page: q.page, pageSize: q.pageSize };
  });

  r.get('/api/v1/appraisal/incentives/:id', {
    schema: { tags, summary: 'A reward or penalty', description: 'With its evidence, the steps the caller may take and its timeline.', params: idParams, response: { 200: incentiveDetailSchema, ...ERRORS } },
  }, async (request, reply) => {
    const actor = requireActor(request);
    const row = await findIncentive(db, actor, request.params.id);
    if (!row || !readsIncentive(actor, row)) throw notFound('entity.staffIncentive');
    reply.header('etag', etagOf(row.version));
    return incentiveDetail(db, actor, row);
  });

  r.post('/api/v1/appraisal/incentives/:id/actions/:action', {
    schema: {
      tags,
      summary: 'Approve or reject a reward or penalty',
      description: 'The step of its standard (`decide` with `approved` and a note in the shipped one): the project manager or a company admin, never whoever proposed it (400 on `approved`). `Idempotency-Key` and `If-Match` as for every step.',
      params: actionParams,
      headers: stepHeadersSchema,
      body: genericActionBodySchema,
      response: { 200: incentiveDetailSchema, ...ERRORS },
    },
  }, async (request, reply) => {
    const result = await takeIncentiveStep(db, contextOf(request), request.params.id, request.params.action, request.body, {
      idempotencyKey: request.headers['idempotency-key'],
      expectedVersion: expectedVersionOf(request.headers['if-match']),
    });
    if (result.replayed) reply.header('idempotent-replayed', 'true');
    reply.header('etag', etagOf(result.body.version));
    return result.body;
  });
}
