import { z } from 'zod';
import { isValidTimeZone, localToInstant, nextTransition, offsetAt, MAX_SUPPORTED_INSTANT } from './time-zone';

/**
 * Business calendar: when the clock of a time limit runs.
 *
 * A calendar is either `24x7` (every millisecond counts) or `business`: weekly opening hours per
 * ISO weekday, minus holidays, plus make-up working days (调休), in one IANA time zone.
 *
 * Model. Local date D with opening interval `start`-`end` contributes the instant interval
 * [L(D start), L(D end)) where L(w) is the earliest instant at which the wall clock reads w or
 * later (see `localToInstant`). L is monotonic, so the working intervals of all days are
 * disjoint and ordered in every zone; a DST jump inside opening hours shortens or lengthens
 * that day by exactly the real elapsed time. Interval ends are exclusive.
 */

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
const DAYS_PER_WEEK = 7;
// Irregular days are searched this far ahead at a time so zones without DST stay cheap.
const LOOKAHEAD_DAYS = 400;
const DAY_CACHE_LIMIT = 20_000;

/** Keys of the weekly opening hours, Monday first (ISO weekday 1..7). */
export const WEEKDAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type WeekdayKey = (typeof WEEKDAY_KEYS)[number];

export const CALENDAR_MODES = ['24x7', 'business'] as const;
export const calendarModeSchema = z.enum(CALENDAR_MODES);
export type CalendarMode = z.infer<typeof calendarModeSchema>;

/** Default zone of a community when none is configured. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const TIME_OF_DAY = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Minutes since local midnight of an 'HH:MM' string ('24:00' is the end of the day). */
export function minutesOfDay(value: string): number {
  const [h = '0', m = '0'] = value.split(':');
  return Number(h) * 60 + Number(m);
}

/** Epoch day number (days since 1970-01-01) of a valid 'YYYY-MM-DD', or null. */
export function parseLocalDate(value: string): number | null {
  const match = LOCAL_DATE.exec(value);
  if (!match) return null;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const ms = Date.UTC(y, m - 1, d);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return null;
  return ms / MS_PER_DAY;
}

/** One opening interval of a day, local wall-clock times 'HH:MM', end exclusive. */
export const openingIntervalSchema = z
  .object({
    /** Opening time, 'HH:MM'. */
    start: z.string().regex(TIME_OF_DAY, 'Use HH:MM between 00:00 and 23:59'),
    /** Closing time, 'HH:MM' or '24:00', after the opening time. */
    end: z.string().regex(TIME_OF_DAY, 'Use HH:MM between 00:00 and 24:00'),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (TIME_OF_DAY.test(value.start) && TIME_OF_DAY.test(value.end) && minutesOfDay(value.end) <= minutesOfDay(value.start)) {
      ctx.addIssue({ code: 'custom', path: ['end'], message: 'The end must be after the start' });
    }
  });
export type OpeningInterval = z.infer<typeof openingIntervalSchema>;

/** The opening intervals of one day; they may touch but not overlap. */
export const dayHoursSchema = z.array(openingIntervalSchema).superRefine((intervals, ctx) => {
  const sorted = intervals
    .map((interval, index) => ({ index, start: minutesOfDay(interval.start), end: minutesOfDay(interval.end) }))
    .sort((a, b) => a.start - b.start);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!;
    const cur = sorted[i]!;
    if (cur.start < prev.end) {
      ctx.addIssue({ code: 'custom', path: [cur.index, 'start'], message: 'Opening intervals of a day must not overlap' });
    }
  }
});
export type DayHours = z.infer<typeof dayHoursSchema>;

const localDateSchema = z.string().refine((v) => parseLocalDate(v) !== null, 'Use a valid date YYYY-MM-DD');

/** Rest and make-up days of one calendar year. */
export const calendarYearSchema = z
  .object({
    /** Local dates without any working time (public holidays, company closures). */
    holidays: z.array(localDateSchema).default([]),
    /** Local dates that are worked although they are rest days (调休), with `makeUpDayHours`. */
    makeUpDays: z.array(localDateSchema).default([]),
  })
  .strict();

