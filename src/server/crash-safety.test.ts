import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient, ServerProcess, freePort, runCli } from './test/server-process';
import { createPostgresDatabase, TEST_DB } from './test/test-app';
import { crashUnderLoad } from './test/load-checks';

// Runs the real `wuye` binary: on the embedded store by default, on PostgreSQL in the Postgres pass.
let env: Record<string, string>;
let cleanup: () => Promise<void>;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'wuye-crash-'));
  if (TEST_DB === 'postgres') {
    const pg = await createPostgresDatabase();
    env = { DATABASE_URL: pg.url, WUYE_UPLOADS_DIR: path.join(dir, 'uploads') };
    const seeded = runCli(['seed', '--demo'], env);
    expect(seeded.status, seeded.output).toBe(0);
    cleanup = pg.drop;
  } else {
    env = { WUYE_DATA_DIR: path.join(dir, 'data') };
    cleanup = async () => undefined;
  }
}, 180_000);
afterAll(async () => {
  await cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe('crash safety and backup', () => {
  it('keeps a write acknowledged right before kill -9', async () => {
    const server = new ServerProcess(await freePort(), env);
    await server.start();
    const admin = new HttpClient(server.url);
    expect((await admin.login('demo-admin')).status).toBe(200);
    const write = await admin.request('PUT', '/api/v1/auth/me/locale', { locale: 'en-US' });
    expect(write.status).toBe(200);
    await server.kill('SIGKILL');

    const again = new ServerProcess(await freePort(), env);
    await again.start();
    const check = new HttpClient(again.url);
    const me = await check.login('demo-admin');
    expect(me.json.user.locale).toBe('en-US');
    await again.kill('SIGTERM');
  }, 240_000);

  it('keeps every acknowledged intake exactly once when killed under load, with idempotent retries', async () => {
    const r = await crashUnderLoad(env, { orders: 40, concurrency: 8, killAfter: 12 });
    expect(r.acknowledged).toBeGreaterThanOrEqual(12);
    expect(r.sent).toBeLessThan(40);
    expect({ missing: r.missing, duplicated: r.duplicated, changedIds: r.changedIds }).toEqual({ missing: [], duplicated: [], changedIds: [] });
    expect(r.ordersInDatabase).toBe(r.sent);
    // Every acknowledged request is answered again with its first response.
    expect(r.replayedAfterRestart).toBeGreaterThanOrEqual(r.acknowledged);
  }, 240_000);

  it('refuses a second process on the same embedded store, and backs up and restores it', async () => {
    if (TEST_DB === 'postgres') {
      // pg_dump / pg_restore round trip.
      const file = path.join(dir, 'backup.dump');
      const b = runCli(['backup', file], env);
      expect(b.status, b.output).toBe(0);
      const r = runCli(['restore', file], env);
      expect(r.status, r.output).toBe(0);
      return;
    }
    const server = new ServerProcess(await freePort(), env);
    await server.start();
    const busy = runCli(['backup', path.join(dir, 'x.tar.gz')], env);
    expect(busy.status).toBe(1);
    expect(busy.output).toMatch(/in use by process/);
    await server.kill('SIGTERM');

    const file = path.join(dir, 'backup.tar.gz');
    const b = runCli(['backup', file], env);
    expect(b.status, b.output).toBe(0);
    // Change the data after the backup, then restore: the change is gone, the old data is kept aside.
    const s2 = new ServerProcess(await freePort(), env);
    await s2.start();
    const admin = new HttpClient(s2.url);
    await admin.login('demo-admin');
    await admin.request('PUT', '/api/v1/auth/me/locale', { locale: 'zh-CN' });
    await s2.kill('SIGTERM');
    const r = runCli(['restore', file], env);
    expect(r.status, r.output).toBe(0);
    expect(r.output).toMatch(/previous data kept in/);
    const s3 = new ServerProcess(await freePort(), env);
    await s3.start();
    const me = await new HttpClient(s3.url).login('demo-admin');
    expect(me.json.user.locale).toBe('en-US');
    await s3.kill('SIGTERM');
  }, 300_000);
});
