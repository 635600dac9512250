import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recurrenceRuleSchema, type RecurrenceRule, type RecurrenceRuleInput } from '../../common/work/plans';
import type { Database, DbOrTx } from '../db/client';
import { createTestDatabase } from '../test/test-app';
import { addLocalDays, generateInstances, localDateAt, localInstant, occurrences, runsOn, type Occurrence } from './plans';

const DAY = 86_400_000;
const rule = (input: RecurrenceRuleInput): RecurrenceRule => recurrenceRuleSchema.parse(input);
const iso = (list: Occurrence[]) => list.map((o) => o.at.toISOString());
const SH = 'Asia/Shanghai';

describe('occurrences: the regular recurrence', () => {
  it('runs every N days from the start date at the listed times', () => {
    const r = rule({ startDate: '2026-03-01', repeat: { every: 'day', interval: 3 }, times: { kind: 'at', at: ['14:00', '09:00'] } });
    expect(iso(occurrences(r, '2026-03-02', '2026-03-07', SH))).toEqual([
      '2026-03-04T01:00:00.000Z',
      '2026-03-04T06:00:00.000Z',
      '2026-03-07T01:00:00.000Z',
      '2026-03-07T06:00:00.000Z',
    ]);
  });

  it('runs every other week on the named weekdays, counting weeks from Monday', () => {
    // 2026-03-04 is a Wednesday; its week runs from Monday 03-02. Weekdays: Monday and Thursday.
    const r = rule({ startDate: '2026-03-04', repeat: { every: 'week', interval: 2, weekdays: [1, 4] }, times: { kind: 'at', at: ['08:00'] } });
    const dates = occurrences(r, '2026-03-01', '2026-03-31', SH).map((o) => o.date);
    expect(dates).toEqual(['2026-03-05', '2026-03-16', '2026-03-19', '2026-03-30']);
  });

  it('runs on days of the month, a day past the end falling on the last day, within the end date', () => {
    const r = rule({ startDate: '2026-01-15', endDate: '2026-05-30', repeat: { every: 'month', interval: 1, daysOfMonth: [1, 31] }, times: { kind: 'at', at: ['10:00'] } });
    const dates = occurrences(r, '2026-01-01', '2026-12-31', SH).map((o) => o.date);
    expect(dates).toEqual(['2026-01-31', '2026-02-01', '2026-02-28', '2026-03-01', '2026-03-31', '2026-04-01', '2026-04-30', '2026-05-01']);
  });

  it('spaces interval times by the plan and adds peak windows, past midnight too (what patrol has)', () => {
    const r = rule({
      startDate: '2026-01-01',
      repeat: { every: 'day' },
      times: { kind: 'interval', startTime: '20:00', endTime: '02:00', everyMinutes: 180, peakWindows: [{ start: '07:00', end: '08:00', everyMinutes: 30 }] },
    });
    expect(iso(occurrences(r, '2026-03-02', '2026-03-02', SH))).toEqual([
      '2026-03-01T23:00:00.000Z',
      '2026-03-01T23:30:00.000Z',
      '2026-03-02T12:00:00.000Z',
      '2026-03-02T15:00:00.000Z',
      '2026-03-02T18:00:00.000Z',
    ]);
  });

  it('keeps local times across a DST change and counts a skipped time once', () => {
    const r = rule({ startDate: '2026-03-07', repeat: { every: 'day' }, times: { kind: 'at', at: ['02:30', '03:00', '09:00'] } });
    // New York springs forward on 2026-03-08 at 02:00: 02:30 does not exist and falls on 03:00.
    expect(iso(occurrences(r, '2026-03-07', '2026-03-09', 'America/New_York'))).toEqual([
      '2026-03-07T07:30:00.000Z',
      '2026-03-07T08:00:00.000Z',
      '2026-03-07T14:00:00.000Z',
      '2026-03-08T07:00:00.000Z',
      '2026-03-08T13:00:00.000Z',
      '2026-03-09T06:30:00.000Z',
      '2026-03-09T07:00:00.000Z',
      '2026-03-09T13:00:00.000Z',
    ]);
  });

  it('refuses an end date before the start date, naming the field', () => {
    const parsed = recurrenceRuleSchema.safeParse({ startDate: '2026-03-07', endDate: '2026-03-06', repeat: { every: 'day' }, times: { kind: 'at', at: ['09:00'] } });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => i.path.join('.'))).toEqual(['endDate']);
  });
});

