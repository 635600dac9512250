import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../auth/tables';
import { buildOrganization, TEST_PASSWORD } from '../../test/factories';
import { createTestApp, type TestApp, type TestClient } from '../../test/test-app';
import { uploadAs } from '../work-orders/test-kit';
import { useInspectionLibrary } from '.';

// The owners' view of quality (issue #13 item 9): off by default, a manager publishes it per
// community, and only that community's owners read it. One database for the file; PGlite and
// PostgreSQL (WUYE_TEST_DB=postgres).
useInspectionLibrary(join(__dirname, 'fixtures'));

let t: TestApp;
let org: Awaited<ReturnType<typeof buildOrganization>>;
let admin: TestClient;
let manager: TestClient;
let inspector: TestClient;
let guard: TestClient;
let desk: TestClient;
let owner: TestClient;
let otherOwner: TestClient;
let otherManager: TestClient;
let closedId: string;
let openId: string;

const passing = {
  pedestrian_gate: { guard_grooming: { result: 'pass' }, greets_residents: { result: 'pass' }, checks_visitors: { result: 'pass' }, gate_runs_smoothly: { result: 'pass' } },
  gate_post: { booth_tidy: { score: 10 }, night_lighting: { value: 120 }, logbook_current: { result: 'pass' }, handover_remarks: { text: '交接清楚' }, parasol_in_place: { result: 'pass' } },
  staff_grooming: { badge_worn: { result: 'pass' }, no_phone: { result: 'pass' } },
};

const view = (client: TestClient, communityId = org.community.id) => client.get(`/api/v1/portal/quality?communityId=${communityId}`);
const settingsUrl = () => `/api/v1/communities/${org.community.id}/quality-settings`;

beforeAll(async () => {
  t = await createTestApp();
  org = await buildOrganization(t.database, { prefix: 'qov', roles: ['company_admin', 'project_manager', 'quality_inspector', 'guard', 'service_desk', 'resident'] });
  const login = (u: string) => t.client().login(u, TEST_PASSWORD);
  admin = await login(org.users.company_admin!);
  manager = await login(org.users.project_manager!);
  inspector = await login(org.users.quality_inspector!);
  guard = await login(org.users.guard!);
  desk = await login(org.users.service_desk!);
  owner = await login(org.users.resident!);
  const other = await buildOrganization(t.database, { prefix: 'qovx', roles: ['project_manager', 'resident'] });
  otherOwner = await t.client().login(other.users.resident!, TEST_PASSWORD);
  otherManager = await t.client().login(other.users.project_manager!, TEST_PASSWORD);
  const [g] = await t.database.db.select({ staffId: users.staffId }).from(users).where(eq(users.username, org.users.guard!));

  // Two failures: one is put right and re-inspected (closed), the other stays open.
  const opened = await inspector.post('/api/v1/quality/inspections', { communityId: org.community.id, templateKey: 'gate_check', place: '东门岗' });
  expect(opened.statusCode, opened.body).toBe(201);
  const answers = structuredClone(passing) as Record<string, Record<string, Record<string, unknown>>>;
  answers.staff_grooming!.badge_worn = { result: 'fail', photoIds: [await uploadAs(inspector)] };
  answers.pedestrian_gate!.greets_residents = { result: 'fail', photoIds: [await uploadAs(inspector)] };
  const submitted = await inspector.post(`/api/v1/quality/inspections/${opened.json().id}/actions/submit`, { inspected_staff: g!.staffId, signature: await uploadAs(inspector, 'signature'), answers });
  expect(submitted.statusCode, submitted.body).toBe(200);
  const rects = submitted.json().rectifications as { id: string; itemKey: string }[];
  closedId = rects.find((r) => r.itemKey === 'badge_worn')!.id;
  openId = rects.find((r) => r.itemKey === 'greets_residents')!.id;
  expect((await guard.post(`/api/v1/quality/rectifications/${closedId}/actions/rectify`, { after_photos: [await uploadAs(guard)], note: '已佩戴工牌' })).statusCode).toBe(200);
  expect((await inspector.post(`/api/v1/quality/rectifications/${closedId}/actions/reinspect`, { passed: true })).statusCode).toBe(200);
}, 400_000);

afterAll(async () => {
  await t?.close();
});

describe('owners’ view of quality', () => {
  it('is off by default: owners get nothing but `published: false`', async () => {
    const settings = await manager.get(settingsUrl());
    expect(settings.statusCode, settings.body).toBe(200);
    expect(settings.json()).toEqual({ communityId: org.community.id, publishToOwners: false, allowedActions: ['update'] });
    expect((await desk.get(settingsUrl())).json().allowedActions).toEqual([]);
    const res = await view(owner);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ communityId: org.community.id, communityName: org.community.name, published: false, months: [], rectifications: [] });
  });

  it('only the project manager or company admin of the community turns it on, audited', async () => {
    expect((await desk.put(settingsUrl(), { publishToOwners: true })).statusCode).toBe(403);
    expect((await owner.put(settingsUrl(), { publishToOwners: true })).statusCode).toBe(403);
    expect((await otherManager.put(settingsUrl(), { publishToOwners: true })).statusCode).toBe(404);
    expect((await manager.put(settingsUrl(), { publishToOwners: 'yes' })).json().error.fields).toHaveProperty('publishToOwners');
    const on = await manager.put(settingsUrl(), { publishToOwners: true });
    expect(on.statusCode, on.body).toBe(200);
    expect(on.json().publishToOwners).toBe(true);
    const audit = (await admin.get('/api/v1/audit?entityType=quality_settings&pageSize=5')).json();
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0]).toMatchObject({ entityId: org.community.id, action: 'update' });
  });

  it('then shows owners the monthly score and the rectifications done, without staff names', async () => {
    const res = await view(owner);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.published).toBe(true);
    expect(body.months).toHaveLength(12);
    const thisMonth = body.months.at(-1);
    expect(thisMonth.inspections).toBe(1);
    // The closed re-inspection raised the score; the open failure still counts against it.
    const detail = (await inspector.get(`/api/v1/quality/inspections/${(await inspector.get(`/api/v1/quality/rectifications/${openId}`)).json().inspectionId}`)).json();
    expect(thisMonth.average).toBe(detail.score);
    expect(thisMonth.average).toBeLessThan(100);
    expect(body.months.slice(0, 11).every((m: { inspections: number }) => m.inspections === 0)).toBe(true);
    expect(body.rectifications.map((r: { id: string }) => r.id)).toEqual([closedId]);
    expect(body.rectifications[0]).toMatchObject({ place: '东门岗', itemText: { 'zh-CN': expect.any(String) } });
    expect(JSON.stringify(body)).not.toContain('guard');
  });

  it('gives an owner of another community nothing (404), and nothing again once turned off', async () => {
    expect((await view(otherOwner)).statusCode).toBe(404);
    expect((await otherManager.get(settingsUrl())).statusCode).toBe(404);
    expect((await manager.put(settingsUrl(), { publishToOwners: false })).statusCode).toBe(200);
    const off = (await view(owner)).json();
    expect(off).toMatchObject({ published: false, months: [], rectifications: [] });
  });
});
