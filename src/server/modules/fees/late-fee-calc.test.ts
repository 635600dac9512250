import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LateFeeBasis } from '../../../common/fee-late';
import { accrueThrough, addDays, capOf, chargeBasis, ruleOn, unpaidAt, type PaidEvent, type RuleLike } from './late-fee-calc';

// The late-fee arithmetic without a database: rules by date and item, grace, caps, partial
// payments, and a fast-check property against a day-by-day count.

const rule = (over: Partial<RuleLike>): RuleLike => ({
  id: over.id ?? `r${over.seq ?? 1}`,
  seq: 1,
  itemId: null,
  effectiveFrom: '2026-01-01',
  mode: 'daily_rate',
  dailyRatePer100k: 50,
  fixedFen: null,
  periodDays: null,
  graceDays: 15,
  capPercent: 10,
  capFen: null,
  ...over,
});
const daily = (over: Partial<LateFeeBasis> = {}): LateFeeBasis => ({ ruleId: 'r', mode: 'daily_rate', dailyRatePermille: 0.5, fixedFen: null, periodDays: null, graceDays: 15, capPercent: null, capFen: null, startsOn: '2026-03-17', ...over });

describe('which rule a charge follows', () => {
  const rules = [
    rule({ id: 'community', seq: 1, effectiveFrom: '2026-03-01' }),
    rule({ id: 'water', seq: 2, itemId: 'water', effectiveFrom: '2026-03-01', mode: 'off', graceDays: null, capPercent: null }),
    rule({ id: 'higher', seq: 3, effectiveFrom: '2026-06-01', dailyRatePer100k: 100 }),
    rule({ id: 'same-day', seq: 4, effectiveFrom: '2026-06-01', dailyRatePer100k: 80 }),
  ];

  it('is the item’s own rule, else the community’s, the later of one day winning', () => {
    expect(ruleOn(rules, 'fee', '2026-02-28')).toBeNull();
    expect(ruleOn(rules, 'fee', '2026-03-01')?.id).toBe('community');
    expect(ruleOn(rules, 'water', '2026-07-01')?.id).toBe('water');
    expect(ruleOn(rules, 'fee', '2026-06-01')?.id).toBe('same-day');
  });

  it('is fixed the day the charge became payable, and a later rule never changes it', () => {
    // Due before any rule: nothing, ever (not retroactive).
    expect(chargeBasis(rules, { itemId: 'fee', amountFen: 1000, dueOn: '2026-02-01', billedOn: '2026-02-01' })).toBeNull();
    const march = chargeBasis(rules, { itemId: 'fee', amountFen: 1000, dueOn: '2026-03-01', billedOn: '2026-03-01' })!;
    expect(march.basis).toMatchObject({ ruleId: 'community', dailyRatePermille: 0.5, startsOn: '2026-03-17' });
    expect(march.stopsOn).toBeNull();
    // Billed late: payable (and late) only from the day it was billed.
    const late = chargeBasis(rules, { itemId: 'fee', amountFen: 1000, dueOn: '2026-03-01', billedOn: '2026-06-10' })!;
    expect(late.basis).toMatchObject({ ruleId: 'same-day', dailyRatePermille: 0.8, startsOn: '2026-06-26' });
    expect(chargeBasis(rules, { itemId: 'water', amountFen: 1000, dueOn: '2026-04-01', billedOn: '2026-04-01' })).toBeNull();
  });

  it('stops where the rule is turned off after the charge fell due', () => {
    const withOff = [...rules, rule({ id: 'off', seq: 5, effectiveFrom: '2026-09-01', mode: 'off', graceDays: null, capPercent: null })];
    expect(chargeBasis(withOff, { itemId: 'fee', amountFen: 1000, dueOn: '2026-03-01', billedOn: '2026-03-01' })!.stopsOn).toBe('2026-09-01');
  });
});

