import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganization } from '../../test/factories';
import { createTestApp, type TestApp, type TestClient } from '../../test/test-app';
import { ALL_ROLES, loginAs, readXlsx, type Org } from './test-kit';

let t: TestApp;
let org: Org;
let other: Org;
let admin: TestClient;
let manager: TestClient;
let tower: { id: string };
let residentPhone: string;

beforeAll(async () => {
  t = await createTestApp();
  org = await buildOrganization(t.database, { prefix: 'bu', roles: ALL_ROLES });
  other = await buildOrganization(t.database, { prefix: 'bux', roles: ['company_admin'] });
  admin = await loginAs(t, org, 'company_admin');
  manager = await loginAs(t, org, 'project_manager');
  residentPhone = org.resident.phone;
});
afterAll(() => t.close());

describe('buildings', () => {
  it('creates with field errors, uniqueness per community and 403 for roles without a need', async () => {
    const body = { communityId: org.community.id, name: '3栋', floors: 18, unitsPerFloor: 4 };
    for (const role of ['service_desk', 'technician', 'resident'] as const) {
      expect((await (await loginAs(t, org, role)).post('/api/v1/buildings', body)).statusCode, role).toBe(403);
    }
    const bad = await manager.post('/api/v1/buildings', { communityId: 'x', name: '', floors: 0, unitsPerFloor: 101 });
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['communityId', 'floors', 'name', 'unitsPerFloor']);
    const foreign = await manager.post('/api/v1/buildings', { ...body, communityId: other.community.id });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.fields).toEqual({ communityId: '找不到该项目' });
    const res = await manager.post('/api/v1/buildings', body);
    expect(res.statusCode).toBe(201);
    tower = res.json();
    expect(res.json()).toMatchObject({ name: '3栋', floors: 18, unitCount: 0, community: { id: org.community.id, name: 'bu 小区' } });
    expect((await manager.post('/api/v1/buildings', body)).json().error.fields).toEqual({ name: '已被使用' });
  });

  it('lists, filters and sorts buildings naturally', async () => {
    const page = (await admin.get(`/api/v1/buildings?communityId=${org.community.id}`)).json();
    expect(page.items.map((b: { name: string }) => b.name)).toEqual(['1栋', '3栋']);
    expect((await admin.get('/api/v1/buildings?q=3')).json().total).toBe(1);
    expect((await admin.get('/api/v1/buildings?sort=-name')).json().items[0].name).toBe('3栋');
    expect((await (await loginAs(t, org, 'resident')).get('/api/v1/buildings')).statusCode).toBe(403);
  });

  it('updates, refusing fewer floors than its units use', async () => {
    expect((await manager.post('/api/v1/units', { buildingId: tower.id, floor: 12, number: '1202', areaM2: 89.5 })).statusCode).toBe(201);
    const res = await manager.patch(`/api/v1/buildings/${tower.id}`, { floors: 10 });
    expect(res.json().error.fields).toEqual({ floors: '第 12 层仍有房屋，不能减少层数' });
    expect((await manager.patch(`/api/v1/buildings/${tower.id}`, { floors: 20 })).json().floors).toBe(20);
  });

  it('returns the floor × unit grid with statuses', async () => {
    const res = await admin.get(`/api/v1/buildings/${org.building.id}/grid`);
    expect(res.statusCode).toBe(200);
    const grid = res.json();
    expect(grid.floors.map((f: { floor: number }) => f.floor)).toEqual([3, 2, 1]);
    expect(grid.floors[2].units.map((u: { number: string }) => u.number)).toEqual(['101', '102']);
    expect(grid.floors[2].units[0].residentCount).toBe(1);
    expect(grid.counts).toEqual({ occupied: 0, vacant: 6, decorating: 0 });
    expect((await (await loginAs(t, other, 'company_admin')).get(`/api/v1/buildings/${org.building.id}/grid`)).statusCode).toBe(404);
  });
});

