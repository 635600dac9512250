import { join } from 'node:path';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../auth/tables';
import { buildOrganization, TEST_PASSWORD } from '../../test/factories';
import { createTestApp, type TestApp, type TestClient } from '../../test/test-app';
import { uploadAs } from '../work-orders/test-kit';
import { sweepTimers } from '../standards/sweeper';
import { generateInspections, useInspectionLibrary } from '.';
import { inspections, rectifications } from './tables';

// The tests run on a small fixture library in the shipped format (gate_check: 3 categories,
// every answer type, a critical item, an item from level 2; the community is level 2).
useInspectionLibrary(join(__dirname, 'fixtures'));

let t: TestApp;
let org: Awaited<ReturnType<typeof buildOrganization>>;
let inspector: TestClient;
let manager: TestClient;
let guard: TestClient;
let desk: TestClient;
let outsider: TestClient;
let guardStaffId: string;
let outsiderStaffId: string;

async function staffIdOf(username: string): Promise<string> {
  const [u] = await t.database.db.select({ staffId: users.staffId }).from(users).where(eq(users.username, username));
  return u!.staffId!;
}

beforeAll(async () => {
  t = await createTestApp();
  org = await buildOrganization(t.database, { prefix: 'qa', roles: ['company_admin', 'project_manager', 'quality_inspector', 'guard', 'service_desk'] });
  inspector = await t.client().login(org.users.quality_inspector!, TEST_PASSWORD);
  manager = await t.client().login(org.users.project_manager!, TEST_PASSWORD);
  guard = await t.client().login(org.users.guard!, TEST_PASSWORD);
  desk = await t.client().login(org.users.service_desk!, TEST_PASSWORD);
  guardStaffId = await staffIdOf(org.users.guard!);
  const other = await buildOrganization(t.database, { prefix: 'qx', roles: ['quality_inspector', 'guard'] });
  outsider = await t.client().login(other.users.quality_inspector!, TEST_PASSWORD);
  outsiderStaffId = await staffIdOf(other.users.guard!);
});
afterAll(() => t.close());

