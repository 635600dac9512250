import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client';
import { prepareDatabase } from '../../db/prepare';
import { buildOrganization } from '../../test/factories';
import { freePort, ServerProcess } from '../../test/server-process';
import { createPostgresDatabase } from '../../test/test-app';
import { openEmergencyRepair } from './testing';

// Only in the PostgreSQL pass (*.pg.test.ts): PGlite is single-process, and there the same
// property is checked with two concurrent sweeps in one process (sweeper.test.ts).
describe('SLA sweeper in two server processes on one database', () => {
  it('raises each event exactly once across both processes', async () => {
    const pg = await createPostgresDatabase();
    const dir = mkdtempSync(path.join(tmpdir(), 'wuye-sweep-'));
    const database = await openDatabase({ databaseUrl: pg.url, dataDir: '' });
    const servers: ServerProcess[] = [];
    try {
      await prepareDatabase(database);
      const org = await buildOrganization(database, { prefix: 'twoproc', roles: ['company_admin', 'project_manager', 'dispatcher'] });
      const subjects = [];
      for (let i = 0; i < 40; i++) subjects.push(await openEmergencyRepair(database, org, 3));
      const env = { DATABASE_URL: pg.url, WUYE_SWEEP_SECONDS: '1', LOG_LEVEL: 'info', WUYE_UPLOADS_DIR: dir };
      for (let i = 0; i < 2; i++) {
        const s = new ServerProcess(await freePort(), env, 'info');
        servers.push(s);
      }
      await Promise.all(servers.map((s) => s.start()));
      const deadline = Date.now() + 60_000;
      for (;;) {
        const [due] = await database.query<{ n: number }>(`select count(*)::int as n from sla_timers where next_check_at <= now()`);
        if (due!.n === 0 || Date.now() > deadline) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      await new Promise((r) => setTimeout(r, 1500));
      await Promise.all(servers.map((s) => s.kill('SIGTERM')));
      const raisedByProcesses = servers
        .flatMap((s) => s.output.split('\n'))
        .filter((l) => l.includes('sla sweep raised events'))
        .reduce((sum, l) => sum + (JSON.parse(l) as { raised: number }).raised, 0);
      const [inDb] = await database.query<{ n: number }>(
        `select coalesce(sum(cardinality(raised_events)), 0)::int as n from sla_timers where subject_type = 'test'`,
      );
      expect(inDb!.n).toBeGreaterThanOrEqual(subjects.length * 4);
      expect(raisedByProcesses).toBe(inDb!.n);
    } finally {
      await Promise.all(servers.map((s) => s.kill('SIGKILL')));
      await database.close();
      await pg.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
