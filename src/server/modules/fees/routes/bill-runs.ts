import { and, desc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { billRunBatchInputSchema, billRunBatchSchema, billRunInputSchema, billRunSchema } from '../../../../common/fees';
import { contextOf } from '../../../auth/plugin';
import { tenantScope } from '../../../db/scope';
import { AppError } from '../../../errors';
import { errorText } from '../../../http/error-handler';
import { ERRORS, idParams } from '../../../http/route-kit';
import { BILL_RUN_PARALLEL, reverseBillRun, runBills, runBillsOf } from '../commands/bill-runs';
import { feeSetupPolicy } from '../policy';
import { presentRun } from '../presenter';
import { feeBillRuns } from '../tables';

const tags = ['fees'];

/** Bill runs: the dry run, the run, and its reversal. */
export async function feeBillRunRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.database.db;
  // PGlite has one connection: its batch runs one community after another.
  const parallel = app.database.kind === 'postgres' ? BILL_RUN_PARALLEL : 1;

  r.post('/api/v1/fee-bill-runs', {
    schema: {
      tags,
      summary: 'Run (or preview) the bills of a period',
      description:
        'Charges every item of the cycle to every unit with an owner for the period, prorated by day on move-in, move-out and change of owner, priced by the versions in force on each day. ' +
        '`dryRun: true` writes nothing and answers 200 with totals per building and item. A real run is one transaction per community and idempotent: what is already billed for the period is not billed again (200 `nothing_new`); new charges answer 201. Company admin or project manager.',
      body: billRunInputSchema,
      response: { 200: billRunSchema, 201: billRunSchema, ...ERRORS },
    },
  }, async (request, reply) => {
    const ctx = contextOf(request);
    const { run, preview } = await runBills(db, ctx, request.body);
    if (!run) return reply.status(200).send(preview);
    return reply.status(201).send({ ...preview, allowedActions: presentRun(ctx.actor, run).allowedActions });
  });

  r.post('/api/v1/fee-bill-runs/batch', {
    schema: {
      tags,
      summary: 'Run (or preview) the bills of a period for many communities',
      description:
        'The run of `/api/v1/fee-bill-runs` for each listed community (a company closing a month). Every community must be one the caller sees (400 naming the entry, `communityIds.N`) and may bill (403), or nothing runs. ' +
        'Each community is its own run in its own transaction, with the same rules: a community that fails is listed with its reason (`failed`) and the others stand; calling again bills only what is still unbilled. `dryRun: true` writes nothing. Company admin or project manager.',
      body: billRunBatchInputSchema,
      response: { 200: billRunBatchSchema, ...ERRORS },
    },
  }, async (request) => {
    const ctx = contextOf(request);
    const { periodStart, periodEnd, outcomes } = await runBillsOf(db, ctx, request.body, parallel);
    const communities = outcomes.map(({ community, ...o }) => {
      const base = { communityId: community.id, communityName: community.name };
      if ('error' in o) {
        if (!(o.error instanceof AppError)) request.log.error({ err: o.error, communityId: community.id }, 'bill run of a batch failed');
        return { ...base, status: 'failed' as const, runId: null, chargeCount: 0, totalFen: 0, skipped: 0, error: errorText(o.error, request.locale) };
      }
      const { result } = o;
      return { ...base, status: result.status, runId: result.id, chargeCount: result.chargeCount, totalFen: result.totalFen, skipped: result.skipped.length, error: null };
    });
    return {
      cycle: request.body.cycle,
      periodStart,
      periodEnd,
      dryRun: request.body.dryRun,
      chargeCount: communities.reduce((s, c) => s + c.chargeCount, 0),
      totalFen: communities.reduce((s, c) => s + c.totalFen, 0),
      failed: communities.filter((c) => c.status === 'failed').length,
      communities,
    };
  });

  r.get('/api/v1/fee-bill-runs', {
    schema: {
      tags,
      summary: 'Bill runs of a community',
      querystring: z.object({ communityId: z.uuid() }),
      response: { 200: z.object({ items: z.array(billRunSchema) }), ...ERRORS },
    },
  }, async (request) => {
    const { actor } = contextOf(request);
    const rows = await db
      .select()
      .from(feeBillRuns)
      .where(and(eq(feeBillRuns.communityId, request.query.communityId), tenantScope(actor, { organizationId: feeBillRuns.organizationId, communityId: feeBillRuns.communityId })))
      .orderBy(desc(feeBillRuns.createdAt))
      .limit(100);
    return { items: rows.filter((r) => feeSetupPolicy.can(actor, 'read', r)).map((r) => presentRun(actor, r)) };
  });

  r.post('/api/v1/fee-bill-runs/:id/reverse', {
    schema: {
      tags,
      summary: 'Reverse a whole bill run',
      description: 'Only while no payment, discount or prepayment is allocated to any of its charges (409 with the count otherwise). Every charge gets a reversing entry dated today; the period may then be billed again.',
      params: idParams,
      response: { 200: billRunSchema, ...ERRORS },
    },
  }, async (request) => {
    const ctx = contextOf(request);
    return presentRun(ctx.actor, await reverseBillRun(db, ctx, request.params.id));
  });
}
