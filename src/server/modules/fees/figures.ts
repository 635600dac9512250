import { aliasedTable, and, between, eq, gte, lt, lte, sql } from 'drizzle-orm';
import type { DisclosureFigures } from '../../../common/fee-owner';
import type { PaymentMethod } from '../../../common/fees';
import type { DbOrTx } from '../../db/client';
import { feeAccounts, feeAllocations, feeEntries, feeItems, feePayments } from './tables';

/*
 * Figures of a community's fees over a date range, read from the ledger (docs/fees.md, "Reports
 * and disclosure"). Shared by the public disclosure (which stores them when a version is
 * published) and the console's reports.
 *
 * - billed: charges whose period starts in the range (a charge without a period: its entry date),
 *   leaving out reversed charges (a reversed charge and its reversal cancel out);
 * - collected: what payments settled of those charges (allocations from payment entries, net of
 *   releases, so a voided receipt no longer counts);
 * - received: the valid receipts whose payment is dated in the range, whatever they paid;
 * - arrears recovered: what payments dated in the range settled of debits due before it.
 */

const credit = aliasedTable(feeEntries, 'credit');
const debit = aliasedTable(feeEntries, 'debit');
const num = (v: unknown) => Number(v ?? 0);

/** A period's charges, one row each, with what payments (and all credits) settled of them. */
export async function periodCharges(db: DbOrTx, communityId: string, from: string, to: string) {
  const settledByPayment = sql<string>`coalesce(sum(${feeAllocations.amountFen}) filter (where ${credit.kind} = 'payment'), 0)`;
  const settled = sql<string>`coalesce(sum(${feeAllocations.amountFen}), 0)`;
  const rows: { id: string; accountId: string; itemId: string | null; amountFen: number; paid: string; settled: string }[] = await db
    .select({ id: feeEntries.id, accountId: feeEntries.accountId, itemId: feeEntries.itemId, amountFen: feeEntries.amountFen, paid: settledByPayment, settled })
    .from(feeEntries)
    .leftJoin(feeAllocations, eq(feeAllocations.debitId, feeEntries.id))
    .leftJoin(credit, eq(credit.id, feeAllocations.creditId))
    .where(
      and(
        eq(feeEntries.communityId, communityId),
        eq(feeEntries.kind, 'charge'),
        between(sql`coalesce(${feeEntries.periodStart}, ${feeEntries.entryDate})`, from, to),
        sql`not exists (select 1 from fee_entries rev where rev.reverses_id = ${feeEntries.id})`,
      ),
    )
    .groupBy(feeEntries.id);
  return rows.map((r) => ({ ...r, paid: num(r.paid), settled: num(r.settled) }));
}

/** Names of a community's fee items. */
export async function itemNames(db: DbOrTx, communityId: string): Promise<Map<string, string>> {
  const rows = await db.select({ id: feeItems.id, name: feeItems.name }).from(feeItems).where(eq(feeItems.communityId, communityId));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Valid receipts whose payment entry is dated in the range, with their lines. */
export async function receiptsIn(db: DbOrTx, communityId: string, from: string, to: string) {
  return db
    .select({ id: feePayments.id, entryId: feePayments.entryId, receiptNo: feePayments.receiptNo, accountId: feePayments.accountId, accountLabel: feeAccounts.label, totalFen: feePayments.totalFen, lines: feePayments.lines, paidOn: feeEntries.entryDate })
    .from(feePayments)
    .innerJoin(feeEntries, eq(feeEntries.id, feePayments.entryId))
    .innerJoin(feeAccounts, eq(feeAccounts.id, feePayments.accountId))
    .where(and(eq(feePayments.communityId, communityId), eq(feePayments.status, 'valid'), between(feeEntries.entryDate, from, to)))
    .orderBy(feeEntries.entryDate, feePayments.receiptNo);
}

/** What payments dated in the range settled of debits due before `from` (net of releases). */
export async function arrearsRecovered(db: DbOrTx, communityId: string, from: string, to: string): Promise<number> {
  const [row] = await db
    .select({ fen: sql<string>`coalesce(sum(${feeAllocations.amountFen}), 0)` })
    .from(feeAllocations)
    .innerJoin(credit, eq(credit.id, feeAllocations.creditId))
    .innerJoin(debit, eq(debit.id, feeAllocations.debitId))
    .where(and(eq(credit.communityId, communityId), eq(credit.kind, 'payment'), gte(credit.entryDate, from), lte(credit.entryDate, to), lt(debit.dueOn, from)));
  return num(row?.fen);
}

/** What payments dated in the range settled, per fee item (debits without an item: null). */
export async function incomeByItem(db: DbOrTx, communityId: string, from: string, to: string): Promise<{ itemId: string | null; amountFen: number }[]> {
  const rows = await db
    .select({ itemId: debit.itemId, fen: sql<string>`coalesce(sum(${feeAllocations.amountFen}), 0)` })
    .from(feeAllocations)
    .innerJoin(credit, eq(credit.id, feeAllocations.creditId))
    .innerJoin(debit, eq(debit.id, feeAllocations.debitId))
    .where(and(eq(credit.communityId, communityId), eq(credit.kind, 'payment'), gte(credit.entryDate, from), lte(credit.entryDate, to)))
    .groupBy(debit.itemId);
  return rows.map((r) => ({ itemId: r.itemId, amountFen: num(r.fen) })).filter((r) => r.amountFen !== 0);
}

/** The disclosure's ledger figures for a period. */
export async function ledgerFigures(db: DbOrTx, communityId: string, from: string, to: string): Promise<DisclosureFigures> {
  const charges = await periodCharges(db, communityId, from, to);
  const names = await itemNames(db, communityId);
  const byItem = new Map<string | null, { billedFen: number; collectedFen: number }>();
  const accounts = new Map<string, boolean>();
  let billedFen = 0;
  let collectedFen = 0;
  for (const c of charges) {
    const cur = byItem.get(c.itemId) ?? { billedFen: 0, collectedFen: 0 };
    cur.billedFen += c.amountFen;
    cur.collectedFen += c.paid;
    byItem.set(c.itemId, cur);
    billedFen += c.amountFen;
    collectedFen += c.paid;
    accounts.set(c.accountId, (accounts.get(c.accountId) ?? true) && c.settled >= c.amountFen);
  }
  const receipts = await receiptsIn(db, communityId, from, to);
  return {
    byItem: [...byItem].map(([itemId, v]) => ({ itemId, itemName: itemId ? (names.get(itemId) ?? '') : '', ...v })).sort((a, b) => b.billedFen - a.billedFen),
    billedFen,
    collectedFen,
    collectionRate: billedFen > 0 ? collectedFen / billedFen : null,
    households: { billed: accounts.size, paidInFull: [...accounts.values()].filter(Boolean).length },
    receivedFen: receipts.reduce((s, r) => s + r.totalFen, 0),
    arrearsRecoveredFen: await arrearsRecovered(db, communityId, from, to),
  };
}

/** Receipts' amounts per method (a receipt with two methods counts once for each). */
export function byMethod(receipts: readonly { lines: readonly { method: PaymentMethod; amountFen: number }[] }[]) {
  const out = new Map<PaymentMethod, { amountFen: number; receipts: number }>();
  for (const r of receipts)
    for (const m of new Set(r.lines.map((l) => l.method))) {
      const cur = out.get(m) ?? { amountFen: 0, receipts: 0 };
      cur.amountFen += r.lines.filter((l) => l.method === m).reduce((s, l) => s + l.amountFen, 0);
      cur.receipts += 1;
      out.set(m, cur);
    }
  return [...out].map(([method, v]) => ({ method, ...v }));
}

