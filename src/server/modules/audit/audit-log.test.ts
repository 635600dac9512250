import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_EXPORT_MAX } from '../../../common/audit';
import { buildOrganization, TEST_PASSWORD } from '../../test/factories';
import { createTestApp, type TestApp, type TestClient } from '../../test/test-app';
import { registeredKinds } from '../../work/subjects';
import { act, buildCrew, type Crew } from '../work-orders/test-kit';
import { auditEntityKind } from './entities';

let t: TestApp;
let crew: Crew;
let other: Awaited<ReturnType<typeof buildOrganization>>;
let otherAdmin: TestClient;
let order: { id: string; number: string };
let secondCommunity: string;

beforeAll(async () => {
  t = await createTestApp();
  crew = await buildCrew(t, 'aud');
  other = await buildOrganization(t.database, { prefix: 'audx', roles: ['company_admin'] });
  otherAdmin = await t.client().login(other.users.company_admin!, TEST_PASSWORD);
  order = (
    await crew.clients.desk.post('/api/v1/work-orders', {
      kind: 'repair',
      communityId: crew.org.community.id,
      unitId: crew.org.unit.id,
      channel: 'phone',
      category: 'leak',
      description: '卫生间漏水',
      reporterResidentId: crew.org.resident.id,
    })
  ).json();
  const created = await crew.clients.admin.post('/api/v1/communities', { name: 'aud 二期', serviceLevel: 2 });
  expect(created.statusCode).toBe(201);
  secondCommunity = created.json().id;
});
afterAll(() => t.close());

