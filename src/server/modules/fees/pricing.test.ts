import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CYCLE_MONTHS } from '../../../common/fees';
import { addDays, dayCount, meteredCharge, ownerSpans, periodOf, recurringCharge, roundFen, versionSpans } from './pricing';

const area = (prices: Record<string, number>) => ({ kind: 'area' as const, pricesByType: prices });

describe('pricing', () => {
  it('rounds to the fen by the item’s rule', () => {
    expect(roundFen(1005n, 10n, 'half_up')).toBe(101);
    expect(roundFen(1004n, 10n, 'half_up')).toBe(100);
    expect(roundFen(1009n, 10n, 'down')).toBe(100);
    expect(roundFen(1001n, 10n, 'up')).toBe(101);
    expect(roundFen(1000n, 10n, 'up')).toBe(100);
  });

  it('charges area × price per type, prorated by day, with a price change splitting the period', () => {
    const month = periodOf('2026-03', 'monthly');
    expect(month).toEqual({ start: '2026-03-01', endExclusive: '2026-04-01' });
    const v = [{ effectiveFrom: '2025-01-01', pricing: area({ high_rise: 250, villa: 500 }) }];
    // 89.50 m² × 2.50 yuan = 223.75 yuan for the whole month.
    expect(recurringCharge(v, 'monthly', 'half_up', month, { from: month.start, to: month.endExclusive }, { areaCentiM2: 8950, priceType: 'high_rise' })).toEqual({ amountFen: 22375 });
    // Move-in on the 17th: 15 of 31 days -> 22375 × 15 / 31 = 10826.6 -> 10827 (half up), 10826 (down).
    expect(recurringCharge(v, 'monthly', 'half_up', month, { from: '2026-03-17', to: month.endExclusive }, { areaCentiM2: 8950, priceType: 'high_rise' })).toEqual({ amountFen: 10827 });
    expect(recurringCharge(v, 'monthly', 'down', month, { from: '2026-03-17', to: month.endExclusive }, { areaCentiM2: 8950, priceType: 'high_rise' })).toEqual({ amountFen: 10826 });
    expect(recurringCharge(v, 'monthly', 'half_up', month, { from: month.start, to: month.endExclusive }, { areaCentiM2: 8950, priceType: 'shop' })).toEqual({ skip: 'no_price_for_type' });
    expect(recurringCharge(v, 'monthly', 'half_up', month, { from: month.start, to: month.endExclusive }, { areaCentiM2: null, priceType: 'villa' })).toEqual({ skip: 'no_area' });
    // From the 11th the price is 3.10: 10 days at 2.50 and 21 at 3.10 over 100 m².
    const changed = [...v, { effectiveFrom: '2026-03-11', pricing: area({ high_rise: 310 }) }];
    expect(versionSpans(changed, month.start, month.endExclusive).map((s) => s.days)).toEqual([10, 21]);
    const exact = (250 * 100 * 10 + 310 * 100 * 21) / 31;
    expect(recurringCharge(changed, 'monthly', 'half_up', month, { from: month.start, to: month.endExclusive }, { areaCentiM2: 10000, priceType: 'high_rise' })).toEqual({ amountFen: Math.round(exact) });
    // A version that starts after the period does not reach back.
    expect(recurringCharge([{ effectiveFrom: '2026-04-01', pricing: area({ high_rise: 1 }) }], 'monthly', 'half_up', month, { from: month.start, to: month.endExclusive }, { areaCentiM2: 1, priceType: 'high_rise' })).toBeNull();
  });

  it('bills a quarter as three months of the fixed price, prorated over the quarter’s days', () => {
    const q = periodOf('2026-04', 'quarterly');
    expect(q).toEqual({ start: '2026-04-01', endExclusive: '2026-07-01' });
    const v = [{ effectiveFrom: '2026-01-01', pricing: { kind: 'fixed' as const, monthlyFen: 3000 } }];
    expect(recurringCharge(v, 'quarterly', 'half_up', q, { from: q.start, to: q.endExclusive }, { areaCentiM2: null, priceType: null })).toEqual({ amountFen: 9000 });
    // 30 of 91 days.
    expect(recurringCharge(v, 'quarterly', 'up', q, { from: '2026-06-01', to: q.endExclusive }, { areaCentiM2: null, priceType: null })).toEqual({ amountFen: Math.ceil((9000 * 30) / 91) });
  });

  it('prices metered use over tiers', () => {
    const tiers = [{ upTo: 10, priceFen: 300 }, { upTo: 20, priceFen: 400 }, { upTo: null, priceFen: 600 }];
    expect(meteredCharge(tiers, 8_000, 'half_up')).toBe(2400);
    expect(meteredCharge(tiers, 25_500, 'half_up')).toBe(3000 + 4000 + 3300);
    expect(meteredCharge(tiers, 1, 'up')).toBe(1);
    expect(meteredCharge(tiers, 1, 'down')).toBe(0);
  });

  it('splits a period where the owner changes and leaves out days without an owner', () => {
    expect(ownerSpans([{ from: null, to: null }], '2026-03-01', '2026-04-01')).toEqual([{ from: '2026-03-01', to: '2026-04-01' }]);
    expect(ownerSpans([{ from: null, to: '2026-03-15' }, { from: '2026-03-15', to: null }], '2026-03-01', '2026-04-01')).toEqual([
      { from: '2026-03-01', to: '2026-03-15' },
      { from: '2026-03-15', to: '2026-04-01' },
    ]);
    expect(ownerSpans([{ from: '2026-03-20', to: null }], '2026-03-01', '2026-04-01')).toEqual([{ from: '2026-03-20', to: '2026-04-01' }]);
    expect(ownerSpans([{ from: '2026-05-01', to: null }], '2026-03-01', '2026-04-01')).toEqual([]);
    expect(ownerSpans([], '2026-03-01', '2026-04-01')).toEqual([]);
  });
});

