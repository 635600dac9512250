import { and, count, desc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageQuerySchema, pageSchema } from '../../../../common/api';
import { paymentInputSchema, paymentSchema, voidInputSchema } from '../../../../common/fees';
import type { RequestContext } from '../../../auth/context';
import { contextOf } from '../../../auth/plugin';
import type { DbOrTx } from '../../../db/client';
import { notFound } from '../../../errors';
import { ERRORS, idParams } from '../../../http/route-kit';
import { communityNames } from '../../registry';
import { printPayment, takePayment, voidPayment } from '../commands/payments';
import { presentPayment } from '../presenter';
import { accountScope, itemsOf, ledgerOf, visiblePayment, type AccountRow, type PaymentRow } from '../repository';
import { feeAccounts, feePayments } from '../tables';
import { readDb } from '../../../db/read-routing';

const tags = ['fees'];

async function paymentResponse(db: DbOrTx, ctx: RequestContext, payment: PaymentRow, account: AccountRow) {
  const items = new Map((await itemsOf(db, account.communityId)).map((i) => [i.item.id, i.item.name]));
  return presentPayment(ctx.actor, payment, account, await ledgerOf(db, account.id), items);
}

/** Payments at the desk and their receipts. */
export async function feePaymentRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.database.db;

  r.post('/api/v1/fee-payments', {
    schema: {
      tags,
      summary: 'Take a payment',
      description:
        'Lines by method: cash (with `tenderedFen`, the change is computed), bank card, transfer, WeChat Pay and Alipay (each with its transaction `reference`; nothing is charged to any provider here). ' +
        'Allocated to `chargeIds` in the payer’s order, then to the oldest open charges; the rest is prepayment. The receipt number runs without gaps per community and year (SK2026-000001). Service desk, project manager or company admin.',
      body: paymentInputSchema,
      response: { 201: paymentSchema, ...ERRORS },
    },
  }, async (request, reply) => {
    const ctx = contextOf(request);
    const payment = await takePayment(db, ctx, request.body);
    const found = (await visiblePayment(db, ctx.actor, payment.id))!;
    return reply.status(201).send(await paymentResponse(db, ctx, found.payment, found.account));
  });

  r.get('/api/v1/fee-payments', {
    schema: {
      tags,
      summary: 'Receipts',
      description: 'Newest first; filtered by account or community. Residents see their own household’s.',
      querystring: pageQuerySchema.extend({ accountId: z.uuid().optional(), communityId: z.uuid().optional(), receiptNo: z.string().trim().max(30).optional() }),
      response: { 200: pageSchema(paymentSchema), ...ERRORS },
    },
  }, async (request) => {
    const db = readDb(app, request); // may read a replica (db/read-routing.ts)
    const ctx = contextOf(request);
    const q = request.query;
    const where = and(
      accountScope(ctx.actor),
      q.accountId ? eq(feePayments.accountId, q.accountId) : undefined,
      q.communityId ? eq(feePayments.communityId, q.communityId) : undefined,
      q.receiptNo ? eq(feePayments.receiptNo, q.receiptNo) : undefined,
    );
    const rows = await db
      .select({ payment: feePayments, account: feeAccounts })
      .from(feePayments)
      .innerJoin(feeAccounts, eq(feeAccounts.id, feePayments.accountId))
      .where(where)
      .orderBy(desc(feePayments.paidAt))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize);
    const [total] = await db.select({ n: count() }).from(feePayments).innerJoin(feeAccounts, eq(feeAccounts.id, feePayments.accountId)).where(where);
    const items = [];
    for (const row of rows) items.push(await paymentResponse(db, ctx, row.payment, row.account));
    return { items, total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
  });

  r.get('/api/v1/fee-payments/:id', {
    schema: { tags, summary: 'A receipt', params: idParams, response: { 200: paymentSchema, ...ERRORS } },
  }, async (request) => {
    const ctx = contextOf(request);
    const found = await visiblePayment(db, ctx.actor, request.params.id);
    if (!found) throw notFound('entity.feePayment');
    return paymentResponse(db, ctx, found.payment, found.account);
  });

  r.post('/api/v1/fee-payments/:id/void', {
    schema: {
      tags,
      summary: 'Void a receipt',
      description: 'The receipt keeps its number and records the reason; the payment is reversed by a ledger entry and the charges it settled are open again. Re-issue with a new payment naming `replacesPaymentId`.',
      params: idParams,
      body: voidInputSchema,
      response: { 200: paymentSchema, ...ERRORS },
    },
  }, async (request) => {
    const ctx = contextOf(request);
    await voidPayment(db, ctx, request.params.id, request.body.reason);
    const found = (await visiblePayment(db, ctx.actor, request.params.id))!;
    return paymentResponse(db, ctx, found.payment, found.account);
  });

  r.post('/api/v1/fee-payments/:id/print', {
    schema: {
      tags,
      summary: 'Record a print of a receipt',
      description: 'The first print is the original; every later one (`printCount` > 1) prints as a copy (副本).',
      params: idParams,
      response: { 200: paymentSchema, ...ERRORS },
    },
  }, async (request) => {
    const ctx = contextOf(request);
    await printPayment(db, ctx, request.params.id);
    const found = (await visiblePayment(db, ctx.actor, request.params.id))!;
    return paymentResponse(db, ctx, found.payment, found.account);
  });

  // The page a receipt's QR code opens: plain HTML, no sign-in, no personal data.
  r.get('/r/:code', { schema: { hide: true, params: z.object({ code: z.string().min(10).max(40) }) } }, async (request, reply) => {
    const [row] = await db.select().from(feePayments).where(eq(feePayments.verifyCode, request.params.code));
    const names = row ? await communityNames(db, [row.communityId]) : new Map();
    const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
    const body = row
      ? `<h1>${row.status === 'valid' ? '收据有效 · Valid receipt' : '收据已作废 · Void receipt'}</h1>
<p>收据号 Receipt no.: <b>${esc(row.receiptNo)}</b></p><p>小区 Community: ${esc(names.get(row.communityId)?.name ?? '')}</p>
<p>金额 Amount: ${(row.totalFen / 100).toFixed(2)} 元</p><p>收款时间 Paid at: ${esc(row.paidAt.toISOString())}</p>`
      : '<h1>查无此收据 · No such receipt</h1>';
    return reply
      .status(row ? 200 : 404)
      .type('text/html; charset=utf-8')
      .send(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>收据核验</title></head><body style="font-family:sans-serif;padding:16px">${body}</body></html>`);
  });

  r.get('/api/v1/public/receipts/:code', {
    config: { public: true },
    schema: {
      tags,
      summary: 'Verify a receipt (public)',
      description: 'What the QR code on a printed receipt opens: the receipt number, community, amount, date and whether it is valid or void. No personal data.',
      params: z.object({ code: z.string().min(10).max(40) }),
      response: { 200: z.object({ receiptNo: z.string(), communityName: z.string(), totalFen: z.number().int(), paidAt: z.string(), status: z.enum(['valid', 'void']) }), ...ERRORS },
    },
  }, async (request) => {
    const [row] = await db.select().from(feePayments).where(eq(feePayments.verifyCode, request.params.code));
    if (!row) throw notFound('entity.feePayment');
    const names = await communityNames(db, [row.communityId]);
    return { receiptNo: row.receiptNo, communityName: names.get(row.communityId)?.name ?? '', totalFen: row.totalFen, paidAt: row.paidAt.toISOString(), status: row.status };
  });
}
