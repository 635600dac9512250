import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { AppError, fieldError } from '../../../errors';
import { settle, settleOpen, type AllocationLike, type LedgerEntryLike } from '../ledger';
import { allocationView, closedThrough, ledgersOf, ledgerView, type AccountRow, type EntryRow } from '../repository';
import { feeEntries } from '../tables';

// The only writers of the ledger tables: entries and allocations are inserted here and nowhere
// else (the database refuses UPDATE and DELETE on both), and each account's running balance
// (`fee_accounts.balance_fen`) moves with its entries here, in the same transaction.

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

/** Entries per statement: the columns travel as one array parameter each (no limit of 65,535 parameters). */
const ENTRY_CHUNK = 10_000;

// The columns a writer may set, with their SQL type (an entry's `kind` and `memo` are text).
const ENTRY_COLUMNS = [
  ['id', 'id', 'uuid'],
  ['accountId', 'account_id', 'uuid'],
  ['kind', 'kind', 'text'],
  ['amountFen', 'amount_fen', 'bigint'],
  ['entryDate', 'entry_date', 'date'],
  ['dueOn', 'due_on', 'date'],
  ['itemId', 'item_id', 'uuid'],
  ['periodStart', 'period_start', 'date'],
  ['periodEnd', 'period_end', 'date'],
  ['billRunId', 'bill_run_id', 'uuid'],
  ['paymentId', 'payment_id', 'uuid'],
  ['reversesId', 'reverses_id', 'uuid'],
  ['workOrderId', 'work_order_id', 'uuid'],
  ['memo', 'memo', 'text'],
  ['createdBy', 'created_by', 'uuid'],
] as const satisfies readonly (readonly [keyof AccountEntry, string, string])[];

/**
 * A value as an element of a PostgreSQL array literal. Text is quoted; uuids, dates and numbers
 * are written as they are (a malformed one fails the cast: the array is a bound parameter, never SQL).
 */
const element = (v: string | number | null | undefined, text: boolean) =>
  v === null || v === undefined ? 'NULL' : text ? `"${String(v).replace(/[\\"]/g, '\\$&')}"` : String(v);

/**
 * The bulk way rows get into `fee_entries` (`appendEntries` is the one-account way; both move
 * the balances through `moveBalances`): inserts entries of one community and moves each
 * account's `balance_fen` by the sum of its new entries, two statements per chunk of 10,000 (the
 * insert, then one `UPDATE … FROM unnest(ids, sums)` of the balances). The caller
 * holds the accounts' locks, taken in id order when there are several, so the balance always
 * equals the sum of the account's entries. Rows are inserted in the order given (their `seq`).
 * A column travels once when every row has the same value, else as one array (`unnest` zips
 * them), so a bill run's 6,000 charges are a few strings, not 6,000 objects. No trigger does
 * this, on purpose: the bookkeeping is the writer's, and a bulk load (the benchmark's COPY) does
 * not pay for it.
 */
export async function insertEntries(tx: DbOrTx, scope: { organizationId: string; communityId: string }, rows: readonly AccountEntry[]): Promise<void> {
  for (let i = 0; i < rows.length; i += ENTRY_CHUNK) {
    const part = rows.slice(i, i + ENTRY_CHUNK);
    const arrays: SQL[] = [];
    const names: string[] = [];
    const select = ENTRY_COLUMNS.map(([key, column, type]) => {
      const first = part[0]![key];
      if (part.length > 1 && part.some((r) => r[key] !== first)) {
        arrays.push(sql`${`{${part.map((r) => element(r[key], type === 'text')).join(',')}}`}::${sql.raw(type)}[]`);
        names.push(column);
        return sql.raw(`p.${column}`);
      }
      return sql`${first ?? null}::${sql.raw(type)}`;
    });
    select[0] = sql`coalesce(${select[0]}, gen_random_uuid())`;
    // `unnest` needs one array at least (a single row, or rows alike but for their ids).
    if (!arrays.length) {
      arrays.push(sql`array_fill(0, array[${part.length}::int])`);
      names.push('one');
    }
    const inserted = (await tx.execute(sql`
      with e as (
        insert into fee_entries (id, account_id, kind, amount_fen, entry_date, due_on, item_id, period_start, period_end, bill_run_id, payment_id, reverses_id, work_order_id, memo, created_by, organization_id, community_id)
        select ${sql.join(select, sql`, `)}, ${scope.organizationId}::uuid, ${scope.communityId}::uuid
        from unnest(${sql.join(arrays, sql`, `)}) with ordinality as p(${sql.raw(names.join(', '))}, ord)
        order by p.ord
        returning 1
      )
      select count(*) as n from e`)) as unknown as { rows: { n: string | number }[] };
    if (Number(inserted.rows[0]!.n) !== part.length) throw new Error(`ledger: ${part.length} entries to insert, fewer inserted`);
    await moveBalances(tx, scope.communityId, part);
  }
}

