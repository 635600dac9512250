import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PATROL_EXPORT_MAX } from '../../../common/patrol';
import { buildOrganization } from '../../test/factories';
import { createTestApp, type TestApp } from '../../test/test-app';
import { buildCrew, type Crew } from '../work-orders/test-kit';

let t: TestApp;
let crew: Crew;
let other: Awaited<ReturnType<typeof buildOrganization>>;
let routeId: string;
const TAGS = ['PX-1', 'PX-2'];

beforeAll(async () => {
  t = await createTestApp();
  crew = await buildCrew(t, 'prx');
  other = await buildOrganization(t.database, { prefix: 'prxo', roles: ['guard'] });
  const res = await crew.clients.manager.post('/api/v1/patrol/routes', {
    communityId: crew.org.community.id,
    name: '北区巡逻',
    checkpoints: TAGS.map((tagId, i) => ({ name: `北区${i + 1}号点`, tagId, offsetMinutes: i * 10, toleranceMinutes: 5 })),
  });
  expect(res.statusCode, res.body).toBe(201);
  routeId = res.json().id;
});
afterAll(() => t.close());

async function sheets(payload: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(payload as unknown as ArrayBuffer);
  return book.worksheets.map((ws) => {
    const rows: string[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    return { name: ws.name, rows };
  });
}

describe('patrol report export', () => {
  it('exports the rounds and the checkpoint counts of the screen', async () => {
    const round = (await crew.clients.guard.post('/api/v1/patrol/rounds', { routeId })).json();
    expect((await crew.clients.guard.post(`/api/v1/patrol/rounds/${round.id}/check-ins`, { method: 'qr', tagId: TAGS[0] })).statusCode).toBe(200);
    const report = (await crew.clients.manager.get(`/api/v1/patrol/report?communityId=${crew.org.community.id}`)).json();
    const res = await crew.clients.manager.get(`/api/v1/patrol/report/export?communityId=${crew.org.community.id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toContain(`patrol-report-${report.from}-${report.to}.xlsx`);
    const [rounds, points] = await sheets(res.rawPayload);
    expect(rounds!.name).toBe('巡更任务');
    expect(rounds!.rows[0]).toEqual(['开始时间', '路线', '状态', '巡更人', '结果']);
    expect(rounds!.rows.length - 1).toBe(report.rounds.length);
    expect(rounds!.rows[1]![1]).toBe('北区巡逻');
    expect(rounds!.rows[1]![4]).toContain('准时 1');
    expect(points!.rows[0]).toEqual(['巡更点', '路线', '准时', '提前', '迟到', '漏检', '待签到', '漏检率']);
    expect(points!.rows.find((r) => r[0] === '北区1号点')!.slice(2, 7)).toEqual(['1', '0', '0', '0', '0']);
  });

  it('checks the community and the dates like the report, and refuses past its cap', async () => {
    expect((await crew.clients.manager.get(`/api/v1/patrol/report/export?communityId=${other.community.id}`)).statusCode).toBe(404);
    const reversed = await crew.clients.manager.get(`/api/v1/patrol/report/export?communityId=${crew.org.community.id}&from=2026-11-10&to=2026-11-01`);
    expect(reversed.statusCode).toBe(400);
    expect(Object.keys(reversed.json().error.fields)).toEqual(['to']);
    expect((await crew.clients.resident.get(`/api/v1/patrol/report/export?communityId=${crew.org.community.id}`)).statusCode).toBe(404);

    const [round] = await t.database.query<{ id: string }>(`select id from patrol_rounds where community_id = $1 limit 1`, [crew.org.community.id]);
    await t.database.db.execute(sql`
      insert into patrol_rounds (organization_id, community_id, route_id, route_name, standard_version_id, state, state_type, starts_at, due_at)
      select organization_id, community_id, route_id, route_name, standard_version_id, state, state_type, starts_at - (g || ' seconds')::interval, due_at
      from patrol_rounds, generate_series(1, ${PATROL_EXPORT_MAX}) g where id = ${round!.id}`);
    // The copies start up to 84 minutes earlier: ask for the days around today (local).
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toLocaleDateString('sv', { timeZone: 'Asia/Shanghai' });
    const range = `communityId=${crew.org.community.id}&from=${day(-1)}&to=${day(1)}`;
    const refused = await crew.clients.manager.get(`/api/v1/patrol/report/export?${range}`);
    expect(refused.statusCode, refused.body.slice(0, 300)).toBe(400);
    expect(refused.json().error.code).toBe('EXPORT_TOO_LARGE');
    // The screen still answers, with its latest rounds.
    const screen = await crew.clients.manager.get(`/api/v1/patrol/report?${range}`);
    expect(screen.statusCode).toBe(200);
    expect(screen.json().rounds).toHaveLength(2000);
  });
});
