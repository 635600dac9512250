import { and, asc, count, desc, eq, gte, inArray, lt, notInArray, type SQL } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  inspectionDetailSchema,
  inspectionSummarySchema,
  listQuerySchema,
  rectificationDetailSchema,
  rectificationQuerySchema,
  rectificationSummarySchema,
  spotCheckInputSchema,
} from '../../../../common/quality/api';
import { genericActionBodySchema } from '../../../../common/work/records';
import { contextOf, requireActor } from '../../../auth/plugin';
import type { DbOrTx } from '../../../db/client';
import { inTransaction } from '../../../db/transaction';
import type { Actor } from '../../../db/scope';
import { forbidden, notFound } from '../../../errors';
import { ERRORS, idParams } from '../../../http/route-kit';
import { addLocalDays, localInstant } from '../../../work/plans';
import { etagOf, expectedVersionOf, stepHeadersSchema } from '../../../work/step-headers';
import type { ServiceStandard } from '../../../standards/definition';
import { visibleCommunity } from '../../registry';
import { pinnedStandard } from '../../standards';
import { openInspection } from '../commands/open-inspection';
import { takeInspectionStep, takeRectificationStep } from '../commands/take-steps';
import { qualityPolicy } from '../policy';
import { inspectionDetail, presentInspection, presentRectification, rectificationDetail } from '../presenter';
import { rectificationDues } from '../due';
import { findInspection, findRectification, inspectionScope, rectificationScope } from '../repository';
import { inspections, rectifications } from '../tables';
import { readDb } from '../../../db/read-routing';

const tags = ['quality'];
const actionParams = z.object({
  id: z.uuid(),
  action: z.string().regex(/^[a-z][a-z0-9_-]{0,63}$/).meta({ description: 'A step of the item’s pinned standard, as listed in its `actions`' }),
});
const isStaff = (actor: Actor) => actor.staffId !== null || actor.roles.includes('company_admin');

async function standardsOf(db: DbOrTx, ids: string[]): Promise<Map<string, ServiceStandard>> {
  const out = new Map<string, ServiceStandard>();
  for (const id of new Set(ids)) out.set(id, (await pinnedStandard(db, id)).definition);
  return out;
}

