import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../auth/tables';
import { buildOrganization, TEST_PASSWORD } from '../../test/factories';
import { createTestApp, type TestApp, type TestClient } from '../../test/test-app';
import { localDateIn } from '../../work/numbering';
import { useInspectionLibrary } from '../quality';
import { sweepTimers } from '../standards/sweeper';
import { uploadAs } from '../work-orders/test-kit';

// Inspections run on quality's small fixture library (gate_check).
useInspectionLibrary(join(__dirname, '../quality/fixtures'));

let t: TestApp;
let org: Awaited<ReturnType<typeof buildOrganization>>;
let admin: TestClient;
let manager: TestClient;
let inspector: TestClient;
let desk: TestClient;
let guard: TestClient;
let outsider: TestClient;
let guardStaffId: string;
let deskStaffId: string;
let outsiderStaffId: string;
const month = () => localDateIn('Asia/Shanghai', new Date()).slice(0, 7);

async function staffIdOf(username: string): Promise<string> {
  const [u] = await t.database.db.select({ staffId: users.staffId }).from(users).where(eq(users.username, username));
  return u!.staffId!;
}

beforeAll(async () => {
  t = await createTestApp();
  org = await buildOrganization(t.database, { prefix: 'ap', roles: ['company_admin', 'project_manager', 'quality_inspector', 'guard', 'service_desk', 'resident'] });
  const login = (u: string) => t.client().login(u, TEST_PASSWORD);
  admin = await login(org.users.company_admin!);
  manager = await login(org.users.project_manager!);
  inspector = await login(org.users.quality_inspector!);
  desk = await login(org.users.service_desk!);
  guard = await login(org.users.guard!);
  guardStaffId = await staffIdOf(org.users.guard!);
  deskStaffId = await staffIdOf(org.users.service_desk!);
  const other = await buildOrganization(t.database, { prefix: 'aq', roles: ['project_manager', 'guard'] });
  outsider = await login(other.users.project_manager!);
  outsiderStaffId = await staffIdOf(other.users.guard!);
});
afterAll(() => t.close());

/** A gate check of the guard with one failure; returns its score. */
async function inspectGuard(): Promise<number> {
  const opened = await inspector.post('/api/v1/quality/inspections', { communityId: org.community.id, templateKey: 'gate_check', place: '东门岗' });
  expect(opened.statusCode, opened.body).toBe(201);
  const answers = {
    pedestrian_gate: { guard_grooming: { result: 'pass' }, greets_residents: { result: 'fail', photoIds: [await uploadAs(inspector)] }, checks_visitors: { result: 'pass' }, gate_runs_smoothly: { result: 'pass' } },
    gate_post: { booth_tidy: { score: 10 }, night_lighting: { value: 120 }, logbook_current: { result: 'pass' }, handover_remarks: { text: '交接清楚' }, parasol_in_place: { result: 'pass' } },
    staff_grooming: { badge_worn: { result: 'pass' }, no_phone: { result: 'pass' } },
  };
  const res = await inspector.post(`/api/v1/quality/inspections/${opened.json().id}/actions/submit`, { inspected_staff: guardStaffId, signature: await uploadAs(inspector, 'signature'), answers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().score as number;
}

/** A complaint the desk files and replies to; `about` names the staff member complained about. */
async function complaint(category: string, about?: string): Promise<string> {
  const made = await desk.post('/api/v1/work-orders', { kind: 'complaint', communityId: org.community.id, unitId: org.unit.id, channel: 'phone', category, description: '秩序员态度生硬', reporterResidentId: org.resident.id });
  expect(made.statusCode, made.body).toBe(201);
  if (about) {
    const replied = await desk.post(`/api/v1/work-orders/${made.json().id}/actions/reply`, { reply: '已核实，向业主致歉', channel: 'phone', about_staff: about });
    expect(replied.statusCode, replied.body).toBe(200);
  }
  return made.json().id;
}

describe('weights per position', () => {
  it('refuses weights that do not add up to 100 on each of the four, in the caller’s language', async () => {
    const bad = await admin.put('/api/v1/appraisal/weights/guard', { inspection: 50, sla: 30, rating: 20, complaints: 10 }, { 'accept-language': 'en-US' });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['complaints', 'inspection', 'rating', 'sla']);
    expect(bad.json().error.fields.inspection).toBe('The four weights must add up to 100');
    const zh = await admin.put('/api/v1/appraisal/weights/guard', { inspection: 50, sla: 30, rating: 20, complaints: 10 }, { 'accept-language': 'zh-CN' });
    expect(zh.json().error.fields.sla).toBe('四项权重之和须为 100');
    expect((await admin.put('/api/v1/appraisal/weights/guard', { inspection: 101, sla: 0, rating: 0, complaints: -1 })).statusCode).toBe(400);
  });

  it('is set by company admins only, and listed with the defaults for the rest', async () => {
    expect((await manager.put('/api/v1/appraisal/weights/guard', { inspection: 60, sla: 0, rating: 10, complaints: 30 })).statusCode).toBe(403);
    const set = await admin.put('/api/v1/appraisal/weights/guard', { inspection: 60, sla: 0, rating: 10, complaints: 30, complaintDeduction: 25 });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ position: 'guard', inspection: 60, complaintDeduction: 25, isDefault: false });
    const list = await manager.get('/api/v1/appraisal/weights');
    expect(list.json().canEdit).toBe(false);
    expect(list.json().items.find((x: { position: string }) => x.position === 'service_desk')).toMatchObject({ inspection: 40, sla: 30, rating: 20, complaints: 10, isDefault: true });
    expect((await guard.get('/api/v1/appraisal/weights')).json().items).toEqual([]);
  });
});

