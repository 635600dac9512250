import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../config';
import { openDatabase, type Database } from '../db/client';
import { createPostgresDatabase, createTestDatabase, TEST_DB } from '../test/test-app';
import { registerAllSubjects } from '../modules/subjects';
import { formatNumber, nextNumber, periodKey } from './numbering';
import { kindNumber, kindPrefix, SUBJECT_TYPES } from './subjects';

let database: Database;
let drop: () => Promise<void>;
beforeAll(async () => {
  ({ database, drop } = await createTestDatabase());
});
afterAll(() => drop());

const at = new Date('2026-11-22T03:00:00Z');
const request = (scopeId: string, over: Partial<Parameters<typeof nextNumber>[1]> = {}) => ({
  organizationId: '00000000-0000-4000-8000-000000000001',
  scopeId,
  prefix: 'BX',
  period: 'day' as const,
  timeZone: 'Asia/Shanghai',
  at,
  ...over,
});

describe('nextNumber', () => {
  it('gives 50 concurrent callers 50 distinct consecutive numbers', async () => {
    const scope = randomUUID();
    // Each call in its own transaction: on PostgreSQL these run on several pooled connections at once.
    const numbers = await Promise.all(Array.from({ length: 50 }, () => database.db.transaction((tx) => nextNumber(tx, request(scope)))));
    const expected = Array.from({ length: 50 }, (_, i) => `BX20261122-${String(i + 1).padStart(4, '0')}`);
    expect([...numbers].sort()).toEqual(expected);
  });

  it('gives a rolled-back number back, so the sequence has no gap', async () => {
    const scope = randomUUID();
    await expect(
      database.db.transaction(async (tx) => {
        await nextNumber(tx, request(scope));
        throw new Error('intake failed');
      }),
    ).rejects.toThrow('intake failed');
    expect(await nextNumber(database.db, request(scope))).toBe('BX20261122-0001');
  });

  it('starts a new day at midnight of the community, not of UTC', async () => {
    const scope = randomUUID();
    const shanghai = (iso: string) => nextNumber(database.db, request(scope, { at: new Date(iso) }));
    expect(await shanghai('2026-11-22T15:59:59Z')).toBe('BX20261122-0001');
    expect(await shanghai('2026-11-22T16:00:00Z')).toBe('BX20261123-0001');
    expect(await shanghai('2026-11-22T23:00:00Z')).toBe('BX20261123-0002');
    // The same instant is still the 22nd in New York; counters are per scope, period and prefix.
    const ny = await nextNumber(database.db, request(scope, { at: new Date('2026-11-22T23:00:00Z'), timeZone: 'America/New_York' }));
    expect(ny).toBe('BX20261122-0002');
    expect(await nextNumber(database.db, request(scope, { prefix: 'TS' }))).toBe('TS20261122-0001');
    expect(await nextNumber(database.db, request(randomUUID()))).toBe('BX20261122-0001');
  });

  it('counts by the local year when asked, with six digits', async () => {
    const scope = randomUUID();
    const yearly = (iso: string) => nextNumber(database.db, request(scope, { prefix: 'XJ', period: 'year', at: new Date(iso) }));
    expect(await yearly('2026-01-10T00:00:00Z')).toBe('XJ2026-000001');
    expect(await yearly('2026-12-31T15:59:59Z')).toBe('XJ2026-000002');
    expect(await yearly('2026-12-31T16:00:00Z')).toBe('XJ2027-000001');
    expect(periodKey('year', 'Asia/Shanghai', new Date('2026-12-31T16:00:00Z'))).toBe('2027');
    expect(formatNumber('BX', '2026-11-22', 12345, 4)).toBe('BX20261122-12345');
  });
});

describe('numbers of a kind of work', () => {
  it('take the prefix from the kind object, per service where it numbers several, and refuse a kind without one', async () => {
    registerAllSubjects();
    const scope = randomUUID();
    const { prefix: _, ...rest } = request(scope);
    expect(await kindNumber(database.db, 'work_order', { ...rest, service: 'complaint' })).toBe('TS20261122-0001');
    expect(await kindNumber(database.db, 'gate_pass', rest)).toBe('FK20261122-0001');
    expect(await kindNumber(database.db, 'gate_pass', rest)).toBe('FK20261122-0002');
    // Every numbered kind has its own prefix, so two kinds never share a counter.
    const prefixes = { work_order: ['repair', 'complaint', 'inquiry'].map((k) => kindPrefix('work_order', k)), goods_slip: kindPrefix('goods_slip'), inspection: kindPrefix('inspection'), rectification: kindPrefix('rectification') };
    const all = [...prefixes.work_order, kindPrefix('gate_pass'), prefixes.goods_slip, prefixes.inspection, prefixes.rectification];
    expect(all).toEqual(['BX', 'TS', 'ZX', 'FK', 'FX', 'ZJ', 'ZG']);
    expect(new Set(all).size).toBe(all.length);
    expect(() => kindPrefix('work_order', 'lift')).toThrow('work subject "work_order" has no number prefix for "lift"');
    expect(() => kindPrefix('work_order')).toThrow();
    expect(SUBJECT_TYPES).toContain('shift_handover');
    expect(() => kindPrefix('shift_handover')).toThrow('has no number prefix');
  });
});