describe('recurring charges in plain numbers (property)', () => {
  // recurringCharge works in doubles while they are exact and falls back to BigInt: it must give
  // what the BigInt arithmetic gives, for any prices, areas, versions, spans and rounding rules.
  it('equal the exact BigInt result, also for amounts beyond 2^53', () => {
    const cycle = fc.constantFrom('monthly' as const, 'quarterly' as const, 'yearly' as const);
    const price = fc.oneof(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }));
    const version = fc.record({ offset: fc.integer({ min: -40, max: 400 }), kind: fc.constantFrom('area' as const, 'fixed' as const), price });
    fc.assert(
      fc.property(cycle, fc.array(version, { minLength: 1, maxLength: 3 }), fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 360 }), fc.integer({ min: 1, max: 360 }), fc.constantFrom('half_up' as const, 'down' as const, 'up' as const), (c, vs, areaCentiM2, skip, length, rounding) => {
        const period = periodOf('2026-01', c);
        // One kind per item, as the API keeps it.
        const versions = vs.map((v) => ({ effectiveFrom: addDays(period.start, v.offset), pricing: vs[0]!.kind === 'fixed' ? { kind: 'fixed' as const, monthlyFen: v.price } : { kind: 'area' as const, pricesByType: { high_rise: v.price } } }));
        const from = addDays(period.start, Math.min(skip, dayCount(period.start, period.endExclusive) - 1));
        const to = addDays(from, length) < period.endExclusive ? addDays(from, length) : period.endExclusive;
        const got = recurringCharge(versions, c, rounding, period, { from, to }, { areaCentiM2, priceType: 'high_rise' });
        const spans = versionSpans([...versions], from, to);
        if (!spans.length) {
          expect(got).toBeNull();
          return;
        }
        let num = 0n;
        for (const { version: v, days } of spans) {
          const p = v.pricing;
          num += p.kind === 'fixed' ? BigInt(p.monthlyFen) * BigInt(CYCLE_MONTHS[c]) * BigInt(days) * 100n : BigInt(p.kind === 'area' ? p.pricesByType.high_rise! : 0) * BigInt(areaCentiM2) * BigInt(CYCLE_MONTHS[c]) * BigInt(days);
        }
        expect(got).toEqual({ amountFen: roundFen(num, BigInt(dayCount(period.start, period.endExclusive)) * 100n, rounding) });
      }),
      { numRuns: 1000 },
    );
  });
});