/** Zod schema of a calendar configuration (per community, or the company default). */
export const calendarSchema = z
  .object({
    /** IANA time zone of the community. */
    timeZone: z.string().default(DEFAULT_TIME_ZONE).refine(isValidTimeZone, 'Unknown time zone'),
    /** `24x7`: the clock always runs; `business`: only in opening hours. */
    mode: calendarModeSchema.default('business'),
    /** Opening hours per weekday; a missing or empty day is a rest day. */
    weeklyHours: z.partialRecord(z.enum(WEEKDAY_KEYS), dayHoursSchema).default({}),
    /** Hours of a make-up working day; defaults to the Monday hours. */
    makeUpDayHours: dayHoursSchema.optional(),
    /** Holidays and make-up days keyed by year ('2025'). */
    years: z.record(z.string().regex(/^\d{4}$/, 'Use a four-digit year'), calendarYearSchema).default({}),
  })
  .strict()
  .superRefine((cal, ctx) => {
    if (cal.mode === 'business') {
      const weekly = WEEKDAY_KEYS.reduce((sum, key) => sum + (cal.weeklyHours[key]?.length ?? 0), 0);
      if (weekly === 0) {
        ctx.addIssue({ code: 'custom', path: ['weeklyHours'], message: 'A business calendar needs opening hours on at least one weekday' });
      }
    }
    for (const [year, entry] of Object.entries(cal.years)) {
      const seen = new Map<string, string>();
      for (const list of ['holidays', 'makeUpDays'] as const) {
        entry[list].forEach((date, index) => {
          if (parseLocalDate(date) !== null && !date.startsWith(`${year}-`)) {
            ctx.addIssue({ code: 'custom', path: ['years', year, list, index], message: `The date must fall in ${year}` });
          }
          const other = seen.get(date);
          if (other !== undefined) {
            const message = other === list ? 'The date is listed twice' : 'A date cannot be both a holiday and a make-up day';
            ctx.addIssue({ code: 'custom', path: ['years', year, list, index], message });
          }
          seen.set(date, list);
        });
      }
    }
  });
export type CalendarConfig = z.output<typeof calendarSchema>;
export type CalendarInput = z.input<typeof calendarSchema>;

/** A calendar on which every millisecond is working time. */
export const ALWAYS_OPEN: CalendarConfig = calendarSchema.parse({ mode: '24x7' });

interface DayPlan {
  /** Flat list of [start, end) instants, ordered, non-empty, not touching. */
  intervals: number[];
  total: number;
}

interface CompiledCalendar {
  zone: string;
  alwaysOpen: boolean;
  /** Opening minutes per weekday, index 0 = Monday, flat [start, end, ...]. */
  weekly: number[][];
  weeklyMs: number[];
  weekMs: number;
  makeUpHours: number[];
  holidays: Set<number>;
  makeUpDays: Set<number>;
  /** Sorted epoch days of holidays and make-up days. */
  special: number[];
  plans: Map<number, DayPlan>;
  dayStarts: Map<number, number>;
}

const compiled = new WeakMap<CalendarConfig, CompiledCalendar>();

/** Sorted, merged opening minutes of a day as a flat [start, end, ...] list. */
function compileHours(hours: DayHours | undefined): number[] {
  const sorted = (hours ?? [])
    .map((h) => [minutesOfDay(h.start), minutesOfDay(h.end)] as const)
    .sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  for (const [start, end] of sorted) {
    if (out.length > 0 && start <= out[out.length - 1]!) out[out.length - 1] = Math.max(out[out.length - 1]!, end);
    else out.push(start, end);
  }
  return out;
}

function hoursMs(flat: number[]): number {
  let sum = 0;
  for (let i = 0; i < flat.length; i += 2) sum += (flat[i + 1]! - flat[i]!) * MS_PER_MINUTE;
  return sum;
}

function compile(cal: CalendarConfig): CompiledCalendar {
  let c = compiled.get(cal);
  if (c) return c;
  const weekly = WEEKDAY_KEYS.map((key) => compileHours(cal.weeklyHours[key]));
  const weeklyMs = weekly.map(hoursMs);
  const holidays = new Set<number>();
  const makeUpDays = new Set<number>();
  for (const entry of Object.values(cal.years)) {
    for (const d of entry.holidays) holidays.add(parseLocalDate(d)!);
    for (const d of entry.makeUpDays) makeUpDays.add(parseLocalDate(d)!);
  }
  c = {
    zone: cal.timeZone,
    alwaysOpen: cal.mode === '24x7',
    weekly,
    weeklyMs,
    weekMs: weeklyMs.reduce((a, b) => a + b, 0),
    makeUpHours: cal.makeUpDayHours ? compileHours(cal.makeUpDayHours) : weekly[0]!,
    holidays,
    makeUpDays,
    special: [...new Set([...holidays, ...makeUpDays])].sort((a, b) => a - b),
    plans: new Map(),
    dayStarts: new Map(),
  };
  if (!c.alwaysOpen && c.weekMs === 0) throw new RangeError('A business calendar needs opening hours');
  compiled.set(cal, c);
  return c;
}

