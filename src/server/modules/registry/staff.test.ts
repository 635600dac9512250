import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../common/registry';
import { buildOrganization } from '../../test/factories';
import { createTestApp, type TestApp, type TestClient } from '../../test/test-app';
import { localToday } from './commands/shared';
import { ALL_ROLES, loginAs, readXlsx, type Org } from './test-kit';

let t: TestApp;
let org: Org;
let other: Org;
let admin: TestClient;
let manager: TestClient;
let secondCommunity: string;
const today = localToday();

beforeAll(async () => {
  t = await createTestApp();
  org = await buildOrganization(t.database, { prefix: 'st', roles: ALL_ROLES });
  other = await buildOrganization(t.database, { prefix: 'stx', roles: ['company_admin'] });
  admin = await loginAs(t, org, 'company_admin');
  manager = await loginAs(t, org, 'project_manager');
  secondCommunity = (await admin.post('/api/v1/communities', { name: 'st 第二小区' })).json().id;
});
afterAll(() => t.close());

const hire = (over: Record<string, unknown> = {}) => ({
  name: '郭新',
  phone: '13500000001',
  position: 'technician',
  skills: ['plumbing'],
  hireDate: addDays(today, -10),
  trainingStartedOn: addDays(today, -10),
  ...over,
});

describe('staff', () => {
  it('adds staff with training status; managers assign only communities they serve', async () => {
    for (const role of ['service_desk', 'technician', 'resident'] as const) {
      expect((await (await loginAs(t, org, role)).post('/api/v1/staff', hire())).statusCode, role).toBe(403);
    }
    const bad = await manager.post('/api/v1/staff', { name: '', phone: '1', position: 'chef', skills: ['magic'], onDuty: 'yes' });
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['name', 'onDuty', 'phone', 'position', 'skills.0']);
    const notServed = await manager.post('/api/v1/staff', hire({ communityIds: [secondCommunity] }));
    expect(notServed.json().error.fields).toEqual({ 'communityIds.0': '找不到该项目' });
    const early = await manager.post('/api/v1/staff', hire({ communityIds: [org.community.id], trainingCompletedOn: today }));
    expect(early.json().error.fields).toEqual({ trainingCompletedOn: `岗前培训须满 30 天，最早可在 ${addDays(today, 20)} 确认完成` });
    const res = await manager.post('/api/v1/staff', hire({ communityIds: [org.community.id] }));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      clearedForSoloWork: false,
      trainingCompletableOn: addDays(today, 20),
      communities: [{ id: org.community.id, name: 'st 小区' }],
      allowedActions: ['read', 'update', 'archive', 'completeTraining'],
    });
    expect((await manager.post('/api/v1/staff', hire({ communityIds: [org.community.id] }))).json().error.fields).toEqual({ phone: '已被使用' });
  });

  it('records training completion only after 30 days, with a field error before', async () => {
    const id = (await manager.get('/api/v1/staff?q=郭新')).json().items[0].id;
    const early = await manager.post(`/api/v1/staff/${id}/complete-training`, { completedOn: today });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.fields.completedOn).toContain('30 天');
    manager.language = 'en-US';
    const en = await manager.post(`/api/v1/staff/${id}/complete-training`, { completedOn: today });
    expect(en.json().error.fields.completedOn).toBe(`Pre-job training takes at least 30 days; it can be completed on ${addDays(today, 20)} at the earliest`);
    manager.language = 'zh-CN';
    expect((await manager.post(`/api/v1/staff/${id}/complete-training`, {})).json().error.fields).toEqual({ completedOn: '必填' });
    // Move the start back 40 days; now 30 days have passed.
    await manager.patch(`/api/v1/staff/${id}`, { trainingStartedOn: addDays(today, -40) });
    expect((await manager.post(`/api/v1/staff/${id}/complete-training`, { completedOn: addDays(today, 1) })).json().error.fields).toEqual({
      completedOn: '不能晚于今天',
    });
    expect((await (await loginAs(t, org, 'service_desk')).post(`/api/v1/staff/${id}/complete-training`, { completedOn: today })).statusCode).toBe(403);
    const ok = await manager.post(`/api/v1/staff/${id}/complete-training`, { completedOn: addDays(today, -10) });
    expect(ok.json()).toMatchObject({ clearedForSoloWork: true, trainingCompletedOn: addDays(today, -10) });
    expect(ok.json().allowedActions).toEqual(['read', 'update', 'archive']);
    const moved = await manager.patch(`/api/v1/staff/${id}`, { trainingStartedOn: addDays(today, -20) });
    expect(moved.json().error.fields.trainingStartedOn).toContain('30 天');
    const audit = (await admin.get(`/api/v1/audit?entityType=staff&entityId=${id}`)).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toContain('complete_training');
  });

  it('lists with filters, scoped to the communities served', async () => {
    const other2 = await admin.post('/api/v1/staff', hire({ name: '远方', phone: '13500000002', position: 'guard', communityIds: [secondCommunity] }));
    expect(other2.statusCode).toBe(201);
    const names = async (c: TestClient, q: string) => (await c.get(`/api/v1/staff?${q}`)).json().items.map((s: { name: string }) => s.name);
    expect(await names(admin, 'q=远方')).toEqual(['远方']);
    expect(await names(manager, 'q=远方')).toEqual([]);
    expect((await manager.get(`/api/v1/staff/${other2.json().id}`)).statusCode).toBe(404);
    expect(await names(admin, 'position=guard')).toEqual(['guard 员工', '远方']);
    expect(await names(admin, 'skill=plumbing&cleared=true')).toEqual(expect.arrayContaining(['郭新']));
    expect(await names(admin, 'cleared=false&position=guard')).toEqual(['guard 员工', '远方']);
    expect(await names(admin, 'cleared=true&position=guard')).toEqual([]);
    expect(await names(admin, `communityId=${secondCommunity}`)).toEqual(['远方']);
    expect(await names(admin, 'q=0002')).toEqual(['远方']);
    expect((await admin.get('/api/v1/staff?onDuty=maybe')).statusCode).toBe(400);
    expect((await (await loginAs(t, other, 'company_admin')).get(`/api/v1/staff/${other2.json().id}`)).statusCode).toBe(404);
  });

  it('keeps assignments a manager cannot see when the manager edits the communities', async () => {
    const id = (await admin.get('/api/v1/staff?q=郭新')).json().items[0].id;
    await admin.patch(`/api/v1/staff/${id}`, { communityIds: [org.community.id, secondCommunity] });
    const res = await manager.patch(`/api/v1/staff/${id}`, { communityIds: [org.community.id], onDuty: false });
    expect(res.json().onDuty).toBe(false);
    expect((await admin.get(`/api/v1/staff/${id}`)).json().communities.map((c: { id: string }) => c.id).sort()).toEqual(
      [org.community.id, secondCommunity].sort(),
    );
  });

  it('archives and exports with training status', async () => {
    const id = (await admin.get('/api/v1/staff?q=远方')).json().items[0].id;
    expect((await admin.post(`/api/v1/staff/${id}/archive`)).json().archivedAt).not.toBeNull();
    expect((await admin.post(`/api/v1/staff/${id}/archive`)).statusCode).toBe(409);
    const rows = await readXlsx((await admin.get('/api/v1/staff/export?q=郭新')).rawPayload);
    expect(rows[0]).toEqual(['姓名', '手机号', '岗位', '技能', '服务项目', '入职日期', '在岗', '培训开始', '培训完成', '可独立上岗']);
    expect(rows[1]).toEqual(expect.arrayContaining(['郭新', '工程维修', '水暖', '否', '是']));
  });
});
