/*
 * The ledger's arithmetic, without a database: open amounts, allocation of credits to debits,
 * reversals and the account summary (balance, arrears, ageing, prepayment, paid-through dates).
 *
 * An entry with a positive amount is a debit (owed by the payer: charge, late fee, refund, a debit
 * adjustment, the reversal of a credit); a negative one is a credit (payment, discount, write-off,
 * a credit adjustment, the reversal of a debit). Allocation rows link a credit to a debit with a
 * signed amount: a positive row settles, a negative row releases what an earlier row settled
 * (nothing is ever updated). For every pair the net is >= 0, for every debit the net allocated is
 * at most its amount, for every credit at most its absolute amount. Hence for any account:
 *
 *   balance = Σ amounts = Σ open debits − Σ unallocated credits
 *
 * which `ledger.property.test.ts` checks for random sequences.
 */

export interface LedgerEntryLike {
  id: string;
  amountFen: number;
  /** Accounting date, YYYY-MM-DD. */
  entryDate: string;
  /** When a debit falls due (YYYY-MM-DD); credits: their entry date. */
  dueOn: string;
  /** Insertion order within the account (ties on dates). */
  seq: number;
  itemId?: string | null;
  periodStart?: string | null;
  periodEnd?: string | null;
  reversesId?: string | null;
}

export interface AllocationLike {
  creditId: string;
  debitId: string;
  amountFen: number;
}

export const isDebit = (e: Pick<LedgerEntryLike, 'amountFen'>) => e.amountFen > 0;

/** What is still open on each entry: a debit's unpaid part, a credit's unallocated part (both >= 0). */
export function openAmounts(entries: readonly LedgerEntryLike[], allocations: readonly AllocationLike[]): Map<string, number> {
  const open = new Map<string, number>();
  for (const e of entries) open.set(e.id, Math.abs(e.amountFen));
  for (const a of allocations) {
    open.set(a.creditId, (open.get(a.creditId) ?? 0) - a.amountFen);
    open.set(a.debitId, (open.get(a.debitId) ?? 0) - a.amountFen);
  }
  return open;
}

const byDue = (a: LedgerEntryLike, b: LedgerEntryLike) =>
  a.dueOn.localeCompare(b.dueOn) || (a.periodStart ?? a.entryDate).localeCompare(b.periodStart ?? b.entryDate) || a.seq - b.seq;
const byDate = (a: LedgerEntryLike, b: LedgerEntryLike) => a.entryDate.localeCompare(b.entryDate) || a.seq - b.seq;

/**
 * Allocates one credit to the debits the payer named (in their order), as far as it reaches.
 * Unknown, settled or non-debit ids are ignored here; the command checks them first.
 */
export function allocateToChosen(
  entries: readonly LedgerEntryLike[],
  allocations: readonly AllocationLike[],
  creditId: string,
  debitIds: readonly string[],
): AllocationLike[] {
  const open = openAmounts(entries, allocations);
  const byId = new Map(entries.map((e) => [e.id, e]));
  const out: AllocationLike[] = [];
  let left = open.get(creditId) ?? 0;
  for (const id of debitIds) {
    const d = byId.get(id);
    if (!d || !isDebit(d) || left <= 0) continue;
    const take = Math.min(left, open.get(id) ?? 0);
    if (take <= 0) continue;
    out.push({ creditId, debitId: id, amountFen: take });
    open.set(id, (open.get(id) ?? 0) - take);
    left -= take;
  }
  return out;
}

/**
 * Settles the account: every unallocated credit (oldest first) goes to the open debits that fall
 * due first. Credit never sits idle while something is owed on the same account.
 */
export function settle(entries: readonly LedgerEntryLike[], allocations: readonly AllocationLike[]): AllocationLike[] {
  return settleOpen(entries, openAmounts(entries, allocations));
}

/**
 * `settle` from each entry's open amount (`openAmounts`) instead of the allocations: a writer that
 * read only the entries still open (a bill run settling prepaid accounts) gets the same rows.
 */