describe('monthly appraisal', () => {
  it('combines inspections and complaints with the position’s weights; parts without data leave the denominator', async () => {
    const score = await inspectGuard();
    await complaint('service_attitude', guardStaffId);
    await complaint('noise');
    const res = await manager.get(`/api/v1/appraisal/months?communityId=${org.community.id}&month=${month()}`);
    expect(res.statusCode, res.body).toBe(200);
    const row = res.json().items.find((x: { staffId: string }) => x.staffId === guardStaffId);
    // Guard weights 60 / 0 / 10 / 30, 25 points per complaint; no work orders, no ratings.
    expect(row).toMatchObject({ parts: { inspection: score, sla: null, rating: null, complaints: 75 }, counts: { inspections: 1, complaints: 1, ratings: 0 } });
    expect(row.total).toBeCloseTo(Math.round(((score * 60 + 75 * 30) / 90) * 10) / 10, 5);
    // The desk clerk has no data this month: no total at all.
    const deskRow = res.json().items.find((x: { staffId: string }) => x.staffId === deskStaffId);
    expect(deskRow).toMatchObject({ parts: { inspection: null, sla: null, rating: null, complaints: null }, total: null });

    const drill = await manager.get(`/api/v1/appraisal/months/staff/${guardStaffId}?communityId=${org.community.id}&month=${month()}`);
    expect(drill.statusCode, drill.body).toBe(200);
    expect(drill.json().inspections).toHaveLength(1);
    expect(drill.json().complaints).toEqual([expect.objectContaining({ category: 'service_attitude' })]);

    const mine = await guard.get(`/api/v1/appraisal/me?month=${month()}`);
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().row).toMatchObject({ staffId: guardStaffId, total: row.total });
  });

  it('answers 404 outside the caller’s reach and 403 to roles that may not read it', async () => {
    expect((await outsider.get(`/api/v1/appraisal/months?communityId=${org.community.id}&month=${month()}`)).statusCode).toBe(404);
    expect((await manager.get(`/api/v1/appraisal/months/staff/${outsiderStaffId}?communityId=${org.community.id}&month=${month()}`)).statusCode).toBe(404);
    expect((await guard.get(`/api/v1/appraisal/months?communityId=${org.community.id}&month=${month()}`)).statusCode).toBe(403);
    expect((await manager.get(`/api/v1/appraisal/months?communityId=${org.community.id}&month=2026-13`)).statusCode).toBe(400);
    const resident = await t.client().login(org.users.resident!, TEST_PASSWORD);
    expect((await resident.get(`/api/v1/appraisal/me?month=${month()}`)).statusCode).toBe(404);
  });
});

