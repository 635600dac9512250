import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  DISCLOSURE_PERIODS,
  disclosureInputSchema,
  disclosurePreviewSchema,
  disclosureQuerySchema,
  disclosureSchema,
  drillQuerySchema,
  drillSchema,
  feeReportSchema,
  ownerBillSchema,
  payInfoInputSchema,
  payInfoSchema,
  reportQuerySchema,
  arrearsLetterSchema,
  reminderSchema,
  reminderSettingsInputSchema,
  reminderSettingsSchema,
  type Disclosure,
  type FeeReport,
} from '../../../../common/fee-owner';
import { contextOf } from '../../../auth/plugin';
import { writeWorkbook } from '../../../files/workbook';
import { ERRORS, idParams } from '../../../http/route-kit';
import { sendXlsx } from '../../../http/xlsx';
import { disclosureById, listDisclosures, previewDisclosure, publishDisclosure } from '../disclosure';
import { ownerBills, readPayInfo, savePayInfo } from '../owner-portal';
import { arrearsLetter, listReminders, readReminderSettings, saveReminderSettings } from '../reminder-settings';
import { feeDrill, feeReport } from '../reports';
import { readDb } from '../../../db/read-routing';

const tags = ['fees'];
const yuan = (fen: number) => Number((fen / 100).toFixed(2));
const pct = (rate: number | null) => (rate === null ? null : `${(rate * 100).toFixed(1)}%`);

const CATEGORY_ZH: Record<string, string> = {
  staff: '人员费用', cleaning: '保洁', greening: '绿化', security: '秩序维护', maintenance: '共用设施设备维修养护', utilities: '公共水电', insurance: '保险', admin: '管理费用',
  advertising: '广告', parking: '停车', lockers: '快递柜', venue_rental: '场地租赁', other: '其他',
};
const LINE_ZH: Record<string, string> = { spending: '支出', shared_income: '共有部分收入', shared_cost: '共有部分成本' };
const METHOD_ZH: Record<string, string> = { cash: '现金', bank_card: '银行卡', transfer: '转账', wechat_pay: '微信支付', alipay: '支付宝' };
const PERIOD_ZH: Record<string, string> = { month: '月度', quarter: '季度', year: '年度' };