describe('occurrences: the maximum interval since the last completion', () => {
  // Planned lift maintenance: every four weeks on Monday at 09:00, by law at most 15 days apart.
  const lift = rule({ startDate: '2026-03-02', repeat: { every: 'week', interval: 4, weekdays: [1] }, times: { kind: 'at', at: ['09:00'] }, maxIntervalDays: 15 });

  it('pulls the next occurrence to the last slot before the limit, and the ones after it', () => {
    const done = new Date('2026-03-02T03:30:00Z'); // 11:30 on Monday 03-02
    const list = occurrences(lift, '2026-03-03', '2026-04-30', SH, done);
    expect(list.map((o) => [o.date, o.at.toISOString(), o.pulled])).toEqual([
      ['2026-03-17', '2026-03-17T01:00:00.000Z', true],
      ['2026-04-01', '2026-04-01T01:00:00.000Z', true],
      ['2026-04-16', '2026-04-16T01:00:00.000Z', true],
    ]);
    // Without the limit the rule names only the Mondays 03-30 and 04-27.
    expect(occurrences({ ...lift, maxIntervalDays: undefined }, '2026-03-03', '2026-04-30', SH, done).map((o) => o.date)).toEqual(['2026-03-30', '2026-04-27']);
  });

  it('leaves the recurrence alone when it keeps the limit', () => {
    const weekly = { ...lift, repeat: { every: 'week' as const, interval: 1, weekdays: [1] } };
    const list = occurrences(weekly, '2026-03-03', '2026-03-31', SH, new Date('2026-03-02T03:30:00Z'));
    expect(list.map((o) => [o.date, o.pulled])).toEqual([
      ['2026-03-09', false],
      ['2026-03-16', false],
      ['2026-03-23', false],
      ['2026-03-30', false],
    ]);
  });

  it('puts an occurrence at the start of the window when the limit has already passed', () => {
    const list = occurrences(lift, '2026-04-10', '2026-04-30', SH, new Date('2026-03-02T03:30:00Z'));
    expect(list[0]).toEqual({ at: localInstant(SH, '2026-04-10', 0), date: '2026-04-10', pulled: true });
    expect(list.map((o) => o.date)).toEqual(['2026-04-10', '2026-04-24']);
  });
});

