import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { twoInstances } from './test/load-checks';
import { runCli } from './test/server-process';
import { createPostgresDatabase } from './test/test-app';

// PostgreSQL only (*.pg.test.ts): two `wuye serve` processes on one database under intake load.
describe('two server processes on one PostgreSQL database', () => {
  it('serve the same data, number orders uniquely and raise each timer event once', async () => {
    const pg = await createPostgresDatabase();
    const dir = mkdtempSync(path.join(tmpdir(), 'wuye-two-'));
    try {
      const env = { DATABASE_URL: pg.url, WUYE_UPLOADS_DIR: dir };
      const seeded = runCli(['seed', '--demo'], env);
      expect(seeded.status, seeded.output).toBe(0);
      const r = await twoInstances(env, { orders: 30, concurrency: 6 });
      expect(r).toMatchObject({ orders: 30, numbersUnique: true, listsAgree: true, detailsAgree: 10, raisedTwice: 0 });
      expect(r.timerEventsDue).toBeGreaterThan(30);
      expect(r.timerEventsRaised).toBe(r.timerEventsDue);
    } finally {
      await pg.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