/** The owner's side of the ledger: how to pay, the portal's bills, public disclosures and reports. */
export async function feeOwnerRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.database.db;

  r.get('/api/v1/communities/:id/fee-pay-info', {
    schema: { tags, summary: 'How owners pay a community', description: 'Its bank, account name and number, what to write as the transfer reference, and other ways to pay. Owners of the community and its staff read it.', params: idParams, response: { 200: payInfoSchema, ...ERRORS } },
  }, async (request) => readPayInfo(db, contextOf(request).actor, request.params.id));

  r.put('/api/v1/communities/:id/fee-pay-info', {
    schema: { tags, summary: 'Set how owners pay a community', description: 'Shown to owners in the portal with their bills. Company admin or project manager; audited.', params: idParams, body: payInfoInputSchema, response: { 200: payInfoSchema, ...ERRORS } },
  }, async (request) => savePayInfo(db, contextOf(request), request.params.id, request.body));

  r.get('/api/v1/communities/:id/fee-reminder-settings', {
    schema: { tags, summary: 'Arrears reminder settings of a community', description: 'Off by default. When on, a daily job reminds each home whose oldest unpaid charge is overdue by `reminderAfterDays`, at most every `reminderEveryDays` and `reminderMaxPerYear` times in 365 days: a notice to the owners’ portal inbox and, with `reminderSms`, a text through the outbox. Nothing restricts any service (Civil Code art. 944). Staff of the community read it.', params: idParams, response: { 200: reminderSettingsSchema, ...ERRORS } },
  }, async (request) => readReminderSettings(db, contextOf(request).actor, request.params.id));

  r.put('/api/v1/communities/:id/fee-reminder-settings', {
    schema: { tags, summary: 'Set the arrears reminders of a community', description: 'Company admin or project manager; audited.', params: idParams, body: reminderSettingsInputSchema, response: { 200: reminderSettingsSchema, ...ERRORS } },
  }, async (request) => saveReminderSettings(db, contextOf(request), request.params.id, request.body));

  r.get('/api/v1/fee-reminders', {
    schema: { tags, summary: 'Arrears reminders sent', description: 'The latest 200 reminders of a community: the home, the day, the arrears named and the channels.', querystring: z.object({ communityId: z.uuid() }), response: { 200: z.object({ items: z.array(reminderSchema) }), ...ERRORS } },
  }, async (request) => ({ items: await listReminders(db, contextOf(request).actor, request.query.communityId) }));

  r.get('/api/v1/fee-accounts/:id/arrears-letter', {
    schema: { tags, summary: 'A printable arrears letter', description: 'The overdue charges of the account today with how to pay, for the desk to print (a letter, never a service restriction). Company admin, project manager and service desk.', params: idParams, response: { 200: arrearsLetterSchema, ...ERRORS } },
  }, async (request) => arrearsLetter(db, contextOf(request).actor, request.params.id));

  r.get('/api/v1/portal/fee-bills', {
    schema: {
      tags,
      summary: 'The signed-in owner’s bills',
      description: 'Per unit of the household: the open charges with their item and period (overdue or not), arrears, what falls due later, prepaid credit, the amount due now, and how to pay the community. Ledger history and receipts: `GET /api/v1/fee-accounts/{accountId}` and `GET /api/v1/fee-payments?accountId=`. Residents only.',
      response: { 200: z.object({ items: z.array(ownerBillSchema) }), ...ERRORS },
    },
  }, async (request) => ({ items: await ownerBills(db, contextOf(request)) }));

  r.get('/api/v1/fee-disclosures', {
    schema: {
      tags,
      summary: 'Published fee disclosures of a community',
      description: 'Every published version, newest period first; `latest` is false on a version a later one corrects. Owners of the community and its staff read them.',
      querystring: z.object({ communityId: z.uuid(), periodKind: z.enum(DISCLOSURE_PERIODS).optional() }),
      response: { 200: z.object({ items: z.array(disclosureSchema) }), ...ERRORS },
    },
  }, async (request) => ({ items: await listDisclosures(db, contextOf(request).actor, request.query) }));

  r.get('/api/v1/fee-disclosures/preview', {
    schema: { tags, summary: 'Preview a disclosure’s ledger figures', description: 'What a version published now would show from the ledger, and how many versions of the period are published. Writes nothing. Company admin or project manager.', querystring: disclosureQuerySchema, response: { 200: disclosurePreviewSchema, ...ERRORS } },
  }, async (request) => previewDisclosure(db, contextOf(request).actor, request.query));

  r.post('/api/v1/fee-disclosures', {
    schema: {
      tags,
      summary: 'Publish a disclosure version',
      description:
        'For an ended month (`2026-03`), quarter (`2026-Q1`) or year (`2026`): the fee income, collection rate and arrears recovered are taken from the ledger now; spending by category and the shared parts’ income and costs are the lines given. ' +
        'The version is dated today and never changes; publishing the period again is a correction (next version) and needs `correctionReason`. Company admin or project manager.',
      body: disclosureInputSchema,
      response: { 201: disclosureSchema, ...ERRORS },
    },
  }, async (request, reply) => {
    const ctx = contextOf(request);
    const row = await publishDisclosure(db, ctx, request.body);
    return reply.status(201).send(await disclosureById(db, ctx.actor, row.id));
  });

  r.get('/api/v1/fee-disclosures/:id', {
    schema: { tags, summary: 'A disclosure version', params: idParams, response: { 200: disclosureSchema, ...ERRORS } },
  }, async (request) => disclosureById(db, contextOf(request).actor, request.params.id));

  r.get('/api/v1/fee-disclosures/:id/export', {
    schema: { tags, summary: 'Export a disclosure version to Excel', description: 'The figures and lines of the version as xlsx (Chinese headings, amounts in yuan).', params: idParams, response: ERRORS },
  }, async (request, reply) => {
    const d = await disclosureById(db, contextOf(request).actor, request.params.id);
    return sendXlsx(reply, await disclosureWorkbook(d), `fee-disclosure-${d.period}-v${d.version}.xlsx`);
  });

  r.get('/api/v1/fee-reports', {
    schema: {
      tags,
      summary: 'Fee reports of a community',
      description: 'Collection rate by amount and household for the charges of the range and the arrears recovered in it; arrears by building and age as of today; income by item and by payment method; receipts per day or month. Company admin, project manager and service desk.',
      querystring: reportQuerySchema,
      response: { 200: feeReportSchema, ...ERRORS },
    },
  }, async (request) => feeReport(readDb(app, request), contextOf(request).actor, request.query));

  r.get('/api/v1/fee-reports/export', {
    schema: { tags, summary: 'Export the fee reports to Excel', description: 'The report of the same query as xlsx, one sheet per table (amounts in yuan).', querystring: reportQuerySchema, response: ERRORS },
  }, async (request, reply) => {
    const db = readDb(app, request); // may read a replica (db/read-routing.ts)
    const report = await feeReport(db, contextOf(request).actor, request.query);
    return sendXlsx(reply, await reportWorkbook(report), `fee-report-${report.from}-${report.to}.xlsx`);
  });

  r.get('/api/v1/fee-reports/drill', {
    schema: {
      tags,
      summary: 'The entries behind a report figure',
      description: '`arrears` (optionally of a building and an age bucket): the accounts in arrears; `received`, `method`, `item` (with `from`/`to`, optionally a day or month `bucket`): the receipts.',
      querystring: drillQuerySchema,
      response: { 200: drillSchema, ...ERRORS },
    },
  }, async (request) => feeDrill(readDb(app, request), contextOf(request).actor, request.query));
}

