import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app';
import { loadConfig, ROOT_DIR } from './config';
import { openDatabase, type Database } from './db/client';
import { prepareDatabase } from './db/prepare';
import { READ_FROM_HEADER } from './db/read-routing';
import { buildOrganization, TEST_PASSWORD } from './test/factories';
import { freePort } from './test/server-process';

/**
 * PostgreSQL only (*.pg.test.ts): a primary and a streaming replica made with `pg_basebackup -R`
 * on loopback (scripts/pg-replica-pair.sh), the app on both URLs (DATABASE_URL and
 * DATABASE_READ_URL). Writes go to the primary; the list is served by the replica; the author of a
 * write reads the primary for a few seconds (read-your-writes through a cookie). The replica's
 * replay is paused while the write is made, so "served by the replica" is seen in the data, not
 * only in a header.
 */
const CI = process.env.CI === 'true' || process.env.CI === '1';
const PG_LIB = '/usr/lib/postgresql';
const pgBin =
  process.env.WUYE_PG_BIN ??
  (existsSync(PG_LIB) ? readdirSync(PG_LIB).map((v) => path.join(PG_LIB, v, 'bin')).find((b) => existsSync(path.join(b, 'pg_basebackup'))) : undefined);
const haveBinaries = pgBin !== undefined && existsSync(path.join(pgBin, 'initdb'));
if (!haveBinaries && CI) throw new Error('The read-replica test needs PostgreSQL (initdb, pg_basebackup) under CI: apt-get install -y postgresql');

const SCRIPT = path.join(ROOT_DIR, 'scripts/pg-replica-pair.sh');
const WINDOW_MS = 1500;

