import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  commentInputSchema,
  createWorkOrderSchema,
  intakeLookupSchema,
  openAtIntakeQuerySchema,
  openAtIntakeSchema,
  suggestedAssigneeSchema,
  workOrderDetailSchema,
  workOrderListQuerySchema,
  workOrderPageSchema,
} from '../../../../common/work-orders';
import { contextOf, requireActor } from '../../../auth/plugin';
import { fieldError, forbidden, notFound } from '../../../errors';
import { deliverSoon, queuedSoFar } from '../../outbound';
import { addComment } from '../commands/add-comment';
import { createWorkOrder } from '../commands/create-work-order';
import { checkReferences, intakeLookup, visibleResident } from '../../registry';
import { loadDetail } from '../load-detail';
import { workOrderPolicy } from '../policy';
import { allowedActions, nextDueOf, presentSummary } from '../presenter';
import { decodeCursor, findWorkOrder, listWorkOrders, namesFor, openOrdersAt, TIMER_SUBJECT } from '../repository';
import { effectiveCalendar, runningTimersOf } from '../../standards';
import { pinnedStandard } from '../../standards';
import { suggestAssignees } from '../suggestions';
import { etagOf } from '../../../work/step-headers';
import { readDb } from '../../../db/read-routing';
import { ERRORS, idParams, tags } from './shared';

