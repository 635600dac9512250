import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { pageSchema } from '../../../../common/api';
import { PASS_ACTIONS, passActionBodySchema, passCreateSchema, passListQuerySchema, passSchema } from '../../../../common/gate';
import { contextOf } from '../../../auth/plugin';
import { localToInstant } from '../../../standards/time-zone';
import { createPass } from '../commands/create-pass';
import { enterOrExit } from '../commands/pass-steps';
import { assertGateReader, communityInfo, findPass, listPasses } from '../repository';
import { ERRORS, idParams, presentAll, tags } from './shared';
import { inTransaction } from '../../../db/transaction';

const SUMMARIES: Record<(typeof PASS_ACTIONS)[number], string> = {
  enter: 'Record the entry (refused with the reason when the pass is expired, not yet valid, used, inside or cancelled)',
  exit: 'Record the exit (a decoration worker’s pass stays valid for the next entry)',
  cancel: 'Cancel a pass not yet used (the desk gives a reason)',
};

/** Visitor passes: register, list, read, enter, exit, cancel. */
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
      const ctx = contextOf(request);
      assertGateReader(ctx.actor);
      const { date, ...rest } = request.query;
      let overlaps: { from: Date; to: Date } | undefined;
      if (date) {
        const tz = rest.communityId ? ((await communityInfo(db, [rest.communityId])).get(rest.communityId)?.timeZone ?? 'Asia/Shanghai') : 'Asia/Shanghai';
        const from = new Date(localToInstant(tz, Date.parse(`${date}T00:00:00Z`)));
        overlaps = { from, to: new Date(localToInstant(tz, Date.parse(`${date}T00:00:00Z`) + 86_400_000)) };
      }
      const page = await listPasses(db, ctx.actor, { ...rest, overlaps });
      const { passes } = await presentAll(db, ctx, { passes: page.items });
      return { items: passes, total: page.total, page: rest.page, pageSize: rest.pageSize };
    },
  );

  r.get(
    '/api/v1/gate/passes/:id',
    {
      schema: { tags, summary: 'A pass with its log and validity timers', params: idParams, response: { 200: passSchema, ...ERRORS } },
    },
    async (request) => {
      const ctx = contextOf(request);
      const row = await findPass(db, ctx.actor, { id: request.params.id });
      return (await presentAll(db, ctx, { passes: [row] }, true)).passes[0]!;
    },
  );

  for (const action of PASS_ACTIONS) {
    r.post(
      `/api/v1/gate/passes/:id/actions/${action}`,
      {
        schema: { tags, summary: SUMMARIES[action], params: idParams, body: passActionBodySchema, response: { 200: passSchema, ...ERRORS } },
      },
      async (request) => {
        const ctx = contextOf(request);
        const row = await inTransaction(db, async (tx) => {
          const pass = await findPass(tx, ctx.actor, { id: request.params.id }, true);
          const tz = (await communityInfo(tx, [pass.communityId])).get(pass.communityId)!.timeZone;
          return enterOrExit(tx, ctx, pass, action, tz, new Date(), request.body);
        });
        return (await presentAll(db, ctx, { passes: [row] }, true)).passes[0]!;
      },
    );
  }
}
