import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { instantToLocal } from '../standards/time-zone';
import { workCounters } from './numbering-tables';

/** How long a counter runs before it starts again at 1; `none`: never (register codes such as SB-0001). */
export type NumberPeriod = 'day' | 'year' | 'none';

/** Digits of the running part when the caller names none; a longer count simply gets longer. */
export const DEFAULT_DIGITS: Readonly<Record<NumberPeriod, number>> = { day: 4, year: 6, none: 4 };

export interface NumberRequest {
  organizationId: string;
  /** What the count is unique within, usually the community. */
  scopeId: string;
  /** Letters in front, e.g. BX (报修), FK (访客), FX (放行). */
  prefix: string;
  period: NumberPeriod;
  /** IANA zone whose calendar decides the day or year (the community's). */
  timeZone: string;
  /** The instant being numbered. */
  at: Date;
  /** Digits of the running part (default 4 for a day, 6 for a year). */
  digits?: number;
}

/** The local date ('YYYY-MM-DD') of an instant in a time zone. */
export function localDateIn(timeZone: string, at: Date): string {
  return new Date(instantToLocal(timeZone, at.getTime())).toISOString().slice(0, 10);
}

/** The counter's period key of an instant: the local day 'YYYY-MM-DD', the local year 'YYYY', or '' for a counter that never restarts. */
export function periodKey(period: NumberPeriod, timeZone: string, at: Date): string {
  if (period === 'none') return '';
  const day = localDateIn(timeZone, at);
  return period === 'day' ? day : day.slice(0, 4);
}

/** Renders a number: prefix, the period without dashes, '-', the count padded, e.g. BX20261122-0007 (SB-0007 without a period). */
export function formatNumber(prefix: string, key: string, value: number, digits: number): string {
  return `${prefix}${key.replaceAll('-', '')}-${String(value).padStart(digits, '0')}`;
}

/**
 * The next number of a prefix in a scope and period, e.g. `BX20261122-0007` (daily) or
 * `XJ2026-000012` (yearly). One atomic upsert increments the counter row, so concurrent callers,
 * in one process or several on one PostgreSQL, never get the same number: the second waits on
 * the row lock until the first commits and then sees its value. A rolled-back transaction gives
 * its number back, so numbers stay consecutive. Call it inside the transaction that stores the
 * numbered row.
 */
export async function nextNumber(tx: DbOrTx, request: NumberRequest): Promise<string> {
  const key = periodKey(request.period, request.timeZone, request.at);
  const [row] = await tx
    .insert(workCounters)
    .values({ organizationId: request.organizationId, scopeId: request.scopeId, periodKey: key, prefix: request.prefix, value: 1 })
    .onConflictDoUpdate({
      target: [workCounters.organizationId, workCounters.scopeId, workCounters.periodKey, workCounters.prefix],
      set: { value: sql`${workCounters.value} + 1` },
    })
    .returning({ value: workCounters.value });
  return formatNumber(request.prefix, key, row!.value, request.digits ?? DEFAULT_DIGITS[request.period]);
}
