import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';
import { act, buildCrew, type Crew } from './test-kit';

/**
 * The list at scale (docs/performance.md): the due-time copy on the order row, search through
 * its indexes, keyset paging by cursor, and the capped count.
 */
let t: TestApp;
let crew: Crew;
beforeAll(async () => {
  t = await createTestApp();
  crew = await buildCrew(t, 'wlp');
}, 180_000);
afterAll(() => t.close());

const open = async (category: string, description: string, extra: Record<string, unknown> = {}) => {
  const res = await crew.clients.desk.post('/api/v1/work-orders', {
    kind: 'repair',
    communityId: crew.org.community.id,
    unitId: crew.org.unit.id,
    channel: 'phone',
    category,
    description,
    reporterResidentId: crew.org.resident.id,
    ...extra,
  });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json() as { id: string; number: string };
};

/** The stored copy and the truth it copies: the earliest due instant of the running timers. */
const dueCopy = async (id: string) => {
  const [row] = await t.database.query<{ copy: string | null; truth: string | null; running: number }>(
    `select w.next_due_at::text as copy,
            (select min(due_at)::text from sla_timers s where s.subject_type = 'work_order' and s.subject_id = w.id and s.status = 'running') as truth,
            (select count(*)::int from sla_timers s where s.subject_type = 'work_order' and s.subject_id = w.id and s.status = 'running') as running
     from work_orders w where w.id = $1`,
    [id],
  );
  return row!;
};

type Page = { items: { id: string; number: string }[]; total: number; totalCapped: boolean; nextCursor: string | null; page: number };
const list = async (query: string): Promise<Page> => {
  const res = await crew.clients.admin.get(`/api/v1/work-orders?${query}`);
  if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
  return res.json() as Page;
};

describe('the work-order list at scale', () => {
  it('keeps the earliest running due instant on the order through intake, steps and cancelling', async () => {
    const order = await open('leak', '厨房水管漏水');
    const opened = await dueCopy(order.id);
    expect(opened.running).toBeGreaterThan(0);
    expect(opened.copy).not.toBeNull();
    expect(opened.copy).toBe(opened.truth);

    await act(crew.clients.dispatcher, order.id, 'dispatch', { technician: crew.techStaffId });
    const dispatched = await dueCopy(order.id);
    expect(dispatched.copy).toBe(dispatched.truth);

    await act(crew.clients.desk, order.id, 'cancel', { reason: '业主已自行修好' });
    const cancelled = await dueCopy(order.id);
    expect(cancelled.running).toBe(0);
    expect(cancelled.copy).toBeNull();
  });

  it('finds orders by number, unit, whole phone and the phone’s last four digits, and takes % and _ literally', async () => {
    const order = await open('power_loss', '全屋停电');
    const phone = crew.org.resident.phone!;
    expect(phone).toMatch(/^\d{11}$/);
    const found = async (q: string) => (await list(`q=${encodeURIComponent(q)}&pageSize=200`)).items.map((i) => i.id);
    expect(await found(order.number)).toEqual([order.id]);
    expect(await found(order.number.slice(-6))).toContain(order.id);
    expect(await found(phone)).toContain(order.id);
    expect(await found(phone.slice(-4))).toContain(order.id);
    expect(await found(crew.org.unit.number)).toContain(order.id);
    expect(await found('%')).toEqual([]);
    expect(await found('_')).toEqual([]);
  });

  it('pages by cursor in every sort exactly as one long page orders them, and refuses a cursor it did not give', async () => {
    for (let i = 0; i < 5; i++) await open('leak', `第 ${i} 单`);
    for (const sort of ['-createdAt', 'createdAt', 'number', 'dueAt']) {
      const whole = await list(`sort=${sort}&pageSize=200`);
      expect(whole.items.length).toBeGreaterThanOrEqual(6);
      expect(whole.nextCursor).toBeNull();
      const walked: string[] = [];
      let page = await list(`sort=${sort}&pageSize=3`);
      expect(page.page).toBe(1);
      walked.push(...page.items.map((i) => i.id));
      while (page.nextCursor) {
        page = await list(`sort=${sort}&pageSize=3&cursor=${page.nextCursor}`);
        expect(page.page).toBe(0);
        expect(page.total).toBe(whole.total); // the count is of the whole filter, not of what is left
        walked.push(...page.items.map((i) => i.id));
      }
      expect(walked).toEqual(whole.items.map((i) => i.id));
    }

    const first = await list('sort=number&pageSize=2');
    const wrongSort = await crew.clients.admin.get(`/api/v1/work-orders?sort=dueAt&pageSize=2&cursor=${first.nextCursor}`);
    expect(wrongSort.statusCode).toBe(400);
    expect(wrongSort.json().error.fields.cursor).toBe('翻页位置无效或已过期，请从第一页重新查看');
    const forged = Buffer.from(JSON.stringify(['-createdAt', '2026-02-30T00:00:00.000000Z', crew.org.org.id])).toString('base64url');
    const nul = Buffer.from(JSON.stringify(['number', 'BX\u0000', crew.org.org.id])).toString('base64url');
    const surrogate = Buffer.from(JSON.stringify(['number', 'BX\ud800', crew.org.org.id])).toString('base64url');
    for (const cursor of ['not-a-cursor', forged, Buffer.from('["-createdAt",1,2]').toString('base64url')]) {
      const res = await crew.clients.admin.get(`/api/v1/work-orders?pageSize=2&cursor=${cursor}`);
      expect(res.statusCode).toBe(400);
      expect(Object.keys(res.json().error.fields)).toEqual(['cursor']);
    }
    for (const cursor of [nul, surrogate]) {
      const res = await crew.clients.admin.get(`/api/v1/work-orders?sort=number&pageSize=2&cursor=${cursor}`);
      expect(res.statusCode).toBe(400);
      expect(Object.keys(res.json().error.fields)).toEqual(['cursor']);
    }
  });

  it('stops counting past 10,000 matching orders and says the count is capped', async () => {
    const before = await list('pageSize=1');
    expect(before.totalCapped).toBe(false);
    // 10,000 copies of one order (new ids and numbers), written directly: intake is not what is tested here.
    await t.database.query(
      `insert into work_orders (organization_id, community_id, unit_id, unit_label, kind, number, standard_version_id, state, state_type, category, channel, description, created_at)
       select organization_id, community_id, unit_id, unit_label, kind, 'CAP' || g, standard_version_id, state, state_type, category, channel, description, created_at - g * interval '1 second'
       from work_orders, generate_series(1, 10000) g where id = $1`,
      [before.items[0]!.id],
    );
    const capped = await list('pageSize=20');
    expect(capped.totalCapped).toBe(true);
    expect(capped.total).toBe(10_000);
    expect(capped.items).toHaveLength(20);
    const narrow = await list(`q=CAP999&pageSize=20`);
    expect(narrow.totalCapped).toBe(false);
    expect(narrow.total).toBe(11); // CAP999 and CAP9990 … CAP9999
    // Deep pages by cursor still reach the end.
    let page = await list('pageSize=200&sort=createdAt');
    let seen = page.items.length;
    while (page.nextCursor) {
      page = await list(`pageSize=200&sort=createdAt&cursor=${page.nextCursor}`);
      seen += page.items.length;
    }
    expect(seen).toBe(before.total + 10_000);
  }, 400_000);
});