describe('how much accrues', () => {
  it('counts the days after the grace period on the unpaid principal, rounded down', () => {
    // 1000.00 due 03-01, grace 15: the 16th is free, the 17th is the first late day.
    expect(accrueThrough(daily(), null, 100_000, [], '2026-03-16').totalFen).toBe(0);
    expect(accrueThrough(daily(), null, 100_000, [], '2026-03-17')).toEqual({ totalFen: 50, lastDay: '2026-03-17', capped: false });
    expect(accrueThrough(daily(), null, 100_000, [], '2026-03-31').totalFen).toBe(750);
    // 0.5‰ of 333 fen is 0.1665 a day: six days are 0.999 fen, rounded down once.
    expect(accrueThrough(daily(), null, 333, [], '2026-03-22').totalFen).toBe(0);
    expect(accrueThrough(daily(), null, 333, [], '2026-03-28').totalFen).toBe(1);
  });

  it('counts only what is unpaid at the end of each day, and stops when paid', () => {
    const paid: PaidEvent[] = [
      { on: '2026-03-20', amountFen: 40_000 },
      { on: '2026-03-25', amountFen: 60_000 },
    ];
    // 03-17..03-19 on 1000.00 (3 × 50), 03-20..03-24 on 600.00 (5 × 30), nothing from 03-25.
    expect(accrueThrough(daily(), null, 100_000, paid, '2026-04-30').totalFen).toBe(150 + 150);
    // A voided payment (released) makes it accrue again from that day.
    expect(accrueThrough(daily(), null, 100_000, [...paid, { on: '2026-04-01', amountFen: -60_000 }], '2026-04-10').totalFen).toBe(300 + 10 * 30);
  });

  it('never exceeds its cap, the lower of a percentage and an amount', () => {
    expect(capOf(daily({ capPercent: 10, capFen: 5_000 }), 100_000)).toBe(5_000);
    expect(capOf(daily({ capPercent: 10, capFen: 50_000 }), 100_000)).toBe(10_000);
    const a = accrueThrough(daily({ capPercent: 10 }), null, 100_000, [], '2027-12-31');
    expect(a).toMatchObject({ totalFen: 10_000, capped: true });
  });

  it('charges a fixed amount for every full period that ends unpaid', () => {
    const fixed = daily({ mode: 'fixed', dailyRatePermille: null, fixedFen: 500, periodDays: 30, capFen: 1_200 });
    expect(accrueThrough(fixed, null, 100_000, [], addDays('2026-03-17', 28)).totalFen).toBe(0);
    expect(accrueThrough(fixed, null, 100_000, [], addDays('2026-03-17', 29)).totalFen).toBe(500);
    // Paid during the second period: only the first counts.
    expect(accrueThrough(fixed, null, 100_000, [{ on: addDays('2026-03-17', 40), amountFen: 100_000 }], '2026-12-31').totalFen).toBe(500);
    expect(accrueThrough(fixed, null, 100_000, [], '2026-12-31')).toMatchObject({ totalFen: 1_200, capped: true });
  });

  it('ends the day before the rule is turned off', () => {
    expect(accrueThrough(daily(), '2026-03-20', 100_000, [], '2026-12-31')).toEqual({ totalFen: 150, lastDay: '2026-03-19', capped: false });
  });
});

describe('property: the piecewise sum is the day-by-day count, capped, and never grows with payments', () => {
  const day = fc.integer({ min: 0, max: 200 }).map((n) => addDays('2026-03-01', n));
  const events = fc.array(fc.record({ on: day, amountFen: fc.integer({ min: 1, max: 30_000 }) }), { maxLength: 5 });

  it('holds for any payments, rates, caps and dates', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200_000 }),
        fc.integer({ min: 1, max: 1_000 }),
        fc.integer({ min: 1, max: 30 }),
        fc.option(fc.integer({ min: 1, max: 100 }), { nil: null }),
        events,
        day,
        (principal, ratePer100k, grace, capPercent, rawPaid, through) => {
          // Payments never exceed the principal.
          let left = principal;
          const clipped: PaidEvent[] = [];
          for (const p of rawPaid) {
            const amountFen = Math.min(p.amountFen, left);
            if (amountFen > 0) clipped.push({ on: p.on, amountFen });
            left -= amountFen;
          }
          const basis = daily({ dailyRatePermille: ratePer100k / 100, graceDays: grace, capPercent, capFen: capPercent === null ? 1_000_000 : null, startsOn: addDays('2026-03-01', grace + 1) });
          const got = accrueThrough(basis, null, principal, clipped, through);
          // Day by day.
          let numerator = 0;
          for (let d = basis.startsOn; d <= through; d = addDays(d, 1)) numerator += Math.max(0, unpaidAt(principal, clipped, d)) * ratePer100k;
          const expected = Math.min(Math.floor(numerator / 100_000), capOf(basis, principal));
          expect(got.totalFen).toBe(expected);
          expect(got.totalFen).toBeLessThanOrEqual(capOf(basis, principal));
          // Later is never less; without the payments never less either.
          if (through >= basis.startsOn) expect(accrueThrough(basis, null, principal, clipped, addDays(through, 1)).totalFen).toBeGreaterThanOrEqual(got.totalFen);
          expect(accrueThrough(basis, null, principal, [], through).totalFen).toBeGreaterThanOrEqual(got.totalFen);
        },
      ),
      { numRuns: 300 },
    );
  });
});
