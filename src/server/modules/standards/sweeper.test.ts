import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganization } from '../../test/factories';
import { createTestApp, type TestApp } from '../../test/test-app';
import { sweepTimers } from './sweeper';
import { timersOf } from './timer-store';
import { openEmergencyRepair } from './testing';

describe('SLA sweeper', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof buildOrganization>>;
  beforeAll(async () => {
    t = await createTestApp();
    org = await buildOrganization(t.database, { prefix: 'sweep', roles: ['company_admin', 'project_manager', 'dispatcher', 'service_desk'] });
  });
  afterAll(() => t.close());

  it('raises each warning and breach once, to the roles the standard names, and catches up after downtime', async () => {
    const subject = await openEmergencyRepair(t.database, org, 2);
    const timers = await timersOf(t.database.db, 'test', subject.id);
    expect(timers.map((x) => x.limitKey).sort()).toEqual(['emergency_arrival', 'emergency_contact']);
    // Two hours overdue: both limits passed their warning and their breach while nobody swept.
    const first = await sweepTimers(t.database.db);
    expect(first).toBeGreaterThanOrEqual(4);
    expect(await sweepTimers(t.database.db)).toBe(0);
    const after = await timersOf(t.database.db, 'test', subject.id);
    for (const timer of after) expect(timer.raisedEvents).toEqual(expect.arrayContaining(['warn', 'breach']));
    const notes = await t.database.query<{ kind: string; n: number }>(
      `select kind, count(*)::int as n from notifications where entity_id = $1 group by kind order by kind`,
      [subject.id],
    );
    expect(notes.map((n) => n.kind)).toEqual(expect.arrayContaining(['breached', 'due_soon']));
  });

  it('does nothing before a limit is near', async () => {
    const subject = await openEmergencyRepair(t.database, org, 0);
    await sweepTimers(t.database.db);
    const timers = await timersOf(t.database.db, 'test', subject.id);
    expect(timers.every((x) => x.raisedEvents.length === 0 && x.status === 'running')).toBe(true);
  });

  it('shares the work between concurrent sweeps without raising anything twice', async () => {
    const subjects = await Promise.all(Array.from({ length: 6 }, () => openEmergencyRepair(t.database, org, 3)));
    const counts = await Promise.all([sweepTimers(t.database.db), sweepTimers(t.database.db)]);
    const rows = (await Promise.all(subjects.map((s) => timersOf(t.database.db, 'test', s.id)))).flat();
    const expected = rows.reduce((sum, r) => sum + r.raisedEvents.length, 0);
    expect(counts[0]! + counts[1]!).toBe(expected);
  });
});