// Random rules and windows: the property tests the issue asks for.
const ZONES = ['Asia/Shanghai', 'America/New_York', 'Europe/Berlin'] as const;
const clockArb = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45)).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const repeatArb = fc.oneof(
  fc.record({ every: fc.constant('day' as const), interval: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ every: fc.constant('week' as const), interval: fc.integer({ min: 1, max: 6 }), weekdays: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }) }),
  fc.record({ every: fc.constant('month' as const), interval: fc.integer({ min: 1, max: 3 }), daysOfMonth: fc.uniqueArray(fc.integer({ min: 1, max: 31 }), { minLength: 1, maxLength: 4 }) }),
);
const timesArb = fc.oneof(
  fc.record({ kind: fc.constant('at' as const), at: fc.array(clockArb, { minLength: 1, maxLength: 4 }) }),
  fc.record({
    kind: fc.constant('interval' as const),
    startTime: clockArb,
    endTime: clockArb,
    everyMinutes: fc.integer({ min: 60, max: 720 }),
    peakWindows: fc.array(fc.record({ start: clockArb, end: clockArb, everyMinutes: fc.integer({ min: 30, max: 240 }) }), { maxLength: 2 }),
  }),
);
// Start dates around the DST changes of 2026 (March, October/November).
const dateArb = (min: string, days: number) => fc.integer({ min: 0, max: days }).map((d) => addLocalDays(min, d));
const caseArb = fc
  .record({
    startDate: dateArb('2026-02-15', 280),
    endAfter: fc.option(fc.integer({ min: 0, max: 120 }), { nil: undefined }),
    repeat: repeatArb,
    times: timesArb,
    maxIntervalDays: fc.option(fc.integer({ min: 1, max: 35 }), { nil: undefined }),
    fromOffset: fc.integer({ min: -20, max: 60 }),
    length: fc.integer({ min: 0, max: 50 }),
    zone: fc.constantFrom(...ZONES),
    completion: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .map((c) => {
    const r = rule({ startDate: c.startDate, endDate: c.endAfter === undefined ? undefined : addLocalDays(c.startDate, c.endAfter), repeat: c.repeat, times: c.times, maxIntervalDays: c.maxIntervalDays });
    const from = addLocalDays(c.startDate, c.fromOffset);
    return { rule: r, from, to: addLocalDays(from, c.length), zone: c.zone, completion: c.completion };
  });

describe('occurrences: properties', () => {
  it('are sorted, unique, inside the window and the plan’s dates, and regular ones fall on the rule’s dates', () => {
    let checked = 0;
    let pulled = 0;
    fc.assert(
      fc.property(caseArb, ({ rule: r, from, to, zone, completion }) => {
        const done = r.maxIntervalDays ? new Date(localInstant(zone, from, 0).getTime() - r.maxIntervalDays * DAY * completion) : undefined;
        const list = occurrences(r, from, to, zone, done);
        for (let i = 1; i < list.length; i++) expect(list[i]!.at.getTime()).toBeGreaterThan(list[i - 1]!.at.getTime());
        for (const o of list) {
          expect(o.date >= from && o.date <= to).toBe(true);
          expect(o.date >= r.startDate && (r.endDate === undefined || o.date <= r.endDate)).toBe(true);
          if (!o.pulled) expect(runsOn(r, o.date)).toBe(true);
          // A slot belongs to its date: it starts on it or, past midnight, on the next.
          const local = localDateAt(zone, o.at);
          expect(local === o.date || local === addLocalDays(o.date, 1)).toBe(true);
          checked++;
          if (o.pulled) pulled++;
        }
      }),
      { numRuns: 300 },
    );
    // The random cases must reach both kinds of occurrence, or the checks above say nothing.
    expect(checked).toBeGreaterThan(1000);
    expect(pulled).toBeGreaterThan(10);
  });

  it('never leave more than maxIntervalDays between a completion and the next occurrence, nor between occurrences', () => {
    let checkedGaps = 0;
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 1, max: 35 }), ({ rule: base, from, to, zone, completion }, maxDays) => {
        const r = { ...base, maxIntervalDays: maxDays };
        // A plan that starts after the window has nothing in it.
        if (r.startDate > to) {
          expect(occurrences(r, from, to, zone, new Date())).toEqual([]);
          return;
        }
        const opens = localInstant(zone, from > r.startDate ? from : r.startDate, 0).getTime();
        const closes = localInstant(zone, addLocalDays(to, 1), 0).getTime();
        // A completion from one interval before the window opens to just before it closes.
        const done = opens - maxDays * DAY + 1 + Math.floor(completion * (closes - opens + maxDays * DAY - 2));
        const after = occurrences(r, from, to, zone, new Date(done)).filter((o) => o.at.getTime() > done);
        const chain = [done, ...after.map((o) => o.at.getTime())];
        for (let i = 1; i < chain.length; i++) {
          expect(chain[i]! - chain[i - 1]!).toBeLessThanOrEqual(maxDays * DAY);
          checkedGaps++;
        }
        // While the plan runs through the window, the last occurrence covers its end as well.
        if ((r.endDate === undefined || r.endDate >= to) && done < closes) expect(closes - chain[chain.length - 1]!).toBeLessThanOrEqual(maxDays * DAY);
      }),
      { numRuns: 300 },
    );
    expect(checkedGaps).toBeGreaterThan(100);
  });
});

