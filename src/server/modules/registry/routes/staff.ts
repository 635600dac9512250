import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { completeTrainingSchema, staffInputSchema, staffUpdateSchema } from '../../../../common/registry';
import { contextOf, requireActor } from '../../../auth/plugin';
import type { Actor } from '../../../db/scope';
import { AppError, notFound } from '../../../errors';
import { archiveRecord } from '../commands/archive-record';
import { completeStaffTraining } from '../commands/complete-staff-training';
import { createStaff } from '../commands/create-staff';
import { updateStaff } from '../commands/update-staff';
import { exportStaff } from '../import/export-sheets';
import { staffListPolicy, staffPolicy } from '../policy';
import { presentStaff } from '../presenter';
import { communitiesByIds } from '../repository/communities';
import { pageWindow } from '../repository/query-helpers';
import { findStaff, listStaff } from '../repository/staff';
import type { staff } from '../tables';
import { idParamsSchema, staffPageSchema, staffQuerySchema, staffSchema } from '../schemas';
import { authorize, datedName, ERRORS, EXPORT_DESCRIPTION, sendXlsx } from './shared';
import { inTransaction } from '../../../db/transaction';

const tags = ['registry: staff'];

/** Staff (员工): list, export, detail with training status, create, update, archive, complete training. */
export async function staffRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.database.db;

  const load = async (actor: Actor, id: string) => {
    const row = await findStaff(db, actor, id);
    if (!row) throw notFound('entity.staff');
    return row;
  };
  const names = async (actor: Actor, rows: (typeof staff.$inferSelect)[]) =>
    new Map((await communitiesByIds(db, actor, [...new Set(rows.flatMap((s) => s.communityIds))])).map((c) => [c.id, c.name]));
  const present = async (actor: Actor, id: string) => {
    const row = await load(actor, id);
    return presentStaff(actor, row, await names(actor, [row]));
  };

  r.get(
    '/api/v1/staff',
    {
      schema: {
        tags,
        summary: 'List staff',
        description: 'Company admins see the whole organization; other staff the colleagues of their communities.',
        querystring: staffQuerySchema,
        response: { 200: staffPageSchema, ...ERRORS },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      staffListPolicy.assert(actor, 'list', undefined);
      const { page, pageSize, ...q } = request.query;
      const { rows, total } = await listStaff(db, actor, q, pageWindow({ page, pageSize }));
      const communityNames = await names(actor, rows);
      const items = rows.map((row) => presentStaff(actor, row, communityNames));
      return { items, total, page, pageSize, allowedActions: staffListPolicy.allowedActions(actor, undefined) };
    },
  );

  r.get(
    '/api/v1/staff/export',
    {
      schema: {
        tags,
        summary: 'Export staff as xlsx',
        description: EXPORT_DESCRIPTION,
        querystring: staffQuerySchema.omit({ page: true, pageSize: true }),
        response: ERRORS,
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      staffListPolicy.assert(actor, 'export', undefined);
      return sendXlsx(reply, await exportStaff(db, actor, request.query), datedName('staff'));
    },
  );

  r.post(
    '/api/v1/staff',
    {
      schema: {
        tags,
        summary: 'Add a staff member',
        description: 'A training completion date is accepted only 30 or more days after the training start.',
        body: staffInputSchema,
        response: { 201: staffSchema, ...ERRORS },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      staffListPolicy.assert(ctx.actor, 'create', undefined);
      const organizationId = ctx.actor.organizationId;
      if (!organizationId) throw new AppError('FORBIDDEN', 'error.forbidden');
      const row = await inTransaction(db, (tx) => createStaff(tx, ctx, organizationId, request.body));
      return reply.status(201).send(await present(ctx.actor, row.id));
    },
  );

  r.get(
    '/api/v1/staff/:id',
    { schema: { tags, summary: 'Get a staff member', params: idParamsSchema, response: { 200: staffSchema, ...ERRORS } } },
    async (request) => {
      const actor = requireActor(request);
      const row = await load(actor, request.params.id);
      authorize(staffPolicy, actor, 'read', row, 'entity.staff');
      return presentStaff(actor, row, await names(actor, [row]));
    },
  );

  r.patch(
    '/api/v1/staff/:id',
    {
      schema: { tags, summary: 'Update a staff member', params: idParamsSchema, body: staffUpdateSchema, response: { 200: staffSchema, ...ERRORS } },
    },
    async (request) => {
      const ctx = contextOf(request);
      const row = await load(ctx.actor, request.params.id);
      authorize(staffPolicy, ctx.actor, 'update', row, 'entity.staff');
      await inTransaction(db, (tx) => updateStaff(tx, ctx, row, request.body));
      return present(ctx.actor, row.id);
    },
  );

  r.post(
    '/api/v1/staff/:id/archive',
    {
      schema: {
        tags,
        summary: 'Archive a staff member',
        description: 'The record stays readable with archivedAt set; the phone becomes free again.',
        params: idParamsSchema,
        response: { 200: staffSchema, ...ERRORS },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      const row = await load(ctx.actor, request.params.id);
      authorize(staffPolicy, ctx.actor, 'archive', row, 'entity.staff');
      await inTransaction(db, (tx) => archiveRecord(tx, ctx, 'staff', row));
      return present(ctx.actor, row.id);
    },
  );

  r.post(
    '/api/v1/staff/:id/complete-training',
    {
      schema: {
        tags,
        summary: 'Record pre-job training as completed',
        description: 'Refused (field completedOn) before 30 days have passed since the training start, or for a future date.',
        params: idParamsSchema,
        body: completeTrainingSchema,
        response: { 200: staffSchema, ...ERRORS },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      const row = await load(ctx.actor, request.params.id);
      authorize(staffPolicy, ctx.actor, 'completeTraining', row, 'entity.staff');
      await inTransaction(db, (tx) => completeStaffTraining(tx, ctx, row, request.body.completedOn));
      return present(ctx.actor, row.id);
    },
  );
}
