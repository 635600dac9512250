import { randomUUID } from 'node:crypto';
import type { DbOrTx } from '../../../db/client';
import { AppError, fieldError } from '../../../errors';
import { settle, type AllocationLike } from '../ledger';
import { allocationView, closedThrough, ledgersOf, ledgerView, type AccountRow, type EntryRow } from '../repository';
import { feeAllocations, feeEntries } from '../tables';

// The only writers of the ledger tables: entries and allocations are inserted here and nowhere
// else (the database refuses UPDATE and DELETE on both).

export type NewEntry = Omit<typeof feeEntries.$inferInsert, 'organizationId' | 'communityId' | 'accountId' | 'seq'>;

/**
 * Refuses a date on or before the community's closed date: with `field`, as a 400 on that field;
 * without, as a 409 (a reversal or payment dated today in a closed period).
 */
export async function assertOpenDate(tx: DbOrTx, communityId: string, date: string, field?: string): Promise<void> {
  const closed = await closedThrough(tx, communityId);
  if (closed && date <= closed) {
    if (field) throw fieldError({ [field]: { key: 'error.periodClosed', params: { date: closed } } });
    throw new AppError('CONFLICT', 'error.periodClosed', { date: closed });
  }
}

/** Appends entries to an account (the caller holds the account's lock). */
export async function appendEntries(tx: DbOrTx, account: AccountRow, rows: readonly NewEntry[]): Promise<EntryRow[]> {
  if (!rows.length) return [];
  return tx
    .insert(feeEntries)
    .values(rows.map((r) => ({ id: randomUUID(), ...r, organizationId: account.organizationId, communityId: account.communityId, accountId: account.id })))
    .returning();
}

/** Appends allocation rows. */
export async function appendAllocations(tx: DbOrTx, account: AccountRow, rows: readonly AllocationLike[]): Promise<void> {
  await insertAllocations(tx, rows.map((a) => ({ account, allocation: a })));
}

const ALLOCATION_CHUNK = 2000;
async function insertAllocations(tx: DbOrTx, rows: readonly { account: AccountRow; allocation: AllocationLike }[]): Promise<void> {
  for (let i = 0; i < rows.length; i += ALLOCATION_CHUNK) {
    await tx.insert(feeAllocations).values(
      rows.slice(i, i + ALLOCATION_CHUNK).map(({ account, allocation: a }) => ({ organizationId: account.organizationId, accountId: account.id, creditId: a.creditId, debitId: a.debitId, amountFen: a.amountFen })),
    );
  }
}

/** Allocates every unallocated credit of the account to its open debits, oldest due first. */
export async function settleAccount(tx: DbOrTx, account: AccountRow): Promise<void> {
  await settleAccounts(tx, [account]);
}

/**
 * `settleAccount` for many accounts at once (the caller holds their locks): their ledgers in two
 * reads and every allocation in one insert, in account order, the same rows one by one would give.
 */
export async function settleAccounts(tx: DbOrTx, accounts: readonly AccountRow[]): Promise<void> {
  const ledgers = await ledgersOf(tx, accounts.map((a) => a.id));
  const rows: { account: AccountRow; allocation: AllocationLike }[] = [];
  for (const account of accounts) {
    const { entries, allocations } = ledgers.get(account.id)!;
    for (const allocation of settle(entries.map(ledgerView), allocations.map(allocationView))) rows.push({ account, allocation });
  }
  await insertAllocations(tx, rows);
}