/** Applies the committed migrations in journal order, up to (excluding) the first whose tag matches `stopAt`. */
async function applyMigrations(db: Database, from: number, stopAt: RegExp | null): Promise<number> {
  const journal = JSON.parse(readFileSync(path.join(ROOT_DIR, 'migrations/meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  let i = from;
  for (; i < journal.entries.length; i++) {
    const tag = journal.entries[i]!.tag;
    if (stopAt?.test(tag)) break;
    const text = readFileSync(path.join(ROOT_DIR, 'migrations', `${tag}.sql`), 'utf8');
    for (const statement of text.split('--> statement-breakpoint')) if (statement.trim()) await db.query(statement);
  }
  return i;
}

describe('the migration to the numbering service', () => {
  it('continues the old work-order counters and numbers existing passes and slips in order', async () => {
    let old: Database;
    let dropOld: () => Promise<void>;
    if (TEST_DB === 'postgres') {
      const pg = await createPostgresDatabase();
      old = await openDatabase({ databaseUrl: pg.url, dataDir: '', poolSize: 2 });
      dropOld = async () => {
        await old.close();
        await pg.drop();
      };
    } else {
      old = await openDatabase({ dataDir: 'memory://' });
      dropOld = () => old.close();
    }
    try {
      // The schema as it was before this change, with data the old code wrote.
      const next = await applyMigrations(old, 0, /_numbering$/);
      const [org] = await old.query<{ id: string }>(`insert into organizations (name) values ('旧物业') returning id`);
      const [community] = await old.query<{ id: string }>(`insert into communities (organization_id, name, time_zone) values ($1, '旧小区', 'Asia/Shanghai') returning id`, [org!.id]);
      await old.query(`insert into work_order_counters (community_id, day, prefix, value) values ($1, '2026-11-22', 'BX', 7), ($1, '2026-11-22', 'TS', 2)`, [community!.id]);
      const common = `organization_id, community_id, unit_id, unit_label, code, token, standard_version_id, state, state_type, state_entered_at, valid_until, created_by, created_at`;
      // The shared columns of a row, left open for the columns of its table.
      const shared = (code: string, createdAt: string) =>
        `($1, $2, gen_random_uuid(), '1栋 101', '${code}', '${code}-token', gen_random_uuid(), 'valid', 'open', now(), now(), '{"userId":null,"name":"门岗"}', '${createdAt}'`;
      // 23:30 Beijing time on the 22nd is 15:30Z; 00:30 on the 23rd is 16:30Z the day before in UTC.
      await old.query(
        `insert into gate_passes (${common}, origin, visitor_name, valid_from) values
           ${shared('AAA222', '2026-11-22T15:30:00Z')}, 'walk_in', '甲', now()),
           ${shared('AAA111', '2026-11-22T02:00:00Z')}, 'walk_in', '乙', now()),
           ${shared('AAA333', '2026-11-22T16:30:00Z')}, 'walk_in', '丙', now())`,
        [org!.id, community!.id],
      );
      await old.query(`insert into goods_slips (${common}, items, carrier_name) values ${shared('SSS111', '2026-11-22T02:00:00Z')}, '[]', '搬家师傅')`, [org!.id, community!.id]);

      await applyMigrations(old, next, null);
      const passes = await old.query<{ code: string; number: string }>(`select code, number from gate_passes order by code`);
      expect(passes).toEqual([
        { code: 'AAA111', number: 'FK20261122-0001' },
        { code: 'AAA222', number: 'FK20261122-0002' },
        { code: 'AAA333', number: 'FK20261123-0001' },
      ]);
      expect((await old.query<{ number: string }>(`select number from goods_slips`))[0]!.number).toBe('FX20261122-0001');
      expect(await old.query(`select to_regclass('work_order_counters') as t`)).toEqual([{ t: null }]);

      const continued = (prefix: string, iso: string) =>
        nextNumber(old.db, { organizationId: org!.id, scopeId: community!.id, prefix, period: 'day', timeZone: 'Asia/Shanghai', at: new Date(iso) });
      expect(await continued('BX', '2026-11-22T09:00:00Z')).toBe('BX20261122-0008');
      expect(await continued('TS', '2026-11-22T09:00:00Z')).toBe('TS20261122-0003');
      expect(await continued('FK', '2026-11-22T09:00:00Z')).toBe('FK20261122-0003');
      expect(await continued('FK', '2026-11-23T09:00:00Z')).toBe('FK20261123-0002');
      expect(await continued('FX', '2026-11-22T09:00:00Z')).toBe('FX20261122-0002');
    } finally {
      await dropOld();
    }
  });
});
