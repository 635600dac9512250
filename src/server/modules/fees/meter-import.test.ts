import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../test/test-app';
import { localDateIn } from '../../work/numbering';
import { fileUpload, readXlsx, xlsxOf } from '../registry/test-kit';
import { buildCrew, type Crew } from '../work-orders/test-kit';
import { addDays } from './pricing';
import { expectBalancesAreSums } from './test-kit';

// API tests of the Excel import of meter readings (issue #15 item 4), on PGlite and PostgreSQL.

let t: TestApp;
let crew: Crew;
let communityId: string;
const today = () => localDateIn('Asia/Shanghai', new Date());
const day = (n: number) => addDays(today(), n - 100);
const HEAD = ['表号', '楼栋', '房号', '收费项目', '上次读数', '上次抄表日期', '本次读数', '抄表日期'];

async function upload(client: TestClient, mode: 'dry-run' | 'commit', data: Buffer) {
  const { body, headers } = fileUpload('readings.xlsx', data);
  return client.request('POST', `/api/v1/fee-meter-readings/import?communityId=${communityId}&mode=${mode}`, body, headers);
}
const held = async () => (await crew.clients.manager.get(`/api/v1/fee-meter-readings?communityId=${communityId}&status=held`)).json().total as number;
const all = async () => (await crew.clients.manager.get(`/api/v1/fee-meter-readings?communityId=${communityId}`)).json().total as number;

beforeAll(async () => {
  t = await createTestApp();
  crew = await buildCrew(t, 'mimp');
  communityId = crew.org.community.id;
  const m = crew.clients.manager;
  const w = await m.post('/api/v1/fee-items', { communityId, name: '水费', cycle: null, rounding: 'half_up', effectiveFrom: day(0), pricing: { kind: 'metered', unitName: '吨', tiers: [{ upTo: null, priceFen: 300 }] } });
  expect(w.statusCode, w.body).toBe(201);
  const units = (await crew.clients.admin.get(`/api/v1/units?buildingId=${crew.org.building.id}&pageSize=50`)).json().items as { id: string; number: string }[];
  for (const [number, serial] of [['101', 'W-101'], ['102', 'W-102'], ['201', 'W-201']] as const) {
    const res = await m.post('/api/v1/fee-meters', { unitId: units.find((u) => u.number === number)!.id, itemId: w.json().id, serialNo: serial, startReading: 100, installedOn: day(0) });
    expect(res.statusCode, res.body).toBe(201);
  }
  // One accepted reading of W-201 (usage 10) makes a usage of 100 a spike.
  const meters = (await m.get(`/api/v1/fee-meters?communityId=${communityId}`)).json().items as { id: string; serialNo: string }[];
  expect((await crew.clients.tech.post('/api/v1/fee-meter-readings', { meterId: meters.find((x) => x.serialNo === 'W-201')!.id, reading: 110, readOn: day(30) })).statusCode).toBe(201);
});
afterAll(() => t.close());
// Every write keeps each account's running balance equal to the sum of its entries.
afterEach(() => expectBalancesAreSums(t.database));

describe('meter readings from Excel', () => {
  it('gives the walking sheet as a template with each meter’s previous reading', async () => {
    const res = await crew.clients.tech.get(`/api/v1/fee-meter-readings/import-template?communityId=${communityId}`);
    expect(res.statusCode).toBe(200);
    const rows = await readXlsx(res.rawPayload);
    expect(rows[0]).toEqual(HEAD);
    expect(rows.slice(1).map((r) => [r[0], r[1], r[2], r[4], r[5]])).toEqual([
      ['W-101', '1栋', '101', '100', day(0)],
      ['W-102', '1栋', '102', '100', day(0)],
      ['W-201', '1栋', '201', '110', day(30)],
    ]);
    expect((await crew.clients.guard.get(`/api/v1/fee-meter-readings/import-template?communityId=${communityId}`)).statusCode).toBe(404);
  });

  it('previews with every row’s problem, and a file with any problem writes nothing', async () => {
    const bad = await xlsxOf(HEAD, [
      ['W-101', '1栋', '101', '水费', 100, day(0), 112, day(60)],
      ['W-999', '', '', '', '', '', 5, ''],
      ['W-102', '1栋', '102', '水费', 100, day(0), '12.34567', ''],
      ['W-201', '1栋', '201', '水费', 110, day(30), 200, day(10)],
      ['W-101', '1栋', '101', '水费', 100, day(0), 113, day(61)],
    ]);
    const res = await upload(crew.clients.tech, 'commit', bad);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ ok: false, created: 0 });
    expect(res.json().errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([[3, '表号'], [4, '本次读数'], [5, '抄表日期'], [6, '表号']]);
    expect(res.json().errors[2].message).toContain(day(30));
    expect(await all()).toBe(1);
  });

  it('commits all rows in one go; a spike is held for review like a phone reading, a blank row is skipped', async () => {
    const file = await xlsxOf(HEAD, [
      ['W-101', '1栋', '101', '水费', 100, day(0), 112, day(60)],
      ['W-102', '1栋', '102', '水费', 100, day(0), '', ''],
      ['W-201', '1栋', '201', '水费', 110, day(30), 210, day(60)],
    ]);
    const preview = await upload(crew.clients.tech, 'dry-run', file);
    expect(preview.json()).toMatchObject({ ok: true, created: 0, accepted: 1, held: 1 });
    expect(await all()).toBe(1);
    const res = await upload(crew.clients.tech, 'commit', file);
    expect(res.json()).toMatchObject({ ok: true, created: 2, accepted: 1, held: 1 });
    expect(res.json().rows.map((r: { serialNo: string; status: string; heldFor: string | null; usage: number; chargeFen: number | null }) => [r.serialNo, r.status, r.heldFor, r.usage, r.chargeFen])).toEqual([
      ['W-101', 'accepted', null, 12, 3600],
      ['W-201', 'held', 'spike', 100, null],
    ]);
    expect(await held()).toBe(1);
    expect(await all()).toBe(3);
  });
});