async function disclosureWorkbook(d: Disclosure): Promise<Buffer> {
  const f = d.figures;
  return writeWorkbook([
    {
      name: '收费情况',
      headers: ['项目', '应收（元）', '实收（元）'],
      rows: [
        ...f.byItem.map((i) => [i.itemName || '其他', yuan(i.billedFen), yuan(i.collectedFen)]),
        ['合计', yuan(f.billedFen), yuan(f.collectedFen)],
        ['收缴率', pct(f.collectionRate), null],
        ['应缴户数 / 缴清户数', `${f.households.billed} / ${f.households.paidInFull}`, null],
        ['本期收款合计', yuan(f.receivedFen), null],
        ['其中收回往期欠费', yuan(f.arrearsRecoveredFen), null],
      ],
      widths: [24, 16, 16],
    },
    {
      name: '支出与共有部分收益',
      headers: ['类别', '分类', '说明', '金额（元）'],
      rows: [
        ...d.lines.map((l) => [LINE_ZH[l.kind] ?? l.kind, CATEGORY_ZH[l.category] ?? l.category, l.label, yuan(l.amountFen)]),
        ['支出合计', null, null, yuan(d.spendingFen)],
        ['共有部分收入合计', null, null, yuan(d.sharedIncomeFen)],
        ['共有部分成本合计', null, null, yuan(d.sharedCostFen)],
        ['共有部分净收益', null, null, yuan(d.sharedNetFen)],
      ],
      widths: [18, 22, 30, 16],
    },
    {
      name: '说明',
      headers: ['项', '内容'],
      rows: [
        ['小区', d.communityName],
        ['期间', `${PERIOD_ZH[d.periodKind]} ${d.period}（${d.periodStart} 至 ${d.periodEnd}）`],
        ['版本', `第 ${d.version} 版${d.correctionReason ? `（更正：${d.correctionReason}）` : ''}`],
        ['公布日期', d.publishedOn],
        ['备注', d.note],
      ],
      widths: [12, 60],
    },
  ]);
}

async function reportWorkbook(r: FeeReport): Promise<Buffer> {
  const c = r.collection;
  return writeWorkbook([
    {
      name: '收缴率',
      headers: ['指标', '数值'],
      rows: [
        ['期间', `${r.from} 至 ${r.to}`],
        ['应收（元）', yuan(c.billedFen)],
        ['实收（元）', yuan(c.collectedFen)],
        ['金额收缴率', pct(c.rate)],
        ['应缴户数', c.households.billed],
        ['缴清户数', c.households.paidInFull],
        ['户数收缴率', pct(c.households.rate)],
        ['收回往期欠费（元）', yuan(c.arrearsRecoveredFen)],
        ['本期收款合计（元）', yuan(c.receivedFen)],
      ],
      widths: [22, 24],
    },
    {
      name: '欠费按楼栋账龄',
      headers: ['楼栋', '欠费户数', '欠费（元）', '0–30天', '31–90天', '91–180天', '181–365天', '365天以上'],
      rows: r.arrearsByBuilding.map((b) => [b.buildingName, b.households, yuan(b.arrearsFen), yuan(b.ageing.d0_30), yuan(b.ageing.d31_90), yuan(b.ageing.d91_180), yuan(b.ageing.d181_365), yuan(b.ageing.over_365)]),
      widths: [16, 10, 14, 12, 12, 12, 12, 12],
    },
    { name: '收入按项目', headers: ['项目', '金额（元）'], rows: r.incomeByItem.map((i) => [i.itemName || '其他', yuan(i.amountFen)]), widths: [24, 16] },
    { name: '收入按方式', headers: ['方式', '金额（元）', '收据数'], rows: r.incomeByMethod.map((m) => [METHOD_ZH[m.method] ?? m.method, yuan(m.amountFen), m.receipts]), widths: [14, 16, 10] },
    { name: '收款趋势', headers: ['日期', '收款（元）', '收据数'], rows: r.series.map((s) => [s.bucket, yuan(s.receivedFen), s.receipts]), widths: [14, 16, 10] },
  ]);
}