describe('generateInstances', () => {
  let database: Database;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ database, drop } = await createTestDatabase());
    // A module's instance table: unique per plan and start, as patrol rounds are.
    await database.query(`create table plan_test_instances (plan_id uuid not null, starts_at timestamptz not null, pulled boolean not null, unique (plan_id, starts_at))`);
  });
  afterAll(() => drop());

  const makeInstance = (planId: string) => async (tx: DbOrTx, o: Occurrence) => {
    const rows = await tx.execute(sql`insert into plan_test_instances (plan_id, starts_at, pulled) values (${planId}, ${o.at.toISOString()}, ${o.pulled}) on conflict do nothing returning starts_at`);
    return (rows as unknown as { rows: unknown[] }).rows[0] ?? null;
  };
  const count = async (planId: string) => (await database.query<{ n: number }>(`select count(*)::int as n from plan_test_instances where plan_id = $1`, [planId]))[0]!.n;

  it('makes each instance once however often and however concurrently it runs', async () => {
    const plan = { id: randomUUID(), rule: rule({ startDate: '2026-01-01', repeat: { every: 'day' }, times: { kind: 'at', at: ['08:00', '20:00'] } }), timeZone: SH, generatedThrough: null };
    const now = new Date('2026-06-10T02:00:00Z'); // 10:00 on 06-10 in Shanghai
    const run = () => database.db.transaction((tx) => generateInstances(tx, plan, now, makeInstance(plan.id), { horizonDays: 2 }));
    const [a, b] = await Promise.all([run(), run()]);
    expect(a.generatedThrough).toBe('2026-06-12');
    expect(a.made.length + b.made.length).toBe(6);
    expect(await count(plan.id)).toBe(6);
    expect((await run()).made).toEqual([]);
    // From the day after the stored date only: nothing is walked twice.
    const next = await database.db.transaction((tx) => generateInstances(tx, { ...plan, generatedThrough: '2026-06-12' }, now, makeInstance(plan.id), { horizonDays: 3 }));
    expect(next.made).toHaveLength(2);
    expect(await count(plan.id)).toBe(8);
  });

  it('skips what the module leaves out and keeps the maximum interval from the latest completion or instance', async () => {
    const plan = {
      id: randomUUID(),
      rule: rule({ startDate: '2026-01-05', repeat: { every: 'week', interval: 4, weekdays: [1] }, times: { kind: 'at', at: ['09:00'] }, maxIntervalDays: 15 }),
      timeZone: SH,
      generatedThrough: null,
      lastCompletedAt: new Date('2026-05-20T02:00:00Z'),
      lastInstanceAt: new Date('2026-05-25T01:00:00Z'),
    };
    const now = new Date('2026-06-01T00:00:00Z');
    const made = await database.db.transaction((tx) => generateInstances(tx, plan, now, makeInstance(plan.id), { horizonDays: 30, skip: (o) => o.at < now }));
    const starts = (await database.query<{ starts_at: Date; pulled: boolean }>(`select starts_at, pulled from plan_test_instances where plan_id = $1 order by starts_at`, [plan.id])).map((r) => [new Date(r.starts_at).toISOString(), r.pulled]);
    // Anchored on the instance of 05-25 09:00: at most 15 days later, at 09:00.
    expect(starts).toEqual([
      ['2026-06-09T01:00:00.000Z', true],
      ['2026-06-24T01:00:00.000Z', true],
    ]);
    expect(made.made).toHaveLength(2);
  });
});
