import { and, count, desc, eq, gte } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageQuerySchema, pageSchema } from '../../../../common/api';
import { decorationCreateSchema, decorationSchema, passSchema, workerCreateSchema } from '../../../../common/gate';
import { contextOf } from '../../../auth/plugin';
import type { DbOrTx } from '../../../db/client';
import type { Actor } from '../../../db/scope';
import { tenantScope } from '../../../db/scope';
import { notFound } from '../../../errors';
import { etagOf } from '../../../work/step-headers';
import { addWorker, createDecoration } from '../commands/decoration';
import { localToday, presentDecoration } from '../presenter';
import { assertGateReader } from '../repository';
import type { DecorationRow } from '../step-kinds';
import { decorations } from '../tables';
import { ERRORS, idParams, presentAll, tags } from './shared';
import { inTransaction } from '../../../db/transaction';
import { readDb } from '../../../db/read-routing';

async function findDecoration(db: DbOrTx, actor: Actor, id: string, lock = false): Promise<DecorationRow> {
  const q = db
    .select()
    .from(decorations)
    .where(and(eq(decorations.id, id), tenantScope(actor, { organizationId: decorations.organizationId, communityId: decorations.communityId, unitId: decorations.unitId })));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw notFound('entity.decoration');
  return row;
}

/** Decoration registrations under the `decoration` standard, and their workers' passes (steps: `routes/steps.ts`). */
export async function decorationRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.database.db;

  r.post(
    '/api/v1/gate/decorations',
    {
      schema: {
        tags,
        summary: 'Register a unit’s decoration (period, company, person responsible)',
        description:
          'The desk records the owner’s decoration notice; the registration runs under the community’s `decoration` standard ' +
          '(approval, work, the check of the finished work, the deposit) and pins its version. Worker passes issued under it expire with its last day.',
        body: decorationCreateSchema,
        response: { 201: decorationSchema, ...ERRORS },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      const row = await inTransaction(db, (tx) => createDecoration(tx, ctx, request.body));
      const body = await presentDecoration(db, ctx.actor, row, { detail: true });
      return reply.status(201).header('etag', etagOf(body.version)).send(body);
    },
  );

  r.get(
    '/api/v1/gate/decorations',
    {
      schema: {
        tags,
        summary: 'List decoration registrations',
        querystring: pageQuerySchema.extend({ communityId: z.uuid().optional(), current: z.enum(['true', 'false']).optional().describe('Only those not yet over') }),
        response: { 200: pageSchema(decorationSchema), ...ERRORS },
      },
    },
    async (request) => {
      const db = readDb(app, request); // may read a replica (db/read-routing.ts)
      const ctx = contextOf(request);
      assertGateReader(ctx.actor);
      const { page, pageSize, communityId, current } = request.query;
      const where = and(
        tenantScope(ctx.actor, { organizationId: decorations.organizationId, communityId: decorations.communityId, unitId: decorations.unitId }),
        communityId ? eq(decorations.communityId, communityId) : undefined,
        current === 'true' ? gte(decorations.endsOn, localToday('Asia/Shanghai', new Date())) : undefined,
      );
      const [rows, [total]] = await Promise.all([
        db.select().from(decorations).where(where).orderBy(desc(decorations.endsOn)).limit(pageSize).offset((page - 1) * pageSize),
        db.select({ n: count() }).from(decorations).where(where),
      ]);
      return { items: await Promise.all(rows.map((row) => presentDecoration(db, ctx.actor, row))), total: total?.n ?? 0, page, pageSize };
    },
  );

  r.get(
    '/api/v1/gate/decorations/:id',
    {
      schema: {
        tags,
        summary: 'A decoration registration with its workers, its timeline and the steps the caller may take',
        params: idParams,
        response: { 200: decorationSchema, ...ERRORS },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      assertGateReader(ctx.actor);
      const body = await presentDecoration(db, ctx.actor, await findDecoration(db, ctx.actor, request.params.id), { detail: true });
      reply.header('etag', etagOf(body.version));
      return body;
    },
  );

  r.post(
    '/api/v1/gate/decorations/:id/workers',
    {
      schema: {
        tags,
        summary: 'Register a decoration worker and issue the worker’s pass',
        description:
          'Fixed workers (desk): the duplicate certificate is checked against the original, its number and a photo of the copy are ' +
          'archived with who checked; the pass lets the worker in and out until the period ends. Temporary workers (guard or desk): ' +
          'verified on this visit; the pass lasts until the end of the day. Refused once the period is over or the registration is ' +
          'finished, rejected or cancelled.',
        params: idParams,
        body: workerCreateSchema,
        response: { 201: passSchema, ...ERRORS },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      assertGateReader(ctx.actor);
      const pass = await inTransaction(db, async (tx) => addWorker(tx, ctx, await findDecoration(tx, ctx.actor, request.params.id, true), request.body));
      return reply.status(201).send((await presentAll(db, ctx, { passes: [pass] }, true)).passes[0]!);
    },
  );
}
