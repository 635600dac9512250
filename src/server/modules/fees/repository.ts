import { and, asc, desc, eq, inArray, max } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { tenantScope, type Actor } from '../../db/scope';
import { localDateIn } from '../../work/numbering';
import { communityById } from '../registry';
import type { AllocationLike, LedgerEntryLike } from './ledger';
import { feeAccountPolicy, feePaymentPolicy } from './policy';
import { feeAccounts, feeAllocations, feeBillRuns, feeEntries, feeItems, feeItemVersions, feePayments, feePeriodCloses } from './tables';

// All reads of the fees module. Every read a caller can reach goes through `tenantScope`.

export type AccountRow = typeof feeAccounts.$inferSelect;
export type EntryRow = typeof feeEntries.$inferSelect;
export type AllocationRow = typeof feeAllocations.$inferSelect;
export type ItemRow = typeof feeItems.$inferSelect;
export type VersionRow = typeof feeItemVersions.$inferSelect;
export type PaymentRow = typeof feePayments.$inferSelect;
export type BillRunRow = typeof feeBillRuns.$inferSelect;

const accountScope = (actor: Actor) => tenantScope(actor, { organizationId: feeAccounts.organizationId, communityId: feeAccounts.communityId, unitId: feeAccounts.unitId });

/** An account the actor may read (404 otherwise); `lock` serializes every write to it. */
export async function visibleAccount(db: DbOrTx, actor: Actor, id: string, lock = false): Promise<AccountRow | null> {
  const q = db.select().from(feeAccounts).where(and(eq(feeAccounts.id, id), accountScope(actor)));
  const [row] = lock ? await q.for('update') : await q;
  return row && feeAccountPolicy.can(actor, 'read', row) ? row : null;
}

/**
 * Locks accounts in id order, the order every writer of several accounts takes them in (a bill
 * run, its reversal, a bank statement's payments), so two such writers never wait on each other
 * in a cycle. A writer of one account then finds its lock already held.
 */
export async function lockAccounts(tx: DbOrTx, ids: readonly string[]): Promise<void> {
  const sorted = [...new Set(ids)].sort();
  for (let i = 0; i < sorted.length; i += 1000) {
    await tx.select({ id: feeAccounts.id }).from(feeAccounts).where(inArray(feeAccounts.id, sorted.slice(i, i + 1000))).orderBy(feeAccounts.id).for('update');
  }
}

/** The unit accounts of units, by unit id (no scope: callers pass units they checked). */
export async function accountsOfUnits(db: DbOrTx, unitIds: readonly string[]): Promise<Map<string, AccountRow>> {
  if (!unitIds.length) return new Map();
  const rows = await db.select().from(feeAccounts).where(and(eq(feeAccounts.kind, 'unit'), inArray(feeAccounts.unitId, [...unitIds])));
  return new Map(rows.map((r) => [r.unitId!, r]));
}

/** Entries and allocations of several accounts, each in insertion order, by account id. */
export async function ledgersOf(db: DbOrTx, accountIds: readonly string[]): Promise<Map<string, { entries: EntryRow[]; allocations: AllocationRow[] }>> {
  const out = new Map(accountIds.map((id) => [id, { entries: [] as EntryRow[], allocations: [] as AllocationRow[] }]));
  if (!accountIds.length) return out;
  const ids = [...accountIds];
  for (const e of await db.select().from(feeEntries).where(inArray(feeEntries.accountId, ids)).orderBy(asc(feeEntries.seq))) out.get(e.accountId)!.entries.push(e);
  for (const a of await db.select().from(feeAllocations).where(inArray(feeAllocations.accountId, ids)).orderBy(asc(feeAllocations.seq))) out.get(a.accountId)!.allocations.push(a);
  return out;
}

/** Entries and allocations of one account, in insertion order. */
export async function ledgerOf(db: DbOrTx, accountId: string): Promise<{ entries: EntryRow[]; allocations: AllocationRow[] }> {
  return (await ledgersOf(db, [accountId])).get(accountId)!;
}

/** An entry row as the pure ledger sees it. */
export const ledgerView = (e: EntryRow): LedgerEntryLike => ({
  id: e.id,
  amountFen: e.amountFen,
  entryDate: e.entryDate,
  dueOn: e.dueOn,
  seq: e.seq,
  itemId: e.itemId,
  periodStart: e.periodStart,
  periodEnd: e.periodEnd,
  reversesId: e.reversesId,
});
export const allocationView = (a: AllocationRow): AllocationLike => ({ creditId: a.creditId, debitId: a.debitId, amountFen: a.amountFen });

/** The last closed day of a community's books, or null. */
export async function closedThrough(db: DbOrTx, communityId: string): Promise<string | null> {
  const [row] = await db.select({ through: max(feePeriodCloses.through) }).from(feePeriodCloses).where(eq(feePeriodCloses.communityId, communityId));
  return row?.through ?? null;
}

/** Today in the community's time zone (YYYY-MM-DD). */
export async function communityToday(db: DbOrTx, communityId: string, at = new Date()): Promise<string> {
  const c = await communityById(db, communityId);
  return localDateIn(c?.timeZone ?? 'Asia/Shanghai', at);
}

/** Items of a community with all their versions (oldest first). */
export async function itemsOf(db: DbOrTx, communityId: string, ids?: readonly string[]): Promise<{ item: ItemRow; versions: VersionRow[] }[]> {
  const items = await db
    .select()
    .from(feeItems)
    .where(and(eq(feeItems.communityId, communityId), ids ? inArray(feeItems.id, [...ids]) : undefined))
    .orderBy(asc(feeItems.createdAt));
  if (!items.length) return [];
  const versions = await db.select().from(feeItemVersions).where(inArray(feeItemVersions.itemId, items.map((i) => i.id))).orderBy(asc(feeItemVersions.effectiveFrom));
  return items.map((item) => ({ item, versions: versions.filter((v) => v.itemId === item.id) }));
}

/** A fee item the actor may see, or null. */
export async function visibleItem(db: DbOrTx, actor: Actor, id: string): Promise<ItemRow | null> {
  const [row] = await db.select().from(feeItems).where(and(eq(feeItems.id, id), tenantScope(actor, { organizationId: feeItems.organizationId, communityId: feeItems.communityId })));
  return row ?? null;
}

/** A payment with its account, if the actor may read it. */
export async function visiblePayment(db: DbOrTx, actor: Actor, id: string, lock = false): Promise<{ payment: PaymentRow; account: AccountRow } | null> {
  const q = db
    .select({ payment: feePayments, account: feeAccounts })
    .from(feePayments)
    .innerJoin(feeAccounts, eq(feeAccounts.id, feePayments.accountId))
    .where(and(eq(feePayments.id, id), accountScope(actor)));
  const [row] = lock ? await q.for('update', { of: feePayments }) : await q;
  if (!row) return null;
  return feePaymentPolicy.can(actor, 'read', { ...row.account, status: row.payment.status }) ? row : null;
}

/** Payments of an account, newest first. */
export async function paymentsOf(db: DbOrTx, accountId: string): Promise<PaymentRow[]> {
  return db.select().from(feePayments).where(eq(feePayments.accountId, accountId)).orderBy(desc(feePayments.paidAt));
}

/** A bill run the actor may see. */
export async function visibleRun(db: DbOrTx, actor: Actor, id: string, lock = false): Promise<BillRunRow | null> {
  const q = db.select().from(feeBillRuns).where(and(eq(feeBillRuns.id, id), tenantScope(actor, { organizationId: feeBillRuns.organizationId, communityId: feeBillRuns.communityId })));
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

export { accountScope };
