import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';
import { sweepTimers } from '../standards/sweeper';
import { buildCrew, type Crew } from '../work-orders/test-kit';

// Only in the PostgreSQL pass (*.pg.test.ts): two transactions at once need two connections.
let t: TestApp;
let crew: Crew;
const hour = 3_600_000;

beforeAll(async () => {
  t = await createTestApp();
  crew = await buildCrew(t, 'brl');
});
afterAll(() => t?.close());

const settled = (p: Promise<unknown>) => p.then(() => true, () => true);

describe('a sweep and a step on the same item', () => {
  it('never deadlock: the sweep leaves a pass someone is stepping for its next round, which then expires it once', async () => {
    const created = await crew.clients.resident.post('/api/v1/gate/passes', { unitId: crew.org.unit.id, visitorName: '李访客', validUntil: new Date(Date.now() + hour).toISOString() });
    expect(created.statusCode, created.body).toBe(201);
    const pass = created.json();
    const later = new Date(Date.now() + 2 * hour);
    let sweep: Promise<number> | undefined;
    // A guard's step in progress: it holds the pass, and next writes the pass's timers.
    await t.database.db.transaction(async (tx) => {
      await tx.execute(sql`select id from gate_passes where id = ${pass.id} for update`);
      sweep = sweepTimers(t.database.db, later);
      const done = settled(sweep);
      // Until the sweep is over, or is waiting for a lock (what it did before: for this pass).
      for (let i = 0; i < 200; i++) {
        const [waiting] = (await t.database.query<{ n: number }>(`select count(*)::int as n from pg_locks where not granted`));
        if (waiting!.n > 0 || (await Promise.race([done, new Promise((r) => setTimeout(() => r(false), 50))]))) break;
      }
      await tx.execute(sql`update sla_timers set updated_at = now() where subject_id = ${pass.id}`);
    });
    expect(await sweep).toBe(0);
    const [timer] = await t.database.query<{ raised: string[] }>(`select raised_events as raised from sla_timers where subject_id = $1 and limit_key = 'validity'`, [pass.id]);
    expect(timer!.raised).toEqual([]);

    // The next sweep expires the pass, once.
    expect(await sweepTimers(t.database.db, later)).toBeGreaterThan(0);
    const detail = (await crew.clients.guard.get(`/api/v1/gate/passes/${pass.id}`)).json();
    expect(detail.state.key).toBe('expired');
    expect(detail.events.filter((e: { action: string }) => e.action === 'expire')).toHaveLength(1);
    expect(await sweepTimers(t.database.db, later)).toBe(0);
  });
});