describe('rewards and penalties', () => {
  it('needs the approval of someone other than the proposer, and counts approved points in the month', async () => {
    const photo = await uploadAs(manager);
    const proposed = await manager.post('/api/v1/appraisal/incentives', { communityId: org.community.id, staffId: guardStaffId, kind: 'penalty', reason: '岗亭内玩手机', points: 4, photoIds: [photo] });
    expect(proposed.statusCode, proposed.body).toBe(201);
    expect(proposed.json()).toMatchObject({ state: 'proposed', files: [{ id: photo, purpose: 'evidence' }] });
    const id = proposed.json().id;
    const own = await manager.post(`/api/v1/appraisal/incentives/${id}/actions/decide`, { approved: true }, { 'accept-language': 'en-US' });
    expect(own.statusCode).toBe(400);
    expect(Object.keys(own.json().error.fields)).toEqual(['approved']);
    expect((await desk.post(`/api/v1/appraisal/incentives/${id}/actions/decide`, { approved: true })).statusCode).toBe(404);
    const before = (await manager.get(`/api/v1/appraisal/months/staff/${guardStaffId}?communityId=${org.community.id}&month=${month()}`)).json().row;
    const decided = await admin.post(`/api/v1/appraisal/incentives/${id}/actions/decide`, { approved: true, note: '同意' }, { 'if-match': `"${proposed.json().version}"` });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({ state: 'approved', stateType: 'closed', allowedActions: [] });
    expect(decided.json().timeline.map((e: { action: string }) => e.action)).toEqual(['created', 'decide']);
    const after = (await manager.get(`/api/v1/appraisal/months/staff/${guardStaffId}?communityId=${org.community.id}&month=${month()}`)).json();
    expect(after.row.incentivePoints).toBe(before.incentivePoints - 4);
    expect(after.row.final).toBeCloseTo(Math.max(0, after.row.total - 4), 5);
    expect(after.incentives.map((x: { id: string }) => x.id)).toContain(id);
  });

  it('lets the manager approve what the inspector proposed, and checks every field and id', async () => {
    const proposed = await inspector.post('/api/v1/appraisal/incentives', { communityId: org.community.id, staffId: deskStaffId, kind: 'reward', reason: '业主表扬', amountFen: 10000 });
    expect(proposed.statusCode, proposed.body).toBe(201);
    const open = await manager.get(`/api/v1/appraisal/incentives?communityId=${org.community.id}&open=true`);
    expect(open.json().items.map((x: { id: string }) => x.id)).toContain(proposed.json().id);
    const ok = await manager.post(`/api/v1/appraisal/incentives/${proposed.json().id}/actions/decide`, { approved: false, note: '证据不足' });
    expect(ok.json()).toMatchObject({ state: 'rejected' });

    const none = await manager.post('/api/v1/appraisal/incentives', { communityId: org.community.id, staffId: deskStaffId, kind: 'reward', reason: '表扬' });
    expect(none.statusCode).toBe(400);
    expect(Object.keys(none.json().error.fields)).toEqual(['points']);
    expect((await guard.post('/api/v1/appraisal/incentives', { communityId: org.community.id, staffId: deskStaffId, kind: 'reward', reason: 'x', points: 1 })).statusCode).toBe(403);
    expect((await manager.post('/api/v1/appraisal/incentives', { communityId: org.community.id, staffId: outsiderStaffId, kind: 'reward', reason: 'x', points: 1 })).statusCode).toBe(404);
    expect((await outsider.post('/api/v1/appraisal/incentives', { communityId: org.community.id, staffId: deskStaffId, kind: 'reward', reason: 'x', points: 1 })).statusCode).toBe(404);
    expect((await outsider.get(`/api/v1/appraisal/incentives/${proposed.json().id}`)).statusCode).toBe(404);
    const foreignPhoto = await uploadAs(outsider);
    const bad = await manager.post('/api/v1/appraisal/incentives', { communityId: org.community.id, staffId: deskStaffId, kind: 'reward', reason: 'x', points: 1, photoIds: [foreignPhoto] });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields)).toEqual(['photoIds.0']);
  });
});