/** A fetch client with a real cookie jar (the session and the read-after-write cookie). */
class Browser {
  private jar = new Map<string, string>();
  private csrf = '';
  constructor(private readonly base: string) {}
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test responses are read field by field
  async request(method: string, url: string, body?: unknown): Promise<{ status: number; json: any; readFrom: string | null }> {
    const res = await fetch(this.base + url, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.jar.size ? { cookie: [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ') } : {}),
        ...(this.csrf ? { 'x-csrf-token': this.csrf } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      this.jar.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
    const text = await res.text();
    const json = text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : null;
    if (json?.csrfToken) this.csrf = json.csrfToken;
    return { status: res.status, json, readFrom: res.headers.get(READ_FROM_HEADER) };
  }
  async login(username: string) {
    const res = await this.request('POST', '/api/v1/auth/login', { username, password: TEST_PASSWORD });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

let dir = '';
let database: Database;
let app: FastifyInstance;
let replica: pg.Client;
let base = '';

describe.skipIf(!haveBinaries)('read replicas (DATABASE_READ_URL)', () => {
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'wuye-replica-'));
    const [primaryPort, replicaPort] = [await freePort(), await freePort()];
    const out = execFileSync('bash', [SCRIPT, 'start', dir, String(primaryPort), String(replicaPort)], {
      encoding: 'utf8',
      env: { ...process.env, WUYE_PG_BIN: pgBin },
    });
    const [primaryUrl, replicaUrl] = out.trim().split(' ') as [string, string];
    database = await openDatabase({ databaseUrl: primaryUrl, readUrls: [replicaUrl], dataDir: '', poolSize: 4 });
    await prepareDatabase(database);
    replica = new pg.Client({ connectionString: replicaUrl });
    await replica.connect();
    const config = {
      ...loadConfig({}),
      databaseUrl: primaryUrl,
      databaseReadUrls: [replicaUrl],
      readAfterWriteMs: WINDOW_MS,
      webDir: undefined,
      rateLimitPerMinute: 0,
      uploadsDir: path.join(dir, 'uploads'),
    };
    app = await buildApp({ config, database, logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await replica?.end();
    await database?.close();
    if (dir) execFileSync('bash', [SCRIPT, 'stop', dir], { env: { ...process.env, WUYE_PG_BIN: pgBin } });
  }, 60_000);

  it('serves lists from the replica, and the author of a write sees it at once from the primary', async () => {
    const org = await buildOrganization(database, { prefix: 'rep', roles: ['company_admin', 'service_desk', 'resident'] });
    // The replica has replayed the organization before anyone signs in.
    await until('the replica to replay the new organization', async () => (await replica.query('select 1 from organizations where id = $1', [org.org.id])).rowCount === 1);
    const desk = new Browser(base);
    const admin = new Browser(base);
    await desk.login(org.users.service_desk!);
    await admin.login(org.users.company_admin!);
    await sleep(WINDOW_MS + 100); // signing in is a write too: let both windows pass

    const before = await admin.request('GET', '/api/v1/work-orders');
    expect(before.status).toBe(200);
    expect(before.readFrom).toBe('replica');
    expect(before.json.total).toBe(0);

    // Hold the replica still: what it serves from now on is older than the write below.
    await replica.query('select pg_wal_replay_pause()');
    try {
      const created = await desk.request('POST', '/api/v1/work-orders', {
        kind: 'repair',
        communityId: org.community.id,
        unitId: org.unit.id,
        channel: 'phone',
        category: 'leak',
        description: '厨房水管漏水',
        reporterResidentId: org.resident.id,
      });
      expect(created.status).toBe(201);
      const id = created.json.id as string;

      // The author reads the primary (its cookie says it just wrote): the new order is listed.
      const own = await desk.request('GET', '/api/v1/work-orders');
      expect(own.readFrom).toBe('primary');
      expect(own.json.items.map((i: { id: string }) => i.id)).toEqual([id]);

      // Someone else's list comes from the paused replica: the order is not there yet.
      const other = await admin.request('GET', '/api/v1/work-orders');
      expect(other.readFrom).toBe('replica');
      expect(other.json.total).toBe(0);
      const stats = await admin.request('GET', '/api/v1/work-orders/stats');
      expect(stats.readFrom).toBe('replica');

      // An order's own page always reads the primary.
      const detail = await admin.request('GET', `/api/v1/work-orders/${id}`);
      expect(detail.status).toBe(200);
      expect(detail.readFrom).toBeNull();
    } finally {
      await replica.query('select pg_wal_replay_resume()');
    }

    // Once the replica has replayed the write, everyone's list (from the replica) shows it.
    const caughtUp = await until('the replica to list the order', async () => {
      const r = await admin.request('GET', '/api/v1/work-orders');
      return r.json.total === 1 && r;
    });
    expect(caughtUp.readFrom).toBe('replica');
    await sleep(WINDOW_MS + 100);
    const later = await desk.request('GET', '/api/v1/work-orders');
    expect(later.readFrom).toBe('replica');
    expect(later.json.total).toBe(1);
  }, 120_000);

  it('serves the other modules’ lists, reports and exports from the replica too', async () => {
    const org = await buildOrganization(database, { prefix: 'rep2', roles: ['company_admin', 'service_desk', 'resident'] });
    await until('the replica to replay the new organization', async () => (await replica.query('select 1 from organizations where id = $1', [org.org.id])).rowCount === 1);
    const admin = new Browser(base);
    const desk = new Browser(base);
    await admin.login(org.users.company_admin!);
    await desk.login(org.users.service_desk!);
    await sleep(WINDOW_MS + 100);
    const c = org.community.id;
    const year = new Date().toISOString().slice(0, 4);
    const period = `from=${year}-01-01&to=${year}-12-31`;
    const paths = [
      '/api/v1/audit',
      '/api/v1/audit/actors',
      '/api/v1/audit/export',
      '/api/v1/quality/inspections',
      '/api/v1/quality/rectifications',
      `/api/v1/quality/report?${period}`,
      `/api/v1/quality/report/inspections?${period}`,
      `/api/v1/quality/report/export?${period}`,
      '/api/v1/gate/passes',
      '/api/v1/gate/slips',
      '/api/v1/gate/decorations',
      '/api/v1/gate/passes/export',
      '/api/v1/gate/slips/export',
      `/api/v1/patrol/rounds?communityId=${c}`,
      `/api/v1/patrol/report?communityId=${c}`,
      `/api/v1/patrol/report/export?communityId=${c}`,
      `/api/v1/fee-reports?communityId=${c}&${period}`,
      `/api/v1/fee-reports/export?communityId=${c}&${period}`,
      '/api/v1/fee-payments',
      `/api/v1/fee-shift-closes?communityId=${c}`,
      `/api/v1/fee-shift-closes/export?communityId=${c}`,
      `/api/v1/fee-meter-readings?communityId=${c}`,
      `/api/v1/fee-meter-readings/export?communityId=${c}`,
    ];
    for (const p of paths) {
      const res = await admin.request('GET', p);
      expect({ path: p, status: res.status, readFrom: res.readFrom }).toEqual({ path: p, status: 200, readFrom: 'replica' });
    }

    // The data shows it: an order opened while the replica is held is in the audit log of its
    // author's reads (primary) and not yet in the admin's (replica).
    const auditTotal = async (b: Browser) => (await b.request('GET', '/api/v1/audit')).json.total as number;
    const seen = await auditTotal(admin);
    await replica.query('select pg_wal_replay_pause()');
    try {
      const created = await desk.request('POST', '/api/v1/work-orders', {
        kind: 'repair',
        communityId: c,
        unitId: org.unit.id,
        channel: 'phone',
        category: 'leak',
        description: '卫生间地漏堵塞',
        reporterResidentId: org.resident.id,
      });
      expect(created.status).toBe(201);
      expect(await auditTotal(admin)).toBe(seen);
    } finally {
      await replica.query('select pg_wal_replay_resume()');
    }
    await until('the replica to show the new audit record', async () => (await auditTotal(admin)) > seen);
  }, 120_000);
});
