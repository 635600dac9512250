import { and, count, desc, eq, ilike, inArray, or } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageQuerySchema, pageSchema } from '../../../../common/api';
import { BANK_LINE_STATUSES, bankImportResultSchema, bankLineAssignSchema, bankLineDismissSchema, bankLineSchema, bankMappingInputSchema, bankMappingSchema, type BankLine } from '../../../../common/fee-bank';
import { contextOf } from '../../../auth/plugin';
import type { DbOrTx } from '../../../db/client';
import { tenantScope, type Actor } from '../../../db/scope';
import { AppError } from '../../../errors';
import { readSheet } from '../../../files/workbook';
import { readUpload } from '../../../http/upload';
import { ERRORS, idParams } from '../../../http/route-kit';
import { assertExportSize, datedName, localDateTime, sendXlsx } from '../../../http/xlsx';
import { writeWorkbook } from '../../../files/workbook';
import { readDb } from '../../../db/read-routing';
import type { Locale } from '../../../../common/locale';
import { t } from '../../../i18n/messages';
import { feeBankLines } from '../bank-tables';
import { assignBankLine, bankCommunity, dismissBankLine, importStatement, readBankMapping, receiptNumbers, saveBankMapping, type BankLineRow } from '../commands/bank-import';
import { feeAccounts } from '../tables';

const tags = ['fee bank statements'];
const yuan = (fen: number) => (fen / 100).toFixed(2);

function reasonText(locale: Locale, reason: string | null, dueFen: number | null): string | null {
  if (!reason) return null;
  // A stored line no longer knows what the unit owed when it was imported.
  if (reason === 'amount_above_due' && dueFen === null) return t(locale, 'bank.amount_above_due_then');
  return t(locale, `bank.${reason}` as Parameters<typeof t>[1], { due: yuan(dueFen ?? 0) });
}

async function presentLines(db: DbOrTx, locale: Locale, rows: readonly BankLineRow[]): Promise<BankLine[]> {
  const accountIds = [...new Set(rows.flatMap((r) => (r.accountId ? [r.accountId] : [])))];
  const labels = new Map(accountIds.length ? (await db.select({ id: feeAccounts.id, label: feeAccounts.label }).from(feeAccounts).where(inArray(feeAccounts.id, accountIds))).map((a) => [a.id, a.label]) : []);
  const receipts = await receiptNumbers(db, rows.flatMap((r) => (r.paymentId ? [r.paymentId] : [])));
  return rows.map((r) => ({
    id: r.id,
    communityId: r.communityId,
    status: r.status,
    reason: r.reason,
    reasonText: r.status === 'open' ? reasonText(locale, r.reason, null) : null,
    valueDate: r.valueDate,
    amountFen: r.amountFen,
    counterparty: r.counterparty,
    reference: r.reference,
    fileName: r.fileName,
    importedAt: r.importedAt.toISOString(),
    accountId: r.accountId,
    accountLabel: r.accountId ? (labels.get(r.accountId) ?? null) : null,
    paymentId: r.paymentId,
    receiptNo: r.paymentId ? (receipts.get(r.paymentId) ?? null) : null,
    note: r.note,
  }));
}

async function lineById(db: DbOrTx, actor: Actor, id: string): Promise<BankLineRow> {
  const [row] = await db.select().from(feeBankLines).where(and(eq(feeBankLines.id, id), tenantScope(actor, { organizationId: feeBankLines.organizationId, communityId: feeBankLines.communityId })));
  return row!;
}

const linesQuery = z.object({ communityId: z.uuid(), status: z.enum(BANK_LINE_STATUSES).optional(), q: z.string().trim().max(40).optional().meta({ description: 'Part of the payer or the remark' }) });
const EXPORT_MAX = 20_000;

function linesWhere(q: z.infer<typeof linesQuery>) {
  const like = q.q ? `%${q.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%` : null;
  return and(eq(feeBankLines.communityId, q.communityId), q.status ? eq(feeBankLines.status, q.status) : undefined, like ? or(ilike(feeBankLines.counterparty, like), ilike(feeBankLines.reference, like)) : undefined);
}

