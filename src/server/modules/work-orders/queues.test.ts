import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';
import type { TestClient } from '../../test/test-app';
import { buildOrganization, TEST_PASSWORD } from '../../test/factories';
import { act, buildCrew, uploadAs, type Crew, type Org } from './test-kit';

let t: TestApp;
let crew: Crew;
let other: { org: Org; desk: TestClient };
beforeAll(async () => {
  t = await createTestApp();
  crew = await buildCrew(t, 'wq');
  const org = await buildOrganization(t.database, { prefix: 'wq2', roles: ['service_desk', 'resident'] });
  other = { org, desk: await t.client().login(org.users.service_desk!, TEST_PASSWORD) };
}, 180_000);
afterAll(() => t.close());

const repair = (org: Org) => ({
  kind: 'repair',
  communityId: org.community.id,
  unitId: org.unit.id,
  channel: 'phone',
  category: 'plumbing',
  description: '卫生间地漏堵塞',
  reporterResidentId: org.resident.id,
});
const open = async (c: { org: Org; desk: TestClient }): Promise<string> => {
  const res = await c.desk.post('/api/v1/work-orders', repair(c.org));
  if (res.statusCode !== 201) throw new Error(res.body);
  return (res.json() as { id: string }).id;
};
const queues = async (client: TestClient): Promise<Record<string, number>> => {
  const res = await client.get('/api/v1/work-orders/queues');
  expect(res.statusCode, res.body).toBe(200);
  return Object.fromEntries((res.json() as { queues: { queue: string; count: number }[] }).queues.map((q) => [q.queue, q.count]));
};
/** The list behind a count: the same filter, so its total must equal the count. */
const listed = async (client: TestClient, queue: string): Promise<string[]> => {
  const res = await client.get(`/api/v1/work-orders?queue=${queue}&pageSize=100`);
  expect(res.statusCode, res.body).toBe(200);
  const page = res.json() as { total: number; items: { id: string }[] };
  expect(page.items.length).toBe(page.total);
  return page.items.map((i) => i.id).sort();
};
const mine = () => ({ org: crew.org, desk: crew.clients.desk });
/** The order's earliest running due instant again, as the timer code keeps it, after a test moved its timers by hand. */
const syncNextDue = (id: string) =>
  t.database.query(`update work_orders set next_due_at = (select min(due_at) from sla_timers where subject_type = 'work_order' and subject_id = $1 and status = 'running') where id = $1`, [id]);
const beijingDay = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d);

describe('home-page queues (GET /api/v1/work-orders/queues)', () => {
  it('counts each role’s queue from the standards, in the caller’s scope, and the list with ?queue= holds exactly those orders', { timeout: 180_000 }, async () => {
    const { desk, dispatcher, tech, tech2, manager, admin } = crew.clients;
    // Noise in another company: never counted here.
    await open(other);

    const fresh = await open(mine());
    const booked = await open(mine());
    await act(dispatcher, booked, 'dispatch', { technician: crew.techStaffId });
    await act(tech, booked, 'accept');
    const visit = new Date(Date.now() + 60_000);
    await act(tech, booked, 'schedule', { appointment_at: visit.toISOString() });
    const bookedToday = beijingDay(visit) === beijingDay(new Date());

    const quoted = await open(mine());
    await act(dispatcher, quoted, 'dispatch', { technician: crew.techStaffId });
    await act(tech, quoted, 'accept');
    await act(tech, quoted, 'arrive', { before: [await uploadAs(tech)] });
    await act(tech, quoted, 'quote', { diagnosis: '存水弯堵塞', items: [{ name: '疏通地漏', amount: 5000 }], price_basis: '公示价目表' });

    const done = await open(mine());
    await act(dispatcher, done, 'dispatch', { technician: crew.techStaffId });
    await act(tech, done, 'accept');
    await act(tech, done, 'arrive', { before: [await uploadAs(tech)] });
    await act(tech, done, 'start', { diagnosis: '存水弯堵塞' });
    await act(tech, done, 'complete', { work_done: '疏通地漏', after: [await uploadAs(tech)] });

    // The first order has missed a limit.
    await t.database.query(`update sla_timers set due_at = now() - interval '1 hour', warn_at = now() - interval '2 hours' where subject_id = $1 and status = 'running'`, [fresh]);
    await syncNextDue(fresh);

    expect(await queues(desk)).toEqual({ new_today: 3, awaiting_reply: 1, after_completion: 1, overdue: 1 });
    expect(await listed(desk, 'new_today')).toEqual([fresh, booked, quoted].sort()); // the completed one is no longer new work
    expect(await listed(desk, 'awaiting_reply')).toEqual([quoted]);
    expect(await listed(desk, 'after_completion')).toEqual([done]);
    expect(await listed(desk, 'overdue')).toEqual([fresh]);

    expect(await queues(dispatcher)).toEqual({ unassigned: 1, overdue: 1 });
    expect(await listed(dispatcher, 'unassigned')).toEqual([fresh]);

    expect(await queues(tech)).toEqual({ appointments_today: bookedToday ? 1 : 0, mine: 2, my_overdue: 0 });
    expect(await listed(tech, 'mine')).toEqual([booked, quoted].sort());
    expect(await queues(tech2)).toEqual({ appointments_today: 0, mine: 0, my_overdue: 0 });
    await t.database.query(`update sla_timers set due_at = now() - interval '1 minute' where subject_id = $1 and status = 'running'`, [booked]);
    await syncNextDue(booked);
    expect(await listed(tech, 'my_overdue')).toEqual([booked]);

    // A low rating: on the manager's page for 30 days, with its follow-up among what waits after completion.
    await act(desk, done, 'confirm', { approved: true, channel: 'phone', call_note: '业主电话确认已通畅' });
    await act(crew.clients.resident, done, 'return-visit', { satisfaction: 2, comment: '来得太晚' });
    expect(await queues(manager)).toEqual({ overdue: 2, low_rating: 1, after_completion: 1 });
    expect(await listed(manager, 'low_rating')).toEqual([done]);
    expect(await listed(manager, 'after_completion')).toEqual([done]);
    expect((await queues(desk)).after_completion).toBe(0); // the follow-up belongs to the project manager
    expect(await queues(admin)).toEqual({ overdue: 2, low_rating: 1 });
    await t.database.query(`update work_orders set return_visit = jsonb_set(return_visit, '{at}', to_jsonb((now() - interval '31 days')::text)) where id = $1`, [done]);
    expect((await queues(manager)).low_rating).toBe(0);

    // The other company sees only its own order.
    expect(await queues(other.desk)).toMatchObject({ new_today: 1, overdue: 0 });
  });

  it('gives guards and residents no queues, refuses strangers and explains an unknown queue', async () => {
    expect(await queues(crew.clients.guard)).toEqual({});
    expect(await queues(crew.clients.resident)).toEqual({});
    expect((await t.client().get('/api/v1/work-orders/queues')).statusCode).toBe(401);
    const bad = await crew.clients.desk.get('/api/v1/work-orders?queue=everything');
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields)).toEqual(['queue']);
    // A resident asking for a staff queue gets only their own orders, never more.
    const own = (await crew.clients.resident.get('/api/v1/work-orders?queue=overdue&pageSize=100')).json();
    expect(own.items.length).toBeGreaterThan(0);
    expect(own.items.every((i: { unit: { id: string } | null }) => i.unit?.id === crew.org.unit.id)).toBe(true);
    expect(own.total).toBeGreaterThan(0);
  });
});
