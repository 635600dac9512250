import type { RecurrenceRule } from '../../common/work/plans';
import type { DbOrTx } from '../db/client';
import { minutesOfDay } from '../standards/calendar';
import { instantToLocal, localToInstant } from '../standards/time-zone';

/**
 * Plans -> instances: a pure recurrence module (which instants a rule names in a window of local
 * dates, keeping the longest allowed interval since the last completion) and the generator every
 * module with plans calls (patrol rounds now; inspections and planned maintenance next).
 */

const MS_PER_DAY = 86_400_000;

/** One instant a plan names. */
export interface Occurrence {
  /** When the instance starts. */
  at: Date;
  /** The local plan date it belongs to (an overnight interval may start after midnight). */
  date: string;
  /** Pulled earlier than the regular recurrence to keep `maxIntervalDays`. */
  pulled: boolean;
}

/** The local date `days` after `date` ('YYYY-MM-DD'). */
export function addLocalDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The local date ('YYYY-MM-DD') of an instant in a time zone. */
export function localDateAt(zone: string, at: Date): string {
  return new Date(instantToLocal(zone, at.getTime())).toISOString().slice(0, 10);
}

/**
 * The instant at which a local date's clock reads `minutes` past midnight (may run into the next
 * day). A reading skipped by a DST jump maps to the instant of the jump; a repeated one to its first.
 */
export function localInstant(zone: string, date: string, minutes: number): Date {
  return new Date(localToInstant(zone, Date.parse(`${date}T00:00:00Z`) + minutes * 60_000));
}

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / MS_PER_DAY;

/** ISO weekday of a local date: 1 = Monday … 7 = Sunday. */
function isoWeekday(date: string): number {
  return ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
}

/** True when the rule's regular recurrence runs on a local date (inside its start and end dates). */
export function runsOn(rule: RecurrenceRule, date: string): boolean {
  if (date < rule.startDate || (rule.endDate !== undefined && date > rule.endDate)) return false;
  const days = dayNumber(date) - dayNumber(rule.startDate);
  const repeat = rule.repeat;
  switch (repeat.every) {
    case 'day':
      return days % repeat.interval === 0;
    case 'week': {
      // Weeks run Monday to Sunday; the first is the week of the start date.
      const weeks = Math.floor((days + isoWeekday(rule.startDate) - 1) / 7);
      return weeks % repeat.interval === 0 && repeat.weekdays.includes(isoWeekday(date));
    }
    case 'month': {
      const [y, m, d] = date.split('-').map(Number) as [number, number, number];
      const [y0, m0] = rule.startDate.split('-').map(Number) as [number, number];
      if (((y - y0) * 12 + (m - m0)) % repeat.interval !== 0) return false;
      const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
      return repeat.daysOfMonth.some((day) => Math.min(day, last) === d);
    }
  }
}

/**
 * Minutes past a date's midnight at which the rule starts instances: the listed times, or every
 * `everyMinutes` from the start time up to and including the end time (an end before the start
 * runs past midnight) plus every `everyMinutes` of each peak window from its start while before
 * its end; in order, without repeats.
 */
export function slotMinutes(times: RecurrenceRule['times']): number[] {
  const marks = new Set<number>();
  if (times.kind === 'at') {
    for (const t of times.at) marks.add(minutesOfDay(t));
  } else {
    const start = minutesOfDay(times.startTime);
    let end = minutesOfDay(times.endTime);
    if (end < start) end += 1440;
    for (let m = start; m <= end; m += times.everyMinutes) marks.add(m);
    for (const w of times.peakWindows) {
      const ws = minutesOfDay(w.start);
      let we = minutesOfDay(w.end);
      if (we <= ws) we += 1440;
      for (let m = ws; m < we; m += w.everyMinutes) marks.add(m);
    }
  }
  return [...marks].sort((a, b) => a - b);
}

/** The start instants of a rule's slots on one local date, whether or not the rule runs that day. */
export function slotsOn(times: RecurrenceRule['times'], date: string, zone: string): Date[] {
  return slotMinutes(times).map((m) => localInstant(zone, date, m));
}

/** Merges per-date occurrences into instant order; two readings of one instant (a DST jump) count once. */
function inOrder(list: Occurrence[]): Occurrence[] {
  const sorted = [...list].sort((a, b) => a.at.getTime() - b.at.getTime() || (a.date < b.date ? -1 : 1));
  return sorted.filter((o, i) => i === 0 || o.at.getTime() !== sorted[i - 1]!.at.getTime());
}

function regular(rule: RecurrenceRule, from: string, to: string, zone: string): Occurrence[] {
  const out: Occurrence[] = [];
  const first = from > rule.startDate ? from : rule.startDate;
  for (let date = first; date <= to; date = addLocalDays(date, 1)) {
    if (!runsOn(rule, date)) continue;
    for (const at of slotsOn(rule.times, date, zone)) out.push({ at, date, pulled: false });
  }
  return inOrder(out);
}

/**
 * The latest slot of the rule's times after `prev` and at or before `deadline`, on a date the
 * plan is active; else the deadline itself. Never before `notBefore` (the window's start): an
 * interval already exceeded is due at once. A pulled occurrence belongs to the local date it
 * starts on (not to the date whose overnight slot it borrowed), so the window keeps it.
 */
