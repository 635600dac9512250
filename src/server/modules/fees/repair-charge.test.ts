import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';
import { act, buildCrew, uploadAs, type Crew } from '../work-orders/test-kit';
import { expectBalancesAreSums } from './test-kit';

// A paid repair's agreed quote becomes a charge on the unit's fee account when the work is done
// (issue #15 item 1: one-off charges of paid repairs), on PGlite and PostgreSQL.

let t: TestApp;
let crew: Crew;
let communityId: string;
type Entry = { id: string; kind: string; amountFen: number; openFen: number; itemName: string | null; memo: string | null };

beforeAll(async () => {
  t = await createTestApp();
  crew = await buildCrew(t, 'rch');
  communityId = crew.org.community.id;
});
afterAll(() => t.close());
// Every write keeps each account's running balance equal to the sum of its entries.
afterEach(() => expectBalancesAreSums(t.database));

const item = (over: Record<string, unknown> = {}) => ({ communityId, name: '有偿维修', cycle: null, rounding: 'half_up', effectiveFrom: '2024-01-01', pricing: { kind: 'one_off', amountFen: 0 }, purpose: 'paid_repair', ...over });

/** A paid repair taken through dispatch, visit and quote to the owner's answer. */
async function quotedRepair(amount: number, approved: boolean): Promise<{ id: string; number: string }> {
  const { desk, dispatcher, tech, resident } = crew.clients;
  const order = (await desk.post('/api/v1/work-orders', { kind: 'repair', communityId, unitId: crew.org.unit.id, channel: 'phone', category: 'plumbing', description: '卫生间地漏堵塞', reporterResidentId: crew.org.resident.id, paid: true })).json();
  await act(dispatcher, order.id, 'dispatch', { technician: crew.techStaffId });
  await act(tech, order.id, 'accept');
  await act(tech, order.id, 'arrive', { before: [await uploadAs(tech)] });
  await act(tech, order.id, 'quote', { diagnosis: '地漏芯损坏', items: [{ name: '更换地漏芯', quantity: 1, amount }], price_basis: '公示价目表' });
  await act(resident, order.id, 'consent', approved ? { approved: true } : { approved: false, reason: '自行处理' });
  return { id: order.id, number: order.number };
}

const account = async () => (await crew.clients.desk.get(`/api/v1/units/${crew.org.unit.id}/fee-account`)).json() as { id: string; balanceFen: number; entries: Entry[] };

describe('the fee item of paid repairs', () => {
  it('is one one-off item per community, named in the caller’s language when refused', async () => {
    const { manager } = crew.clients;
    const notOneOff = await manager.post('/api/v1/fee-items', item({ name: '维修月费', cycle: 'monthly', pricing: { kind: 'fixed', monthlyFen: 100 } }));
    expect(notOneOff.statusCode).toBe(400);
    expect(notOneOff.json().error.fields).toEqual({ purpose: '只有一次性收费项目可以用于有偿维修' });
    const created = await manager.post('/api/v1/fee-items', item());
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ name: '有偿维修', kind: 'one_off', purpose: 'paid_repair' });
    manager.language = 'en-US';
    const second = await manager.post('/api/v1/fee-items', item({ name: '维修费二' }));
    manager.language = 'zh-CN';
    expect(second.statusCode).toBe(400);
    expect(second.json().error.fields).toEqual({ purpose: 'Paid repairs of this community are already charged to “有偿维修”' });
    // Items without a purpose are as before.
    const plain = await manager.post('/api/v1/fee-items', item({ name: '装修押金', purpose: undefined, pricing: { kind: 'one_off', amountFen: 200000 } }));
    expect(plain.statusCode).toBe(201);
    expect(plain.json().purpose).toBeNull();
  });
});

describe('a finished paid repair', () => {
  it('charges the agreed quote to the unit once, when the work is done, and the desk can take it', async () => {
    const { tech, resident, desk } = crew.clients;
    const before = await account();
    const order = await quotedRepair(8800, true);
    // Agreeing to the quote charges nothing yet: the work is not done.
    expect((await account()).entries.filter((e) => e.memo === order.number)).toEqual([]);
    await act(tech, order.id, 'complete', { work_done: '更换地漏芯', after: [await uploadAs(tech)] });
    let acc = await account();
    const charges = acc.entries.filter((e) => e.memo === order.number);
    expect(charges).toHaveLength(1);
    expect(charges[0]).toMatchObject({ kind: 'charge', amountFen: 8800, openFen: 8800, itemName: '有偿维修' });
    expect(acc.balanceFen).toBe(before.balanceFen + 8800);
    // The owner sends the work back; finishing it again charges nothing more.
    await act(resident, order.id, 'confirm', { approved: false, reason: '仍有异味' });
    await act(tech, order.id, 'complete', { work_done: '重新密封', after: [await uploadAs(tech)] });
    acc = await account();
    expect(acc.entries.filter((e) => e.memo === order.number)).toHaveLength(1);
    // The desk takes the payment for it like any charge.
    const paid = await desk.post('/api/v1/fee-payments', { accountId: acc.id, chargeIds: [charges[0]!.id], lines: [{ method: 'cash', amountFen: 8800, tenderedFen: 10000 }] });
    expect(paid.statusCode, paid.body).toBe(201);
    acc = await account();
    expect(acc.entries.find((e) => e.id === charges[0]!.id)!.openFen).toBe(0);
    // The audit names the work order.
    const audit = (await crew.clients.admin.get(`/api/v1/audit?entityType=fee_entry&pageSize=50`)).json();
    const posted = (audit.items as { entityId: string; action: string; summary: unknown }[]).filter((a) => a.entityId === charges[0]!.id);
    expect(posted).toHaveLength(1);
    expect(posted[0]!.action).toBe('post_charge');
    expect(JSON.stringify(posted[0]!.summary)).toContain(order.number);
  });

  it('charges nothing for a quote the owner declined, nor for free work', async () => {
    const { tech, desk, dispatcher } = crew.clients;
    const declined = await quotedRepair(5000, false);
    const free = (await desk.post('/api/v1/work-orders', { kind: 'repair', communityId, unitId: crew.org.unit.id, channel: 'phone', category: 'plumbing', description: '公共水管漏水', reporterResidentId: crew.org.resident.id })).json();
    await act(dispatcher, free.id, 'dispatch', { technician: crew.techStaffId });
    await act(tech, free.id, 'accept');
    await act(tech, free.id, 'arrive', { before: [await uploadAs(tech)] });
    await act(tech, free.id, 'start', { diagnosis: '接头松动' });
    await act(tech, free.id, 'complete', { work_done: '紧固接头', after: [await uploadAs(tech)] });
    const acc = await account();
    expect(acc.entries.filter((e) => e.memo === declined.number || e.memo === free.number)).toEqual([]);
  });
});
