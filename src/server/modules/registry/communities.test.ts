import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganization } from '../../test/factories';
import { createTestApp, type TestApp, type TestClient } from '../../test/test-app';
import { ALL_ROLES, loginAs, readXlsx, type Org } from './test-kit';

let t: TestApp;
let org: Org;
let other: Org;
let admin: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  org = await buildOrganization(t.database, { prefix: 'cm', roles: ALL_ROLES });
  other = await buildOrganization(t.database, { prefix: 'cmx', roles: ['company_admin'] });
  admin = await loginAs(t, org, 'company_admin');
});
afterAll(() => t.close());

const valid = { name: '新城花园', address: '江城市新城路 1 号', serviceLevel: 2, contractStart: '2026-01-01', contractEnd: '2028-12-31' };

describe('communities', () => {
  it('answers 401 without a session', async () => {
    expect((await t.client().get('/api/v1/communities')).statusCode).toBe(401);
    expect((await t.client().get(`/api/v1/communities/${org.community.id}`)).statusCode).toBe(401);
  });

  it('lists the communities of the caller with counts and allowed actions', async () => {
    const page = (await admin.get('/api/v1/communities')).json();
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({ id: org.community.id, buildingCount: 1, unitCount: 6, allowedActions: ['read', 'update', 'archive'] });
    expect(page.allowedActions).toEqual(['list', 'create', 'export']);
    const desk = await loginAs(t, org, 'service_desk');
    const deskPage = (await desk.get('/api/v1/communities')).json();
    expect(deskPage.items[0].allowedActions).toEqual(['read']);
    expect(deskPage.allowedActions).toEqual(['list', 'export']);
  });

  it('lets only company admins create, naming every invalid field', async () => {
    for (const role of ALL_ROLES.filter((r) => r !== 'company_admin')) {
      const c = await loginAs(t, org, role);
      expect((await c.post('/api/v1/communities', valid)).statusCode, role).toBe(403);
    }
    const bad = await admin.post('/api/v1/communities', { name: '', serviceLevel: 4, managedAreaM2: -1, contractStart: 'soon', timeZone: 'Mars/Base', hotline: '拨打物业' });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['contractStart', 'hotline', 'managedAreaM2', 'name', 'serviceLevel', 'timeZone']);
    expect(bad.json().error.fields.hotline).toBe('请输入电话号码，如 0571-88886666 或 400-800-1234');
    const period = await admin.post('/api/v1/communities', { ...valid, contractEnd: '2025-12-31' });
    expect(period.json().error.fields).toEqual({ contractEnd: '结束日期须晚于开始日期' });
    const res = await admin.post('/api/v1/communities', valid);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ name: '新城花园', serviceLevel: 2, timeZone: 'Asia/Shanghai', hotline: null, archivedAt: null });
    // The hotline owners call is set (and cleared) on the community.
    const hotline = await admin.patch(`/api/v1/communities/${org.community.id}`, { hotline: ' 0571-8888 6666 ' });
    expect(hotline.json()).toMatchObject({ hotline: '0571-8888 6666' });
    expect((await admin.patch(`/api/v1/communities/${org.community.id}`, { hotline: null })).json().hotline).toBeNull();
    const dup = await admin.post('/api/v1/communities', valid);
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error.fields).toEqual({ name: '已被使用' });
  });

  it('updates with PATCH, re-checking the contract period against stored dates', async () => {
    const id = (await admin.get('/api/v1/communities?q=新城')).json().items[0].id;
    const res = await admin.patch(`/api/v1/communities/${id}`, { address: '新城路 2 号', managedAreaM2: 52000.5 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ address: '新城路 2 号', managedAreaM2: 52000.5, contractEnd: '2028-12-31' });
    admin.language = 'en-US';
    const bad = await admin.patch(`/api/v1/communities/${id}`, { contractStart: '2029-01-01' });
    expect(bad.json().error.fields).toEqual({ contractStart: 'The end date must be after the start date' });
    admin.language = 'zh-CN';
    const manager = await loginAs(t, org, 'project_manager');
    expect((await manager.patch(`/api/v1/communities/${org.community.id}`, { address: 'x' })).statusCode).toBe(403);
  });

  it('archives: the record stays readable, leaves the default list, refuses changes and keeps its history', async () => {
    const id = (await admin.get('/api/v1/communities?q=新城')).json().items[0].id;
    const res = await admin.post(`/api/v1/communities/${id}/archive`);
    expect(res.statusCode).toBe(200);
    expect(res.json().archivedAt).not.toBeNull();
    expect(res.json().allowedActions).toEqual(['read']);
    expect((await admin.get(`/api/v1/communities/${id}`)).json().archivedAt).not.toBeNull();
    expect((await admin.get('/api/v1/communities')).json().items.map((c: { id: string }) => c.id)).not.toContain(id);
    expect((await admin.get('/api/v1/communities?archived=archived')).json().items.map((c: { id: string }) => c.id)).toEqual([id]);
    const again = await admin.patch(`/api/v1/communities/${id}`, { address: 'y' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('该项目已归档，不能再修改');
    const audit = (await admin.get(`/api/v1/audit?entityType=community&entityId=${id}`)).json();
    expect(audit.items.map((e: { action: string }) => e.action).sort()).toEqual(['archive', 'create', 'update']);
    // The archived name is free again.
    expect((await admin.post('/api/v1/communities', valid)).statusCode).toBe(201);
  });

  it('hides other tenants: 404 for their ids, nothing in lists', async () => {
    const outsider = await loginAs(t, other, 'company_admin');
    expect((await outsider.get(`/api/v1/communities/${org.community.id}`)).statusCode).toBe(404);
    expect((await outsider.patch(`/api/v1/communities/${org.community.id}`, { address: 'x' })).statusCode).toBe(404);
    expect((await outsider.post(`/api/v1/communities/${org.community.id}/archive`)).statusCode).toBe(404);
    const list = (await outsider.get('/api/v1/communities?archived=all')).json();
    expect(list.items.map((c: { id: string }) => c.id)).toEqual([other.community.id]);
    expect((await admin.get('/api/v1/communities/not-a-uuid')).statusCode).toBe(400);
  });

  it('shows a resident their own community only, read-only', async () => {
    const resident = await loginAs(t, org, 'resident');
    const list = (await resident.get('/api/v1/communities')).json();
    expect(list.items.map((c: { id: string }) => c.id)).toEqual([org.community.id]);
    expect(list.items[0].allowedActions).toEqual(['read']);
    expect((await resident.get('/api/v1/communities/export')).statusCode).toBe(403);
  });

  it('exports the filtered list as xlsx', async () => {
    const res = await admin.get('/api/v1/communities/export?sort=-name');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const rows = await readXlsx(res.rawPayload);
    expect(rows[0]!.slice(0, 4)).toEqual(['项目名称', '地址', '管理面积(㎡)', '服务等级']);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['新城花园', 'cm 小区']);
    expect((await (await loginAs(t, org, 'technician')).get('/api/v1/communities/export')).statusCode).toBe(403);
  });
});
