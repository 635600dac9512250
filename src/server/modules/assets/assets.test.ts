import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../auth/context';
import { createBuilding } from '../registry/commands/create-building';
import { createCommunity } from '../registry/commands/create-community';
import { archiveRecord } from '../registry/commands/archive-record';
import { buildOrganization } from '../../test/factories';
import { createTestApp, TEST_DB, type TestApp, type TestClient } from '../../test/test-app';
import { auditLog } from '../audit/tables';
import { fileUpload, loginAs, readXlsx, xlsxOf, type Org } from '../registry/test-kit';
import { assets } from './tables';

/*
 * The facilities register through the API: per-field validation in both languages, generated
 * codes, who reads and who changes (404 for another community's or company's asset), retiring,
 * search and filters, the export, the all-or-nothing import and the audit trail.
 */

let t: TestApp;
let org: Org;
let other: Org;
let second: { communityId: string; buildingId: string };
let admin: TestClient;
let manager: TestClient;
let tech: TestClient;
let guard: TestClient;
let resident: TestClient;
let outsider: TestClient;

const base = (over: Record<string, unknown> = {}) => ({ communityId: org.community.id, name: '1栋1号客梯', category: 'lift', ...over });
const upload = (c: TestClient, mode: string, name: string, data: Buffer | string, communityId = org.community.id) => {
  const { body, headers } = fileUpload(name, data);
  return c.request('POST', `/api/v1/assets/import?communityId=${communityId}&mode=${mode}`, body, headers);
};
const countIn = async (communityId: string) => (await t.database.db.select({ n: count() }).from(assets).where(eq(assets.communityId, communityId)))[0]!.n;

beforeAll(async () => {
  t = await createTestApp();
  org = await buildOrganization(t.database, { prefix: 'as', roles: ['company_admin', 'project_manager', 'technician', 'guard', 'resident'] });
  other = await buildOrganization(t.database, { prefix: 'asx', roles: ['company_admin'] });
  // A second community of the same company, served by none of its staff logins.
  second = await t.database.db.transaction(async (tx) => {
    const ctx = systemContext(org.org.id);
    const community = await createCommunity(tx, ctx, org.org.id, { name: 'as 第二小区', serviceLevel: 2 });
    const building = await createBuilding(tx, ctx, { communityId: community.id, name: '9栋', floors: 2, unitsPerFloor: 1 }, {});
    return { communityId: community.id, buildingId: building.id };
  });
  [admin, manager, tech, guard, resident, outsider] = await Promise.all([
    loginAs(t, org, 'company_admin'),
    loginAs(t, org, 'project_manager'),
    loginAs(t, org, 'technician'),
    loginAs(t, org, 'guard'),
    loginAs(t, org, 'resident'),
    loginAs(t, other, 'company_admin'),
  ]);
});
afterAll(() => t.close());