/**
 * Moves each account's balance by the sum of its new entries: one statement of its own, after the
 * insert's foreign-key checks (they lock the account rows the writer already holds, rather than
 * the new row versions an update in the same statement would have made, which cost a lock record
 * per account). The accounts are the community's: the filter lets the update use its index.
 */
async function moveBalances(tx: DbOrTx, communityId: string, rows: readonly Pick<AccountEntry, 'accountId' | 'amountFen'>[]): Promise<void> {
  const deltas = new Map<string, number>();
  for (const r of rows) deltas.set(r.accountId, (deltas.get(r.accountId) ?? 0) + r.amountFen);
  const moved = (await tx.execute(sql`
    with u as (
      update fee_accounts a set balance_fen = a.balance_fen + d.delta
      from unnest(${`{${[...deltas.keys()].join(',')}}`}::uuid[], ${`{${[...deltas.values()].join(',')}}`}::bigint[]) as d(id, delta)
      where a.id = d.id and a.community_id = ${communityId}::uuid
      returning 1
    )
    select count(*) as n from u`)) as unknown as { rows: { n: string | number }[] };
  if (Number(moved.rows[0]!.n) !== deltas.size) throw new Error(`ledger: entries of ${deltas.size} accounts, ${String(moved.rows[0]!.n)} balances moved`);
}

/** Appends entries to one account (the caller holds the account's lock), moves its balance, and returns them. */
export async function appendEntries(tx: DbOrTx, account: AccountRow, rows: readonly NewEntry[]): Promise<EntryRow[]> {
  if (!rows.length) return [];
  const inserted = await tx
    .insert(feeEntries)
    .values(rows.map((r) => ({ id: randomUUID(), ...r, organizationId: account.organizationId, communityId: account.communityId, accountId: account.id })))
    .returning();
  await moveBalances(tx, account.communityId, inserted);
  return inserted;
}

/** Appends allocation rows. */
export async function appendAllocations(tx: DbOrTx, account: AccountRow, rows: readonly AllocationLike[]): Promise<void> {
  await insertAllocations(tx, rows.map((a) => ({ account, allocation: a })));
}

