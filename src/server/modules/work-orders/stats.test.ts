import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';
import { buildCrew, type Crew } from './test-kit';

let t: TestApp;
let crew: Crew;
let second: { id: string; name: string };
beforeAll(async () => {
  t = await createTestApp();
  crew = await buildCrew(t, 'st');
  second = (await crew.clients.admin.post('/api/v1/communities', { name: 'st 第二小区' })).json();
  // The desk serves both communities; the project manager only the first.
  await t.database.query(`update staff set community_ids = array_append(community_ids, $1) where id = (select staff_id from users where username = 'st-service_desk')`, [second.id]);
});
afterAll(() => t.close());

const intake = (communityId: string, kind = 'repair', category = 'plumbing') =>
  crew.clients.desk.post('/api/v1/work-orders', { kind, communityId, channel: 'phone', category, description: '统计用工单', reporterName: '王先生', reporterPhone: '13900001111' });

describe('work-order statistics', () => {
  it('numbers orders per community, so two communities of one company open orders on the same day', async () => {
    const a = await intake(crew.org.community.id);
    const b = await intake(second.id);
    expect(a.statusCode).toBe(201);
    expect(b.statusCode, b.body).toBe(201);
    expect(a.json().number).toBe(b.json().number);
  });

  it('counts the period by state type, community and local day for managers and the desk', async () => {
    await intake(crew.org.community.id, 'complaint', 'noise');
    const res = await crew.clients.admin.get('/api/v1/work-orders/stats');
    expect(res.statusCode).toBe(200);
    const stats = res.json();
    expect(stats.total).toBe(3);
    expect(stats.byStatusType).toEqual(expect.arrayContaining([{ statusType: 'open', count: 3 }]));
    expect(stats.byCommunity).toEqual([
      { communityId: crew.org.community.id, name: 'st 小区', count: 2 },
      { communityId: second.id, name: 'st 第二小区', count: 1 },
    ]);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    expect(stats.byDay).toEqual([{ day: today, count: 3 }]);
    expect(new Date(stats.to).getTime() - new Date(stats.from).getTime()).toBe(30 * 86_400_000);

    const one = (await crew.clients.desk.get(`/api/v1/work-orders/stats?communityId=${second.id}`)).json();
    expect(one).toMatchObject({ total: 1, byCommunity: [{ communityId: second.id, count: 1 }] });
    const mine = (await crew.clients.manager.get('/api/v1/work-orders/stats')).json();
    expect(mine.total).toBe(2);
    const past = (await crew.clients.admin.get('/api/v1/work-orders/stats?from=2020-01-01T00:00:00Z&to=2020-02-01T00:00:00Z')).json();
    expect(past).toMatchObject({ total: 0, byDay: [], byCommunity: [] });
  });

  it('refuses technicians and residents, and explains a bad period per field', async () => {
    expect((await crew.clients.tech.get('/api/v1/work-orders/stats')).statusCode).toBe(403);
    expect((await crew.clients.resident.get('/api/v1/work-orders/stats')).statusCode).toBe(403);
    const backwards = await crew.clients.admin.get('/api/v1/work-orders/stats?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z');
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.fields).toEqual({ to: '结束日期须晚于开始日期' });
    const long = await crew.clients.admin.get('/api/v1/work-orders/stats?from=2024-01-01T00:00:00Z&to=2026-01-01T00:00:00Z');
    expect(long.json().error.fields).toEqual({ from: '统计区间最长 366 天' });
  });
});
