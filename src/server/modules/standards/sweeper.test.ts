import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../auth/context';
import { createUser } from '../../auth/commands/create-user';
import { users } from '../../auth/tables';
import { buildOrganization, TEST_PASSWORD } from '../../test/factories';
import { usersWithRoles } from '../notifications';
import { createCommunity } from '../registry/commands/create-community';
import { createStaff } from '../registry/commands/create-staff';
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

  it('tells, in one statement per batch, exactly the accounts notifyRoles picks: the community roles and company admins, not other communities or disabled accounts', async () => {
    const outsiders = await t.database.db.transaction(async (tx) => {
      const ctx = systemContext(org.org.id);
      const other = await createCommunity(tx, ctx, org.org.id, { name: 'sweep 另一小区' });
      const pm = await createStaff(tx, ctx, org.org.id, { name: '另一项目经理', phone: '13700008801', position: 'project_manager', communityIds: [other.id] });
      const elsewhere = await createUser(tx, ctx, { organizationId: org.org.id, username: 'sweep-pm-other', displayName: '另一项目经理', password: TEST_PASSWORD, roles: ['project_manager', 'dispatcher'], staffId: pm.id });
      const gone = await createStaff(tx, ctx, org.org.id, { name: '离职项目经理', phone: '13700008802', position: 'project_manager', communityIds: [org.community.id] });
      const disabled = await createUser(tx, ctx, { organizationId: org.org.id, username: 'sweep-pm-gone', displayName: '离职项目经理', password: TEST_PASSWORD, roles: ['project_manager'], staffId: gone.id });
      await tx.update(users).set({ disabledAt: new Date() }).where(eq(users.id, disabled.id));
      return [elsewhere.id, disabled.id];
    });
    const subject = await openEmergencyRepair(t.database, org, 3);
    await sweepTimers(t.database.db);
    const timers = await timersOf(t.database.db, 'test', subject.id);
    let checked = 0;
    for (const timer of timers) {
      for (const event of timer.events) {
        const expected = (await usersWithRoles(t.database.db, org.org.id, org.community.id, event.notify)).sort();
        const got = await t.database.query<{ user_id: string }>(`select user_id from notifications where dedupe_key = $1 order by user_id`, [`${timer.id}:${event.key}`]);
        expect(got.map((r) => r.user_id).sort()).toEqual(expected);
        expect(expected.some((id) => outsiders.includes(id))).toBe(false);
        checked += expected.length;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});

