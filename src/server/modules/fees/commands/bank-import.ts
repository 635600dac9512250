import { and, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { BankMapping, bankMappingInputSchema, BankUnmatchedReason } from '../../../../common/fee-bank';
import type { RequestContext } from '../../../auth/context';
import type { Db, DbOrTx, Tx } from '../../../db/client';
import type { Actor } from '../../../db/scope';
import { inTransaction } from '../../../db/transaction';
import { AppError, fieldError, notFound } from '../../../errors';
import type { Sheet } from '../../../files/workbook';
import { recordAudit } from '../../audit';
import { visibleCommunity } from '../../registry';
import { feeBankLines, feeBankMappings } from '../bank-tables';
import { matchLine, readStatement, unitSpellings, type BankMappingLike, type MatchAccount, type StatementRow } from '../bank-statement';
import { bankPolicy } from '../ops-policy';
import { feeAccounts, feePayments } from '../tables';
import { takePaymentIn } from './payments';
import { lockAccounts } from '../repository';

/*
 * Bank-statement import (docs/fees.md, "Bank statements"): the community's saved column mapping,
 * a preview that matches incoming transfers to payer accounts, a commit that posts the matched
 * ones as transfer payments in one transaction and keeps the rest open for the desk, and the
 * desk's hand assignment of an open line.
 */

type MappingInput = z.output<typeof bankMappingInputSchema>;
export type BankLineRow = typeof feeBankLines.$inferSelect;

/** Headers most Chinese banks' exports use; offered until the community saves its own. */
export const DEFAULT_BANK_MAPPING: BankMappingLike = {
  dateColumn: '交易日期',
  amountColumn: '贷方发生额',
  counterpartyColumn: '对方户名',
  referenceColumns: ['摘要', '附言'],
  transactionIdColumn: '流水号',
};

/** A community whose bank lines the actor handles (404 like a random id otherwise). */
export async function bankCommunity(db: DbOrTx, actor: Actor, communityId: string) {
  const c = await visibleCommunity(db, actor, communityId, { active: false });
  if (!c || !bankPolicy.can(actor, 'read', { organizationId: c.organizationId, communityId: c.id })) throw notFound('entity.community');
  return c;
}

export async function readBankMapping(db: DbOrTx, actor: Actor, communityId: string): Promise<BankMapping> {
  const c = await bankCommunity(db, actor, communityId);
  const [row] = await db.select().from(feeBankMappings).where(eq(feeBankMappings.communityId, c.id));
  const m = row ?? DEFAULT_BANK_MAPPING;
  return {
    communityId: c.id,
    saved: !!row,
    dateColumn: m.dateColumn,
    amountColumn: m.amountColumn,
    counterpartyColumn: m.counterpartyColumn ?? undefined,
    referenceColumns: m.referenceColumns,
    transactionIdColumn: m.transactionIdColumn ?? undefined,
  };
}

/** Saves the columns of the community's bank export. Company admin or project manager; audited. */
export async function saveBankMapping(db: Db, ctx: RequestContext, communityId: string, input: MappingInput): Promise<BankMapping> {
  await inTransaction(db, async (tx) => {
    const c = await bankCommunity(tx, ctx.actor, communityId);
    bankPolicy.assert(ctx.actor, 'map', { organizationId: c.organizationId, communityId: c.id });
    const values = {
      dateColumn: input.dateColumn,
      amountColumn: input.amountColumn,
      counterpartyColumn: input.counterpartyColumn ?? null,
      referenceColumns: input.referenceColumns,
      transactionIdColumn: input.transactionIdColumn ?? null,
      updatedBy: ctx.actor.userId,
      updatedAt: new Date(),
    };
    await tx.insert(feeBankMappings).values({ communityId: c.id, organizationId: c.organizationId, ...values }).onConflictDoUpdate({ target: feeBankMappings.communityId, set: values });
    await recordAudit(tx, ctx, { organizationId: c.organizationId, entityType: 'fee_bank_mapping', entityId: c.id, action: 'update', after: input });
  });
  return readBankMapping(db, ctx.actor, communityId);
}

/** The unit accounts of a community with what each owes now (its running balance, never below 0). */
async function accountsToMatch(db: DbOrTx, communityId: string): Promise<(MatchAccount & { spellings: string[] })[]> {
  const rows = await db.select({ id: feeAccounts.id, label: feeAccounts.label, balanceFen: feeAccounts.balanceFen }).from(feeAccounts).where(and(eq(feeAccounts.communityId, communityId), eq(feeAccounts.kind, 'unit')));
  return rows.map((r) => ({ id: r.id, label: r.label, dueFen: Math.max(0, r.balanceFen), spellings: unitSpellings(r.label) }));
}

export interface StatementOutcome {
  headers: string[];
  missing: string[];
  rows: {
    row: number;
    status: 'matched' | 'unmatched' | 'skipped';
    reason: BankUnmatchedReason | 'not_transaction' | 'not_credit' | 'already_imported' | null;
    valueDate: string | null;
    amountFen: number | null;
    counterparty: string;
    reference: string;
    account: MatchAccount | null;
    dueFen: number | null;
    paymentId: string | null;
    receiptNo: string | null;
  }[];
  errors: { row: number; column: string; problem: 'notADate' | 'notAnAmount' }[];
  posted: number;
}

/** The transfer reference written on a receipt: the bank's number, else the remark, else the date. */
function receiptReference(reference: string, lineKey: string, valueDate: string): string {
  if (lineKey.startsWith('id:')) return lineKey.slice(3).replace(/#\d+$/, '').slice(0, 64);
  return (reference || valueDate).slice(0, 64);
}

/**
 * Reads a statement with the community's mapping and matches its incoming lines. With `commit`,
 * in one transaction: every incoming line not imported before is recorded (its key is unique per
 * community, so a second import of the same file, even at the same time, records and posts
 * nothing), and each matched one is posted as a transfer payment with a receipt. Any failure
 * (a bad row, a refused payment) rolls everything back.
 */
export async function importStatement(db: Db, ctx: RequestContext, communityId: string, sheet: Sheet, fileName: string, commit: boolean): Promise<StatementOutcome> {
  const c = await bankCommunity(db, ctx.actor, communityId);
  bankPolicy.assert(ctx.actor, 'import', { organizationId: c.organizationId, communityId: c.id });
  const [saved] = await db.select().from(feeBankMappings).where(eq(feeBankMappings.communityId, c.id));
  const mapping: BankMappingLike = saved ?? DEFAULT_BANK_MAPPING;
  const read = readStatement(sheet, mapping);
  const outcome: StatementOutcome = { headers: read.headers, missing: read.missing, rows: [], errors: [], posted: 0 };
  if (read.missing.length) return outcome;
  for (const r of read.rows) if (r.kind === 'error') outcome.errors.push({ row: r.row, column: r.column, problem: r.problem });

  const run = async (tx: DbOrTx, write: Tx | null) => {
    const accounts = await accountsToMatch(tx, c.id);
    const keys = read.rows.flatMap((r) => (r.kind === 'credit' ? [r.lineKey] : []));
    const known = new Set(keys.length ? (await tx.select({ key: feeBankLines.lineKey }).from(feeBankLines).where(and(eq(feeBankLines.communityId, c.id), inArray(feeBankLines.lineKey, keys)))).map((k) => k.key) : []);
    const pending = new Map<string, number>();
    // Every line matched first (in file order, as `pending` needs), so a real import can lock the
    // matched accounts before it posts anything.
    type Base = Omit<StatementOutcome['rows'][number], 'status' | 'reason'>;
    const lines: ({ base: Base; skip: 'not_transaction' | 'not_credit' | 'already_imported' } | { base: Base; r: Extract<StatementRow, { kind: 'credit' }>; m: ReturnType<typeof matchLine> })[] = [];
    for (const r of read.rows) {
      if (r.kind === 'error') continue;
      const base = { row: r.row, valueDate: r.valueDate, amountFen: r.amountFen, counterparty: r.counterparty, reference: r.reference, account: null, dueFen: null, paymentId: null, receiptNo: null };
      if (r.kind === 'skip') lines.push({ base, skip: r.reason });
      else if (known.has(r.lineKey)) lines.push({ base, skip: 'already_imported' });
      else lines.push({ base, r, m: matchLine(r, accounts, pending) });
    }
    if (write) await lockAccounts(write, lines.flatMap((l) => ('m' in l && !('reason' in l.m) ? [l.m.account.id] : [])));
    for (const l of lines) {
      const { base } = l;
      if ('skip' in l) {
        outcome.rows.push({ ...base, status: 'skipped', reason: l.skip });
        continue;
      }
      const { r, m } = l;
      const shown = { ...base, account: m.account, dueFen: m.dueFen };
      if (!write) {
        outcome.rows.push('reason' in m ? { ...shown, status: 'unmatched', reason: m.reason } : { ...shown, status: 'matched', reason: null });
        continue;
      }
      const [line] = await write
        .insert(feeBankLines)
        .values({
          organizationId: c.organizationId,
          communityId: c.id,
          lineKey: r.lineKey,
          status: 'reason' in m ? 'open' : 'posted',
          reason: 'reason' in m ? m.reason : null,
          valueDate: r.valueDate,
          amountFen: r.amountFen,
          counterparty: r.counterparty,
          reference: r.reference,
          fileName: fileName.slice(0, 200),
          accountId: m.account?.id ?? null,
          importedBy: ctx.actor.userId,
        })
        .onConflictDoNothing()
        .returning();
      if (!line) {
        // Another import of the same statement recorded this line first.
        outcome.rows.push({ ...base, status: 'skipped', reason: 'already_imported' });
        continue;
      }
      if ('reason' in m) {
        outcome.rows.push({ ...shown, status: 'unmatched', reason: m.reason });
        continue;
      }
      const payment = await postLine(write, ctx, line, m.account.id, r.lineKey);
      outcome.posted += 1;
      outcome.rows.push({ ...shown, status: 'matched', reason: null, paymentId: payment.id, receiptNo: payment.receiptNo });
    }
  };

  if (!commit || outcome.errors.length) {
    await run(db, null);
    return outcome;
  }
  await inTransaction(db, async (tx) => {
    await run(tx, tx);
    await recordAudit(tx, ctx, {
      organizationId: c.organizationId,
      entityType: 'fee_bank_statement',
      entityId: c.id,
      action: 'import',
      after: { fileName, posted: outcome.posted, open: outcome.rows.filter((r) => r.status === 'unmatched').length, postedFen: outcome.rows.reduce((s, r) => s + (r.paymentId ? (r.amountFen ?? 0) : 0), 0) },
    });
  });
  return outcome;
}

/** Posts a bank line as a transfer payment on an account and links the receipt to the line. */
async function postLine(tx: Tx, ctx: RequestContext, line: BankLineRow, accountId: string, lineKey: string) {
  const payment = await takePaymentIn(tx, ctx, {
    accountId,
    lines: [{ method: 'transfer', amountFen: line.amountFen, reference: receiptReference(line.reference, lineKey, line.valueDate) }],
    payerName: line.counterparty ? line.counterparty.slice(0, 40) : undefined,
    memo: `银行流水 ${line.valueDate} ${line.reference}`.trim().slice(0, 200),
  });
  await tx.update(feeBankLines).set({ paymentId: payment.id, accountId }).where(eq(feeBankLines.id, line.id));
  return payment;
}

/** A bank line the actor may handle, locked for a change. */
async function lockedLine(tx: Tx, actor: Actor, id: string): Promise<BankLineRow> {
  const [line] = await tx.select().from(feeBankLines).where(eq(feeBankLines.id, id)).for('update');
  if (!line || !bankPolicy.can(actor, 'read', line)) throw notFound('entity.bankLine');
  return line;
}

/** The desk assigns an open line to the account it found: posted as a transfer payment with a receipt. */
export async function assignBankLine(db: Db, ctx: RequestContext, id: string, accountId: string): Promise<BankLineRow> {
  return inTransaction(db, async (tx) => {
    const line = await lockedLine(tx, ctx.actor, id);
    bankPolicy.assert(ctx.actor, 'import', line);
    if (line.status !== 'open') throw new AppError('CONFLICT', 'error.bankLineResolved');
    const [account] = await tx.select().from(feeAccounts).where(and(eq(feeAccounts.id, accountId), eq(feeAccounts.communityId, line.communityId)));
    if (!account) throw fieldError({ accountId: { key: 'error.notFound', params: { entity: 'entity.feeAccount' } } });
    const payment = await postLine(tx, ctx, line, account.id, line.lineKey);
    const [row] = await tx.update(feeBankLines).set({ status: 'assigned', resolvedBy: ctx.actor.userId, resolvedAt: new Date() }).where(eq(feeBankLines.id, line.id)).returning();
    await recordAudit(tx, ctx, { organizationId: line.organizationId, entityType: 'fee_bank_line', entityId: line.id, action: 'assign', after: { account: account.label, amountFen: line.amountFen, receiptNo: payment.receiptNo } });
    return row!;
  });
}

/** The desk sets aside an open line that is no fee (with the reason); nothing is posted. */
export async function dismissBankLine(db: Db, ctx: RequestContext, id: string, note: string): Promise<BankLineRow> {
  return inTransaction(db, async (tx) => {
    const line = await lockedLine(tx, ctx.actor, id);
    bankPolicy.assert(ctx.actor, 'import', line);
    if (line.status !== 'open') throw new AppError('CONFLICT', 'error.bankLineResolved');
    const [row] = await tx.update(feeBankLines).set({ status: 'dismissed', note, resolvedBy: ctx.actor.userId, resolvedAt: new Date() }).where(eq(feeBankLines.id, line.id)).returning();
    await recordAudit(tx, ctx, { organizationId: line.organizationId, entityType: 'fee_bank_line', entityId: line.id, action: 'dismiss', after: { amountFen: line.amountFen, note } });
    return row!;
  });
}

/** Receipt numbers of payments, by id. */
export async function receiptNumbers(db: DbOrTx, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db.select({ id: feePayments.id, receiptNo: feePayments.receiptNo }).from(feePayments).where(inArray(feePayments.id, [...ids]));
  return new Map(rows.map((r) => [r.id, r.receiptNo]));
}