const spotCheck = async (client = inspector) => {
  const res = await client.post('/api/v1/quality/inspections', { communityId: org.community.id, templateKey: 'gate_check', place: '东门岗' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number; state: string; allowedActions: string[]; template: { categories: { key: string; items: { key: string }[] }[] } };
};

/** Every item of gate_check at level 2 passed, with overrides. */
function answers(overrides: Record<string, Record<string, unknown>> = {}) {
  const a: Record<string, Record<string, Record<string, unknown>>> = {
    pedestrian_gate: { guard_grooming: { result: 'pass' }, greets_residents: { result: 'pass' }, checks_visitors: { result: 'pass' }, gate_runs_smoothly: { result: 'pass' } },
    gate_post: { booth_tidy: { score: 10 }, night_lighting: { value: 120 }, logbook_current: { result: 'pass' }, handover_remarks: { text: '交接清楚' }, parasol_in_place: { result: 'pass' } },
    staff_grooming: { badge_worn: { result: 'pass' }, no_phone: { result: 'pass' } },
  };
  for (const [path, value] of Object.entries(overrides)) {
    const [c, i] = path.split('.') as [string, string];
    a[c]![i] = value;
  }
  return a;
}

const submit = async (client: TestClient, id: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  client.post(`/api/v1/quality/inspections/${id}/actions/submit`, body, headers);

async function submitBody(client: TestClient, overrides: Record<string, Record<string, unknown>> = {}) {
  return { inspected_staff: guardStaffId, signature: await uploadAs(client, 'signature'), answers: answers(overrides) };
}

describe('templates', () => {
  it('lists the community’s templates from the library with their size', async () => {
    const res = await inspector.get(`/api/v1/quality/templates?communityId=${org.community.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const gate = res.json().items.find((x: { key: string }) => x.key === 'gate_check');
    expect(gate).toMatchObject({ post: 'gate', categories: 3, items: 11, scope: 'library', version: 1 });
  });

  it('saves a community version with per-field problems first, and pins new inspections to it', async () => {
    const bad = await manager.post('/api/v1/quality/templates/gate_check/versions', {
      communityId: org.community.id,
      reason: '加一项',
      definition: { key: 'gate_check', name: { 'zh-CN': '门岗检查', 'en-US': 'Gate check' }, post: 'gate', rectification: { minor: { workingDays: 3 }, major: { workingDays: 1 }, critical: { minutes: 240 } }, categories: ['pedestrian_gate', 'nope'] },
    }, { 'accept-language': 'en-US' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields['definition.categories.1']).toContain('The category library has no "nope"');
    expect((await guard.post('/api/v1/quality/templates/gate_check/versions', { communityId: org.community.id, reason: 'x', definition: {} })).statusCode).toBe(403);
    expect((await manager.post('/api/v1/quality/templates/gate_check/versions', { reason: 'x', definition: {} })).statusCode).toBe(403);
    expect((await outsider.get(`/api/v1/quality/templates?communityId=${org.community.id}`)).statusCode).toBe(404);

    const definition = { key: 'desk_check', name: { 'zh-CN': '服务中心检查（本项目）', 'en-US': 'Desk check (ours)' }, post: 'desk', rectification: { minor: { workingDays: 2 }, major: { workingDays: 1 }, critical: { minutes: 120 } }, categories: ['staff_grooming'] };
    const saved = await manager.post('/api/v1/quality/templates/desk_check/versions', { communityId: org.community.id, reason: '本项目只查仪容', definition });
    expect(saved.statusCode, saved.body).toBe(201);
    expect(saved.json()).toMatchObject({ scope: 'community', version: 1, definition: { categories: [{ key: 'staff_grooming', items: [{ key: 'badge_worn' }, { key: 'no_phone' }] }] } });
    expect((await manager.post('/api/v1/quality/templates/desk_check/versions', { communityId: org.community.id, reason: '再存一次', definition })).statusCode).toBe(409);
    const opened = await inspector.post('/api/v1/quality/inspections', { communityId: org.community.id, templateKey: 'desk_check', place: '服务中心' });
    expect(opened.statusCode, opened.body).toBe(201);
    expect(opened.json().template).toMatchObject({ name: { 'zh-CN': '服务中心检查（本项目）' } });
    expect(opened.json().template.categories).toHaveLength(1);
  });
});

describe('inspections', () => {
  it('scores server-side, opens one rectification per failure, and records the inspector and staff member', async () => {
    const insp = await spotCheck();
    expect(insp.state).toBe('scheduled');
    expect(insp.allowedActions).toEqual(['submit']);
    const photo1 = await uploadAs(inspector);
    const photo2 = await uploadAs(inspector);
    const res = await submit(inspector, insp.id, await submitBody(inspector, {
      'pedestrian_gate.greets_residents': { result: 'fail', photoIds: [photo1], note: '未问好' },
      'gate_post.night_lighting': { value: 20 },
      'staff_grooming.badge_worn': { result: 'fail', photoIds: [photo2] },
      'gate_post.parasol_in_place': { result: 'na' },
    }));
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    // pedestrian 60, gate_post (booth 10/10, lighting 0/5, logbook 5/5) 75 × 2, grooming 50 -> (60 + 150 + 50) / 4
    expect(body).toMatchObject({ state: 'submitted', score: 65, failedCount: 3, inspectedStaffId: guardStaffId, categoryScores: { pedestrian_gate: 60, gate_post: 75, staff_grooming: 50 } });
    expect(body.rectifications.map((r: { itemKey: string; severity: string }) => `${r.itemKey}:${r.severity}`).sort()).toEqual(['badge_worn:minor', 'greets_residents:minor', 'night_lighting:minor']);
    expect(body.files.map((f: { purpose: string }) => f.purpose).sort()).toEqual(['answers.pedestrian_gate.greets_residents', 'answers.staff_grooming.badge_worn', 'signature']);
  });

  it('answers per field: missing items, wrong answer types, bounds, a failure without its photo, items not in the template', async () => {
    const insp = await spotCheck();
    const body = await submitBody(inspector, {
      'pedestrian_gate.greets_residents': { result: 'fail' },
      'gate_post.booth_tidy': { score: 11 },
      'gate_post.night_lighting': { value: 5000 },
      'gate_post.logbook_current': { score: 3 },
    });
    delete (body.answers.staff_grooming as Record<string, unknown>).no_phone;
    (body.answers as Record<string, unknown>).made_up = { x: { result: 'pass' } };
    const res = await submit(inspector, insp.id, body, { 'accept-language': 'zh-CN' });
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.fields;
    expect(Object.keys(fields).sort()).toEqual([
      'answers.gate_post.booth_tidy.score',
      'answers.gate_post.logbook_current',
      'answers.gate_post.night_lighting.value',
      'answers.made_up.x',
      'answers.pedestrian_gate.greets_residents.photoIds',
      'answers.staff_grooming.no_phone',
    ]);
    expect(fields['answers.pedestrian_gate.greets_residents.photoIds']).toBe('不合格项须拍照');
    // Nothing was written: still scheduled, no rectification.
    const after = await inspector.get(`/api/v1/quality/inspections/${insp.id}`);
    expect(after.json()).toMatchObject({ state: 'scheduled', score: null, rectifications: [] });
  });

  it('refuses a staff member of another company, and ids outside the caller’s company are 404', async () => {
    const insp = await spotCheck();
    const res = await submit(inspector, insp.id, { ...(await submitBody(inspector)), inspected_staff: outsiderStaffId });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields)).toEqual(['inspected_staff']);
    expect((await outsider.get(`/api/v1/quality/inspections/${insp.id}`)).statusCode).toBe(404);
    expect((await submit(outsider, insp.id, await submitBody(outsider))).statusCode).toBe(404);
    expect((await outsider.post('/api/v1/quality/inspections', { communityId: org.community.id, templateKey: 'gate_check', place: 'x' })).statusCode).toBe(404);
    expect((await guard.post('/api/v1/quality/inspections', { communityId: org.community.id, templateKey: 'gate_check', place: 'x' })).statusCode).toBe(403);
    expect((await inspector.post('/api/v1/quality/inspections', { communityId: org.community.id, templateKey: 'no_such', place: 'x' })).statusCode).toBe(400);
  });

  it('opens rectifications exactly once under a retried and a concurrent double submit', async () => {
    const insp = await spotCheck();
    const photo = await uploadAs(inspector);
    const body = await submitBody(inspector, { 'pedestrian_gate.gate_runs_smoothly': { result: 'fail', photoIds: [photo] } });
    const headers = { 'idempotency-key': `submit-${insp.id}` };
    const [a, b] = await Promise.all([submit(inspector, insp.id, body, headers), submit(inspector, insp.id, body, headers)]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    const again = await submit(inspector, insp.id, body, headers);
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    // Without the key, a second submit is refused by the state.
    expect((await submit(inspector, insp.id, body)).statusCode).toBe(409);

    const other = await spotCheck();
    const photo2 = await uploadAs(inspector);
    const body2 = await submitBody(inspector, { 'pedestrian_gate.gate_runs_smoothly': { result: 'fail', photoIds: [photo2] } });
    const results = await Promise.all([submit(inspector, other.id, body2, { 'idempotency-key': 'k1' }), submit(inspector, other.id, body2, { 'idempotency-key': 'k2' })]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);

    for (const id of [insp.id, other.id]) {
      const rows = await t.database.db.select({ n: count() }).from(rectifications).where(eq(rectifications.inspectionId, id));
      expect(rows[0]!.n).toBe(1);
    }
  });

  it('closes an inspection not submitted in its window as missed, through the sweeper', async () => {
    const insp = await spotCheck();
    const [row] = await t.database.db.select().from(inspections).where(eq(inspections.id, insp.id));
    await sweepTimers(t.database.db, new Date(row!.dueAt.getTime() + 60_000));
    const res = await inspector.get(`/api/v1/quality/inspections/${insp.id}`);
    expect(res.json()).toMatchObject({ state: 'missed', score: null, allowedActions: [] });
    expect(res.json().timeline.at(-1)).toMatchObject({ action: 'miss', automatic: true, actor: null });
    expect((await submit(inspector, insp.id, await submitBody(inspector))).statusCode).toBe(409);
  });

  it('makes planned inspections once however often the generator runs', async () => {
    const res = await manager.post('/api/v1/quality/plans', {
      communityId: org.community.id,
      name: '门岗每日自查',
      templateKey: 'gate_check',
      kind: 'self',
      place: '东门岗',
      rule: { startDate: '2026-01-01', repeat: { every: 'day' }, times: { kind: 'at', at: ['00:00', '23:59'] } },
      windowMinutes: 1440,
    });
    expect(res.statusCode, res.body).toBe(201);
    const made = async () => (await t.database.db.select({ n: count() }).from(inspections).where(eq(inspections.planId, res.json().id)))[0]!.n;
    const first = await made();
    expect(first).toBeGreaterThanOrEqual(2);
    await Promise.all([generateInspections(t.database.db), generateInspections(t.database.db)]);
    expect(await made()).toBe(first);
    expect((await guard.post('/api/v1/quality/plans', { ...(res.json() as Record<string, unknown>), rule: { startDate: '2026-01-01', repeat: { every: 'day' }, times: { kind: 'at', at: ['08:00'] } } })).statusCode).toBe(403);
  });
});

describe('rectification', () => {
  it('is put right by the responsible person, re-inspected by someone else, and raises the score', async () => {
    const insp = await spotCheck();
    const photo = await uploadAs(inspector);
    const submitted = (await submit(inspector, insp.id, await submitBody(inspector, { 'staff_grooming.badge_worn': { result: 'fail', photoIds: [photo] } }))).json();
    expect(submitted.score).toBe(87.5);
    const rectId = submitted.rectifications[0].id as string;

    const mine = await guard.get('/api/v1/quality/rectifications?mine=true&open=true');
    expect(mine.json().items.map((r: { id: string }) => r.id)).toContain(rectId);
    // The responsible guard is told in their inbox, with the item and the deadline.
    const inbox = (await guard.get('/api/v1/notifications')).json().items as { message: string; entityId: string | null }[];
    expect(inbox.find((n) => n.entityId === rectId)?.message).toMatch(new RegExp(`^整改单 ${submitted.rectifications[0].number}：.+，请于 .+ 前完成整改$`));
    // Someone who is not responsible for it may not put it right.
    expect((await desk.post(`/api/v1/quality/rectifications/${rectId}/actions/rectify`, { after_photos: [await uploadAs(desk)], note: '已整改' })).statusCode).toBe(403);
    const missing = await guard.post(`/api/v1/quality/rectifications/${rectId}/actions/rectify`, { note: '已整改' });
    expect(missing.statusCode).toBe(400);
    expect(Object.keys(missing.json().error.fields)).toEqual(['after_photos']);
    const done = await guard.post(`/api/v1/quality/rectifications/${rectId}/actions/rectify`, { after_photos: [await uploadAs(guard)], note: '已佩戴工牌' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ state: 'rectified' });
    expect(done.json().files.map((f: { purpose: string }) => f.purpose).sort()).toEqual(['after_photos', 'before_photos']);

    // A failed re-inspection sends it back; the score stays.
    const failed = await inspector.post(`/api/v1/quality/rectifications/${rectId}/actions/reinspect`, { passed: false, note: '工牌仍未佩戴' });
    expect(failed.statusCode, failed.body).toBe(200);
    expect(failed.json().state).toBe('open');
    await guard.post(`/api/v1/quality/rectifications/${rectId}/actions/rectify`, { after_photos: [await uploadAs(guard)], note: '已佩戴' });
    const passed = await inspector.post(`/api/v1/quality/rectifications/${rectId}/actions/reinspect`, { passed: true });
    expect(passed.statusCode, passed.body).toBe(200);
    expect(passed.json().state).toBe('closed');

    const after = (await inspector.get(`/api/v1/quality/inspections/${insp.id}`)).json();
    expect(after.score).toBe(100);
    expect(after.answers.staff_grooming.badge_worn).toMatchObject({ result: 'fail', rectified: true, rectificationId: rectId });
    expect(after.timeline.at(-1)).toMatchObject({ action: 'rescored', data: { from: 87.5, to: 100 } });
  });

  it('refuses a re-inspection by the person who put it right', async () => {
    const insp = await spotCheck(manager);
    const photo = await uploadAs(manager);
    // The project manager inspects the desk clerk... and is also allowed to put things right.
    const body = await submitBody(manager, { 'staff_grooming.no_phone': { result: 'fail', photoIds: [photo] } });
    const submitted = await submit(manager, insp.id, body);
    expect(submitted.statusCode, submitted.body).toBe(200);
    const rectId = submitted.json().rectifications[0].id as string;
    expect((await manager.post(`/api/v1/quality/rectifications/${rectId}/actions/rectify`, { after_photos: [await uploadAs(manager)], note: '已提醒' })).statusCode).toBe(200);
    const same = await manager.post(`/api/v1/quality/rectifications/${rectId}/actions/reinspect`, { passed: true }, { 'accept-language': 'en-US' });
    expect(same.statusCode).toBe(400);
    expect(same.json().error.fields.passed).toContain('someone other than who rectified');
    const [row] = await t.database.db.select().from(rectifications).where(and(eq(rectifications.id, rectId)));
    expect(row!.state).toBe('rectified');
    expect((await inspector.post(`/api/v1/quality/rectifications/${rectId}/actions/reinspect`, { passed: true })).statusCode).toBe(200);
    expect((await outsider.get(`/api/v1/quality/rectifications/${rectId}`)).statusCode).toBe(404);
  });
});