/** Inspections (spot checks, lists, detail, steps) and rectifications (lists, detail, steps). */
export async function inspectionRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.database.db;

  r.post('/api/v1/quality/inspections', {
    schema: {
      tags,
      summary: 'Open a spot check',
      description: 'An ad-hoc inspection of a post with a template, open for `windowMinutes` from now. Quality inspector, project manager or company admin of the community.',
      body: spotCheckInputSchema,
      response: { 201: inspectionDetailSchema, ...ERRORS },
    },
  }, async (request, reply) => {
    const ctx = contextOf(request);
    const body = request.body;
    const detail = await inTransaction(db, async (tx) => {
      const community = await visibleCommunity(tx, ctx.actor, body.communityId, { active: true });
      if (!community) throw notFound('entity.community');
      if (!qualityPolicy.can(ctx.actor, 'spotCheck', { organizationId: community.organizationId, communityId: community.id })) throw forbidden();
      const now = new Date();
      const roles = ctx.actor.roles.filter((x) => x === 'project_manager' || x === 'quality_inspector');
      const row = await openInspection(tx, { community, templateKey: body.templateKey, kind: 'spot', place: body.place, planId: null, startsAt: now, windowMinutes: body.windowMinutes, roles: roles.length ? roles : ['project_manager'], ctx, now });
      return inspectionDetail(tx, ctx.actor, row!);
    });
    reply.header('etag', etagOf(detail.version));
    return reply.status(201).send(detail);
  });

  r.get('/api/v1/quality/inspections', {
    schema: {
      tags,
      summary: 'Inspections',
      description: 'Inspections of the communities the caller serves, newest start first; `from`/`to` are local dates of the start (UTC+8 by default; a community’s own zone when `communityId` is given).',
      querystring: listQuerySchema,
      response: { 200: z.object({ items: z.array(inspectionSummarySchema), total: z.number(), page: z.number(), pageSize: z.number() }), ...ERRORS },
    },
  }, async (request) => {
    const db = readDb(app, request); // may read a replica (db/read-routing.ts)
    const actor = requireActor(request);
    const q = request.query;
    if (!isStaff(actor)) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
    let zone = 'Asia/Shanghai';
    if (q.communityId) {
      const community = await visibleCommunity(db, actor, q.communityId, { active: false });
      if (!community) throw notFound('entity.community');
      zone = community.timeZone;
    }
    const parts: (SQL | undefined)[] = [inspectionScope(actor), q.communityId ? eq(inspections.communityId, q.communityId) : undefined, q.state ? eq(inspections.state, q.state) : undefined];
    if (q.from) parts.push(gte(inspections.startsAt, localInstant(zone, q.from, 0)));
    if (q.to) parts.push(lt(inspections.startsAt, localInstant(zone, addLocalDays(q.to, 1), 0)));
    const where = and(...parts);
    const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(inspections).where(where);
    const rows = await db.select().from(inspections).where(where).orderBy(desc(inspections.startsAt), asc(inspections.number)).limit(q.pageSize).offset((q.page - 1) * q.pageSize);
    const standards = await standardsOf(db, rows.map((x) => x.standardVersionId));
    return { items: rows.map((x) => presentInspection(x, standards.get(x.standardVersionId)!)), total, page: q.page, pageSize: q.pageSize };
  });

  r.get('/api/v1/quality/inspections/:id', {
    schema: { tags, summary: 'An inspection', description: 'With the template version it pinned, its answers and score, its rectifications, the steps the caller may take and its timeline.', params: idParams, response: { 200: inspectionDetailSchema, ...ERRORS } },
  }, async (request, reply) => {
    const actor = requireActor(request);
    const row = await findInspection(db, actor, request.params.id);
    if (!row || !qualityPolicy.can(actor, 'read', row)) throw notFound('entity.inspection');
    reply.header('etag', etagOf(row.version));
    return inspectionDetail(db, actor, row);
  });

  r.post('/api/v1/quality/inspections/:id/actions/:action', {
    schema: {
      tags,
      summary: 'Take a step of the inspection’s standard',
      description:
        'The body holds the step’s records keyed by record name (see `actions`); a step that takes the scorecard (`submit` in the shipped ' +
        'standard) also takes `answers`: `{ <category>: { <item>: { result | score | value | text, note?, photoIds? } } }` for every item of the ' +
        'pinned template that applies at the community’s level (`result: "na"` leaves an item out of the score; a failure with photoOnFail needs ' +
        'a photo). The score is computed by the server, and each failed item opens exactly one rectification. `Idempotency-Key` makes a retry ' +
        'return the first response; `If-Match` with the `version` refuses a step on an inspection that moved on (409 STALE). 400 per field ' +
        '(`answers.<category>.<item>`), 403 for a role that may not take it, 409 from the wrong state, 404 outside the caller’s communities.',
      params: actionParams,
      headers: stepHeadersSchema,
      body: genericActionBodySchema,
      response: { 200: inspectionDetailSchema, ...ERRORS },
    },
  }, async (request, reply) => {
    const result = await takeInspectionStep(db, contextOf(request), request.params.id, request.params.action, request.body, {
      idempotencyKey: request.headers['idempotency-key'],
      expectedVersion: expectedVersionOf(request.headers['if-match']),
    });
    if (result.replayed) reply.header('idempotent-replayed', 'true');
    reply.header('etag', etagOf(result.body.version));
    return result.body;
  });

  r.get('/api/v1/quality/rectifications', {
    schema: {
      tags,
      summary: 'Rectifications',
      description: '`mine=true`: those the caller is responsible for (their phone’s list); `open=true`: those not closed; earliest deadline first.',
      querystring: rectificationQuerySchema,
      response: { 200: z.object({ items: z.array(rectificationSummarySchema), total: z.number(), page: z.number(), pageSize: z.number() }), ...ERRORS },
    },
  }, async (request) => {
    const db = readDb(app, request); // may read a replica (db/read-routing.ts)
    const actor = requireActor(request);
    const q = request.query;
    if (!isStaff(actor) || (q.mine === 'true' && !actor.staffId)) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
    const where = and(
      rectificationScope(actor),
      q.communityId ? eq(rectifications.communityId, q.communityId) : undefined,
      q.mine === 'true' ? eq(rectifications.responsibleStaffId, actor.staffId!) : undefined,
      q.open === 'true' ? notInArray(rectifications.stateType, ['closed', 'cancelled']) : q.open === 'false' ? inArray(rectifications.stateType, ['closed', 'cancelled']) : undefined,
    );
    const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(rectifications).where(where);
    const rows = await db.select().from(rectifications).where(where).orderBy(asc(rectifications.dueAt), asc(rectifications.number)).limit(q.pageSize).offset((q.page - 1) * q.pageSize);
    const standards = await standardsOf(db, rows.map((x) => x.standardVersionId));
    const dues = await rectificationDues(db, rows);
    return { items: rows.map((x) => ({ ...presentRectification(x, standards.get(x.standardVersionId)!), due: dues.get(x.id)?.due ?? null, phase: dues.get(x.id)?.phase ?? null })), total, page: q.page, pageSize: q.pageSize };
  });

  r.get('/api/v1/quality/rectifications/:id', {
    schema: { tags, summary: 'A rectification', description: 'With its before and after photos, the steps the caller may take and its timeline.', params: idParams, response: { 200: rectificationDetailSchema, ...ERRORS } },
  }, async (request, reply) => {
    const actor = requireActor(request);
    const row = await findRectification(db, actor, request.params.id);
    if (!row || !qualityPolicy.can(actor, 'read', row)) throw notFound('entity.rectification');
    reply.header('etag', etagOf(row.version));
    return rectificationDetail(db, actor, row);
  });

  r.post('/api/v1/quality/rectifications/:id/actions/:action', {
    schema: {
      tags,
      summary: 'Take a step of the rectification’s standard',
      description:
        'Put right (the responsible person, with after photos and a note) or re-inspect (someone other than who put it right: passed closes ' +
        'it and raises the inspection’s score, failed sends it back). Records as described in `actions`; `Idempotency-Key` and `If-Match` as ' +
        'for inspections.',
      params: actionParams,
      headers: stepHeadersSchema,
      body: genericActionBodySchema,
      response: { 200: rectificationDetailSchema, ...ERRORS },
    },
  }, async (request, reply) => {
    const result = await takeRectificationStep(db, contextOf(request), request.params.id, request.params.action, request.body, {
      idempotencyKey: request.headers['idempotency-key'],
      expectedVersion: expectedVersionOf(request.headers['if-match']),
    });
    if (result.replayed) reply.header('idempotent-replayed', 'true');
    reply.header('etag', etagOf(result.body.version));
    return result.body;
  });
}
