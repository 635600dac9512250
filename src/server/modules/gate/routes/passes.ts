import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { pageSchema } from '../../../../common/api';
import { passCreateSchema, passListQuerySchema, passSchema } from '../../../../common/gate';
import { contextOf } from '../../../auth/plugin';
import { etagOf } from '../../../work/step-headers';
import { localToInstant } from '../../../standards/time-zone';
import { createPass } from '../commands/create-pass';
import { assertGateReader, communityInfo, findPass, listPasses } from '../repository';
import { ERRORS, idParams, presentAll, tags } from './shared';
import { inTransaction } from '../../../db/transaction';
import type { DbOrTx } from '../../../db/client';
import { readDb } from '../../../db/read-routing';

/** Passes whose window touches a local date: that day in the community's zone (China's when no community is chosen). */
export async function dayWindow(db: DbOrTx, date: string | undefined, communityId: string | undefined): Promise<{ from: Date; to: Date } | undefined> {
  if (!date) return undefined;
  const tz = communityId ? ((await communityInfo(db, [communityId])).get(communityId)?.timeZone ?? 'Asia/Shanghai') : 'Asia/Shanghai';
  const start = Date.parse(`${date}T00:00:00Z`);
  return { from: new Date(localToInstant(tz, start)), to: new Date(localToInstant(tz, start + 86_400_000)) };
}

/** Visitor passes: register, list, read (their steps: `routes/steps.ts`). */
export async function passRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.database.db;

  r.post(
    '/api/v1/gate/passes',
    {
      schema: {
        tags,
        summary: 'Register a visitor and issue a pass',
        description:
          'Residents pre-register visitors for their own units; the desk registers on a host’s behalf and the guard registers walk-in ' +
          'visitors, both recording how and by whom the host confirmed (the `visitor` standard names these records). Returns the pass ' +
          'with its short code and, for those who share it, the token behind the QR code. `enterNow` records a walk-in’s entry at once.',
        body: passCreateSchema,
        response: { 201: passSchema, ...ERRORS },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      const row = await inTransaction(db, (tx) => createPass(tx, ctx, request.body));
      const { passes } = await presentAll(db, ctx, { passes: [row] }, true);
      return reply.status(201).send(passes[0]!);
    },
  );

  r.get(
    '/api/v1/gate/passes',
    {
      schema: {
        tags,
        summary: 'List passes (visitor log)',
        description: 'Gate staff see the communities they serve, residents their own household’s passes. Newest window first.',
        querystring: passListQuerySchema,
        response: { 200: pageSchema(passSchema), ...ERRORS },
      },
    },
    async (request) => {
      const db = readDb(app, request); // may read a replica (db/read-routing.ts)
      const ctx = contextOf(request);
      assertGateReader(ctx.actor);
      const { date, ...rest } = request.query;
      const page = await listPasses(db, ctx.actor, { ...rest, overlaps: await dayWindow(db, date, rest.communityId) });
      const { passes } = await presentAll(db, ctx, { passes: page.items });
      return { items: passes, total: page.total, page: rest.page, pageSize: rest.pageSize };
    },
  );

  r.get(
    '/api/v1/gate/passes/:id',
    {
      schema: { tags, summary: 'A pass with its log, validity timers and the steps the caller may take', params: idParams, response: { 200: passSchema, ...ERRORS } },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      const row = await findPass(db, ctx.actor, { id: request.params.id });
      const body = (await presentAll(db, ctx, { passes: [row] }, true)).passes[0]!;
      reply.header('etag', etagOf(body.version));
      return body;
    },
  );
}