describe('improvement measures', () => {
  it('checks its source, owner and due date', async () => {
    const base = { communityId: org.community.id, title: '降低噪音投诉', source: 'complaint_category', sourceKey: 'noise', ownerStaffId: guardStaffId, dueOn: localDateIn('Asia/Shanghai', new Date(Date.now() + 7 * 86_400_000)) };
    const unknown = await manager.post('/api/v1/appraisal/measures', { ...base, sourceKey: 'nope' });
    expect(unknown.statusCode).toBe(400);
    expect(Object.keys(unknown.json().error.fields)).toEqual(['sourceKey']);
    expect((await manager.post('/api/v1/appraisal/measures', { ...base, source: 'inspection_item', sourceKey: 'gate_post.booth_tidy' })).statusCode).toBe(400);
    expect((await manager.post('/api/v1/appraisal/measures', { ...base, dueOn: '2020-01-01' })).json().error.fields).toHaveProperty('dueOn');
    expect((await manager.post('/api/v1/appraisal/measures', { ...base, ownerStaffId: outsiderStaffId })).statusCode).toBe(404);
    expect((await desk.post('/api/v1/appraisal/measures', base)).statusCode).toBe(403);
    expect((await outsider.post('/api/v1/appraisal/measures', base)).statusCode).toBe(404);
  });

  it('runs plan, do, check and act, and compares the metric before and after over equal periods', async () => {
    await complaint('noise');
    await complaint('noise');
    const raised = await manager.post('/api/v1/appraisal/measures', {
      communityId: org.community.id,
      title: '降低噪音投诉',
      source: 'complaint_category',
      sourceKey: 'noise',
      ownerStaffId: guardStaffId,
      dueOn: localDateIn('Asia/Shanghai', new Date(Date.now() + 7 * 86_400_000)),
    });
    expect(raised.statusCode, raised.body).toBe(201);
    const id = raised.json().id;
    expect(raised.json()).toMatchObject({ state: 'planning', sourceLabel: { 'zh-CN': '噪音扰民' }, overdue: false });
    expect(raised.json().due).not.toBeNull();
    await complaint('noise');
    // The owner plans and carries it out; the check is a manager's.
    expect((await guard.post(`/api/v1/appraisal/measures/${id}/actions/plan`, { plan: '夜间巡逻增加噪音检查' })).statusCode).toBe(200);
    expect((await guard.post(`/api/v1/appraisal/measures/${id}/actions/do`, { actions: '已增加 22:00 巡查' })).statusCode).toBe(200);
    expect((await guard.post(`/api/v1/appraisal/measures/${id}/actions/check`, { effective: true, conclusion: 'x' })).statusCode).toBe(403);
    const detail = (await manager.get(`/api/v1/appraisal/measures/${id}`)).json();
    // Three noise complaints this test file filed before it (earlier tests filed one), one after.
    expect(detail.effect).toMatchObject({ direction: 'lower', periodDays: 1, after: 1, improved: true });
    expect(detail.effect.before).toBeGreaterThanOrEqual(2);
    const again = await manager.post(`/api/v1/appraisal/measures/${id}/actions/check`, { effective: false, conclusion: '夜间仍有投诉，继续实施' });
    expect(again.json()).toMatchObject({ state: 'doing' });
    await guard.post(`/api/v1/appraisal/measures/${id}/actions/do`, { actions: '增加告示' });
    const closed = await manager.post(`/api/v1/appraisal/measures/${id}/actions/check`, { effective: true, conclusion: '纳入夜间巡逻标准' });
    expect(closed.json()).toMatchObject({ state: 'closed', due: null });
    expect(closed.json().closedAt).not.toBeNull();
    const open = (await manager.get(`/api/v1/appraisal/measures?communityId=${org.community.id}&open=true`)).json();
    expect(open.items.map((x: { id: string }) => x.id)).not.toContain(id);
    expect((await outsider.get(`/api/v1/appraisal/measures/${id}`)).statusCode).toBe(404);
  });

  it('is escalated through the SLA engine once overdue, and stays on the manager’s list', async () => {
    const today = localDateIn('Asia/Shanghai', new Date());
    const raised = await manager.post('/api/v1/appraisal/measures', { communityId: org.community.id, title: '提升检查平均分', source: 'kpi', sourceKey: 'inspection_score', ownerStaffId: deskStaffId, dueOn: today });
    expect(raised.statusCode, raised.body).toBe(201);
    const dueAt = new Date(raised.json().due.at);
    await sweepTimers(t.database.db, new Date(dueAt.getTime() + 60_000));
    const list = (await manager.get(`/api/v1/appraisal/measures?communityId=${org.community.id}&open=true`)).json();
    const item = list.items.find((x: { id: string }) => x.id === raised.json().id);
    expect(item).toBeDefined();
    const detail = (await manager.get(`/api/v1/appraisal/measures/${raised.json().id}`)).json();
    expect(detail.timeline.some((e: { kind: string }) => e.kind !== 'created' && e.kind !== 'transition')).toBe(true);
    const inbox = await manager.get('/api/v1/notifications');
    expect(JSON.stringify(inbox.json())).toContain(raised.json().number);
  });
});