const ALLOCATION_CHUNK = 10_000;
/** Inserts allocation rows of accounts the caller holds locked (several at once: a bill run and its reversal). */
export async function insertAllocations(tx: DbOrTx, rows: readonly { account: Pick<AccountRow, 'id' | 'organizationId'>; allocation: AllocationLike }[]): Promise<void> {
  // One statement per chunk, each column one array (as insertEntries), in the given order (`seq`).
  const list = (values: readonly (string | number)[]) => `{${values.join(',')}}`;
  for (let i = 0; i < rows.length; i += ALLOCATION_CHUNK) {
    const part = rows.slice(i, i + ALLOCATION_CHUNK);
    await tx.execute(sql`
      insert into fee_allocations (organization_id, account_id, credit_id, debit_id, amount_fen)
      select p.organization_id, p.account_id, p.credit_id, p.debit_id, p.amount_fen
      from unnest(${list(part.map((r) => r.account.organizationId))}::uuid[], ${list(part.map((r) => r.account.id))}::uuid[], ${list(part.map((r) => r.allocation.creditId))}::uuid[],
        ${list(part.map((r) => r.allocation.debitId))}::uuid[], ${list(part.map((r) => r.allocation.amountFen))}::bigint[]) with ordinality as p(organization_id, account_id, credit_id, debit_id, amount_fen, ord)
      order by p.ord`);
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

type CreditRow = { id: string; account_id: string; amount_fen: string | number; entry_date: string; due_on: string; seq: string | number; open_fen: string | number };
const creditColumns = sql.raw(`e.id, e.account_id, e.amount_fen, e.entry_date::text as entry_date, e.due_on::text as due_on, e.seq,
  -e.amount_fen - coalesce((select sum(a.amount_fen) from fee_allocations a where a.credit_id = e.id), 0) as open_fen`);
/** Credits per account read newest first before reading them all (the credit left is nearly always the newest one). */
const NEWEST_CREDITS = 1;

/**
 * Settles accounts against debits just appended to them, for accounts that held credit before
 * them (the caller holds their locks). Every write settles its account, so such an account owed
 * nothing before: its open entries are its unallocated credits, worth minus its balance before
 * the new debits, and the new debits. So this reads credits newest first (with what is allocated
 * of each) only until their open amounts add up to that, usually the newest credit alone, and
 * `settleOpen` gives the rows `settleAccounts` would from the whole ledger. An account whose
 * credits cannot add up to its balance (a premise that does not hold) is settled from its whole
 * ledger instead.
 */
export async function settleNewDebits(
  tx: DbOrTx,
  accounts: readonly { account: AccountRow; balanceBeforeFen: number }[],
  debits: readonly (LedgerEntryLike & { accountId: string })[],
): Promise<void> {
  if (!accounts.length) return;
  const array = (ids: readonly string[]) => `{${ids.join(',')}}`;
  const rowsOf = async (q: SQL) => ((await tx.execute(q)) as unknown as { rows: CreditRow[] }).rows;
  const credits = new Map<string, CreditRow[]>(accounts.map((a) => [a.account.id, []]));
  for (const c of await rowsOf(sql`
    select ${creditColumns} from unnest(${array(accounts.map((a) => a.account.id))}::uuid[]) as acc(id)
    cross join lateral (select * from fee_entries e where e.account_id = acc.id and e.amount_fen < 0 order by e.seq desc limit ${NEWEST_CREDITS}) e`)) credits.get(c.account_id)!.push(c);
  const openFen = (rows: readonly CreditRow[]) => rows.reduce((s, c) => s + Number(c.open_fen), 0);
  // Where the newest credits do not hold all the credit, read every credit of the account.
  const more = accounts.filter((a) => credits.get(a.account.id)!.length === NEWEST_CREDITS && openFen(credits.get(a.account.id)!) < -a.balanceBeforeFen).map((a) => a.account.id);
  if (more.length) {
    for (const id of more) credits.set(id, []);
    for (const c of await rowsOf(sql`select ${creditColumns} from fee_entries e where e.account_id = any(${array(more)}::uuid[]) and e.amount_fen < 0`)) credits.get(c.account_id)!.push(c);
  }
  const newDebits = new Map<string, LedgerEntryLike[]>();
  for (const d of debits) newDebits.set(d.accountId, [...(newDebits.get(d.accountId) ?? []), d]);
  const rows: { account: AccountRow; allocation: AllocationLike }[] = [];
  const whole: AccountRow[] = [];
  for (const { account, balanceBeforeFen } of accounts) {
    const own = credits.get(account.id)!.filter((c) => Number(c.open_fen) > 0);
    if (openFen(own) !== -balanceBeforeFen) {
      whole.push(account);
      continue;
    }
    const entries: LedgerEntryLike[] = own.map((c) => ({ id: c.id, amountFen: Number(c.amount_fen), entryDate: c.entry_date, dueOn: c.due_on, seq: Number(c.seq) }));
    const open = new Map(own.map((c) => [c.id, Number(c.open_fen)]));
    for (const d of newDebits.get(account.id) ?? []) {
      entries.push(d);
      open.set(d.id, d.amountFen);
    }
    for (const allocation of settleOpen(entries, open)) rows.push({ account, allocation });
  }
  await insertAllocations(tx, rows);
  if (whole.length) await settleAccounts(tx, whole);
}