/** ISO weekday index of an epoch day, 0 = Monday (1970-01-01 was a Thursday). */
function weekdayIndex(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

function dayStart(c: CompiledCalendar, day: number): number {
  let start = c.dayStarts.get(day);
  if (start === undefined) {
    if (c.dayStarts.size > DAY_CACHE_LIMIT) c.dayStarts.clear();
    start = localToInstant(c.zone, day * MS_PER_DAY);
    c.dayStarts.set(day, start);
  }
  return start;
}

function hoursOfDay(c: CompiledCalendar, day: number): number[] {
  if (c.holidays.has(day)) return [];
  if (c.makeUpDays.has(day)) return c.makeUpHours;
  return c.weekly[weekdayIndex(day)]!;
}

function plan(c: CompiledCalendar, day: number): DayPlan {
  let p = c.plans.get(day);
  if (p) return p;
  const hours = c.alwaysOpen ? [0, 24 * 60] : hoursOfDay(c, day);
  const intervals: number[] = [];
  let total = 0;
  for (let i = 0; i < hours.length; i += 2) {
    const start = localToInstant(c.zone, day * MS_PER_DAY + hours[i]! * MS_PER_MINUTE);
    const end = localToInstant(c.zone, day * MS_PER_DAY + hours[i + 1]! * MS_PER_MINUTE);
    if (end <= start) continue; // swallowed by a forward jump of the clock
    total += end - start;
    // A forward jump between two intervals can make them touch: keep one interval.
    if (intervals.length > 0 && intervals[intervals.length - 1] === start) intervals[intervals.length - 1] = end;
    else intervals.push(start, end);
  }
  p = { intervals, total };
  if (c.plans.size > DAY_CACHE_LIMIT) c.plans.clear();
  c.plans.set(day, p);
  return p;
}

/** The local day whose span [dayStart(D), dayStart(D + 1)) contains instant t. */
function dayOf(c: CompiledCalendar, t: number): number {
  let day = Math.floor((t + offsetAt(c.zone, t)) / MS_PER_DAY);
  while (t < dayStart(c, day)) day--;
  while (t >= dayStart(c, day + 1)) day++;
  return day;
}

/**
 * First day >= `day` (and < `limit`) that is not "regular". A regular day has its weekly hours
 * and no offset transition within two days of it, so its working time is the nominal length
 * and whole runs of such days can be skipped arithmetically.
 */
function firstIrregularDay(c: CompiledCalendar, day: number, limit: number): number {
  let lo = 0;
  let hi = c.special.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (c.special[mid]! < day) lo = mid + 1;
    else hi = mid;
  }
  let first = Math.min(limit, c.special[lo] ?? limit);
  if (first <= day) return first;
  const from = dayStart(c, day) - 2 * MS_PER_DAY;
  const until = Math.min(MAX_SUPPORTED_INSTANT, first * MS_PER_DAY + 2 * MS_PER_DAY);
  const t = nextTransition(c.zone, from, until);
  if (t) first = Math.min(first, Math.floor((t.at + t.before) / MS_PER_DAY) - 2);
  return Math.max(day, first);
}

function assertDayInRange(day: number): void {
  if (day * MS_PER_DAY >= MAX_SUPPORTED_INSTANT) throw new RangeError('Result beyond the supported range (year 2999)');
}

/** Working ms of `p` inside [from, to). */
function overlap(p: DayPlan, from: number, to: number): number {
  let sum = 0;
  for (let i = 0; i < p.intervals.length; i += 2) {
    const s = Math.max(p.intervals[i]!, from);
    const e = Math.min(p.intervals[i + 1]!, to);
    if (e > s) sum += e - s;
  }
  return sum;
}

/** Earliest instant >= from at which `amount` (> 0, <= available) working ms of `p` have passed. */
function locate(p: DayPlan, from: number, amount: number): number {
  let rest = amount;
  for (let i = 0; i < p.intervals.length; i += 2) {
    const s = Math.max(p.intervals[i]!, from);
    const e = p.intervals[i + 1]!;
    if (e <= s) continue;
    if (rest <= e - s) return s + rest;
    rest -= e - s;
  }
  throw new Error('locate: not enough working time in the day');
}

/** Working ms of the whole days [from, to). */
function wholeDaysMs(c: CompiledCalendar, from: number, to: number): number {
  let sum = 0;
  let day = from;
  while (day < to) {
    const irregular = firstIrregularDay(c, day, Math.min(to, day + LOOKAHEAD_DAYS));
    if (irregular === day) {
      sum += plan(c, day).total;
      day++;
      continue;
    }
    const weeks = Math.floor((irregular - day) / DAYS_PER_WEEK);
    sum += weeks * c.weekMs;
    day += weeks * DAYS_PER_WEEK;
    for (; day < irregular; day++) sum += c.weeklyMs[weekdayIndex(day)]!;
  }
  return sum;
}

function toMs(value: Date, name: string): number {
  const ms = value.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`${name} is an invalid date`);
  return ms;
}

/**
 * The earliest instant at which `ms` working milliseconds have passed since `start`.
 *
 * `ms = 0` returns `start` itself. For `ms > 0` the result lies inside a working interval or is
 * exactly the (exclusive) end of one, e.g. one hour from 11:00 with a 12:00 lunch break is
 * 12:00, and one more millisecond is 13:00:00.001.
 */