describe('units', () => {
  it('enforces floor range, basement use and number uniqueness per building', async () => {
    const post = (body: Record<string, unknown>) => manager.post('/api/v1/units', { buildingId: tower.id, ...body });
    expect((await post({ floor: 21, number: '2101' })).json().error.fields).toEqual({ floor: '楼层须在 1 到 20 之间' });
    expect((await post({ floor: -1, number: 'B101' })).json().error.fields).toEqual({ floor: '地下楼层只能登记车位或储藏室' });
    expect((await post({ floor: -1, number: 'B101', use: 'parking' })).statusCode).toBe(201);
    const dup = await post({ floor: 12, number: '1202' });
    expect(dup.json().error.fields).toEqual({ number: '已被使用' });
    // The same number in another building is fine.
    expect((await manager.post('/api/v1/units', { buildingId: org.building.id, floor: 3, number: '1202' })).statusCode).toBe(201);
    const missing = await post({ buildingId: other.building.id, floor: 1, number: '1' });
    expect(missing.json().error.fields).toEqual({ buildingId: '找不到该楼栋' });
    expect((await (await loginAs(t, org, 'service_desk')).post('/api/v1/units', { buildingId: tower.id, floor: 1, number: '101' })).statusCode).toBe(403);
  });

  it('finds a unit by number prefix, building + number, phone (full or last 4) and name', async () => {
    const desk = await loginAs(t, org, 'service_desk');
    const search = async (q: string) =>
      (await desk.get(`/api/v1/units?q=${encodeURIComponent(q)}`)).json().items.map((u: { label: string }) => u.label).sort();
    expect(await search('12')).toEqual(['1栋 1202', '3栋 1202']);
    expect(await search('3栋1202')).toEqual(['3栋 1202']);
    expect(await search('3-1202')).toEqual(['3栋 1202']);
    expect(await search('3栋')).toEqual(['3栋 1202', '3栋 B101']);
    expect(await search(residentPhone)).toEqual(['1栋 101']);
    expect(await search(residentPhone.slice(-4))).toContain('1栋 101');
    expect(await search('测试')).toEqual(['1栋 101']);
    expect(await search('%')).toEqual([]);
  });

  it('filters by community, building, floor, status and use, and pages', async () => {
    const q = (s: string) => admin.get(`/api/v1/units?${s}`).then((r) => r.json());
    expect((await q(`buildingId=${org.building.id}&floor=1`)).items.map((u: { number: string }) => u.number)).toEqual(['101', '102']);
    expect((await q('use=parking')).total).toBe(1);
    expect((await q('status=occupied')).total).toBe(0);
    expect((await q(`communityId=${org.community.id}&pageSize=2&page=2&sort=number`)).items).toHaveLength(2);
    expect((await admin.get('/api/v1/units?floor=abc')).json().error.fields.floor).toBeDefined();
  });

  it('shows the unit detail with names and masked current residents', async () => {
    const res = await admin.get(`/api/v1/units/${org.unit.id}`);
    expect(res.statusCode).toBe(200);
    const unit = res.json();
    expect(unit).toMatchObject({ label: '1栋 101', building: { name: '1栋' }, community: { name: 'bu 小区' }, residentCount: 1 });
    expect(unit.residents).toEqual([
      { id: org.resident.id, name: '测试业主', phone: `${residentPhone.slice(0, 3)}****${residentPhone.slice(-4)}`, relation: 'owner', moveInOn: null },
    ]);
    expect(res.body).not.toContain(residentPhone);
  });

  it('updates and archives; archived units stay readable and free their number', async () => {
    const id = (await admin.get('/api/v1/units?q=3栋1202')).json().items[0].id;
    expect((await manager.patch(`/api/v1/units/${id}`, { status: 'decorating', floor: 30 })).json().error.fields).toEqual({
      floor: '楼层须在 1 到 20 之间',
    });
    expect((await manager.patch(`/api/v1/units/${id}`, { status: 'decorating' })).json().status).toBe('decorating');
    const archived = await manager.post(`/api/v1/units/${id}/archive`);
    expect(archived.json().archivedAt).not.toBeNull();
    expect((await manager.patch(`/api/v1/units/${id}`, { status: 'vacant' })).statusCode).toBe(409);
    expect((await manager.post('/api/v1/units', { buildingId: tower.id, floor: 12, number: '1202' })).statusCode).toBe(201);
    const audit = (await admin.get(`/api/v1/audit?entityType=unit&entityId=${id}`)).json();
    expect(audit.items.map((e: { action: string }) => e.action).sort()).toEqual(['archive', 'create', 'update']);
  });

  it('shows a resident only their own units', async () => {
    const resident = await loginAs(t, org, 'resident');
    const list = (await resident.get('/api/v1/units')).json();
    expect(list.items.map((u: { id: string }) => u.id)).toEqual([org.unit.id]);
    expect(list.items[0].allowedActions).toEqual(['read']);
    const otherUnit = (await admin.get('/api/v1/units?q=102')).json().items[0].id;
    expect((await resident.get(`/api/v1/units/${otherUnit}`)).statusCode).toBe(404);
  });

  it('exports units with template headers and the same filters', async () => {
    const res = await admin.get(`/api/v1/units/export?buildingId=${tower.id}`);
    const rows = await readXlsx(res.rawPayload);
    expect(rows[0]).toEqual(['楼栋', '楼层', '房号', '面积(㎡)', '用途', '状态', '项目', '住户数']);
    expect(rows.slice(1).map((r) => `${r[2]}/${r[4]}/${r[5]}`).sort()).toEqual(['1202/住宅/空置', 'B101/车位/空置']);
    expect((await (await loginAs(t, org, 'guard')).get('/api/v1/units/export')).statusCode).toBe(403);
  });
});
