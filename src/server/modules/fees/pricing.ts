import type { BillingCycle, Pricing, PropertyType, Rounding } from '../../../common/fees';
import { CYCLE_MONTHS } from '../../../common/fees';

/*
 * Prices to fen: rounding rules, price versions by effective date, day-based proration and tiered
 * meters. Pure functions over YYYY-MM-DD strings; ends are exclusive inside this file.
 */

/** Rounds the fraction num/den (den > 0, num >= 0) to whole fen by the item's rule. */
export function roundFen(num: bigint, den: bigint, rule: Rounding): number {
  const q = num / den;
  const r = num % den;
  if (r === 0n) return Number(q);
  if (rule === 'down') return Number(q);
  if (rule === 'up') return Number(q + 1n);
  return Number(r * 2n >= den ? q + 1n : q);
}

const DAY = 86_400_000;
export const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
export const dayCount = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);

/** The first day of `month` (YYYY-MM) and the first day after a period of the cycle. */
export function periodOf(month: string, cycle: BillingCycle): { start: string; endExclusive: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = new Date(Date.UTC(y, m - 1 + CYCLE_MONTHS[cycle], 1)).toISOString().slice(0, 10);
  return { start: `${month}-01`, endExclusive: next };
}

/** True when a period of the cycle may start in this month (quarters in Jan/Apr/Jul/Oct, years in January). */
export function cycleStartsIn(month: string, cycle: BillingCycle): boolean {
  const m = Number(month.slice(5, 7));
  return cycle === 'monthly' || (cycle === 'quarterly' ? (m - 1) % 3 === 0 : m === 1);
}

export interface PriceVersion {
  effectiveFrom: string;
  pricing: Pricing;
}

// versionSpans per list of versions and span: a bill run asks the same few spans for thousands of units.
const spansCache = new WeakMap<readonly PriceVersion[], Map<string, { version: PriceVersion; days: number }[]>>();

/** The parts of [from, to) each version governs: a price applies from its date, never before. */
export function versionSpans(versions: readonly PriceVersion[], from: string, to: string): { version: PriceVersion; days: number }[] {
  let cache = spansCache.get(versions);
  if (!cache) spansCache.set(versions, (cache = new Map()));
  const key = `${from}|${to}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const out = computeVersionSpans(versions, from, to);
  cache.set(key, out);
  return out;
}

function computeVersionSpans(versions: readonly PriceVersion[], from: string, to: string): { version: PriceVersion; days: number }[] {
  const sorted = [...versions].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  const out: { version: PriceVersion; days: number }[] = [];
  sorted.forEach((v, i) => {
    const vFrom = v.effectiveFrom > from ? v.effectiveFrom : from;
    const nextFrom = sorted[i + 1]?.effectiveFrom;
    const vTo = nextFrom && nextFrom < to ? nextFrom : to;
    if (vFrom < vTo) out.push({ version: v, days: dayCount(vFrom, vTo) });
  });
  return out;
}

/** What makes one unit's recurring charge: its built area (hundredths of m²) and its price type. */
export interface UnitBasis {
  areaCentiM2: number | null;
  priceType: PropertyType | null;
}

export type RecurringResult = { amountFen: number } | { skip: 'no_area' | 'no_price_for_type' };

/**
 * A recurring item's charge for the days [from, to) of a billing period [periodStart, periodEnd):
 * the period's price (monthly price × months) times the covered share of the period's days,
 * summed exactly over the price versions in force, then rounded once by the item's rule.
 */
export function recurringCharge(
  versions: readonly PriceVersion[],
  cycle: BillingCycle,
  rounding: Rounding,
  period: { start: string; endExclusive: string },
  span: { from: string; to: string },
  unit: UnitBasis,
): RecurringResult | null {
  const spans = versionSpans(versions, span.from, span.to);
  if (!spans.length) return null;
  const months = CYCLE_MONTHS[cycle];
  // In plain numbers while every term is an exact integer below 2^53 (a bill run prices thousands
  // of units: BigInt arithmetic allocates on every step); else exactly, in BigInt.
  let num = 0;
  for (const { version, days } of spans) {
    const p = version.pricing;
    let term: number;
    if (p.kind === 'fixed') term = p.monthlyFen * months * days * 100;
    else if (p.kind === 'area') {
      if (unit.areaCentiM2 == null) return { skip: 'no_area' };
      const price = unit.priceType ? p.pricesByType[unit.priceType] : undefined;
      if (price === undefined) return { skip: 'no_price_for_type' };
      term = price * unit.areaCentiM2 * months * days;
    } else return null;
    if (!Number.isSafeInteger(term) || term < 0) return exactCharge(spans, months, rounding, period, unit);
    num += term;
  }
  if (!Number.isSafeInteger(num)) return exactCharge(spans, months, rounding, period, unit);
  const den = dayCount(period.start, period.endExclusive) * 100;
  const r = num % den;
  const q = (num - r) / den;
  return { amountFen: r === 0 || rounding === 'down' ? q : rounding === 'up' ? q + 1 : r * 2 >= den ? q + 1 : q };
}

/** `recurringCharge` in BigInt, for amounts beyond what a double holds exactly. */
function exactCharge(spans: readonly { version: PriceVersion; days: number }[], months: number, rounding: Rounding, period: { start: string; endExclusive: string }, unit: UnitBasis): RecurringResult {
  let num = 0n;
  for (const { version, days } of spans) {
    const p = version.pricing;
    if (p.kind === 'fixed') num += BigInt(p.monthlyFen) * BigInt(months) * BigInt(days) * 100n;
    else if (p.kind === 'area') num += BigInt(p.pricesByType[unit.priceType!]!) * BigInt(unit.areaCentiM2!) * BigInt(months) * BigInt(days);
  }
  return { amountFen: roundFen(num, BigInt(dayCount(period.start, period.endExclusive)) * 100n, rounding) };
}

/** A metered quantity priced over its tiers (quantity in thousandths of a unit), rounded once. */
export function meteredCharge(tiers: readonly { upTo: number | null; priceFen: number }[], quantityMilli: number, rounding: Rounding): number {
  let left = BigInt(quantityMilli);
  let lower = 0n;
  let num = 0n;
  for (const t of tiers) {
    if (left <= 0n) break;
    const cap = t.upTo == null ? left : BigInt(t.upTo) * 1000n - lower;
    const take = cap < left ? cap : left;
    if (take > 0n) num += take * BigInt(t.priceFen);
    left -= take > 0n ? take : 0n;
    if (t.upTo != null) lower = BigInt(t.upTo) * 1000n;
  }
  return roundFen(num, 1000n, rounding);
}

/**
 * The spans of [from, to) during which the unit has an owner, split wherever an owner moves in
 * or out (a change of owner gives two charges). Bindings without a move-in date count from the
 * start; without a move-out date, to the end.
 */
export function ownerSpans(owners: readonly { from: string | null; to: string | null }[], from: string, to: string): { from: string; to: string }[] {
  const clipped = owners
    .map((o) => ({ from: o.from && o.from > from ? o.from : from, to: o.to && o.to < to ? o.to : to }))
    .filter((o) => o.from < o.to);
  if (!clipped.length) return [];
  const points = [...new Set(clipped.flatMap((o) => [o.from, o.to]))].sort();
  const out: { from: string; to: string }[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i]!;
    const b = points[i + 1]!;
    if (clipped.some((o) => o.from <= a && b <= o.to)) out.push({ from: a, to: b });
  }
  return out;
}