export function addWorkingTime(cal: CalendarConfig, start: Date, ms: number): Date {
  const from = toMs(start, 'start');
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError('The duration must be a finite number >= 0');
  if (ms === 0) return new Date(from);
  const c = compile(cal);
  if (c.alwaysOpen) return new Date(from + ms);
  let day = dayOf(c, from);
  let rest = ms;
  const first = plan(c, day);
  const available = overlap(first, from, Infinity);
  if (rest <= available) return new Date(locate(first, from, rest));
  rest -= available;
  day++;
  for (;;) {
    assertDayInRange(day);
    const irregular = firstIrregularDay(c, day, day + LOOKAHEAD_DAYS);
    if (irregular === day) {
      const p = plan(c, day);
      if (rest <= p.total) return new Date(locate(p, -Infinity, rest));
      rest -= p.total;
      day++;
      continue;
    }
    // Skip whole regular weeks, but keep a positive remainder so the answer is an instant
    // inside a day (an interval end), never the start of the following week.
    const weeks = Math.min(Math.floor((irregular - day) / DAYS_PER_WEEK), Math.floor((rest - 1) / c.weekMs));
    rest -= weeks * c.weekMs;
    day += weeks * DAYS_PER_WEEK;
    for (; day < irregular; day++) {
      const nominal = c.weeklyMs[weekdayIndex(day)]!;
      if (rest <= nominal) return new Date(locate(plan(c, day), -Infinity, rest));
      rest -= nominal;
    }
  }
}

/** Working milliseconds in [a, b); 0 when b <= a. */
export function workingTimeBetween(cal: CalendarConfig, a: Date, b: Date): number {
  const from = toMs(a, 'a');
  const to = toMs(b, 'b');
  if (to <= from) return 0;
  const c = compile(cal);
  if (c.alwaysOpen) return to - from;
  const dayA = dayOf(c, from);
  const dayB = dayOf(c, to);
  if (dayA === dayB) return overlap(plan(c, dayA), from, to);
  return overlap(plan(c, dayA), from, Infinity) + wholeDaysMs(c, dayA + 1, dayB) + overlap(plan(c, dayB), -Infinity, to);
}

/** True when the instant lies inside a working interval (ends exclusive). */
export function isWorkingInstant(cal: CalendarConfig, t: Date): boolean {
  const ms = toMs(t, 't');
  const c = compile(cal);
  if (c.alwaysOpen) return true;
  const p = plan(c, dayOf(c, ms));
  for (let i = 0; i < p.intervals.length; i += 2) {
    if (ms >= p.intervals[i]! && ms < p.intervals[i + 1]!) return true;
  }
  return false;
}

/** `t` itself when it is working time, else the start of the next working interval. */
export function nextWorkingInstant(cal: CalendarConfig, t: Date): Date {
  const ms = toMs(t, 't');
  const c = compile(cal);
  if (c.alwaysOpen) return new Date(ms);
  let day = dayOf(c, ms);
  const p = plan(c, day);
  for (let i = 0; i < p.intervals.length; i += 2) {
    if (p.intervals[i + 1]! > ms) return new Date(Math.max(p.intervals[i]!, ms));
  }
  for (day++; ; day++) {
    assertDayInRange(day);
    const next = plan(c, day);
    if (next.intervals.length > 0) return new Date(next.intervals[0]!);
  }
}

/**
 * End of the `n`-th working day after the day on which `start` falls.
 *
 * A working day is a local date with any working time; the day of `start` never counts (the
 * usual "counted from the next day" rule), so a return visit due "within 2 working days" of a
 * Friday 15:00 resolution is due at the close of Tuesday. The end is the exclusive end of that
 * day's last working interval. On a 24x7 calendar every date is a working day ending at midnight.
 * `n = 0` returns `start`.
 */
export function addWorkingDays(cal: CalendarConfig, start: Date, n: number): Date {
  const from = toMs(start, 'start');
  if (!Number.isInteger(n) || n < 0) throw new RangeError('The number of days must be an integer >= 0');
  if (n === 0) return new Date(from);
  const c = compile(cal);
  let day = dayOf(c, from);
  let counted = 0;
  for (;;) {
    day++;
    assertDayInRange(day);
    const p = plan(c, day);
    if (p.intervals.length === 0) continue;
    counted++;
    if (counted === n) return new Date(p.intervals[p.intervals.length - 1]!);
  }
}

/**
 * The local date ('YYYY-MM-DD') on which an instant falls in the calendar's zone.
 * Useful for display and for picking the calendar year of holidays.
 */
export function localDateOf(cal: CalendarConfig, t: Date): string {
  const c = compile(cal);
  const day = dayOf(c, toMs(t, 't'));
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}
