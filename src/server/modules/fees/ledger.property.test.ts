import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateToChosen, isDebit, openAmounts, reversalAllocations, settle, settleOpen, summarize, type AllocationLike, type LedgerEntryLike } from './ledger';

// Random sequences of ledger operations, applied the way the commands apply them, must keep the
// ledger's identities: balance = Σ entries = Σ open debits − Σ unallocated credits, no entry
// over-allocated, no pair with a negative net, and no fen created or lost by allocating.

type Op =
  | { t: 'debit'; amount: number; due: number }
  | { t: 'credit'; amount: number; chosen: number[] }
  | { t: 'reverse'; pick: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ t: fc.constant('debit' as const), amount: fc.integer({ min: 1, max: 500_000 }), due: fc.integer({ min: 0, max: 400 }) }),
  fc.record({ t: fc.constant('credit' as const), amount: fc.integer({ min: 1, max: 800_000 }), chosen: fc.array(fc.nat(50), { maxLength: 4 }) }),
  fc.record({ t: fc.constant('reverse' as const), pick: fc.nat(100) }),
);

const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

function run(ops: Op[]) {
  const entries: LedgerEntryLike[] = [];
  const allocations: AllocationLike[] = [];
  let seq = 0;
  for (const o of ops) {
    const id = `e${seq}`;
    if (o.t === 'debit') {
      entries.push({ id, amountFen: o.amount, entryDate: day(seq), dueOn: day(o.due), seq: seq++ });
      allocations.push(...settle(entries, allocations));
    } else if (o.t === 'credit') {
      entries.push({ id, amountFen: -o.amount, entryDate: day(seq), dueOn: day(seq), seq: seq++ });
      const debits = entries.filter(isDebit);
      const chosen = o.chosen.map((n) => debits[n % Math.max(debits.length, 1)]?.id).filter((x): x is string => !!x);
      allocations.push(...allocateToChosen(entries, allocations, id, chosen));
      allocations.push(...settle(entries, allocations));
    } else {
      const reversible = entries.filter((e) => !e.reversesId && !entries.some((r) => r.reversesId === e.id));
      const original = reversible[o.pick % Math.max(reversible.length, 1)];
      if (!original) continue;
      const reversal: LedgerEntryLike = { id, amountFen: -original.amountFen, entryDate: day(seq), dueOn: day(seq), seq: seq++, reversesId: original.id };
      entries.push(reversal);
      allocations.push(...reversalAllocations(allocations, original, reversal));
      allocations.push(...settle(entries, allocations));
    }
  }
  return { entries, allocations };
}

describe('ledger invariants (property)', () => {
  it('balances equal the sum of entries and allocation neither creates nor loses a fen', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 60 }), (ops) => {
        const { entries, allocations } = run(ops);
        const open = openAmounts(entries, allocations);
        const sum = entries.reduce((s, e) => s + e.amountFen, 0);
        let openDebits = 0;
        let openCredits = 0;
        for (const e of entries) {
          const o = open.get(e.id)!;
          expect(o).toBeGreaterThanOrEqual(0);
          expect(o).toBeLessThanOrEqual(Math.abs(e.amountFen));
          if (isDebit(e)) openDebits += o;
          else openCredits += o;
        }
        // Each allocation moves the same fen off one debit and one credit.
        const allocated = allocations.reduce((s, a) => s + a.amountFen, 0);
        const debitTotal = entries.filter(isDebit).reduce((s, e) => s + e.amountFen, 0);
        expect(debitTotal - openDebits).toBe(allocated);
        expect(0 - entries.filter((e) => !isDebit(e)).reduce((s, e) => s + e.amountFen, 0) - openCredits + 0).toBe(allocated + 0);
        expect(openDebits - openCredits).toBe(sum);
        // Credit never sits idle next to an open debit.
        expect(openDebits === 0 || openCredits === 0).toBe(true);
        const pairs = new Map<string, number>();
        for (const a of allocations) pairs.set(`${a.creditId}|${a.debitId}`, (pairs.get(`${a.creditId}|${a.debitId}`) ?? 0) + a.amountFen);
        for (const v of pairs.values()) expect(v).toBeGreaterThanOrEqual(0);
        const s = summarize(entries, allocations, day(200));
        expect(s.balanceFen).toBe(sum);
        expect(s.arrearsFen + s.notYetDueFen - s.prepaymentFen).toBe(sum);
        expect(Object.values(s.ageing).reduce((x, y) => x + y, 0)).toBe(s.arrearsFen);
      }),
      { numRuns: 400 },
    );
  });

  // What a bill run relies on (commands/bill-runs.ts, ledger-write.ts: settleNewDebits): after any
  // writes, each of which settles, an account holds open credit exactly when its running balance
  // is below zero, worth minus the balance; and settling the run's new charges against the open
  // credits alone gives the rows settling the whole ledger gives.
  it('credit is open exactly where the balance is below zero, and new charges settle against it alone as against the whole ledger', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 60 }), fc.array(fc.integer({ min: 1, max: 300_000 }), { minLength: 1, maxLength: 3 }), (ops, amounts) => {
        const { entries, allocations } = run(ops);
        const open = openAmounts(entries, allocations);
        const balance = entries.reduce((s, e) => s + e.amountFen, 0);
        const credits = entries.filter((e) => !isDebit(e) && open.get(e.id)! > 0);
        const openCredit = credits.reduce((s, e) => s + open.get(e.id)!, 0);
        expect(openCredit).toBe(balance < 0 ? -balance : 0);
        const charges: LedgerEntryLike[] = amounts.map((amountFen, k) => ({ id: `run${k}`, amountFen, entryDate: day(300), dueOn: day(300), seq: 1000 + k }));
        const whole = settle([...entries, ...charges], allocations);
        const alone = settleOpen([...credits, ...charges], new Map([...credits.map((c) => [c.id, open.get(c.id)!] as const), ...charges.map((c) => [c.id, c.amountFen] as const)]));
        expect(alone).toEqual(whole);
        if (balance >= 0) expect(whole).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it('a reversed entry and its reversal are both closed, and the payment it released settles elsewhere', () => {
    const { entries, allocations } = run([
      { t: 'debit', amount: 1000, due: 0 },
      { t: 'credit', amount: 1000, chosen: [] },
      { t: 'debit', amount: 1000, due: 5 },
      { t: 'reverse', pick: 0 },
    ]);
    const open = openAmounts(entries, allocations);
    expect(open.get('e0')).toBe(0);
    expect(open.get('e3')).toBe(0);
    expect(open.get('e1')).toBe(0);
    expect(open.get('e2')).toBe(0);
  });
});
