import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ALWAYS_OPEN,
  WEEKDAY_KEYS,
  addWorkingDays,
  addWorkingTime,
  calendarSchema,
  isWorkingInstant,
  localDateOf,
  nextWorkingInstant,
  workingTimeBetween,
  type CalendarConfig,
  type CalendarInput,
  type DayHours,
} from './calendar';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

const deskHours: DayHours = [
  { start: '08:00', end: '12:00' },
  { start: '13:00', end: '17:00' },
];

/** The example desk: Mon–Fri 8–12 and 13–17 in Shanghai, with the 2025 New Year and Spring Festival. */
const desk = calendarSchema.parse({
  timeZone: 'Asia/Shanghai',
  mode: 'business',
  weeklyHours: { mon: deskHours, tue: deskHours, wed: deskHours, thu: deskHours, fri: deskHours },
  years: {
    '2025': {
      holidays: ['2025-01-01', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-03', '2025-02-04'],
      makeUpDays: ['2025-01-26', '2025-02-08'],
    },
  },
});

/** Shanghai local wall time (UTC+8, no DST since 1991) to a Date. */
function sh(local: string): Date {
  return new Date(`${local}+08:00`);
}

describe('calendarSchema', () => {
  it('fills defaults', () => {
    const cal = calendarSchema.parse({ weeklyHours: { mon: deskHours } });
    expect(cal.timeZone).toBe('Asia/Shanghai');
    expect(cal.mode).toBe('business');
    expect(cal.years).toEqual({});
  });

  function issues(input: unknown): string[] {
    const result = calendarSchema.safeParse(input);
    return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  }

  it('rejects an end before the start, overlaps and bad times', () => {
    expect(issues({ weeklyHours: { mon: [{ start: '12:00', end: '08:00' }] } })).toEqual(['weeklyHours.mon.0.end: The end must be after the start']);
    expect(issues({ weeklyHours: { mon: [{ start: '08:00', end: '12:00' }, { start: '11:00', end: '13:00' }] } })).toEqual([
      'weeklyHours.mon.1.start: Opening intervals of a day must not overlap',
    ]);
    expect(issues({ weeklyHours: { mon: [{ start: '8:00', end: '24:01' }] } })).toHaveLength(2);
  });

  it('accepts touching intervals and 24:00', () => {
    expect(issues({ weeklyHours: { mon: [{ start: '00:00', end: '12:00' }, { start: '12:00', end: '24:00' }] } })).toEqual([]);
  });

  it('rejects unknown zones, invalid dates, dates outside their year and double listings', () => {
    expect(issues({ timeZone: 'Mars/Olympus', weeklyHours: { mon: deskHours } })).toEqual(['timeZone: Unknown time zone']);
    expect(issues({ weeklyHours: { mon: deskHours }, years: { '2025': { holidays: ['2025-02-30'] } } })).toEqual([
      'years.2025.holidays.0: Use a valid date YYYY-MM-DD',
    ]);
    expect(issues({ weeklyHours: { mon: deskHours }, years: { '2025': { holidays: ['2026-01-01'] } } })).toEqual([
      'years.2025.holidays.0: The date must fall in 2025',
    ]);
    expect(
      issues({ weeklyHours: { mon: deskHours }, years: { '2025': { holidays: ['2025-05-01'], makeUpDays: ['2025-05-01'] } } }),
    ).toEqual(['years.2025.makeUpDays.0: A date cannot be both a holiday and a make-up day']);
  });

  it('requires opening hours in business mode only', () => {
    expect(issues({ mode: 'business' })).toEqual(['weeklyHours: A business calendar needs opening hours on at least one weekday']);
    expect(issues({ mode: '24x7' })).toEqual([]);
  });
});

describe('business calendar at the boundaries (Shanghai desk)', () => {
  it('counts up to the lunch break exactly and resumes after it', () => {
    expect(addWorkingTime(desk, sh('2025-01-03T11:00'), HOUR)).toEqual(sh('2025-01-03T12:00'));
    expect(addWorkingTime(desk, sh('2025-01-03T11:00'), HOUR + 1)).toEqual(new Date(sh('2025-01-03T13:00').getTime() + 1));
  });

  it('starting exactly at 12:00 waits for 13:00', () => {
    expect(isWorkingInstant(desk, sh('2025-01-03T12:00'))).toBe(false);
    expect(isWorkingInstant(desk, new Date(sh('2025-01-03T12:00').getTime() - 1))).toBe(true);
    expect(nextWorkingInstant(desk, sh('2025-01-03T12:00'))).toEqual(sh('2025-01-03T13:00'));
    expect(addWorkingTime(desk, sh('2025-01-03T12:00'), 30 * MIN)).toEqual(sh('2025-01-03T13:30'));
  });

  it('starting at 17:00 on a Friday runs over the weekend to Monday', () => {
    expect(isWorkingInstant(desk, sh('2025-01-03T17:00'))).toBe(false);
    expect(addWorkingTime(desk, sh('2025-01-03T17:00'), HOUR)).toEqual(sh('2025-01-06T09:00'));
    expect(workingTimeBetween(desk, sh('2025-01-03T16:00'), sh('2025-01-06T09:00'))).toBe(2 * HOUR);
  });

  it('skips a holiday and crosses New Year', () => {
    // Tuesday 31 December 16:00 + 2h: one hour on 31 Dec, New Year's Day is off, then Thursday.
    expect(addWorkingTime(desk, sh('2024-12-31T16:00'), 2 * HOUR)).toEqual(sh('2025-01-02T09:00'));
    expect(isWorkingInstant(desk, sh('2025-01-01T10:00'))).toBe(false);
    expect(nextWorkingInstant(desk, sh('2025-01-01T10:00'))).toEqual(sh('2025-01-02T08:00'));
    expect(workingTimeBetween(desk, sh('2024-12-31T00:00'), sh('2025-01-03T00:00'))).toBe(16 * HOUR);
  });

  it('works on a make-up Sunday (调休) with the Monday hours', () => {
    expect(isWorkingInstant(desk, sh('2025-01-26T08:00'))).toBe(true);
    expect(isWorkingInstant(desk, sh('2025-01-26T12:30'))).toBe(false);
    expect(addWorkingTime(desk, sh('2025-01-24T16:00'), 2 * HOUR)).toEqual(sh('2025-01-26T09:00'));
    // The Spring Festival week: Sunday and Monday worked, Tuesday–Tuesday off, Wednesday back.
    expect(workingTimeBetween(desk, sh('2025-01-25T00:00'), sh('2025-02-06T00:00'))).toBe(3 * 8 * HOUR);
    expect(addWorkingTime(desk, sh('2025-01-27T17:00'), 8 * HOUR)).toEqual(sh('2025-02-05T17:00'));
  });

  it('uses explicit make-up day hours when given', () => {
    const cal = calendarSchema.parse({
      weeklyHours: { mon: deskHours },
      makeUpDayHours: [{ start: '09:00', end: '11:00' }],
      years: { '2025': { makeUpDays: ['2025-02-08'] } },
    });
    expect(workingTimeBetween(cal, sh('2025-02-08T00:00'), sh('2025-02-09T00:00'))).toBe(2 * HOUR);
  });

  it('handles millisecond precision', () => {
    const start = new Date(sh('2025-01-03T16:59:59').getTime() + 999);
    expect(addWorkingTime(desk, start, 1)).toEqual(sh('2025-01-03T17:00'));
    expect(addWorkingTime(desk, start, 2)).toEqual(new Date(sh('2025-01-06T08:00').getTime() + 1));
  });

  it('adding zero returns the start even outside working time', () => {
    expect(addWorkingTime(desk, sh('2025-01-04T03:00'), 0)).toEqual(sh('2025-01-04T03:00'));
  });

  it('rejects negative durations and invalid dates', () => {
    expect(() => addWorkingTime(desk, sh('2025-01-03T11:00'), -1)).toThrow(RangeError);
    expect(() => addWorkingTime(desk, new Date(Number.NaN), 1)).toThrow(RangeError);
  });

  it('spans many years quickly and agrees with itself', () => {
    const started = performance.now();
    const from = sh('2020-01-01T00:00');
    const to = sh('2035-01-01T00:00');
    const total = workingTimeBetween(desk, from, to);
    expect(addWorkingTime(desk, from, total)).toEqual(sh('2034-12-29T17:00'));
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('reports the local date of an instant', () => {
    expect(localDateOf(desk, new Date('2024-12-31T16:00:00Z'))).toBe('2025-01-01');
  });
});

describe('working days', () => {
  it('counts from the next working day and ends at its close', () => {
    // Friday 3 Jan 15:00: Monday and Tuesday are the two working days.
    expect(addWorkingDays(desk, sh('2025-01-03T15:00'), 2)).toEqual(sh('2025-01-07T17:00'));
    // Tuesday 31 Dec: New Year's Day does not count.
    expect(addWorkingDays(desk, sh('2024-12-31T09:00'), 2)).toEqual(sh('2025-01-03T17:00'));
    // Friday 24 Jan: the make-up Sunday counts, then Monday.
    expect(addWorkingDays(desk, sh('2025-01-24T10:00'), 2)).toEqual(sh('2025-01-27T17:00'));
    expect(addWorkingDays(desk, sh('2025-01-24T10:00'), 0)).toEqual(sh('2025-01-24T10:00'));
  });

  it('on a 24x7 calendar ends at local midnight', () => {
    expect(addWorkingDays(ALWAYS_OPEN, sh('2025-01-03T15:00'), 2)).toEqual(sh('2025-01-06T00:00'));
  });
});

describe('time zone correctness', () => {
  const berlinAllDay = calendarSchema.parse({
    timeZone: 'Europe/Berlin',
    weeklyHours: Object.fromEntries(WEEKDAY_KEYS.map((k) => [k, [{ start: '00:00', end: '24:00' }]])),
  });
  const berlinNight = calendarSchema.parse({
    timeZone: 'Europe/Berlin',
    weeklyHours: { sun: [{ start: '01:00', end: '04:00' }] },
  });

  it('a whole local day lasts 23 h in spring and 25 h in autumn', () => {
    expect(workingTimeBetween(berlinAllDay, new Date('2025-03-30T00:00+01:00'), new Date('2025-03-31T00:00+02:00'))).toBe(23 * HOUR);
    expect(workingTimeBetween(berlinAllDay, new Date('2025-10-26T00:00+02:00'), new Date('2025-10-27T00:00+01:00'))).toBe(25 * HOUR);
  });

  it('opening hours across the jump last the real elapsed time', () => {
    // 01:00–04:00 on the spring Sunday: 01:00 CET to 04:00 CEST is two real hours.
    expect(workingTimeBetween(berlinNight, new Date('2025-03-29T00:00Z'), new Date('2025-03-31T00:00Z'))).toBe(2 * HOUR);
    // On the autumn Sunday, 02:00–03:00 happens twice: four real hours.
    expect(workingTimeBetween(berlinNight, new Date('2025-10-25T00:00Z'), new Date('2025-10-27T00:00Z'))).toBe(4 * HOUR);
    expect(addWorkingTime(berlinNight, new Date('2025-03-30T00:00+01:00'), HOUR)).toEqual(new Date('2025-03-30T03:00+02:00'));
    expect(addWorkingTime(berlinNight, new Date('2025-10-26T00:00+02:00'), 2 * HOUR)).toEqual(new Date('2025-10-26T02:00+01:00'));
  });

  it('a closing time swallowed by the jump closes at the jump', () => {
    const cal = calendarSchema.parse({ timeZone: 'Europe/Berlin', weeklyHours: { sun: [{ start: '01:00', end: '02:30' }] } });
    expect(workingTimeBetween(cal, new Date('2025-03-29T00:00Z'), new Date('2025-03-31T00:00Z'))).toBe(HOUR);
    expect(isWorkingInstant(cal, new Date('2025-03-30T03:00+02:00'))).toBe(false);
  });

  it('24x7 in a DST zone is plain elapsed time', () => {
    const cal = calendarSchema.parse({ timeZone: 'Europe/Berlin', mode: '24x7' });
    const start = new Date('2025-03-29T12:00Z');
    expect(addWorkingTime(cal, start, 36 * HOUR)).toEqual(new Date(start.getTime() + 36 * HOUR));
  });
});

// ---------------------------------------------------------------------------------------------
// Property-based tests

const ZONES = ['Asia/Shanghai', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata'];
const RANGE_FROM = Date.UTC(2024, 0, 1);
const RANGE_TO = Date.UTC(2027, 0, 1);

/** A day's hours: up to three non-overlapping intervals on a grid of `step` minutes. */
function dayHoursArb(step: number): fc.Arbitrary<DayHours> {
  return fc.uniqueArray(fc.integer({ min: 0, max: (24 * 60) / step }), { minLength: 0, maxLength: 6 }).map((points) => {
    const sorted = [...points].sort((a, b) => a - b);
    const out: DayHours = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) {
      out.push({ start: clock(sorted[i]! * step), end: clock(sorted[i + 1]! * step) });
    }
    return out;
  });
}

function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

function dateString(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

const dayArb = fc.integer({ min: RANGE_FROM / DAY, max: RANGE_TO / DAY - 1 }).map((d) => dateString(d * DAY));

function calendarArbOn(step: number): fc.Arbitrary<CalendarConfig> {
  return fc
  .record({
    timeZone: fc.constantFrom(...ZONES),
    week: fc.array(dayHoursArb(step), { minLength: 7, maxLength: 7 }),
    special: fc.uniqueArray(fc.tuple(dayArb, fc.boolean()), { selector: ([d]) => d, maxLength: 25 }),
    makeUpDayHours: fc.option(dayHoursArb(step), { nil: undefined }),
  })
  .filter(({ week }) => week.some((d) => d.length > 0))
  .map(({ timeZone, week, special, makeUpDayHours }) => {
    const years: NonNullable<CalendarInput['years']> = {};
    for (const [date, holiday] of special) {
      const entry = (years[date.slice(0, 4)] ??= { holidays: [], makeUpDays: [] });
      (holiday ? entry.holidays! : entry.makeUpDays!).push(date);
    }
    return calendarSchema.parse({
      timeZone,
      weeklyHours: Object.fromEntries(WEEKDAY_KEYS.map((k, i) => [k, week[i]])),
      makeUpDayHours,
      years,
    });
  });
}

/** Calendars on a 15-minute grid, in zones with and without DST. */
const businessCalendarArb = calendarArbOn(15);
/**
 * Calendars on a whole-hour grid. There, "the wall clock reads a time inside the opening hours"
 * and the earliest-instant model agree even in repeated hours, so Intl can serve as an oracle.
 */
const hourlyCalendarArb = calendarArbOn(60);

const calendarArb = fc.oneof({ weight: 5, arbitrary: businessCalendarArb }, { weight: 1, arbitrary: fc.constant(ALWAYS_OPEN) });
const instantArb = fc.integer({ min: RANGE_FROM, max: RANGE_TO }).map((ms) => new Date(ms));
const durationArb = fc.oneof(
  fc.integer({ min: 0, max: 3 * DAY }),
  fc.integer({ min: 0, max: 400 * DAY }),
  fc.constantFrom(1, MIN, HOUR, 4 * HOUR, 8 * HOUR),
);

describe('calendar properties', () => {
  it('workingTimeBetween(s, addWorkingTime(s, d)) === d', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, durationArb, (cal, s, d) => {
        expect(workingTimeBetween(cal, s, addWorkingTime(cal, s, d))).toBe(d);
      }),
      { numRuns: 300 },
    );
  });

  it('addWorkingTime is monotonic in the duration and in the start', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, instantArb, durationArb, durationArb, (cal, s1, s2, d1, d2) => {
        const [a, b] = d1 <= d2 ? [d1, d2] : [d2, d1];
        expect(addWorkingTime(cal, s1, a).getTime()).toBeLessThanOrEqual(addWorkingTime(cal, s1, b).getTime());
        const [x, y] = s1 <= s2 ? [s1, s2] : [s2, s1];
        expect(addWorkingTime(cal, x, a).getTime()).toBeLessThanOrEqual(addWorkingTime(cal, y, a).getTime());
      }),
      { numRuns: 200 },
    );
  });

  it('is additive: add(add(s, a), b) === add(s, a + b) for a > 0', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, durationArb, durationArb, (cal, s, a, b) => {
        fc.pre(a > 0);
        expect(addWorkingTime(cal, addWorkingTime(cal, s, a), b)).toEqual(addWorkingTime(cal, s, a + b));
      }),
      { numRuns: 200 },
    );
  });

  it('between(a, b) + between(b, c) === between(a, c)', () => {
    fc.assert(
      fc.property(calendarArb, fc.array(instantArb, { minLength: 3, maxLength: 3 }), (cal, points) => {
        const [a, b, c] = [...points].sort((p, q) => p.getTime() - q.getTime()) as [Date, Date, Date];
        expect(workingTimeBetween(cal, a, b) + workingTimeBetween(cal, b, c)).toBe(workingTimeBetween(cal, a, c));
        expect(workingTimeBetween(cal, c, a)).toBe(0);
      }),
      { numRuns: 200 },
    );
  });

  it('add with d > 0 ends inside working time or exactly at an interval end', () => {
    fc.assert(
      fc.property(businessCalendarArb, instantArb, durationArb, (cal, s, d) => {
        fc.pre(d > 0);
        const end = addWorkingTime(cal, s, d);
        const before = new Date(end.getTime() - 1);
        // The millisecond before the result was worked; the result is an end or still working.
        expect(isWorkingInstant(cal, before)).toBe(true);
        expect(workingTimeBetween(cal, s, before)).toBe(d - 1);
      }),
      { numRuns: 200 },
    );
  });

  it('24x7 mode equals plain addition', () => {
    fc.assert(
      fc.property(instantArb, durationArb, instantArb, (s, d, t) => {
        expect(addWorkingTime(ALWAYS_OPEN, s, d).getTime()).toBe(s.getTime() + d);
        expect(workingTimeBetween(ALWAYS_OPEN, s, t)).toBe(Math.max(0, t.getTime() - s.getTime()));
      }),
    );
  });

  it('nextWorkingInstant is the earliest working instant at or after t', () => {
    fc.assert(
      fc.property(businessCalendarArb, instantArb, (cal, t) => {
        const next = nextWorkingInstant(cal, t);
        expect(next.getTime()).toBeGreaterThanOrEqual(t.getTime());
        expect(isWorkingInstant(cal, next)).toBe(true);
        expect(workingTimeBetween(cal, t, next)).toBe(0);
        expect(isWorkingInstant(cal, t)).toBe(next.getTime() === t.getTime());
      }),
      { numRuns: 200 },
    );
  });

  it('agrees minute by minute with the wall clock read through Intl', () => {
    // An independent oracle: read the local date and time of each minute and check the hours.
    fc.assert(
      fc.property(
        hourlyCalendarArb,
        fc.integer({ min: RANGE_FROM / MIN, max: RANGE_TO / MIN }),
        fc.integer({ min: 0, max: 2 * 24 * 60 }),
        (cal, startMinute, minutes) => {
          const format = new Intl.DateTimeFormat('en-CA', {
            timeZone: cal.timeZone,
            hourCycle: 'h23',
            year: 'numeric',
            month: '2-digit',
            day: '2-digit',
            hour: '2-digit',
            minute: '2-digit',
          });
          const holidays = new Set(Object.values(cal.years).flatMap((y) => y.holidays));
          const makeUps = new Set(Object.values(cal.years).flatMap((y) => y.makeUpDays));
          let expected = 0;
          for (let m = 0; m < minutes; m++) {
            const t = (startMinute + m) * MIN;
            const parts = Object.fromEntries(format.formatToParts(t).map((p) => [p.type, p.value]));
            const date = `${parts.year}-${parts.month}-${parts.day}`;
            const clock = Number(parts.hour) * 60 + Number(parts.minute);
            const weekday = (new Date(`${date}T00:00Z`).getUTCDay() + 6) % 7;
            const hours = holidays.has(date)
              ? []
              : makeUps.has(date)
                ? (cal.makeUpDayHours ?? cal.weeklyHours.mon ?? [])
                : (cal.weeklyHours[WEEKDAY_KEYS[weekday]!] ?? []);
            const working = hours.some((h) => clock >= toMinutes(h.start) && clock < toMinutes(h.end));
            expect(isWorkingInstant(cal, new Date(t))).toBe(working);
            if (working) expected += MIN;
          }
          expect(workingTimeBetween(cal, new Date(startMinute * MIN), new Date((startMinute + minutes) * MIN))).toBe(expected);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('agrees around the DST transitions of Berlin and New York', () => {
    const transitions = [
      '2025-03-30T01:00Z',
      '2025-10-26T01:00Z',
      '2025-03-09T07:00Z',
      '2025-11-02T06:00Z',
    ].map((s) => new Date(s).getTime());
    fc.assert(
      fc.property(
        businessCalendarArb,
        fc.constantFrom(...transitions),
        fc.integer({ min: -2 * DAY, max: 2 * DAY }),
        durationArb,
        (cal, around, shift, d) => {
          const s = new Date(around + shift);
          const end = addWorkingTime(cal, s, d);
          expect(workingTimeBetween(cal, s, end)).toBe(d);
        },
      ),
      { numRuns: 300 },
    );
  });
});

function toMinutes(hhmm: string): number {
  const [h = '0', m = '0'] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}