export function settleOpen(entries: readonly LedgerEntryLike[], openBefore: ReadonlyMap<string, number>): AllocationLike[] {
  const open = new Map(openBefore);
  const credits = entries.filter((e) => !isDebit(e) && (open.get(e.id) ?? 0) > 0).sort(byDate);
  const debits = entries.filter((e) => isDebit(e) && (open.get(e.id) ?? 0) > 0).sort(byDue);
  const out: AllocationLike[] = [];
  let d = 0;
  for (const c of credits) {
    let left = open.get(c.id)!;
    while (left > 0 && d < debits.length) {
      const debit = debits[d]!;
      const take = Math.min(left, open.get(debit.id)!);
      out.push({ creditId: c.id, debitId: debit.id, amountFen: take });
      open.set(debit.id, open.get(debit.id)! - take);
      left -= take;
      if (open.get(debit.id) === 0) d++;
    }
    if (d >= debits.length) break;
  }
  return out;
}

/**
 * The allocation rows a reversal needs: release everything that touches the original entry
 * (negative rows), then pair the original with its reversal for the full amount, so both are
 * closed. `reversal` carries the opposite amount of `original`.
 */
export function reversalAllocations(allocations: readonly AllocationLike[], original: LedgerEntryLike, reversal: LedgerEntryLike): AllocationLike[] {
  const net = new Map<string, AllocationLike>();
  for (const a of allocations) {
    if (a.creditId !== original.id && a.debitId !== original.id) continue;
    const key = `${a.creditId}|${a.debitId}`;
    const cur = net.get(key) ?? { creditId: a.creditId, debitId: a.debitId, amountFen: 0 };
    cur.amountFen += a.amountFen;
    net.set(key, cur);
  }
  const out: AllocationLike[] = [];
  for (const n of net.values()) if (n.amountFen > 0) out.push({ ...n, amountFen: -n.amountFen });
  const amount = Math.abs(original.amountFen);
  out.push(isDebit(original) ? { creditId: reversal.id, debitId: original.id, amountFen: amount } : { creditId: original.id, debitId: reversal.id, amountFen: amount });
  return out;
}

export interface AccountSummary {
  balanceFen: number;
  arrearsFen: number;
  notYetDueFen: number;
  prepaymentFen: number;
  ageing: { d0_30: number; d31_90: number; d91_180: number; d181_365: number; over_365: number };
  open: Map<string, number>;
}

const DAY = 86_400_000;
/** Whole days from `from` to `to` (YYYY-MM-DD, UTC calendar arithmetic). */
export const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);

/** The ageing bucket of a debit that fell due `days` days ago (0 = today). */
export function ageingBucket(days: number): keyof AccountSummary['ageing'] {
  if (days <= 30) return 'd0_30';
  if (days <= 90) return 'd31_90';
  if (days <= 180) return 'd91_180';
  if (days <= 365) return 'd181_365';
  return 'over_365';
}

/** Balance, arrears by age, what is not yet due and the unallocated credit, as of `today`. */
export function summarize(entries: readonly LedgerEntryLike[], allocations: readonly AllocationLike[], today: string): AccountSummary {
  const open = openAmounts(entries, allocations);
  const ageing = { d0_30: 0, d31_90: 0, d91_180: 0, d181_365: 0, over_365: 0 };
  let balanceFen = 0;
  let arrearsFen = 0;
  let notYetDueFen = 0;
  let prepaymentFen = 0;
  for (const e of entries) {
    balanceFen += e.amountFen;
    const o = open.get(e.id) ?? 0;
    if (o === 0) continue;
    if (!isDebit(e)) prepaymentFen += o;
    else if (e.dueOn > today) notYetDueFen += o;
    else {
      arrearsFen += o;
      ageing[ageingBucket(daysBetween(e.dueOn, today))] += o;
    }
  }
  return { balanceFen, arrearsFen, notYetDueFen, prepaymentFen, ageing, open };
}

/**
 * The day through which an item is paid: the end of the last of its charges (in period order)
 * before the first one still open. Null when its first charge is open or it has none paid.
 * Reversed charges and their reversals are left out (they are closed against each other).
 */
export function paidThrough(entries: readonly LedgerEntryLike[], open: ReadonlyMap<string, number>, itemId: string): string | null {
  const reversed = new Set(entries.filter((e) => e.reversesId).map((e) => e.reversesId!));
  const charges = entries
    .filter((e) => e.itemId === itemId && isDebit(e) && !e.reversesId && !reversed.has(e.id) && e.periodStart && e.periodEnd)
    .sort((a, b) => a.periodStart!.localeCompare(b.periodStart!) || a.seq - b.seq);
  let through: string | null = null;
  for (const c of charges) {
    if ((open.get(c.id) ?? 0) > 0) break;
    if (!through || c.periodEnd! > through) through = c.periodEnd!;
  }
  return through;
}
