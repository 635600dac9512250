import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GATE_EXPORT_MAX } from '../../../common/gate';
import { buildOrganization, TEST_PASSWORD } from '../../test/factories';
import { createTestApp, type TestApp, type TestClient } from '../../test/test-app';
import { buildCrew, type Crew } from '../work-orders/test-kit';

let t: TestApp;
let crew: Crew;
let other: Awaited<ReturnType<typeof buildOrganization>>;
let otherGuard: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  crew = await buildCrew(t, 'glx');
  other = await buildOrganization(t.database, { prefix: 'glxo', roles: ['guard'] });
  otherGuard = await t.client().login(other.users.guard!, TEST_PASSWORD);
});
afterAll(() => t.close());

const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

async function sheetRows(payload: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(payload as unknown as ArrayBuffer);
  const rows: string[][] = [];
  book.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return rows;
}

describe('exports of the gate logs', () => {
  it('exports the visitor log with the screen’s filters and columns, phones left out', async () => {
    const a = (await crew.clients.resident.post('/api/v1/gate/passes', { unitId: crew.org.unit.id, visitorName: '周访客', visitorPhone: '13812340001', validUntil: inHours(3) })).json();
    const b = (await crew.clients.resident.post('/api/v1/gate/passes', { unitId: crew.org.unit.id, visitorName: '吴访客', visitorPhone: '13812340002', validUntil: inHours(3) })).json();
    expect((await crew.clients.guard.post(`/api/v1/gate/passes/${a.id}/actions/enter`, {})).statusCode).toBe(200);

    const all = await crew.clients.desk.get('/api/v1/gate/passes/export');
    expect(all.statusCode).toBe(200);
    const rows = await sheetRows(all.rawPayload);
    expect(rows[0]).toEqual(['访客', '人数', '到访房屋', '来源', '有效时段', '入园', '离开', '状态', '通行码']);
    expect(rows.length - 1).toBe((await crew.clients.desk.get('/api/v1/gate/passes')).json().total);
    const row = rows.find((r) => r[8] === a.code)!;
    expect(row[0]).toBe('周访客');
    expect(row[2]).toBe(`${crew.org.community.name} ${a.unitLabel}`);
    expect(row[3]).toBe('住户预约');
    expect(row[5]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(JSON.stringify(rows)).not.toContain('13812340001');

    // The same search as the screen: one visitor.
    const one = await sheetRows((await crew.clients.desk.get(`/api/v1/gate/passes/export?q=${encodeURIComponent('吴访客')}`)).rawPayload);
    expect(one.slice(1).map((r) => r[8])).toEqual([b.code]);
    const entered = await sheetRows((await crew.clients.desk.get('/api/v1/gate/passes/export?stateType=in_progress')).rawPayload);
    expect(entered.slice(1).map((r) => r[8])).toEqual([a.code]);
  });

  it('exports the release log; residents and other companies get nothing', async () => {
    const slip = (await crew.clients.resident.post('/api/v1/gate/slips', { unitId: crew.org.unit.id, items: [{ name: '衣柜', quantity: 2 }], carrierName: '郑师傅' })).json();
    const res = await crew.clients.guard.get(`/api/v1/gate/slips/export?communityId=${crew.org.community.id}`);
    expect(res.statusCode).toBe(200);
    const rows = await sheetRows(res.rawPayload);
    expect(rows[0]).toEqual(['房屋', '放行物品', '搬运人', '开具时间', '开具人', '放行时间', '放行人', '状态', '放行码']);
    expect(rows.find((r) => r[8] === slip.code)).toEqual(expect.arrayContaining(['衣柜×2', '郑师傅']));

    expect((await crew.clients.resident.get('/api/v1/gate/slips/export')).statusCode).toBe(403);
    expect((await crew.clients.resident.get('/api/v1/gate/passes/export')).statusCode).toBe(403);
    // A community of another company is not found, like a random id.
    expect((await crew.clients.guard.get(`/api/v1/gate/slips/export?communityId=${other.community.id}`)).statusCode).toBe(404);
    expect((await crew.clients.guard.get(`/api/v1/gate/passes/export?communityId=${other.community.id}`)).statusCode).toBe(404);
    const foreign = await sheetRows((await otherGuard.get('/api/v1/gate/slips/export')).rawPayload);
    expect(foreign).toHaveLength(1);
  });

  it('refuses an export past its cap with the count', async () => {
    const [pass] = await t.database.query<Record<string, unknown>>(`select id from gate_passes where organization_id = $1 and visitor_name = '周访客'`, [crew.org.org.id]);
    // Copies of one pass under fresh codes, numbers and tokens: enough to pass the cap.
    await t.database.db.execute(sql`
      insert into gate_passes (organization_id, community_id, unit_id, unit_label, number, code, token, standard_version_id, state, state_type, state_entered_at, valid_until, created_by, origin, visitor_name, party_size, valid_from)
      select organization_id, community_id, unit_id, unit_label, 'X' || g, 'C' || g, 'tok' || g || md5(g::text), standard_version_id, state, state_type, state_entered_at, valid_until, created_by, origin, visitor_name, party_size, valid_from
      from gate_passes, generate_series(1, ${GATE_EXPORT_MAX}) g where id = ${pass!.id as string}`);
    const refused = await crew.clients.desk.get('/api/v1/gate/passes/export');
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ code: 'EXPORT_TOO_LARGE' });
    expect(refused.json().error.message).toContain(String(GATE_EXPORT_MAX));
    // Narrowed to one visitor it passes again.
    expect((await crew.clients.desk.get(`/api/v1/gate/passes/export?q=${encodeURIComponent('吴访客')}`)).statusCode).toBe(200);
  });
});