/** Intake, lists, the order page, lookup, dispatch suggestions and comments. */
export async function orderRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.database.db;

  r.post(
    '/api/v1/work-orders',
    {
      // Keeps its Idempotency-Key inside its own transaction (http/idempotency.ts skips it).
      config: { idempotency: 'own' },
      schema: {
        tags,
        summary: 'Open a work order (repair, complaint or inquiry)',
        description:
          'Opens the order under the community’s effective standard, numbered per community and local day (BX/TS/ZX + date + ' +
          'sequence). The response reads back what was recorded, with `promise` (due instants of the running limits) and ' +
          '`allowedActions`. Send an `Idempotency-Key` header to make retries safe: a retry returns the first response.',
        headers: z.object({ 'idempotency-key': z.string().min(1).max(200).optional() }),
        body: createWorkOrderSchema,
        response: { 200: workOrderDetailSchema, 201: workOrderDetailSchema, ...ERRORS },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      const queued = queuedSoFar();
      const result = await createWorkOrder(db, ctx, request.body, request.headers['idempotency-key']);
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      reply.status(201).send(result.body);
      // The outbox is delivered after the response, when the intake queued a message (an inquiry answered at once).
      if (!result.replayed) deliverSoon(app, queued);
      return reply;
    },
  );

  r.get(
    '/api/v1/work-orders',
    {
      schema: {
        tags,
        summary: 'List work orders',
        description:
          'Paged by `page` (the console’s first pages) or by `cursor` (keyset: pass the previous page’s `nextCursor`); filters by kind, state, state type, ' +
          'community, assignee, overdue (a running limit past due) and creation date; `q` searches number, unit and reporter phone (in full or its last 4 digits). ' +
          '`total` counts up to 10,000 matching orders; past that `totalCapped` is true.',
        querystring: workOrderListQuerySchema,
        response: { 200: workOrderPageSchema, ...ERRORS },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const now = new Date();
      // A list may lag a moment behind the primary: a replica serves it (db/read-routing.ts).
      const reads = readDb(app, request);
      const cursor = request.query.cursor === undefined ? null : decodeCursor(request.query.cursor, request.query.sort);
      if (request.query.cursor !== undefined && !cursor) throw fieldError({ cursor: { key: 'field.staleCursor' } });
      const { rows, total, totalCapped, nextCursor } = await listWorkOrders(reads, actor, request.query, now, { cursor });
      const names = await namesFor(reads, rows);
      // The due time each row shows needs its running timers and its community's calendar.
      const communityIds = [...new Set(rows.map((r) => r.communityId))];
      const [timers, calendars] = await Promise.all([
        runningTimersOf(reads, TIMER_SUBJECT, rows.map((r) => r.id)),
        Promise.all(communityIds.map(async (id) => [id, await effectiveCalendar(reads, id)] as const)).then((pairs) => new Map(pairs)),
      ]);
      const items = [];
      for (const row of rows) {
        const standard = (await pinnedStandard(reads, row.standardVersionId)).definition;
        const names1 = { community: names.communities.get(row.communityId) ?? '', assignee: row.assigneeStaffId ? (names.staff.get(row.assigneeStaffId) ?? null) : null };
        const nextDue = nextDueOf(timers.filter((t) => t.subjectId === row.id), calendars.get(row.communityId)!, now);
        items.push({ ...presentSummary(actor, { ...row, nextDue }, standard, names1, now), allowedActions: allowedActions(actor, row, standard) });
      }
      return { items, total: total ?? 0, totalCapped, nextCursor, page: cursor ? 0 : request.query.page, pageSize: request.query.pageSize };
    },
  );

  r.get(
    '/api/v1/work-orders/intake-lookup',
    {
      schema: {
        tags,
        summary: 'Find the unit and reporter at intake',
        description: 'By unit number ("1202"), building and unit ("3栋1202", "3-1202") or phone (11 digits or the last 4); phones are masked.',
        querystring: z.object({ q: z.string().trim().min(1).max(30), communityId: z.uuid().optional() }),
        response: { 200: intakeLookupSchema, ...ERRORS },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      if (actor.staffId === null && !actor.roles.includes('company_admin')) throw forbidden();
      return intakeLookup(db, actor, request.query.q, request.query.communityId);
    },
  );

  r.get(
    '/api/v1/work-orders/open-at-intake',
    {
      schema: {
        tags,
        summary: 'Open orders of the unit and reporter being taken at intake',
        description:
          'Orders not yet closed or cancelled of the unit (`unitId`) and of the reporter (`residentId`, matched by id and phone, or a `phone` typed in full), ' +
          'in the caller’s communities, newest first (at most 20), with `matchedBy`. Phones are masked. A unit or resident the caller cannot see answers 404.',
        querystring: openAtIntakeQuerySchema,
        response: { 200: openAtIntakeSchema, ...ERRORS },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      if (actor.staffId === null && !actor.roles.includes('company_admin')) throw forbidden();
      const { unitId, residentId, phone } = request.query;
      if (unitId && Object.keys(await checkReferences(db, actor, [{ field: 'unitId', kind: 'unit', id: unitId }])).length) throw notFound('entity.unit');
      const resident = residentId ? await visibleResident(db, actor, residentId) : null;
      if (residentId && !resident) throw notFound('entity.resident');
      const phones = [...new Set([phone, resident?.phone].filter((p): p is string => Boolean(p)))];
      const now = new Date();
      const rows = await openOrdersAt(db, actor, { unitId, residentId, phones }, now);
      const names = await namesFor(db, rows);
      const items = [];
      for (const row of rows) {
        const standard = (await pinnedStandard(db, row.standardVersionId)).definition;
        const assignee = row.assigneeStaffId ? (names.staff.get(row.assigneeStaffId) ?? null) : null;
        const matchedBy: ('unit' | 'reporter')[] = [];
        if (unitId && row.unitId === unitId) matchedBy.push('unit');
        if ((residentId && row.reporterResidentId === residentId) || (row.reporterPhone && phones.includes(row.reporterPhone))) matchedBy.push('reporter');
        items.push({ ...presentSummary(actor, row, standard, { community: names.communities.get(row.communityId) ?? '', assignee }, now), matchedBy });
      }
      return { items };
    },
  );

  r.get(
    '/api/v1/work-orders/:id',
    {
      schema: { tags, summary: 'A work order with its timeline, timers and allowed actions', params: idParams, response: { 200: workOrderDetailSchema, ...ERRORS } },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const order = await findWorkOrder(db, actor, request.params.id);
      if (!order || !workOrderPolicy.can(actor, 'read', order)) throw notFound('entity.workOrder');
      reply.header('etag', etagOf(order.version));
      return loadDetail(db, actor, order);
    },
  );

  r.get(
    '/api/v1/work-orders/:id/suggested-assignees',
    {
      schema: {
        tags,
        summary: 'Technicians suggested for dispatch',
        description: 'Technicians of the community ranked by skill match for the category, on duty, cleared for solo work and open load, with reasons.',
        params: idParams,
        response: { 200: z.object({ items: z.array(suggestedAssigneeSchema) }), ...ERRORS },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const order = await findWorkOrder(db, actor, request.params.id);
      if (!order || !workOrderPolicy.can(actor, 'read', order)) throw notFound('entity.workOrder');
      workOrderPolicy.assert(actor, 'suggestAssignees', order);
      const standard = (await pinnedStandard(db, order.standardVersionId)).definition;
      return { items: await suggestAssignees(db, order, standard) };
    },
  );

  r.post(
    '/api/v1/work-orders/:id/comments',
    {
      schema: {
        tags,
        summary: 'Comment on a work order',
        description: '`internal` comments are for staff only; `owner` comments are also shown to the owner. Residents’ comments are always visible to staff and the owner.',
        params: idParams,
        body: commentInputSchema,
        response: { 201: workOrderDetailSchema, ...ERRORS },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      const order = await addComment(db, ctx, request.params.id, request.body);
      const fresh = (await findWorkOrder(db, ctx.actor, order.id))!;
      return reply.status(201).send(await loadDetail(db, ctx.actor, fresh));
    },
  );
}
