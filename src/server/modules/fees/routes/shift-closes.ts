import { and, count, desc, eq, gte, lte } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageQuerySchema, pageSchema } from '../../../../common/api';
import { PAYMENT_METHODS } from '../../../../common/fees';
import { shiftCloseInputSchema, shiftCloseSchema, shiftDrawerSchema } from '../../../../common/fee-ops';
import { contextOf } from '../../../auth/plugin';
import { tenantScope } from '../../../db/scope';
import { writeWorkbook } from '../../../files/workbook';
import { ERRORS } from '../../../http/route-kit';
import { assertExportSize, datedName, localDateTime, sendXlsx } from '../../../http/xlsx';
import { closeCommunity, closeShift, myDrawer, presentClose } from '../commands/shift-close';
import { feeShiftCloses } from '../ops-tables';
import { readDb } from '../../../db/read-routing';

const tags = ['fee shift close'];
const EXPORT_MAX = 10_000;
const METHOD_NAMES = { cash: '现金', bank_card: '银行卡', transfer: '转账', wechat_pay: '微信支付', alipay: '支付宝' } as const;

const listQuery = z.object({
  communityId: z.uuid(),
  from: z.iso.date().optional().meta({ description: 'Closed on or after (community date)' }),
  to: z.iso.date().optional().meta({ description: 'Closed on or before' }),
  cashier: z.string().trim().max(40).optional().meta({ description: 'Cashier name' }),
});

/** The cashier's drawer, their close, and the manager's daily view of closes per community. */
export async function feeShiftCloseRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.database.db;

  const where = (actor: Parameters<typeof tenantScope>[0], q: z.output<typeof listQuery>) =>
    and(
      eq(feeShiftCloses.communityId, q.communityId),
      tenantScope(actor, { organizationId: feeShiftCloses.organizationId, communityId: feeShiftCloses.communityId }),
      q.from ? gte(feeShiftCloses.closedOn, q.from) : undefined,
      q.to ? lte(feeShiftCloses.closedOn, q.to) : undefined,
      q.cashier ? eq(feeShiftCloses.cashierName, q.cashier) : undefined,
    );

  r.get('/api/v1/fee-shift-closes/drawer', {
    schema: { tags, summary: 'My drawer', description: 'What the caller’s drawer should hold per method: the payments they took in the community since their last close (voided receipts apart).', querystring: z.object({ communityId: z.uuid() }), response: { 200: shiftDrawerSchema, ...ERRORS } },
  }, async (request) => myDrawer(db, contextOf(request), request.query.communityId));

  r.post('/api/v1/fee-shift-closes', {
    schema: {
      tags,
      summary: 'Close my drawer',
      description: 'Counted vs expected per method; every method with an expected amount is counted and a difference needs a reason. 409 when nothing was taken since the last close. A fee post’s handover is refused until the outgoing cashier has closed, and includes the close. Service desk, project manager, company admin.',
      body: shiftCloseInputSchema,
      response: { 201: shiftCloseSchema, ...ERRORS },
    },
  }, async (request, reply) => reply.status(201).send(presentClose(await closeShift(db, contextOf(request), request.body))));

  r.get('/api/v1/fee-shift-closes', {
    schema: {
      tags,
      summary: 'Shift closes of a community',
      description: 'Newest first, with the daily totals (expected, counted, difference per method) of the days on the page’s filter.',
      querystring: pageQuerySchema.extend(listQuery.shape),
      response: {
        200: pageSchema(shiftCloseSchema).extend({
          days: z.array(z.object({ closedOn: z.string(), closes: z.number().int(), expectedFen: z.number().int(), countedFen: z.number().int(), byMethod: z.array(z.object({ method: z.enum(PAYMENT_METHODS), expectedFen: z.number().int(), countedFen: z.number().int() })) })),
        }),
        ...ERRORS,
      },
    },
  }, async (request) => {
    const db = readDb(app, request); // may read a replica (db/read-routing.ts)
    const { actor } = contextOf(request);
    const q = request.query;
    await closeCommunity(db, contextOf(request), q.communityId);
    const w = where(actor, q);
    const [total] = await db.select({ n: count() }).from(feeShiftCloses).where(w);
    const rows = await db.select().from(feeShiftCloses).where(w).orderBy(desc(feeShiftCloses.closedAt)).limit(q.pageSize).offset((q.page - 1) * q.pageSize);
    const dayRows = await db.select().from(feeShiftCloses).where(w).orderBy(desc(feeShiftCloses.closedOn)).limit(EXPORT_MAX);
    const days = new Map<string, { closedOn: string; closes: number; expectedFen: number; countedFen: number; byMethod: Map<string, { expectedFen: number; countedFen: number }> }>();
    for (const c of dayRows) {
      const d = days.get(c.closedOn) ?? { closedOn: c.closedOn, closes: 0, expectedFen: 0, countedFen: 0, byMethod: new Map() };
      d.closes++;
      d.expectedFen += c.expectedFen;
      d.countedFen += c.countedFen;
      for (const l of c.lines) {
        const m = d.byMethod.get(l.method) ?? { expectedFen: 0, countedFen: 0 };
        m.expectedFen += l.expectedFen;
        m.countedFen += l.countedFen;
        d.byMethod.set(l.method, m);
      }
      days.set(c.closedOn, d);
    }
    return {
      items: rows.map(presentClose),
      total: total?.n ?? 0,
      page: q.page,
      pageSize: q.pageSize,
      days: [...days.values()].slice(0, 62).map((d) => ({ ...d, byMethod: PAYMENT_METHODS.filter((m) => d.byMethod.has(m)).map((m) => ({ method: m, ...d.byMethod.get(m)! })) })),
    };
  });

  r.get('/api/v1/fee-shift-closes/export', {
    schema: { tags, summary: 'Shift closes as Excel', description: `The same filters as the list; one row per method of each close; at most ${EXPORT_MAX} closes.`, querystring: listQuery, produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'] },
  }, async (request, reply) => {
    const db = readDb(app, request); // may read a replica (db/read-routing.ts)
    const { actor } = contextOf(request);
    const q = request.query;
    const c = await closeCommunity(db, contextOf(request), q.communityId);
    const w = where(actor, q);
    const [total] = await db.select({ n: count() }).from(feeShiftCloses).where(w);
    assertExportSize(total?.n ?? 0, EXPORT_MAX);
    const rows = await db.select().from(feeShiftCloses).where(w).orderBy(desc(feeShiftCloses.closedAt)).limit(EXPORT_MAX);
    const data = await writeWorkbook([
      {
        name: '收银交班结账',
        headers: ['日期', '结账时间', '收银员', '收款方式', '应收(元)', '实点(元)', '差额(元)', '差异原因'],
        rows: rows.flatMap((s) => s.lines.map((l) => [s.closedOn, localDateTime(s.closedAt, c.timeZone), s.cashierName, METHOD_NAMES[l.method], l.expectedFen / 100, l.countedFen / 100, (l.countedFen - l.expectedFen) / 100, l.reason])),
        widths: [12, 18, 12, 10, 12, 12, 12, 40],
      },
    ]);
    return sendXlsx(reply, data, datedName('shift-closes'));
  });
}