function pulledSlot(rule: RecurrenceRule, zone: string, prev: number, deadline: number, notBefore: number): Occurrence {
  const deadlineDate = localDateAt(zone, new Date(deadline));
  let best = deadline;
  let found = false;
  for (const date of [addLocalDays(deadlineDate, -1), deadlineDate]) {
    if (date < rule.startDate || (rule.endDate !== undefined && date > rule.endDate)) continue;
    for (const at of slotsOn(rule.times, date, zone)) {
      const ms = at.getTime();
      if (ms > prev && ms <= deadline && (!found || ms > best)) {
        best = ms;
        found = true;
      }
    }
  }
  const at = new Date(Math.max(best, notBefore));
  return { at, date: localDateAt(zone, at), pulled: true };
}

/**
 * The instants a rule names for the local dates `from` to `to` (inclusive) in `zone`, sorted and
 * unique. With `maxIntervalDays` and `lastCompletedAt`, no gap from the last completion to the
 * next occurrence, nor between occurrences after it, exceeds that many days (of 24 hours): when
 * the next regular occurrence would come later, it is pulled to the latest slot of the rule's
 * times before the limit (or to the limit itself); when the recurrence has no occurrence left
 * before the limit, one is added there. An interval already exceeded when the window opens puts
 * an occurrence at the window's start. Nothing is placed outside the rule's start and end dates.
 *
 * `lastCompletedAt` is the anchor of the interval: the last completion, or the latest occurrence
 * already made that the caller counts on being done in time.
 */
export function occurrences(rule: RecurrenceRule, fromLocalDate: string, toLocalDate: string, timeZone: string, lastCompletedAt?: Date | null): Occurrence[] {
  const last = rule.endDate !== undefined && rule.endDate < toLocalDate ? rule.endDate : toLocalDate;
  if (rule.maxIntervalDays === undefined || !lastCompletedAt) return regular(rule, fromLocalDate, last, timeZone);

  const maxMs = rule.maxIntervalDays * MS_PER_DAY;
  // The next regular occurrence after the window may lie up to one interval beyond it.
  const horizon = addLocalDays(toLocalDate, rule.maxIntervalDays + 2);
  const candidates = regular(rule, fromLocalDate, rule.endDate !== undefined && rule.endDate < horizon ? rule.endDate : horizon, timeZone);
  const notBefore = localInstant(timeZone, fromLocalDate > rule.startDate ? fromLocalDate : rule.startDate, 0).getTime();

  const out: Occurrence[] = [];
  let prev = lastCompletedAt.getTime();
  let i = 0;
  // Occurrences up to the anchor are not affected by it.
  for (; i < candidates.length && candidates[i]!.at.getTime() <= prev; i++) out.push(candidates[i]!);
  for (;;) {
    const deadline = prev + maxMs;
    const next = candidates[i];
    if (next && next.at.getTime() <= deadline) {
      out.push(next);
      prev = next.at.getTime();
      i++;
      continue;
    }
    const pulled = pulledSlot(rule, timeZone, prev, deadline, notBefore);
    if (pulled.date > last) break;
    out.push(pulled);
    prev = pulled.at.getTime();
    // The regular occurrence it replaces is not made as well.
    if (next) i++;
  }
  return out.filter((o) => o.date >= fromLocalDate && o.date <= last);
}

/** What the generator needs of a module's plan. */
export interface GeneratorPlan {
  id: string;
  rule: RecurrenceRule;
  /** The community's IANA zone. */
  timeZone: string;
  /** The last local date whose instances were made (null: none yet). */
  generatedThrough: string | null;
  /** The last completion of the plan's work (for `maxIntervalDays`). */
  lastCompletedAt?: Date | null;
  /** The start of the latest instance already made, counted on being done in time. */
  lastInstanceAt?: Date | null;
}

export interface GenerateOptions {
  /** Dates after today to make instances for (default 1: today and tomorrow). */
  horizonDays?: number;
  /** Occurrences to leave out, e.g. rounds already over. */
  skip?: (occurrence: Occurrence) => boolean;
}

/**
 * Makes a plan's instances from the day after `generatedThrough` (or today, local time of the
 * plan) through today + `horizonDays`: walks the rule's occurrences and calls the module's
 * `makeInstance` for each, in instant order, inside the caller's transaction. `makeInstance`
 * inserts with ON CONFLICT DO NOTHING on a unique index over (plan, start) and returns null when
 * the instance already existed, so the generator is idempotent however often and however
 * concurrently (several processes) it runs. The module stores the returned `generatedThrough`.
 */
export async function generateInstances<T>(
  tx: DbOrTx,
  plan: GeneratorPlan,
  now: Date,
  makeInstance: (tx: DbOrTx, occurrence: Occurrence) => Promise<T | null | undefined>,
  options: GenerateOptions = {},
): Promise<{ made: T[]; generatedThrough: string }> {
  const today = localDateAt(plan.timeZone, now);
  const through = addLocalDays(today, options.horizonDays ?? 1);
  const from = plan.generatedThrough && plan.generatedThrough >= today ? addLocalDays(plan.generatedThrough, 1) : today;
  const anchors = [plan.lastCompletedAt, plan.lastInstanceAt].filter((d): d is Date => d instanceof Date);
  const anchor = anchors.length ? new Date(Math.max(...anchors.map((d) => d.getTime()))) : null;
  const made: T[] = [];
  if (from <= through) {
    for (const occurrence of occurrences(plan.rule, from, through, plan.timeZone, anchor)) {
      if (options.skip?.(occurrence)) continue;
      const instance = await makeInstance(tx, occurrence);
      if (instance) made.push(instance);
    }
  }
  return { made, generatedThrough: through };
}