/** Bank statements: the column mapping, the import (preview and commit) and the desk's open lines. */
export async function feeBankRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.database.db;

  r.get('/api/v1/communities/:id/fee-bank-mapping', {
    schema: { tags, summary: 'The columns of a community’s bank statement', description: 'Which headers of the bank’s export hold the date, the incoming amount, the payer, the reference and remarks, and the transaction number. Until a manager saves one, the headers most banks use (`saved: false`). Staff of the desk read it.', params: idParams, response: { 200: bankMappingSchema, ...ERRORS } },
  }, async (request) => readBankMapping(db, contextOf(request).actor, request.params.id));

  r.put('/api/v1/communities/:id/fee-bank-mapping', {
    schema: { tags, summary: 'Save the columns of a community’s bank statement', description: 'Headers are matched loosely (case, spaces and full-width characters do not matter). Company admin or project manager; audited.', params: idParams, body: bankMappingInputSchema, response: { 200: bankMappingSchema, ...ERRORS } },
  }, async (request) => saveBankMapping(db, contextOf(request), request.params.id, request.body));

  r.post('/api/v1/fee-bank-statements', {
    schema: {
      tags,
      summary: 'Import a bank statement',
      description:
        'multipart/form-data with one `file` (the bank’s CSV export in UTF-8 or GB18030, or xlsx; at most 20 MB), read with the community’s saved columns; the header row is found below any title lines. ' +
        'Each incoming line is matched to the unit its reference or remark names (1栋101, 1#101, 1-101 …) when the amount does not exceed what the unit owes; every other line says why it did not match. ' +
        '`mode=dry-run` only previews; `mode=commit` posts the matched lines as transfer payments with receipts and keeps the others open for the desk, all in one transaction, or nothing when a row is unreadable. ' +
        'A line imported before (by the bank’s transaction number, or its date, amount, payer and remark) is skipped, so importing the same statement twice posts nothing new. Service desk, project manager, company admin.',
      querystring: z.object({ communityId: z.uuid(), mode: z.enum(['dry-run', 'commit']).default('dry-run') }),
      consumes: ['multipart/form-data'],
      response: { 200: bankImportResultSchema, ...ERRORS },
    },
  }, async (request) => {
    const ctx = contextOf(request);
    const { communityId, mode } = request.query;
    await bankCommunity(db, ctx.actor, communityId);
    const upload = await readUpload(request);
    if (!upload) throw new AppError('BAD_REQUEST', 'error.fileRequired');
    const sheet = await readSheet(upload.data);
    const out = await importStatement(db, ctx, communityId, sheet, upload.file.filename, mode === 'commit');
    const errors = [
      ...out.missing.map((column) => ({ row: 1, column, message: t(request.locale, 'bank.noMapping', { column }) })),
      ...out.errors.map((e) => ({ row: e.row, column: e.column, message: t(request.locale, `bank.${e.problem}` as 'bank.notAnAmount') })),
    ];
    const matched = out.rows.filter((x) => x.status === 'matched');
    return {
      ok: errors.length === 0,
      mode,
      headers: out.headers,
      rows: out.rows.map((x) => ({
        row: x.row,
        status: x.status,
        reason: x.reason,
        reasonText: reasonText(request.locale, x.reason, x.dueFen),
        valueDate: x.valueDate,
        amountFen: x.amountFen,
        counterparty: x.counterparty,
        reference: x.reference,
        accountId: x.account?.id ?? null,
        accountLabel: x.account?.label ?? null,
        dueFen: x.dueFen,
        paymentId: x.paymentId,
        receiptNo: x.receiptNo,
      })),
      matched: matched.length,
      matchedFen: matched.reduce((s, x) => s + (x.amountFen ?? 0), 0),
      unmatched: out.rows.filter((x) => x.status === 'unmatched').length,
      skipped: out.rows.filter((x) => x.status === 'skipped').length,
      posted: out.posted,
      errors,
    };
  });

  r.get('/api/v1/fee-bank-lines', {
    schema: {
      tags,
      summary: 'Lines of imported bank statements',
      description: 'Newest value date first. `status=open` is the desk’s list of transfers that matched no unit, each with the reason; posted and assigned lines name their receipt.',
      querystring: pageQuerySchema.extend(linesQuery.shape),
      response: { 200: pageSchema(bankLineSchema), ...ERRORS },
    },
  }, async (request) => {
    const ctx = contextOf(request);
    const q = request.query;
    await bankCommunity(db, ctx.actor, q.communityId);
    const where = linesWhere(q);
    const [total] = await db.select({ n: count() }).from(feeBankLines).where(where);
    const rows = await db.select().from(feeBankLines).where(where).orderBy(desc(feeBankLines.valueDate), desc(feeBankLines.importedAt)).limit(q.pageSize).offset((q.page - 1) * q.pageSize);
    return { items: await presentLines(db, request.locale, rows), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
  });

  r.get('/api/v1/fee-bank-lines/export', {
    schema: {
      tags,
      summary: 'Lines of imported bank statements as Excel',
      description: `The same filters as the list, newest value date first; each line with its status, the unit it was posted to, the receipt, why it matched nothing and the desk's note; at most ${EXPORT_MAX} lines. Headers and statuses in the caller's language.`,
      querystring: linesQuery,
      produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    },
  }, async (request, reply) => {
    const read = readDb(app, request); // may read a replica (db/read-routing.ts)
    const ctx = contextOf(request);
    const community = await bankCommunity(read, ctx.actor, request.query.communityId);
    const where = linesWhere(request.query);
    const [total] = await read.select({ n: count() }).from(feeBankLines).where(where);
    assertExportSize(total?.n ?? 0, EXPORT_MAX);
    const rows = await read.select().from(feeBankLines).where(where).orderBy(desc(feeBankLines.valueDate), desc(feeBankLines.importedAt)).limit(EXPORT_MAX);
    const lines = await presentLines(read, request.locale, rows);
    const L = request.locale;
    const data = await writeWorkbook([
      {
        name: t(L, 'bank.export.sheet'),
        headers: (['valueDate', 'amount', 'counterparty', 'reference', 'status', 'account', 'receipt', 'reason', 'note', 'file', 'importedAt'] as const).map((h) => t(L, `bank.export.${h}`)),
        rows: lines.map((l) => [
          l.valueDate,
          l.amountFen / 100,
          l.counterparty,
          l.reference,
          t(L, `bank.status.${l.status}`),
          l.accountLabel,
          l.receiptNo,
          l.reasonText,
          l.note,
          l.fileName,
          localDateTime(new Date(l.importedAt), community.timeZone),
        ]),
        widths: [12, 12, 24, 36, 10, 16, 16, 36, 30, 24, 18],
      },
    ]);
    return sendXlsx(reply, data, datedName('bank-lines'));
  });

  r.post('/api/v1/fee-bank-lines/:id/assign', {
    schema: { tags, summary: 'Assign an open bank line to an account', description: 'The desk found the payer: the line is posted as a transfer payment on the account (allocated to the oldest open charges; the rest is prepayment) with a receipt. Service desk, project manager, company admin.', params: idParams, body: bankLineAssignSchema, response: { 200: bankLineSchema, ...ERRORS } },
  }, async (request) => {
    const ctx = contextOf(request);
    await assignBankLine(db, ctx, request.params.id, request.body.accountId);
    return (await presentLines(db, request.locale, [await lineById(db, ctx.actor, request.params.id)]))[0]!;
  });

  r.post('/api/v1/fee-bank-lines/:id/dismiss', {
    schema: { tags, summary: 'Set aside an open bank line', description: 'A transfer that is no fee (with the reason); nothing is posted. Service desk, project manager, company admin.', params: idParams, body: bankLineDismissSchema, response: { 200: bankLineSchema, ...ERRORS } },
  }, async (request) => {
    const ctx = contextOf(request);
    await dismissBankLine(db, ctx, request.params.id, request.body.note);
    return (await presentLines(db, request.locale, [await lineById(db, ctx.actor, request.params.id)]))[0]!;
  });
}
