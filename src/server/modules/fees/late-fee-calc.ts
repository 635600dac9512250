import type { LateFeeBasis } from '../../../common/fee-late';
import { daysBetween } from './ledger';

/*
 * The arithmetic of late fees, without a database (docs/fees.md, "Late fees").
 *
 * - The rule of a charge is the one in force on the day it became payable: its due date, or the
 *   day it was billed when that is later (a charge billed late never owes for days before anyone
 *   could see it). Item rules come before the community's. A later rule never changes the basis
 *   of a charge already due; only a later `off` stops it accruing from that rule's date.
 * - Late days start after the grace period. A day counts when the principal is still unpaid at
 *   its end (so paying on a day costs nothing for that day); only the charge's own unpaid part
 *   counts, never a late fee (no compounding).
 * - `daily_rate`: Σ over late days of the unpaid principal × rate; `fixed`: the fixed amount for
 *   every full period that ends with principal unpaid. Rounded down to the fen once, then capped
 *   per charge (% of the charge and/or an amount).
 */

export interface RuleLike {
  id: string;
  seq: number;
  itemId: string | null;
  effectiveFrom: string;
  mode: 'off' | 'daily_rate' | 'fixed';
  dailyRatePer100k: number | null;
  fixedFen: number | null;
  periodDays: number | null;
  graceDays: number | null;
  capPercent: number | null;
  capFen: number | null;
}

export interface ChargeLike {
  itemId: string | null;
  amountFen: number;
  dueOn: string;
  /** The day (community zone) the charge was posted. */
  billedOn: string;
}

/** A paid (positive) or released (negative) part of the principal, on a day of the community. */
export interface PaidEvent {
  on: string;
  amountFen: number;
}

const DAY = 86_400_000;
export const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
const maxDate = (a: string, b: string) => (a > b ? a : b);

/** The rule in force for an item on a day: the item's own latest version, else the community's. */
export function ruleOn(rules: readonly RuleLike[], itemId: string | null, day: string): RuleLike | null {
  const latest = (scope: string | null) =>
    rules
      .filter((r) => r.itemId === scope && r.effectiveFrom <= day)
      .reduce<RuleLike | null>((best, r) => (!best || r.effectiveFrom > best.effectiveFrom || (r.effectiveFrom === best.effectiveFrom && r.seq > best.seq) ? r : best), null);
  return (itemId ? latest(itemId) : null) ?? latest(null);
}

/** The basis of a charge's late fee and the first day it no longer accrues (null: no end), or null when none applies. */
export function chargeBasis(rules: readonly RuleLike[], charge: ChargeLike): { basis: LateFeeBasis; stopsOn: string | null } | null {
  const payable = maxDate(charge.dueOn, charge.billedOn);
  const rule = ruleOn(rules, charge.itemId, payable);
  if (!rule || rule.mode === 'off' || rule.graceDays === null) return null;
  // Turning late fees off (for the community or the item) stops charges already accruing.
  const stopsOn =
    [...new Set(rules.filter((r) => r.effectiveFrom > payable).map((r) => r.effectiveFrom))]
      .sort()
      .find((day) => (ruleOn(rules, charge.itemId, day)?.mode ?? 'off') === 'off') ?? null;
  return {
    basis: {
      ruleId: rule.id,
      mode: rule.mode,
      dailyRatePermille: rule.mode === 'daily_rate' && rule.dailyRatePer100k !== null ? rule.dailyRatePer100k / 100 : null,
      fixedFen: rule.mode === 'fixed' ? rule.fixedFen : null,
      periodDays: rule.mode === 'fixed' ? rule.periodDays : null,
      graceDays: rule.graceDays,
      capPercent: rule.capPercent,
      capFen: rule.capFen,
      startsOn: addDays(payable, rule.graceDays + 1),
    },
    stopsOn,
  };
}

/** The cap of a charge's late fee in fen (Infinity without one: never the case for a saved rule). */
export function capOf(basis: LateFeeBasis, principalFen: number): number {
  let cap = Number.POSITIVE_INFINITY;
  if (basis.capPercent !== null) cap = Math.min(cap, Math.floor((principalFen * basis.capPercent) / 100));
  if (basis.capFen !== null) cap = Math.min(cap, basis.capFen);
  return cap;
}

/** What is unpaid of the principal at the end of `day`. */
export function unpaidAt(principalFen: number, paid: readonly PaidEvent[], day: string): number {
  return principalFen - paid.filter((p) => p.on <= day).reduce((s, p) => s + p.amountFen, 0);
}

export interface Accrual {
  /** Total late fee of the charge through `through` (capped). */
  totalFen: number;
  /** The last late day counted (null when none yet). */
  lastDay: string | null;
  capped: boolean;
}

/** The late fee a charge owes through `through` (inclusive), from its basis and its payments. */
export function accrueThrough(basis: LateFeeBasis, stopsOn: string | null, principalFen: number, paid: readonly PaidEvent[], through: string): Accrual {
  const last = stopsOn && addDays(stopsOn, -1) < through ? addDays(stopsOn, -1) : through;
  const cap = capOf(basis, principalFen);
  if (last < basis.startsOn) return { totalFen: 0, lastDay: null, capped: false };
  const events = [...paid].sort((a, b) => a.on.localeCompare(b.on));
  let raw = 0;
  if (basis.mode === 'daily_rate') {
    // Σ unpaid × days, piecewise between the days the unpaid principal changes.
    const rate = Math.round((basis.dailyRatePermille ?? 0) * 100);
    let numerator = 0;
    let day = basis.startsOn;
    let unpaid = unpaidAt(principalFen, events, day);
    for (const e of events.filter((x) => x.on > basis.startsOn && x.on <= last)) {
      numerator += Math.max(0, unpaid) * daysBetween(day, e.on);
      day = e.on;
      unpaid = unpaidAt(principalFen, events, day);
    }
    numerator += Math.max(0, unpaid) * (daysBetween(day, last) + 1);
    raw = Math.floor((numerator * rate) / 100_000);
  } else {
    const period = basis.periodDays ?? 1;
    const periods = Math.floor((daysBetween(basis.startsOn, last) + 1) / period);
    for (let k = 0; k < periods; k++) if (unpaidAt(principalFen, events, addDays(basis.startsOn, (k + 1) * period - 1)) > 0) raw += basis.fixedFen ?? 0;
  }
  return { totalFen: Math.min(raw, cap), lastDay: last, capped: raw >= cap };
}
