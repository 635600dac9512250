import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { communityInputSchema, communityUpdateSchema } from '../../../../common/registry';
import { contextOf, requireActor } from '../../../auth/plugin';
import { AppError, notFound } from '../../../errors';
import { archiveRecord } from '../commands/archive-record';
import { createCommunity } from '../commands/create-community';
import { updateCommunity } from '../commands/update-community';
import { exportCommunities } from '../import/export-sheets';
import { communitiesPolicy, communityPolicy } from '../policy';
import { presentCommunity } from '../presenter';
import { findCommunity, listCommunities } from '../repository/communities';
import { pageWindow } from '../repository/query-helpers';
import { communityPageSchema, communityQuerySchema, communitySchema, idParamsSchema } from '../schemas';
import { authorize, datedName, ERRORS, EXPORT_DESCRIPTION, sendXlsx } from './shared';
import { inTransaction } from '../../../db/transaction';

const tags = ['registry: communities'];

/** Communities (项目/小区): list, export, detail, create, update, archive. */
export async function communityRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.database.db;

  const load = async (actor: ReturnType<typeof requireActor>, id: string) => {
    const row = await findCommunity(db, actor, id);
    if (!row) throw notFound('entity.community');
    return row;
  };

  r.get(
    '/api/v1/communities',
    {
      schema: {
        tags,
        summary: 'List communities',
        description: 'Communities visible to the caller: company admins all of their organization, other staff those they serve.',
        querystring: communityQuerySchema,
        response: { 200: communityPageSchema, ...ERRORS },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      communitiesPolicy.assert(actor, 'list', undefined);
      const { page, pageSize, ...q } = request.query;
      const { rows, total } = await listCommunities(db, actor, q, pageWindow({ page, pageSize }));
      const items = rows.map((row) => presentCommunity(actor, row));
      return { items, total, page, pageSize, allowedActions: communitiesPolicy.allowedActions(actor, undefined) };
    },
  );

  r.get(
    '/api/v1/communities/export',
    { schema: { tags, summary: 'Export communities as xlsx', description: EXPORT_DESCRIPTION, querystring: communityQuerySchema.omit({ page: true, pageSize: true }), response: ERRORS } },
    async (request, reply) => {
      const actor = requireActor(request);
      communitiesPolicy.assert(actor, 'export', undefined);
      return sendXlsx(reply, await exportCommunities(db, actor, request.query), datedName('communities'));
    },
  );

  r.post(
    '/api/v1/communities',
    {
      schema: { tags, summary: 'Create a community', body: communityInputSchema, response: { 201: communitySchema, ...ERRORS } },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      communitiesPolicy.assert(ctx.actor, 'create', undefined);
      const organizationId = ctx.actor.organizationId;
      if (!organizationId) throw new AppError('FORBIDDEN', 'error.forbidden');
      const row = await inTransaction(db, (tx) => createCommunity(tx, ctx, organizationId, request.body));
      return reply.status(201).send(presentCommunity(ctx.actor, (await load(ctx.actor, row.id))));
    },
  );

  r.get(
    '/api/v1/communities/:id',
    { schema: { tags, summary: 'Get a community', params: idParamsSchema, response: { 200: communitySchema, ...ERRORS } } },
    async (request) => {
      const actor = requireActor(request);
      const row = await load(actor, request.params.id);
      authorize(communityPolicy, actor, 'read', row.community, 'entity.community');
      return presentCommunity(actor, row);
    },
  );

  r.patch(
    '/api/v1/communities/:id',
    {
      schema: { tags, summary: 'Update a community', params: idParamsSchema, body: communityUpdateSchema, response: { 200: communitySchema, ...ERRORS } },
    },
    async (request) => {
      const ctx = contextOf(request);
      const row = await load(ctx.actor, request.params.id);
      authorize(communityPolicy, ctx.actor, 'update', row.community, 'entity.community');
      await inTransaction(db, (tx) => updateCommunity(tx, ctx, row.community, request.body));
      return presentCommunity(ctx.actor, await load(ctx.actor, row.community.id));
    },
  );

  r.post(
    '/api/v1/communities/:id/archive',
    {
      schema: {
        tags,
        summary: 'Archive a community',
        description: 'The community stays readable with archivedAt set; its history stays in the audit log.',
        params: idParamsSchema,
        response: { 200: communitySchema, ...ERRORS },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      const row = await load(ctx.actor, request.params.id);
      authorize(communityPolicy, ctx.actor, 'archive', row.community, 'entity.community');
      await inTransaction(db, (tx) => archiveRecord(tx, ctx, 'community', row.community));
      return presentCommunity(ctx.actor, await load(ctx.actor, row.community.id));
    },
  );
}
