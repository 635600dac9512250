import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganization, TEST_PASSWORD } from '../../test/factories';
import { createTestApp, type TestApp, type TestClient } from '../../test/test-app';
import { localDateIn } from '../../work/numbering';
import { buildCrew, type Crew } from '../work-orders/test-kit';
import { addDays } from './pricing';
import { expectBalancesAreSums } from './test-kit';

// API tests of meters and readings (issue #15 item 4), on PGlite and PostgreSQL (WUYE_TEST_DB=postgres).

let t: TestApp;
let crew: Crew;
let outsider: TestClient;
let communityId: string;
let unit101: string;
let water: string;
let meterId: string;
const today = () => localDateIn('Asia/Shanghai', new Date());
const day = (n: number) => addDays(today(), n - 100);
const fieldsOf = (res: { json(): { error: { fields?: Record<string, string> } } }) => Object.keys(res.json().error.fields ?? {}).sort();

/** The water charges on 101's ledger (what the readings posted). */
async function waterCharges(): Promise<number[]> {
  const account = (await crew.clients.desk.get(`/api/v1/units/${unit101}/fee-account`)).json() as { entries: { kind: string; itemId: string | null; amountFen: number }[] };
  return account.entries.filter((e) => e.kind === 'charge' && e.itemId === water).map((e) => e.amountFen);
}

beforeAll(async () => {
  t = await createTestApp();
  crew = await buildCrew(t, 'mtr');
  communityId = crew.org.community.id;
  unit101 = crew.org.unit.id;
  const w = await crew.clients.manager.post('/api/v1/fee-items', { communityId, name: '水费', cycle: null, rounding: 'half_up', effectiveFrom: day(0), pricing: { kind: 'metered', unitName: '吨', tiers: [{ upTo: 10, priceFen: 300 }, { upTo: null, priceFen: 500 }] } });
  expect(w.statusCode, w.body).toBe(201);
  water = w.json().id;
  const other = await buildOrganization(t.database, { prefix: 'mtrx', roles: ['service_desk', 'project_manager'] });
  outsider = await t.client().login(other.users.project_manager!, TEST_PASSWORD);
});
afterAll(() => t.close());
// Every write keeps each account's running balance equal to the sum of its entries.
afterEach(() => expectBalancesAreSums(t.database));

describe('meters', () => {
  it('sets up a meter of a metered item for managers only, with per-field errors', async () => {
    const m = crew.clients.manager;
    const bad = await m.post('/api/v1/fee-meters', { unitId: unit101, itemId: water, serialNo: 'W-101', startReading: 1.2345 });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad)).toEqual(['startReading']);
    expect((await crew.clients.desk.post('/api/v1/fee-meters', { unitId: unit101, itemId: water, serialNo: 'W-101', startReading: 100, installedOn: day(0) })).statusCode).toBe(403);
    const foreign = await outsider.post('/api/v1/fee-meters', { unitId: unit101, itemId: water, serialNo: 'W-101', startReading: 100 });
    expect(foreign.statusCode).toBe(400);
    expect(fieldsOf(foreign)).toEqual(['unitId']);
    const created = await m.post('/api/v1/fee-meters', { unitId: unit101, itemId: water, serialNo: 'W-101', startReading: 100, installedOn: day(0) });
    expect(created.statusCode, created.body).toBe(201);
    meterId = created.json().id;
    expect(created.json()).toMatchObject({ itemName: '水费', unitName: '吨', previous: { reading: 100, readOn: day(0) }, latest: null, allowedActions: ['read', 'replace'] });
    const again = await m.post('/api/v1/fee-meters', { unitId: unit101, itemId: water, serialNo: 'W-102', startReading: 0 });
    expect(fieldsOf(again)).toEqual(['itemId']);
    const list = await crew.clients.tech.get(`/api/v1/fee-meters?communityId=${communityId}`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((x: { id: string; allowedActions: string[] }) => [x.id, x.allowedActions])).toEqual([[meterId, ['read']]]);
    expect((await outsider.get(`/api/v1/fee-meters?communityId=${communityId}`)).statusCode).toBe(404);
    expect((await outsider.get(`/api/v1/fee-meters/${meterId}`)).statusCode).toBe(404);
    expect((await crew.clients.guard.get(`/api/v1/fee-meters?communityId=${communityId}`)).statusCode).toBe(404);
  });
});

