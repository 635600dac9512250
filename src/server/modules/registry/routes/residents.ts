import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { residentInputSchema, residentUpdateSchema, revealSchema } from '../../../../common/registry';
import { contextOf, requireActor } from '../../../auth/plugin';
import type { Actor } from '../../../db/scope';
import { AppError, notFound } from '../../../errors';
import { archiveRecord } from '../commands/archive-record';
import { createResident } from '../commands/create-resident';
import { revealResidentField } from '../commands/reveal-resident-field';
import { updateResident } from '../commands/update-resident';
import { exportResidents } from '../import/export-sheets';
import { residentPolicy, residentsPolicy, type OrganizationOwned } from '../policy';
import { presentResident } from '../presenter';
import { pageWindow } from '../repository/query-helpers';
import { bindingsOf, findResident, listResidents } from '../repository/residents';
import { idParamsSchema, residentPageSchema, residentQuerySchema, residentSchema, revealResultSchema } from '../schemas';
import { authorize, datedName, ERRORS, EXPORT_DESCRIPTION, sendXlsx } from './shared';
import { inTransaction } from '../../../db/transaction';

const tags = ['registry: residents'];

/** Residents (业主/家庭成员/租户): list, export, detail, create, update, archive, audited reveal. */
export async function residentRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.database.db;

  /** The resident, their bindings visible to the actor, and what the policy needs to know. */
  const load = async (actor: Actor, id: string) => {
    const row = await findResident(db, actor, id);
    if (!row) throw notFound('entity.resident');
    const bindings = await bindingsOf(db, actor, [row.id]);
    const subject: OrganizationOwned = {
      organizationId: row.organizationId,
      archivedAt: row.archivedAt,
      communityIds: [...new Set(bindings.filter((b) => b.moveOutOn === null).map((b) => b.communityId))],
    };
    return { row, bindings, subject };
  };
  const present = async (actor: Actor, id: string) => {
    const { row, bindings } = await load(actor, id);
    return presentResident(actor, row, bindings);
  };

  r.get(
    '/api/v1/residents',
    {
      schema: {
        tags,
        summary: 'List and search residents',
        description:
          'Phones and ID numbers are masked for every role. `q` matches a name (part), phone (full, prefix or last 4) or unit number prefix. ' +
          'A resident sees their own household only.',
        querystring: residentQuerySchema,
        response: { 200: residentPageSchema, ...ERRORS },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      residentsPolicy.assert(actor, 'list', undefined);
      const { page, pageSize, ...q } = request.query;
      const { rows, total } = await listResidents(db, actor, q, pageWindow({ page, pageSize }));
      const bindings = await bindingsOf(
        db,
        actor,
        rows.map((x) => x.id),
      );
      const items = rows.map((row) =>
        presentResident(
          actor,
          row,
          bindings.filter((b) => b.residentId === row.id),
        ),
      );
      return { items, total, page, pageSize, allowedActions: residentsPolicy.allowedActions(actor, undefined) };
    },
  );

  r.get(
    '/api/v1/residents/export',
    {
      schema: {
        tags,
        summary: 'Export residents as xlsx',
        description: `${EXPORT_DESCRIPTION} One row per current unit binding.`,
        querystring: residentQuerySchema.omit({ page: true, pageSize: true }),
        response: ERRORS,
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      residentsPolicy.assert(actor, 'export', undefined);
      return sendXlsx(reply, await exportResidents(db, actor, request.query), datedName('residents'));
    },
  );

  r.post(
    '/api/v1/residents',
    {
      schema: {
        tags,
        summary: 'Register a resident',
        description: 'The phone is unique among active residents of the organization.',
        body: residentInputSchema,
        response: { 201: residentSchema, ...ERRORS },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      residentsPolicy.assert(ctx.actor, 'create', undefined);
      const organizationId = ctx.actor.organizationId;
      if (!organizationId) throw new AppError('FORBIDDEN', 'error.forbidden');
      const row = await inTransaction(db, (tx) => createResident(tx, ctx, organizationId, request.body));
      return reply.status(201).send(await present(ctx.actor, row.id));
    },
  );

  r.get(
    '/api/v1/residents/:id',
    { schema: { tags, summary: 'Get a resident', params: idParamsSchema, response: { 200: residentSchema, ...ERRORS } } },
    async (request) => {
      const actor = requireActor(request);
      const { row, bindings, subject } = await load(actor, request.params.id);
      authorize(residentPolicy, actor, 'read', subject, 'entity.resident');
      return presentResident(actor, row, bindings);
    },
  );

  r.patch(
    '/api/v1/residents/:id',
    {
      schema: {
        tags,
        summary: 'Update a resident',
        description: '`units`, when given, replaces the current bindings; ended bindings are kept with a move-out date.',
        params: idParamsSchema,
        body: residentUpdateSchema,
        response: { 200: residentSchema, ...ERRORS },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      const { row, subject } = await load(ctx.actor, request.params.id);
      authorize(residentPolicy, ctx.actor, 'update', subject, 'entity.resident');
      await inTransaction(db, (tx) => updateResident(tx, ctx, row, request.body));
      return present(ctx.actor, row.id);
    },
  );

  r.post(
    '/api/v1/residents/:id/archive',
    {
      schema: {
        tags,
        summary: 'Archive a resident',
        description: 'Ends the current unit bindings today; the record stays readable and its phone becomes free again.',
        params: idParamsSchema,
        response: { 200: residentSchema, ...ERRORS },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      const { row, subject } = await load(ctx.actor, request.params.id);
      authorize(residentPolicy, ctx.actor, 'archive', subject, 'entity.resident');
      await inTransaction(db, (tx) => archiveRecord(tx, ctx, 'resident', row));
      return present(ctx.actor, row.id);
    },
  );

  r.post(
    '/api/v1/residents/:id/reveal',
    {
      schema: {
        tags,
        summary: "Reveal a resident's full phone or ID number",
        description: 'For company admins, project managers and the service desk. Every reveal is written to the audit log with its reason.',
        params: idParamsSchema,
        body: revealSchema,
        response: { 200: revealResultSchema, ...ERRORS },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      const { row, subject } = await load(ctx.actor, request.params.id);
      authorize(residentPolicy, ctx.actor, 'reveal', subject, 'entity.resident');
      const { field, reason } = request.body;
      const value = await inTransaction(db, (tx) => revealResidentField(tx, ctx, row, field, reason));
      return { field, value };
    },
  );
}
