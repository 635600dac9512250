import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganization } from '../../test/factories';
import { createTestApp, type TestApp, type TestClient } from '../../test/test-app';
import { auditLog } from '../audit/tables';
import { units } from './tables';
import { ALL_ROLES, loginAs, readXlsx, type Org } from './test-kit';

let t: TestApp;
let org: Org;
let other: Org;
let admin: TestClient;
let desk: TestClient;
let unit102: string;
let unit201: string;

beforeAll(async () => {
  t = await createTestApp();
  org = await buildOrganization(t.database, { prefix: 'rs', roles: ALL_ROLES });
  other = await buildOrganization(t.database, { prefix: 'rsx', roles: ['company_admin'] });
  admin = await loginAs(t, org, 'company_admin');
  desk = await loginAs(t, org, 'service_desk');
  const rows = await t.database.db.select().from(units).where(eq(units.buildingId, org.building.id));
  unit102 = rows.find((u) => u.number === '102')!.id;
  unit201 = rows.find((u) => u.number === '201')!.id;
});
afterAll(() => t.close());

const person = { name: '王建国', phone: '13612345678', idType: 'id_card', idNumber: '320102199001011234', plates: ['苏A12345'] };

describe('residents', () => {
  it('registers with field errors and one phone per organization', async () => {
    for (const role of ['technician', 'guard', 'dispatcher', 'resident'] as const) {
      expect((await (await loginAs(t, org, role)).post('/api/v1/residents', person)).statusCode, role).toBe(403);
    }
    const bad = await desk.post('/api/v1/residents', { name: '', phone: '12345', plates: ['x'], units: [{ unitId: 'nope', relation: 'boss' }] });
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['name', 'phone', 'plates.0', 'units.0.relation', 'units.0.unitId']);
    expect(bad.json().error.fields.phone).toBe('请输入 11 位手机号码');
    expect((await desk.post('/api/v1/residents', person)).json().error.fields).toEqual({ units: '必填' });
    const foreign = await desk.post('/api/v1/residents', { ...person, units: [{ unitId: other.unit.id, relation: 'owner' }] });
    expect(foreign.json().error.fields).toEqual({ 'units.0.unitId': '找不到该房屋' });
    const res = await desk.post('/api/v1/residents', { ...person, units: [{ unitId: unit102, relation: 'owner', moveInOn: '2024-06-01' }] });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ name: '王建国', phone: '136****5678', idNumber: '320***********1234', plates: ['苏A12345'] });
    expect(res.json().units[0]).toMatchObject({ relation: 'owner', moveInOn: '2024-06-01', moveOutOn: null, unit: { label: '1栋 102' } });
    expect(res.json().allowedActions).toEqual(['read', 'update', 'archive', 'reveal']);
    const dup = await desk.post('/api/v1/residents', { ...person, name: '另一人', units: [{ unitId: unit201, relation: 'tenant' }] });
    expect(dup.json().error.fields).toEqual({ phone: '已被使用' });
    // Another organization may register the same phone.
    expect((await (await loginAs(t, other, 'company_admin')).post('/api/v1/residents', person)).statusCode).toBe(201);
  });

  it('masks phones and ID numbers in lists and details for every role, and searches them', async () => {
    for (const role of ['company_admin', 'project_manager', 'service_desk', 'technician'] as const) {
      const c = await loginAs(t, org, role);
      const res = await c.get('/api/v1/residents?q=5678');
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain('13612345678');
      expect(res.body).not.toContain('320102199001011234');
      expect(res.json().items.map((r: { name: string }) => r.name)).toEqual(['王建国']);
    }
    expect((await desk.get('/api/v1/residents?q=13612345678')).json().total).toBe(1);
    expect((await desk.get('/api/v1/residents?q=建国')).json().total).toBe(1);
    expect((await desk.get('/api/v1/residents?q=102')).json().total).toBe(1);
    expect((await desk.get(`/api/v1/residents?unitId=${org.unit.id}`)).json().items.map((r: { id: string }) => r.id)).toEqual([org.resident.id]);
    expect((await desk.get('/api/v1/residents?relation=tenant')).json().total).toBe(0);
  });

  it('reveals the full value only to roles with a need, with a reason, and audits it', async () => {
    const id = (await desk.get('/api/v1/residents?q=建国')).json().items[0].id;
    const res = await desk.post(`/api/v1/residents/${id}/reveal`, { field: 'phone', reason: '回访联系业主' });
    expect(res.json()).toEqual({ field: 'phone', value: '13612345678' });
    expect((await admin.post(`/api/v1/residents/${id}/reveal`, { field: 'idNumber', reason: '核实身份' })).json().value).toBe('320102199001011234');
    expect((await desk.post(`/api/v1/residents/${id}/reveal`, { field: 'phone' })).json().error.fields).toEqual({ reason: '必填' });
    expect((await desk.post(`/api/v1/residents/${id}/reveal`, { field: 'email', reason: 'xx' })).statusCode).toBe(400);
    for (const role of ['technician', 'dispatcher', 'guard', 'quality_inspector'] as const) {
      expect((await (await loginAs(t, org, role)).post(`/api/v1/residents/${id}/reveal`, { field: 'phone', reason: '想看看' })).statusCode, role).toBe(403);
    }
    const outsider = await loginAs(t, other, 'company_admin');
    expect((await outsider.post(`/api/v1/residents/${id}/reveal`, { field: 'phone', reason: '想看看' })).statusCode).toBe(404);
    const reveals = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, id), eq(auditLog.action, 'reveal')));
    expect(reveals.map((r) => r.summary.after)).toEqual(
      expect.arrayContaining([
        { field: 'phone', reason: '回访联系业主' },
        { field: 'idNumber', reason: '核实身份' },
      ]),
    );
    expect(reveals).toHaveLength(2);
  });

  it('shows a resident only their own household', async () => {
    const household = await desk.post('/api/v1/residents', { name: '测试家属', phone: '13612340000', units: [{ unitId: org.unit.id, relation: 'family' }] });
    expect(household.statusCode).toBe(201);
    const resident = await loginAs(t, org, 'resident');
    const list = (await resident.get('/api/v1/residents')).json();
    expect(list.items.map((r: { name: string }) => r.name).sort()).toEqual(['测试业主', '测试家属']);
    expect(list.items[0].allowedActions).toEqual(['read']);
    expect(list.allowedActions).toEqual(['list']);
    const stranger = (await desk.get('/api/v1/residents?q=建国')).json().items[0].id;
    expect((await resident.get(`/api/v1/residents/${stranger}`)).statusCode).toBe(404);
    expect((await resident.post(`/api/v1/residents/${org.resident.id}/reveal`, { field: 'phone', reason: '自己看' })).statusCode).toBe(403);
    expect((await resident.get('/api/v1/staff')).statusCode).toBe(403);
  });

  it('replaces bindings on update, keeping ended ones as history', async () => {
    const id = (await desk.get('/api/v1/residents?q=建国')).json().items[0].id;
    const res = await desk.patch(`/api/v1/residents/${id}`, { plates: [], units: [{ unitId: unit201, relation: 'tenant' }] });
    expect(res.statusCode).toBe(200);
    const bindings = res.json().units;
    expect(bindings.map((b: { unit: { label: string }; moveOutOn: string | null }) => [b.unit.label, b.moveOutOn === null])).toEqual([
      ['1栋 201', true],
      ['1栋 102', false],
    ]);
    expect(res.json().plates).toEqual([]);
    expect((await desk.patch(`/api/v1/residents/${id}`, { phone: org.resident.phone })).json().error.fields).toEqual({ phone: '已被使用' });
    const audit = (await admin.get(`/api/v1/audit?entityType=resident&entityId=${id}&action=update`)).json();
    expect(audit.items[0].summary.after).toEqual({ fields: ['plates'], bindingsEnded: 1, bindingsAdded: 1 });
    expect(JSON.stringify(audit)).not.toContain('13612345678');
  });

  it('archives, ending the bindings and freeing the phone', async () => {
    const id = (await desk.get('/api/v1/residents?q=建国')).json().items[0].id;
    const res = await desk.post(`/api/v1/residents/${id}/archive`);
    expect(res.json().archivedAt).not.toBeNull();
    expect(res.json().units.every((b: { moveOutOn: string | null }) => b.moveOutOn !== null)).toBe(true);
    expect(res.json().allowedActions).toEqual(['read', 'reveal']);
    expect((await desk.patch(`/api/v1/residents/${id}`, { name: 'x' })).statusCode).toBe(409);
    expect((await desk.get('/api/v1/residents?q=建国')).json().total).toBe(0);
    expect((await desk.get('/api/v1/residents?q=建国&archived=all')).json().total).toBe(1);
    expect((await desk.post('/api/v1/residents', { ...person, units: [{ unitId: unit102, relation: 'owner' }] })).statusCode).toBe(201);
  });

  it('exports residents with masked personal data', async () => {
    const res = await desk.get('/api/v1/residents/export');
    expect(res.statusCode).toBe(200);
    const rows = await readXlsx(res.rawPayload);
    expect(rows[0]).toEqual(['姓名', '手机号', '证件类型', '证件号码', '车牌', '楼栋', '房号', '关系', '入住日期', '项目']);
    const wang = rows.find((r) => r[0] === '王建国')!;
    expect(wang.slice(0, 8)).toEqual(['王建国', '136****5678', '身份证', '320***********1234', '苏A12345', '1栋', '102', '业主']);
    expect(JSON.stringify(rows)).not.toContain('13612345678');
  });
});