describe('readings', () => {
  it('charges an ordinary reading once, by the tiers, even when the phone sends it twice', async () => {
    // Usage 12 t: 10 × 3.00 + 2 × 5.00 = 40.00 yuan.
    const send = () => crew.clients.tech.post('/api/v1/fee-meter-readings', { meterId, reading: 112, readOn: day(30) });
    const both = await Promise.all([send(), send()]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 201]);
    expect(both[0]!.json().id).toBe(both[1]!.json().id);
    expect(both[0]!.json()).toMatchObject({ status: 'accepted', usage: 12, previous: 100, previousOn: day(0), chargeFen: 4000, readOn: day(30), source: 'walk' });
    expect(await waterCharges()).toEqual([4000]);
    const other = await crew.clients.tech.post('/api/v1/fee-meter-readings', { meterId, reading: 113, readOn: day(30) });
    expect(other.statusCode).toBe(400);
    expect(fieldsOf(other)).toEqual(['readOn']);
    expect(other.json().error.fields.readOn).toContain('112');
  });

  it('refuses a future or earlier date and a meter of another company, in the caller’s language', async () => {
    const tech = crew.clients.tech;
    tech.language = 'en-US';
    const future = await tech.post('/api/v1/fee-meter-readings', { meterId, reading: 120, readOn: addDays(today(), 1) });
    expect(fieldsOf(future)).toEqual(['readOn']);
    expect(future.json().error.fields.readOn).toContain('after today');
    tech.language = 'zh-CN';
    const earlier = await tech.post('/api/v1/fee-meter-readings', { meterId, reading: 120, readOn: day(20) });
    expect(fieldsOf(earlier)).toEqual(['readOn']);
    expect(earlier.json().error.fields.readOn).toContain('早于');
    const foreign = await outsider.post('/api/v1/fee-meter-readings', { meterId, reading: 120 });
    expect(foreign.statusCode).toBe(400);
    expect(fieldsOf(foreign)).toEqual(['meterId']);
    expect(fieldsOf(await crew.clients.resident.post('/api/v1/fee-meter-readings', { meterId, reading: 120 }))).toEqual(['meterId']);
    expect(await waterCharges()).toEqual([4000]);
  });

  it('holds a reading lower than the last until a reviewer rejects it with a reason', async () => {
    expect((await crew.clients.tech.post('/api/v1/fee-meter-readings', { meterId, reading: 122, readOn: day(60) })).json()).toMatchObject({ status: 'accepted', usage: 10, chargeFen: 3000 });
    const lower = await crew.clients.tech.post('/api/v1/fee-meter-readings', { meterId, reading: 121, readOn: day(90) });
    expect(lower.statusCode).toBe(201);
    expect(lower.json()).toMatchObject({ status: 'held', heldFor: 'lower', usage: -1, chargeEntryId: null, chargeFen: null, allowedActions: [] });
    const id = lower.json().id;
    expect((await crew.clients.tech.post('/api/v1/fee-meter-readings', { meterId, reading: 125, readOn: day(91) })).statusCode).toBe(409);
    const queue = await crew.clients.manager.get(`/api/v1/fee-meter-readings?communityId=${communityId}&status=held`);
    expect(queue.json().items.map((r: { id: string; allowedActions: string[] }) => [r.id, r.allowedActions])).toEqual([[id, ['reject']]]);
    expect((await crew.clients.manager.post(`/api/v1/fee-meter-readings/${id}/review`, { decision: 'accept' })).statusCode).toBe(409);
    expect(fieldsOf(await crew.clients.manager.post(`/api/v1/fee-meter-readings/${id}/review`, { decision: 'reject' }))).toEqual(['note']);
    expect((await crew.clients.desk.post(`/api/v1/fee-meter-readings/${id}/review`, { decision: 'reject', note: '看错' })).statusCode).toBe(403);
    expect((await outsider.post(`/api/v1/fee-meter-readings/${id}/review`, { decision: 'reject', note: '看错' })).statusCode).toBe(404);
    const rejected = await crew.clients.manager.post(`/api/v1/fee-meter-readings/${id}/review`, { decision: 'reject', note: '读数看错，重新抄表' });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json()).toMatchObject({ status: 'rejected', reviewNote: '读数看错，重新抄表', chargeFen: null });
    expect((await crew.clients.manager.post(`/api/v1/fee-meter-readings/${id}/review`, { decision: 'reject', note: 'again' })).statusCode).toBe(409);
    // The meter is read again the same day; the rejected reading is kept and never billed.
    expect((await crew.clients.tech.post('/api/v1/fee-meter-readings', { meterId, reading: 131, readOn: day(90) })).json()).toMatchObject({ status: 'accepted', usage: 9, chargeFen: 2700 });
    expect(await waterCharges()).toEqual([4000, 3000, 2700]);
  });

  it('holds a usage far above the unit’s average by the community’s rule; accepting it charges it', async () => {
    expect((await crew.clients.desk.put('/api/v1/fee-meter-rules', { communityId, spikeFactor: 3, lookback: 3 })).statusCode).toBe(403);
    expect((await outsider.put('/api/v1/fee-meter-rules', { communityId, spikeFactor: 3, lookback: 3 })).statusCode).toBe(404);
    expect(fieldsOf(await crew.clients.manager.put('/api/v1/fee-meter-rules', { communityId, spikeFactor: 1, lookback: 3 }))).toEqual(['spikeFactor']);
    expect((await crew.clients.manager.put('/api/v1/fee-meter-rules', { communityId, spikeFactor: 3, lookback: 3 })).json()).toEqual({ communityId, spikeFactor: 3, lookback: 3 });
    // The last three usages 12, 10 and 9 average 10.333; 50 is above 3×.
    const spike = await crew.clients.tech.post('/api/v1/fee-meter-readings', { meterId, reading: 181, readOn: day(95) });
    expect(spike.json()).toMatchObject({ status: 'held', heldFor: 'spike', usage: 50, average: 10.333, chargeFen: null });
    expect(await waterCharges()).toEqual([4000, 3000, 2700]);
    const accepted = await crew.clients.manager.post(`/api/v1/fee-meter-readings/${spike.json().id}/review`, { decision: 'accept', note: '业主确认水管漏水' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    // 10 × 3.00 + 40 × 5.00 = 230.00 yuan.
    expect(accepted.json()).toMatchObject({ status: 'accepted', chargeFen: 23000 });
    expect((await crew.clients.manager.post(`/api/v1/fee-meter-readings/${spike.json().id}/review`, { decision: 'accept' })).statusCode).toBe(409);
    expect(await waterCharges()).toEqual([4000, 3000, 2700, 23000]);
  });

  it('replaces a meter with the old one’s end reading and the new one’s start', async () => {
    expect((await crew.clients.desk.post(`/api/v1/fee-meters/${meterId}/replace`, { endReading: 190, newSerialNo: 'W-201', newStartReading: 0 })).statusCode).toBe(403);
    const res = await crew.clients.manager.post(`/api/v1/fee-meters/${meterId}/replace`, { endReading: 190, newSerialNo: 'W-201', newStartReading: 0.5 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().old).toMatchObject({ status: 'replaced', endReading: 190, replacedOn: today(), allowedActions: [] });
    expect(res.json().endReading).toMatchObject({ source: 'replacement', usage: 9, status: 'accepted', chargeFen: 2700 });
    expect(res.json().replacement).toMatchObject({ serialNo: 'W-201', startReading: 0.5, status: 'active', previous: { reading: 0.5, readOn: today() } });
    expect((await crew.clients.tech.post('/api/v1/fee-meter-readings', { meterId, reading: 200 })).statusCode).toBe(409);
    const active = (await crew.clients.tech.get(`/api/v1/fee-meters?communityId=${communityId}`)).json();
    expect(active.items.map((m: { serialNo: string }) => m.serialNo)).toEqual(['W-201']);
    const old = (await crew.clients.tech.get(`/api/v1/fee-meters?communityId=${communityId}&status=replaced`)).json();
    expect(old.items.map((m: { serialNo: string; endReading: number }) => [m.serialNo, m.endReading])).toEqual([['W-101', 190]]);
    expect(await waterCharges()).toEqual([4000, 3000, 2700, 23000, 2700]);
    const all = (await crew.clients.manager.get(`/api/v1/fee-meter-readings?communityId=${communityId}&pageSize=2`)).json();
    expect(all.total).toBe(6);
    expect(all.items).toHaveLength(2);
    const xlsx = await crew.clients.manager.get(`/api/v1/fee-meter-readings/export?communityId=${communityId}`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });
});
