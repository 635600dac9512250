import { and, asc, count, desc, eq, gte } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageQuerySchema, pageSchema } from '../../../../common/api';
import { decorationCreateSchema, decorationSchema, passSchema, workerCreateSchema, type Decoration } from '../../../../common/gate';
import { contextOf } from '../../../auth/plugin';
import type { DbOrTx } from '../../../db/client';
import type { Actor } from '../../../db/scope';
import { tenantScope } from '../../../db/scope';
import { notFound } from '../../../errors';
import { addWorker, createDecoration, localToday, type DecorationRow } from '../commands/decoration';
import { assertGateReader, communityInfo } from '../repository';
import { decorations, decorationWorkers } from '../tables';
import { ERRORS, idParams, presentAll, tags } from './shared';
import { inTransaction } from '../../../db/transaction';

async function findDecoration(db: DbOrTx, actor: Actor, id: string, lock = false): Promise<DecorationRow> {
  const q = db
    .select()
    .from(decorations)
    .where(and(eq(decorations.id, id), tenantScope(actor, { organizationId: decorations.organizationId, communityId: decorations.communityId, unitId: decorations.unitId })));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw notFound('entity.decoration');
  return row;
}

async function present(db: DbOrTx, row: DecorationRow, now = new Date()): Promise<Decoration> {
  const tz = (await communityInfo(db, [row.communityId])).get(row.communityId)?.timeZone ?? 'Asia/Shanghai';
  const today = localToday(tz, now);
  const workers = await db.select().from(decorationWorkers).where(eq(decorationWorkers.decorationId, row.id)).orderBy(asc(decorationWorkers.createdAt));
  return {
    id: row.id,
    communityId: row.communityId,
    unitId: row.unitId,
    unitLabel: row.unitLabel,
    company: row.company,
    responsibleName: row.responsibleName,
    responsiblePhone: row.responsiblePhone,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    note: row.note,
    active: !row.cancelledAt && row.startsOn <= today && today <= row.endsOn,
    workers: workers.map((w) => ({
      id: w.id,
      name: w.name,
      phone: w.phone,
      kind: w.kind,
      certificateNumber: w.certificateNumber,
      certificateCheckedBy: w.certificateCheckedBy,
      certificateCheckedAt: w.certificateCheckedAt?.toISOString() ?? null,
      certificatePhotoId: w.certificatePhotoId,
      verification: w.verification,
      passId: w.passId,
      createdAt: w.createdAt.toISOString(),
    })),
    createdAt: row.createdAt.toISOString(),
  };
}

/** Decoration registrations and their workers' passes. */
export async function decorationRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.database.db;

  r.post(
    '/api/v1/gate/decorations',
    {
      schema: {
        tags,
        summary: 'Register a unit’s decoration (period, company, person responsible)',
        description: 'The desk records the owner’s decoration notice. Worker passes issued under it expire with its last day.',
        body: decorationCreateSchema,
        response: { 201: decorationSchema, ...ERRORS },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      const row = await inTransaction(db, (tx) => createDecoration(tx, ctx, request.body));
      return reply.status(201).send(await present(db, row));
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
      return { items: await Promise.all(rows.map((row) => present(db, row))), total: total?.n ?? 0, page, pageSize };
    },
  );

  r.get(
    '/api/v1/gate/decorations/:id',
    { schema: { tags, summary: 'A decoration registration with its workers', params: idParams, response: { 200: decorationSchema, ...ERRORS } } },
    async (request) => {
      const ctx = contextOf(request);
      assertGateReader(ctx.actor);
      return present(db, await findDecoration(db, ctx.actor, request.params.id));
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
          'verified on this visit; the pass lasts until the end of the day. Refused once the period is over.',
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
