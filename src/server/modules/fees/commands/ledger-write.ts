import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { AppError, fieldError } from '../../../errors';
import { settle, type AllocationLike } from '../ledger';
import { allocationView, closedThrough, ledgersOf, ledgerView, type AccountRow, type EntryRow } from '../repository';
import { feeAllocations, feeEntries } from '../tables';

// The only writers of the ledger tables: entries and allocations are inserted here and nowhere
// else (the database refuses UPDATE and DELETE on both), and each account's running balance
// (`fee_accounts.balance_fen`) moves with its entries here, in the same statement.

export type NewEntry = Omit<typeof feeEntries.$inferInsert, 'organizationId' | 'communityId' | 'accountId' | 'seq' | 'createdAt'>;

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

/** An entry for an account the caller holds locked (bulk writers: bill runs and their reversal). */
export type AccountEntry = NewEntry & { accountId: string };

/** Entries per statement: the rows travel as one JSON parameter (no limit of 65,535 parameters). */
const ENTRY_CHUNK = 5000;

/**
 * The one way rows get into `fee_entries`: inserts entries of one community and moves each
 * account's `balance_fen` by the sum of its new entries, in one statement per chunk (a
 * data-modifying CTE: the insert, then one `UPDATE … FROM` of the sums per account). The caller
 * holds the accounts' locks, taken in id order when there are several, so the balance always
 * equals the sum of the account's entries. Rows are inserted in the order given (their `seq`);
 * an entry without an `id` gets a random one. No trigger does this, on purpose: the
 * bookkeeping is the writer's, and a bulk load (the benchmark's COPY) does not pay for it.
 */
export async function insertEntries(tx: DbOrTx, scope: { organizationId: string; communityId: string }, rows: readonly AccountEntry[]): Promise<EntryRow[]> {
  const out: EntryRow[] = [];
  for (let i = 0; i < rows.length; i += ENTRY_CHUNK) {
    const part = rows.slice(i, i + ENTRY_CHUNK).map((r) => ({ ...r, id: r.id ?? randomUUID() }));
    // Only the values a row has travel (json_to_recordset reads a missing key as null).
    const json = JSON.stringify(part.map((r, ord) => {
      const o: Record<string, unknown> = { ord };
      for (const [key, column] of ENTRY_COLUMNS) if (r[key] !== undefined && r[key] !== null) o[column] = r[key];
      return o;
    }));
    const inserted = (await tx.execute(sql`
      with p as (
        select * from json_to_recordset(${json}::json) as p(ord int, id uuid, account_id uuid, kind text, amount_fen bigint, entry_date date, due_on date, item_id uuid,
          period_start date, period_end date, bill_run_id uuid, payment_id uuid, reverses_id uuid, work_order_id uuid, memo text, created_by uuid)
      ), e as (
        insert into fee_entries (id, organization_id, community_id, account_id, kind, amount_fen, entry_date, due_on, item_id, period_start, period_end, bill_run_id, payment_id, reverses_id, work_order_id, memo, created_by)
        select p.id, ${scope.organizationId}::uuid, ${scope.communityId}::uuid, p.account_id, p.kind, p.amount_fen, p.entry_date, p.due_on, p.item_id,
          p.period_start, p.period_end, p.bill_run_id, p.payment_id, p.reverses_id, p.work_order_id, p.memo, p.created_by
        from p order by p.ord
        returning id, seq, account_id, amount_fen, created_at
      ), b as (
        update fee_accounts a set balance_fen = a.balance_fen + s.total
        from (select account_id, sum(amount_fen) as total from e group by account_id) s
        where a.id = s.account_id
      )
      select id, seq, created_at from e`)) as unknown as { rows: { id: string; seq: string | number | bigint; created_at: Date | string }[] };
    const made = new Map(inserted.rows.map((m) => [m.id, m]));
    for (const r of part) {
      const m = made.get(r.id);
      if (!m) throw new Error(`ledger: entry ${r.id} was not inserted`);
      out.push({
        id: r.id,
        seq: Number(m.seq),
        organizationId: scope.organizationId,
        communityId: scope.communityId,
        accountId: r.accountId,
        kind: r.kind,
        amountFen: r.amountFen,
        entryDate: r.entryDate,
        dueOn: r.dueOn,
        itemId: r.itemId ?? null,
        periodStart: r.periodStart ?? null,
        periodEnd: r.periodEnd ?? null,
        billRunId: r.billRunId ?? null,
        paymentId: r.paymentId ?? null,
        reversesId: r.reversesId ?? null,
        workOrderId: r.workOrderId ?? null,
        memo: r.memo ?? null,
        createdBy: r.createdBy ?? null,
        createdAt: new Date(m.created_at),
      });
    }
  }
  return out;
}

// The columns a caller may set, as json keys of `insertEntries`.
const ENTRY_COLUMNS = [
  ['id', 'id'],
  ['accountId', 'account_id'],
  ['kind', 'kind'],
  ['amountFen', 'amount_fen'],
  ['entryDate', 'entry_date'],
  ['dueOn', 'due_on'],
  ['itemId', 'item_id'],
  ['periodStart', 'period_start'],
  ['periodEnd', 'period_end'],
  ['billRunId', 'bill_run_id'],
  ['paymentId', 'payment_id'],
  ['reversesId', 'reverses_id'],
  ['workOrderId', 'work_order_id'],
  ['memo', 'memo'],
  ['createdBy', 'created_by'],
] as const satisfies readonly (readonly [keyof AccountEntry, string])[];

/** Appends entries to one account (the caller holds the account's lock) and moves its balance. */
export async function appendEntries(tx: DbOrTx, account: AccountRow, rows: readonly NewEntry[]): Promise<EntryRow[]> {
  if (!rows.length) return [];
  return insertEntries(tx, account, rows.map((r) => ({ ...r, accountId: account.id })));
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
