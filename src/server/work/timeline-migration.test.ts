import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../config';
import { openDatabase, type Database } from '../db/client';
import { createPostgresDatabase, TEST_DB } from '../test/test-app';

/**
 * The timeline migration on a demo database made by the code before it: the fixture holds the
 * rows `wuye seed --demo` wrote at commit 4eef397 (plus a released slip with the guard's
 * signature, a photo linked to a work order and an upload nobody linked), as JSON. The rows are
 * loaded into a database migrated to 0004, then the later migrations run (0009 is this one); nothing may be lost.
 */
type Row = Record<string, unknown>;
const fixture = JSON.parse(readFileSync(path.join(__dirname, 'fixtures/pre-timeline-demo.json'), 'utf8')) as Record<string, Row[]>;
const MIGRATIONS = path.join(ROOT_DIR, 'migrations');
const BEFORE = 5; // migrations 0000-0004: the schema the fixture was written under

let database: Database;
let drop: () => Promise<void>;
const dirs: string[] = [];

async function migrateTo(folder: string): Promise<void> {
  if (database.kind === 'pglite') await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder: folder });
  else await migratePg(database.db as unknown as NodePgDatabase, { migrationsFolder: folder });
}

/** A copy of the migrations folder that ends at 0004. */
function oldMigrations(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'wuye-migrations-'));
  dirs.push(dir);
  const journal = JSON.parse(readFileSync(path.join(MIGRATIONS, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  journal.entries = journal.entries.slice(0, BEFORE);
  cpSync(path.join(MIGRATIONS, 'meta'), path.join(dir, 'meta'), { recursive: true });
  writeFileSync(path.join(dir, 'meta/_journal.json'), JSON.stringify(journal));
  for (const e of journal.entries) cpSync(path.join(MIGRATIONS, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
  return dir;
}

const iso = (v: unknown) => (v instanceof Date ? v : new Date(String(v))).toISOString();

beforeAll(async () => {
  if (TEST_DB === 'pglite') {
    database = await openDatabase({ dataDir: 'memory://' });
    drop = () => database.close();
  } else {
    const pg = await createPostgresDatabase();
    database = await openDatabase({ databaseUrl: pg.url, dataDir: '', poolSize: 2 });
    drop = async () => {
      await database.close();
      await pg.drop();
    };
  }
  await migrateTo(oldMigrations());
  for (const [table, rows] of Object.entries(fixture)) {
    for (const row of rows) {
      await database.query(`insert into "${table}" select * from json_populate_record(null::"${table}", $1::json)`, [JSON.stringify(row)]);
    }
  }
  await migrateTo(MIGRATIONS);
}, 60_000);

afterAll(async () => {
  await drop?.();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('migration 0009 (one timeline, one attachment model)', () => {
  it('the fixture holds what the old code wrote', () => {
    expect(fixture.work_order_events!.length).toBeGreaterThan(10);
    expect(fixture.gate_events!.length).toBeGreaterThan(5);
    expect(fixture.gate_events!.some((e) => e.action === 'release')).toBe(true);
    expect(fixture.attachments!.map((a) => a.purpose ?? null).sort()).toEqual(
      expect.arrayContaining([null, 'before', expect.stringMatching(/^goods_slip:/), expect.stringMatching(/^decoration_worker:/)]),
    );
  });

  it('every work-order event is a work event with the same fields and the order’s community', async () => {
    const orders = new Map(fixture.work_orders!.map((o) => [o.id, o]));
    for (const old of fixture.work_order_events!) {
      const [row] = await database.query<Row>('select * from work_events where id = $1', [old.id]);
      expect(row, `event ${String(old.id)}`).toBeDefined();
      expect({ ...row, at: iso(row!.at) }).toMatchObject({
        organization_id: old.organization_id,
        community_id: orders.get(old.work_order_id)!.community_id,
        subject_type: 'work_order',
        subject_id: old.work_order_id,
        kind: old.kind,
        action: old.action,
        actor_user_id: old.actor_user_id,
        actor_name: old.actor_name,
        channel: old.channel,
        from_state: old.from_state,
        to_state: old.to_state,
        visibility: old.visibility,
        automatic: old.automatic,
        data: old.data,
        at: iso(old.at),
      });
    }
  });

  it('every gate event is a work event of its pass or slip, with who did it', async () => {
    for (const old of fixture.gate_events!) {
      const [row] = await database.query<Row>('select * from work_events where id = $1', [old.id]);
      const by = old.by as { userId: string | null; name: string } | null;
      expect({ ...row, at: iso(row!.at) }).toMatchObject({
        organization_id: old.organization_id,
        community_id: old.community_id,
        subject_type: old.subject_type,
        subject_id: old.subject_id,
        kind: old.action === 'created' ? 'created' : 'transition',
        action: old.action,
        actor_user_id: by?.userId ?? null,
        actor_name: by?.name ?? null,
        from_state: old.from_state,
        to_state: old.to_state,
        automatic: old.automatic,
        data: old.data,
        at: iso(old.at),
      });
    }
  });

  it('counts match: no event is lost or made up, every attachment row stays', async () => {
    const [events] = await database.query<{ n: number }>('select count(*)::int as n from work_events');
    expect(events!.n).toBe(fixture.work_order_events!.length + fixture.gate_events!.length);
    const [files] = await database.query<{ n: number }>('select count(*)::int as n from attachments');
    expect(files!.n).toBe(fixture.attachments!.length);
    const old = await database.query<{ n: number }>(`select count(*)::int as n from information_schema.tables where table_name in ('work_order_events', 'gate_events')`);
    expect(old[0]!.n).toBe(0);
  });

  it('every linked attachment keeps its link, now to a subject; an unlinked upload stays unlinked', async () => {
    const links = await database.query<Row>('select attachment_id, subject_type, subject_id, purpose, organization_id from attachment_links');
    const workers = new Map(fixture.decoration_workers!.map((w) => [w.id, w]));
    const expected = fixture.attachments!.flatMap((a): Row[] => {
      const purpose = a.purpose as string | null;
      if (a.work_order_id) return [{ attachment_id: a.id, subject_type: 'work_order', subject_id: a.work_order_id, purpose }];
      if (purpose?.startsWith('goods_slip:')) return [{ attachment_id: a.id, subject_type: 'goods_slip', subject_id: purpose.slice(11), purpose: 'guard_signature' }];
      if (purpose?.startsWith('decoration_worker:')) {
        return [{ attachment_id: a.id, subject_type: 'decoration', subject_id: workers.get(purpose.slice(18))!.decoration_id, purpose: 'certificate' }];
      }
      return [];
    });
    expect(expected.length).toBe(3);
    expect(links.map(({ organization_id: _o, ...l }) => l)).toEqual(expect.arrayContaining(expected));
    expect(links.length).toBe(expected.length);
    const draft = fixture.attachments!.find((a) => !a.work_order_id && !a.purpose)!;
    expect(links.some((l) => l.attachment_id === draft.id)).toBe(false);
  });
});
