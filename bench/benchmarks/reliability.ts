import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crashUnderLoad, twoInstances } from '../../src/server/test/load-checks';
import { runCli } from '../../src/server/test/server-process';
import { createPostgresDatabase } from '../../src/server/test/test-app';
import { report } from '../lib/report';
import type { Benchmark } from '.';

/** A fresh demo database of each kind, for checks that kill servers. */
async function freshEnv(kind: 'pglite' | 'postgres'): Promise<{ env: Record<string, string>; drop(): Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'wuye-bench-'));
  if (kind === 'pglite') return { env: { WUYE_DATA_DIR: path.join(dir, 'data') }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  const pg = await createPostgresDatabase();
  const env = { DATABASE_URL: pg.url, WUYE_UPLOADS_DIR: path.join(dir, 'uploads') };
  const seeded = runCli(['seed', '--demo'], env);
  if (seeded.status !== 0) throw new Error(seeded.output);
  return { env, drop: async () => (await pg.drop(), rmSync(dir, { recursive: true, force: true })) };
}

/** kill -9 in the middle of intake load, on PGlite and on PostgreSQL. */
export const crash: Benchmark = {
  needsDataset: false,
  async run({ log }) {
    const rows = [];
    for (const kind of ['postgres', 'pglite'] as const) {
      log(`crash: ${kind}`);
      const { env, drop } = await freshEnv(kind);
      try {
        const t0 = performance.now();
        const r = await crashUnderLoad(env, { orders: 200, concurrency: 16, killAfter: 80 });
        rows.push({ db: kind, sent: r.sent, acknowledged: r.acknowledged, 'in flight at kill': r.inFlight, 'replayed on retry': r.replayedAfterRestart, 'created on retry': r.createdOnRetry, 'orders stored': r.ordersInDatabase, missing: r.missing.length, duplicated: r.duplicated.length, 'changed ids': r.changedIds.length, seconds: Math.round((performance.now() - t0) / 1000) });
        if (r.missing.length || r.duplicated.length || r.changedIds.length) throw new Error(`crash check failed on ${kind}: ${JSON.stringify(r)}`);
      } finally {
        await drop();
      }
    }
    report('crash', rows);
  },
};

/** Two server processes on one PostgreSQL under intake load: same data, unique numbers, timers once. */
export const twoInstancesBench: Benchmark = {
  needsDataset: false,
  async run({ log }) {
    log('two instances on one PostgreSQL');
    const { env, drop } = await freshEnv('postgres');
    try {
      const r = await twoInstances(env, { orders: 150, concurrency: 16 });
      report('two-instances', [{ ...r }]);
      if (!r.numbersUnique || !r.listsAgree || r.detailsAgree < 10 || r.raisedTwice || r.timerEventsRaised !== r.timerEventsDue) throw new Error(`two-instance check failed: ${JSON.stringify(r)}`);
    } finally {
      await drop();
    }
  },
};