const parse = async (payload: Buffer) => {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(payload as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  const rows: string[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return rows;
};

describe('a readable audit log', () => {
  it('names entities by their number or name and steps by the standard', async () => {
    const page = (await crew.clients.admin.get(`/api/v1/audit?entityType=work_order&entityId=${order.id}`)).json();
    expect(page.total).toBeGreaterThan(0);
    const created = page.items.find((e: { action: string }) => e.action === 'create');
    expect(created.entity).toEqual({ label: order.number, communityId: crew.org.community.id });
    // A step is named as its standard names it.
    await act(crew.clients.dispatcher, order.id, 'dispatch', { technician: crew.techStaffId });
    const dispatched = (await crew.clients.admin.get(`/api/v1/audit?entityType=work_order&entityId=${order.id}&action=dispatch`)).json().items;
    expect(dispatched).toHaveLength(1);
    expect(dispatched[0].actionName['zh-CN']).toMatch(/派/);
    const unitEntry = (await crew.clients.admin.get(`/api/v1/audit?entityType=unit&entityId=${crew.org.unit.id}`)).json().items[0];
    // Units were created with their building: "1栋 101".
    if (unitEntry) expect(unitEntry.entity.label).toBe('1栋 101');
    const community = (await crew.clients.admin.get(`/api/v1/audit?entityType=community&entityId=${secondCommunity}`)).json().items;
    expect(community).toHaveLength(1);
    expect(community[0]).toMatchObject({ action: 'create', entity: { label: 'aud 二期', communityId: secondCommunity }, actor: { displayName: 'aud company_admin' } });
  });

  it('names every kind of work from its kind object alone: an inspection by its number', async () => {
    const withTables = registeredKinds().filter((k) => k.table).map((k) => k.type);
    expect(withTables).toEqual(expect.arrayContaining(['work_order', 'gate_pass', 'goods_slip', 'decoration', 'patrol_round', 'inspection', 'rectification', 'staff_incentive', 'improvement_measure']));
    for (const type of withTables) expect(auditEntityKind(type), type).toBeDefined();
    const opened = await crew.clients.admin.post('/api/v1/quality/inspections', { communityId: crew.org.community.id, templateKey: 'window_gate', place: '东门岗' });
    expect(opened.statusCode, opened.body).toBe(201);
    const inspection = opened.json() as { id: string; number: string };
    const items = (await crew.clients.admin.get(`/api/v1/audit?entityType=inspection&entityId=${inspection.id}`)).json().items;
    expect(items.length).toBeGreaterThan(0);
    expect(items[0].entity).toEqual({ label: inspection.number, communityId: crew.org.community.id });
    // The community filter finds it through the kind's table.
    const inCommunity = (await crew.clients.admin.get(`/api/v1/audit?entityType=inspection&communityId=${crew.org.community.id}`)).json().items;
    expect(inCommunity.map((e: { entityId: string }) => e.entityId)).toContain(inspection.id);
    // Another company's admin reads nothing of it.
    expect((await otherAdmin.get(`/api/v1/audit?entityType=inspection&entityId=${inspection.id}`)).json().items).toEqual([]);
  });

  it('filters by community (what belongs to it), person and date, scoped to the company', async () => {
    const first = (await crew.clients.admin.get(`/api/v1/audit?communityId=${crew.org.community.id}&pageSize=100`)).json();
    const ids = first.items.map((e: { entityId: string }) => e.entityId);
    expect(ids).toContain(order.id);
    expect(ids).not.toContain(secondCommunity);
    expect(first.items.length).toBeGreaterThan(0);
    expect(first.items.every((e: { entity: { communityId: string } | null }) => e.entity?.communityId === crew.org.community.id)).toBe(true);
    const second = (await crew.clients.admin.get(`/api/v1/audit?communityId=${secondCommunity}`)).json();
    expect(second.items.map((e: { entityId: string }) => e.entityId)).toEqual([secondCommunity]);
    // Another company's community is not found, like a random id.
    const foreign = await crew.clients.admin.get(`/api/v1/audit?communityId=${other.community.id}`);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.code).toBe('NOT_FOUND');
    expect((await crew.clients.admin.get(`/api/v1/audit?communityId=00000000-0000-4000-8000-000000000000`)).statusCode).toBe(404);

    const actors = (await crew.clients.admin.get('/api/v1/audit/actors')).json().items;
    const desk = actors.find((a: { displayName: string }) => a.displayName === 'aud service_desk');
    expect(desk).toBeDefined();
    expect(actors.map((a: { displayName: string }) => a.displayName)).not.toContain('audx company_admin');
    const byDesk = (await crew.clients.admin.get(`/api/v1/audit?actorId=${desk.id}&pageSize=100`)).json();
    expect(byDesk.total).toBeGreaterThan(0);
    expect(byDesk.items.length).toBeGreaterThan(0);
    expect(byDesk.items.every((e: { actor: { id: string } }) => e.actor.id === desk.id)).toBe(true);
    const future = new Date(Date.now() + 86_400_000).toISOString();
    expect((await crew.clients.admin.get(`/api/v1/audit?from=${encodeURIComponent(future)}`)).json().total).toBe(0);

    // Staff other than admins read no audit log.
    expect((await crew.clients.desk.get('/api/v1/audit')).statusCode).toBe(403);
    expect((await crew.clients.desk.get('/api/v1/audit/actors')).statusCode).toBe(403);
    expect((await crew.clients.desk.get('/api/v1/audit/export')).statusCode).toBe(403);
  });

  it('exports the filtered log with the columns of the screen', async () => {
    const res = await crew.clients.admin.get(`/api/v1/audit/export?communityId=${crew.org.community.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const rows = await parse(res.rawPayload);
    expect(rows[0]).toEqual(['时间', '操作人', '对象类型', '对象', '操作', '变更内容']);
    const total = (await crew.clients.admin.get(`/api/v1/audit?communityId=${crew.org.community.id}`)).json().total;
    expect(rows.length - 1).toBe(total);
    const created = rows.find((r) => r[3] === order.number && r[4] === '新建');
    expect(created).toBeDefined();
    expect(created![1]).toBe('aud service_desk');
    expect(created![2]).toBe('工单');
    expect(created![0]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect((await crew.clients.admin.get(`/api/v1/audit/export?communityId=${other.community.id}`)).statusCode).toBe(404);
  });

  it('refuses an export past its cap with the count, and a narrower one passes', async () => {
    const long = new Date('2020-01-01T00:00:00Z');
    await t.database.db.execute(sql`
      insert into audit_log (organization_id, actor_name, entity_type, entity_id, action, summary, at)
      select ${other.org.id}::uuid, 'x', 'community', ${other.community.id}, 'update', '{}'::jsonb, ${long.toISOString()}::timestamptz + (g || ' seconds')::interval
      from generate_series(1, ${AUDIT_EXPORT_MAX}) g`);
    const refused = await otherAdmin.get('/api/v1/audit/export');
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('EXPORT_TOO_LARGE');
    expect(refused.json().error.message).toContain(String(AUDIT_EXPORT_MAX));
    const narrow = await otherAdmin.get(`/api/v1/audit/export?from=${encodeURIComponent('2020-01-01T00:00:00Z')}&to=${encodeURIComponent('2020-01-01T00:01:41Z')}`);
    expect(narrow.statusCode).toBe(200);
    expect((await parse(narrow.rawPayload)).length - 1).toBe(100);
    const english = await otherAdmin.get('/api/v1/audit/export', { 'accept-language': 'en-US' });
    expect(english.json().error.message).toContain('narrow the filters');
  });
});
