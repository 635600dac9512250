import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { pageSchema } from '../../../../common/api';
import { slipCreateSchema, slipListQuerySchema, slipSchema } from '../../../../common/gate';
import { contextOf } from '../../../auth/plugin';
import { etagOf } from '../../../work/step-headers';
import { createSlip } from '../commands/create-slip';
import { assertGateReader, findSlip, listSlips } from '../repository';
import { ERRORS, idParams, presentAll, tags } from './shared';
import { inTransaction } from '../../../db/transaction';
import { readDb } from '../../../db/read-routing';

/** Goods-release slips: issue, list, read (their steps: `routes/steps.ts`). */
export async function slipRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.database.db;

  r.post(
    '/api/v1/gate/slips',
    {
      schema: {
        tags,
        summary: 'Issue a goods-release slip',
        description:
          'The owner issues a slip for their own unit; the desk issues one after confirming with the owner and records how and by whom ' +
          '(the `goods_release` standard names these records). The slip is valid for the standard’s validity limit and is used once.',
        body: slipCreateSchema,
        response: { 201: slipSchema, ...ERRORS },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      const row = await inTransaction(db, (tx) => createSlip(tx, ctx, request.body));
      return reply.status(201).send((await presentAll(db, ctx, { slips: [row] }, true)).slips[0]!);
    },
  );

  r.get(
    '/api/v1/gate/slips',
    {
      schema: {
        tags,
        summary: 'List goods-release slips (slip log)',
        description: 'Gate staff see the communities they serve, residents their own household’s slips. Newest first.',
        querystring: slipListQuerySchema,
        response: { 200: pageSchema(slipSchema), ...ERRORS },
      },
    },
    async (request) => {
      const db = readDb(app, request); // may read a replica (db/read-routing.ts)
      const ctx = contextOf(request);
      assertGateReader(ctx.actor);
      const page = await listSlips(db, ctx.actor, request.query);
      const { slips } = await presentAll(db, ctx, { slips: page.items });
      return { items: slips, total: page.total, page: request.query.page, pageSize: request.query.pageSize };
    },
  );

  r.get(
    '/api/v1/gate/slips/:id',
    { schema: { tags, summary: 'A slip with its log, validity timer and the steps the caller may take', params: idParams, response: { 200: slipSchema, ...ERRORS } } },
    async (request, reply) => {
      const ctx = contextOf(request);
      const row = await findSlip(db, ctx.actor, { id: request.params.id });
      const body = (await presentAll(db, ctx, { slips: [row] }, true)).slips[0]!;
      reply.header('etag', etagOf(body.version));
      return body;
    },
  );
}