describe(`the facilities register (${TEST_DB})`, () => {
  it('answers bad input per field in the caller’s language, and writes nothing', async () => {
    const zh = await manager.post('/api/v1/assets', { communityId: org.community.id, name: ' ', category: 'elevator', code: 'A B', maintainerPhone: '电话', installedOn: '2024-13-01' }, { 'accept-language': 'zh-CN' });
    expect(zh.statusCode).toBe(400);
    expect(zh.json().error.fields).toMatchObject({
      name: '必填',
      code: '编号只能包含字母、数字和 - _ . /，且以字母或数字开头',
      maintainerPhone: '请输入电话号码，如 0571-88886666 或 400-800-1234',
    });
    expect(Object.keys(zh.json().error.fields).sort()).toEqual(['category', 'code', 'installedOn', 'maintainerPhone', 'name']);
    // Rules across fields and records: the warranty against the install date, the building against the community.
    const en = await manager.post('/api/v1/assets', base({ installedOn: '2024-06-01', warrantyUntil: '2024-05-31', buildingId: second.buildingId }), { 'accept-language': 'en-US' });
    expect(en.statusCode).toBe(400);
    expect(en.json().error.fields).toEqual({ warrantyUntil: 'The warranty cannot end before the install date', buildingId: 'This building was not found' });
    expect(await countIn(org.community.id)).toBe(0);
  });

  it('numbers assets SB-0001 … per community, skipping codes typed by hand, and refuses a code in use', async () => {
    const first = await manager.post('/api/v1/assets', base({ buildingId: org.building.id, place: '东侧电梯井', brand: '三菱', maintainer: '江城电梯', maintainerPhone: '400-820-6262', installedOn: '2024-06-01', warrantyUntil: '2026-05-31' }));
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ code: 'SB-0001', buildingName: '1栋', communityName: 'as 小区', status: 'in_use', allowedActions: ['edit', 'retire'] });
    expect((await manager.post('/api/v1/assets', base({ code: 'SB-0002', name: '生活水泵 1#', category: 'water_pump' }))).json().code).toBe('SB-0002');
    expect((await manager.post('/api/v1/assets', base({ name: '生活水泵 2#', category: 'water_pump', place: '地下一层水泵房' }))).json().code).toBe('SB-0003');
    const twice = await manager.post('/api/v1/assets', base({ code: 'SB-0003', name: '重复' }));
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.fields).toEqual({ code: '已被使用' });
    // Another community counts from 1 again.
    const elsewhere = await admin.post('/api/v1/assets', { communityId: second.communityId, name: '南门道闸', category: 'barrier_gate' });
    expect(elsewhere.json()).toMatchObject({ code: 'SB-0001' });
  });

  it('lets staff of the community read, only managers change, and answers 404 outside the caller’s scope', async () => {
    const mine = (await manager.get('/api/v1/assets')).json();
    expect(mine.items.map((a: { code: string }) => a.code)).toEqual(['SB-0001', 'SB-0002', 'SB-0003']);
    expect(mine.allowedActions).toEqual(['create', 'import']);
    const id = mine.items[0].id as string;
    const seen = (await tech.get(`/api/v1/assets/${id}`)).json();
    expect(seen).toMatchObject({ maintainerPhone: '400-820-6262', allowedActions: [] });
    expect((await guard.get('/api/v1/assets')).json()).toMatchObject({ total: 3, allowedActions: [] });
    expect((await tech.post('/api/v1/assets', base({ name: '技工新增' }))).statusCode).toBe(403);
    expect((await tech.patch(`/api/v1/assets/${id}`, { status: 'stopped' })).statusCode).toBe(403);
    expect((await tech.post(`/api/v1/assets/${id}/retire`, { reason: '技工报废' })).statusCode).toBe(403);
    // Residents do not see the register.
    expect((await resident.get('/api/v1/assets')).json().total).toBe(0);
    expect((await resident.get(`/api/v1/assets/${id}`)).statusCode).toBe(404);
    // The second community's asset: the company admin sees it, the project manager of the first gets 404, like another company.
    const [theirs] = await t.database.db.select().from(assets).where(eq(assets.communityId, second.communityId));
    expect((await admin.get(`/api/v1/assets/${theirs!.id}`)).statusCode).toBe(200);
    for (const c of [manager, tech, outsider]) {
      expect((await c.get(`/api/v1/assets/${theirs!.id}`)).statusCode).toBe(404);
      expect((await c.patch(`/api/v1/assets/${theirs!.id}`, { name: '改名' })).statusCode).toBe(404);
      expect((await c.post(`/api/v1/assets/${theirs!.id}/retire`, { reason: '报废' })).statusCode).toBe(404);
    }
    expect((await outsider.get(`/api/v1/assets/${id}`)).json().error.message).toBe('找不到该设施设备');
    const foreignCommunity = await manager.post('/api/v1/assets', { communityId: second.communityId, name: '越权新增', category: 'other' });
    expect(foreignCommunity.statusCode).toBe(400);
    expect(foreignCommunity.json().error.fields).toEqual({ communityId: '找不到该项目' });
    expect((await outsider.get('/api/v1/assets')).json().total).toBe(0);
    expect((await manager.get(`/api/v1/assets?communityId=${second.communityId}`)).json()).toMatchObject({ total: 0, allowedActions: [] });
  });

  it('changes and retires an asset: a retired one leaves the default list and cannot be changed', async () => {
    const [pump] = await t.database.db.select().from(assets).where(and(eq(assets.communityId, org.community.id), eq(assets.code, 'SB-0002')));
    const changed = await manager.patch(`/api/v1/assets/${pump!.id}`, { status: 'under_repair', place: '地下一层水泵房', notes: '机封漏水' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ status: 'under_repair', place: '地下一层水泵房', name: '生活水泵 1#' });
    // null clears an optional field; sending the code of another asset is refused.
    expect((await manager.patch(`/api/v1/assets/${pump!.id}`, { notes: null })).json().notes).toBeNull();
    expect((await manager.patch(`/api/v1/assets/${pump!.id}`, { code: 'SB-0001' })).json().error.fields).toEqual({ code: '已被使用' });
    expect((await manager.patch(`/api/v1/assets/${pump!.id}`, { status: 'retired' })).statusCode).toBe(400);
    expect((await manager.post(`/api/v1/assets/${pump!.id}/retire`, {})).json().error.fields).toEqual({ reason: '必填' });
    const retired = await manager.post(`/api/v1/assets/${pump!.id}/retire`, { reason: '机封老化，整机更换' });
    expect(retired.json()).toMatchObject({ status: 'retired', retiredReason: '机封老化，整机更换', allowedActions: [] });
    expect(retired.json().retiredAt).toBeTruthy();
    const again = await manager.patch(`/api/v1/assets/${pump!.id}`, { name: '再改' }, { 'accept-language': 'en-US' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('This asset is retired and can no longer be changed');
    expect((await manager.get('/api/v1/assets')).json().items.map((a: { code: string }) => a.code)).toEqual(['SB-0001', 'SB-0003']);
    expect((await manager.get('/api/v1/assets?status=retired')).json().items.map((a: { code: string }) => a.code)).toEqual(['SB-0002']);
  });

  it('searches by code, name or place and filters by category, status and building', async () => {
    const codes = async (query: string) => ((await tech.get(`/api/v1/assets?${query}`)).json().items as { code: string }[]).map((a) => a.code);
    expect(await codes('q=水泵房')).toEqual(['SB-0003']);
    expect(await codes('q=sb-0001')).toEqual(['SB-0001']);
    expect(await codes('q=客梯')).toEqual(['SB-0001']);
    expect(await codes('q=%25')).toEqual([]);
    expect(await codes('category=water_pump')).toEqual(['SB-0003']);
    expect(await codes(`buildingId=${org.building.id}`)).toEqual(['SB-0001']);
    expect(await codes('status=in_use&category=lift')).toEqual(['SB-0001']);
    expect((await tech.get('/api/v1/assets?category=rocket')).statusCode).toBe(400);
  });

  it('exports the filtered list with the import template’s columns', async () => {
    const file = await tech.get('/api/v1/assets?format=xlsx&category=lift');
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    const [headers, ...rows] = await readXlsx(file.rawPayload);
    expect(headers).toEqual(['项目', '编号', '名称', '类别', '楼栋', '位置', '品牌', '型号', '出厂编号', '安装日期', '保修截止', '维保单位', '维保电话', '状态', '备注']);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.slice(0, 6)).toEqual(['as 小区', 'SB-0001', '1栋1号客梯', '电梯', '1栋', '东侧电梯井']);
    expect(rows[0]![12]).toBe('400-820-6262');
    expect(rows[0]![13]).toBe('在用');
    // Nothing of another company in its export.
    expect(await readXlsx((await outsider.get('/api/v1/assets?format=xlsx')).rawPayload)).toHaveLength(1);
  });

  it('imports a register all or nothing: the template, every problem by row and column, then the whole file', async () => {
    const template = await readXlsx((await manager.get('/api/v1/assets/import-template')).rawPayload);
    expect(template[0]).toEqual(['编号', '名称', '类别', '楼栋', '位置', '品牌', '型号', '出厂编号', '安装日期', '保修截止', '维保单位', '维保电话', '状态', '备注']);
    expect((await tech.get('/api/v1/assets/import-template')).statusCode).toBe(403);

    const headers = ['编号', '名称', '类别', '楼栋', '位置', '安装日期', '保修截止', '维保电话', '状态'];
    const good = [
      ['', '2栋1号客梯', '电梯', '1栋', '东侧电梯井', '2023-05-01', '2025-04-30', '400-820-6262', '在用'],
      ['XF-01', '火灾报警控制器', 'fire_system', '', '消防控制室', '2023/5/1', '', '0571-86651119', ''],
      ['', '南门道闸', 'Barrier gate', '', '南门', '', '', '', '维修中'],
    ];
    const bad = [
      ...good,
      ['XF-01', '', '火箭', '8栋', '', '2024-02-30', '', 'abc', '报废'],
      ['SB-0001', '重号', '监控', '', '', '2024-06-01', '2024-05-01', '', ''],
    ];
    const before = await countIn(org.community.id);
    const dry = await upload(manager, 'dry-run', 'bad.xlsx', await xlsxOf(headers, bad));
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ ok: false, mode: 'dry-run', rows: 5, created: 0 });
    expect(dry.json().errors).toEqual([
      { row: 5, column: '编号', message: '与第 3 行重复' },
      { row: 5, column: '名称', message: '必填' },
      { row: 5, column: '类别', message: expect.stringContaining('无法识别“火箭”') },
      { row: 5, column: '楼栋', message: '本项目没有楼栋“8栋”' },
      { row: 5, column: '安装日期', message: '请填写日期，如 2024-06-01' },
      { row: 5, column: '维保电话', message: '请输入电话号码，如 0571-88886666 或 400-800-1234' },
      { row: 5, column: '状态', message: '导入时状态只能是 在用/停用/维修中' },
      { row: 6, column: '编号', message: '已被使用' },
      { row: 6, column: '保修截止', message: '保修截止日期不能早于安装日期' },
    ]);
    // A commit with problems writes nothing, not even the good rows.
    const refused = await upload(manager, 'commit', 'bad.xlsx', await xlsxOf(headers, bad));
    expect(refused.json()).toMatchObject({ ok: false, created: 0 });
    expect(await countIn(org.community.id)).toBe(before);
    // Only managers of the community import; another community's id reads like a random one.
    expect((await upload(tech, 'dry-run', 'good.xlsx', await xlsxOf(headers, good))).statusCode).toBe(403);
    expect((await upload(manager, 'dry-run', 'good.xlsx', await xlsxOf(headers, good), second.communityId)).statusCode).toBe(404);
    expect((await upload(outsider, 'dry-run', 'good.xlsx', await xlsxOf(headers, good))).statusCode).toBe(404);

    const ok = await upload(manager, 'commit', 'good.xlsx', await xlsxOf(headers, good));
    expect(ok.json()).toEqual({ ok: true, mode: 'commit', rows: 3, created: 3, errors: [] });
    const imported = (await manager.get('/api/v1/assets?pageSize=50')).json().items as { code: string; name: string; category: string; status: string; buildingName: string | null; installedOn: string | null }[];
    expect(imported.map((a) => a.code)).toEqual(['SB-0001', 'SB-0003', 'SB-0004', 'SB-0005', 'XF-01']);
    expect(imported.find((a) => a.code === 'XF-01')).toMatchObject({ category: 'fire_system', installedOn: '2023-05-01', status: 'in_use' });
    expect(imported.find((a) => a.name === '南门道闸')).toMatchObject({ category: 'barrier_gate', status: 'under_repair', buildingName: null });
    expect(imported.find((a) => a.name === '2栋1号客梯')).toMatchObject({ buildingName: '1栋' });
  });

  it('refuses a building archived since, and keeps an audit record of every change', async () => {
    const building = await t.database.db.transaction(async (tx) => {
      const b = await createBuilding(tx, systemContext(org.org.id), { communityId: org.community.id, name: '旧楼', floors: 1, unitsPerFloor: 1 }, {});
      await archiveRecord(tx, systemContext(org.org.id), 'building', b);
      return b;
    });
    const archived = await manager.post('/api/v1/assets', base({ name: '旧楼门禁', category: 'access_control', buildingId: building.id }));
    expect(archived.json().error.fields).toEqual({ buildingId: '该楼栋已归档' });

    const [lift] = await t.database.db.select().from(assets).where(and(eq(assets.communityId, org.community.id), eq(assets.code, 'SB-0001')));
    await manager.patch(`/api/v1/assets/${lift!.id}`, { maintainer: '江城三菱电梯工程有限公司' });
    const rows = await t.database.db.select().from(auditLog).where(eq(auditLog.entityType, 'asset'));
    const actions = (id: string | null) => rows.filter((r) => r.entityId === id).map((r) => r.action).sort();
    expect(actions(lift!.id)).toEqual(['create', 'update']);
    const [pump] = await t.database.db.select().from(assets).where(and(eq(assets.communityId, org.community.id), eq(assets.code, 'SB-0002')));
    expect(actions(pump!.id)).toEqual(['create', 'retire', 'update', 'update']);
    const imports = rows.filter((r) => r.action === 'import');
    expect(imports).toHaveLength(1);
    expect(imports[0]!.summary).toMatchObject({ after: { communityId: org.community.id, created: 3, fileName: 'good.xlsx' } });
    // The audit log names assets by code and name, and finds them by community.
    const log = (await admin.get(`/api/v1/audit?entityType=asset&entityId=${lift!.id}`)).json();
    expect(log.items.map((e: { entity: { label: string } | null }) => e.entity?.label)).toEqual(['SB-0001 1栋1号客梯', 'SB-0001 1栋1号客梯']);
    expect((await admin.get(`/api/v1/audit?entityType=asset&communityId=${second.communityId}`)).json().total).toBe(1);
  });
});
