import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../auth/tables';
import { buildOrganization, TEST_PASSWORD } from '../../test/factories';
import { createTestApp, type TestApp, type TestClient } from '../../test/test-app';
import { uploadAs } from '../work-orders/test-kit';
import { sweepTimers } from '../standards/sweeper';
import { useInspectionLibrary } from '.';
import { weekStart } from './reports';
import { inspections } from './tables';

// The fixture library's gate_check (see quality.test.ts): all passed scores 100; the failures
// below give the scores worked out in quality.test.ts.
useInspectionLibrary(join(__dirname, 'fixtures'));

let t: TestApp;
let org: Awaited<ReturnType<typeof buildOrganization>>;
let inspector: TestClient;
let guard: TestClient;
let outsider: TestClient;
let guardStaffId: string;
let guardName: string;

const localDate = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
const today = localDate(new Date());
const thisMonth = `${today.slice(0, 7)}-01`;
const [y, m] = today.split('-').map(Number) as [number, number];
const lastMonth = m === 1 ? `${y - 1}-12-01` : `${y}-${String(m - 1).padStart(2, '0')}-01`;

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

async function inspect(place: string, overrides: Record<string, Record<string, unknown>>): Promise<{ id: string; score: number }> {
  const opened = await inspector.post('/api/v1/quality/inspections', { communityId: org.community.id, templateKey: 'gate_check', place });
  expect(opened.statusCode, opened.body).toBe(201);
  const withPhotos: Record<string, Record<string, unknown>> = {};
  for (const [k, v] of Object.entries(overrides)) withPhotos[k] = v.result === 'fail' ? { ...v, photoIds: [await uploadAs(inspector)] } : v;
  const res = await inspector.post(`/api/v1/quality/inspections/${opened.json().id}/actions/submit`, { inspected_staff: guardStaffId, signature: await uploadAs(inspector, 'signature'), answers: answers(withPhotos) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const report = (client: TestClient, query: Record<string, string>) => client.get(`/api/v1/quality/report?${new URLSearchParams(query)}`);
const drill = (query: Record<string, string>) => inspector.get(`/api/v1/quality/report/inspections?${new URLSearchParams({ from: lastMonth, to: today, ...query })}`);

let a: { id: string; score: number };
let b: { id: string; score: number };
let c: { id: string; score: number };
let missedId: string;

beforeAll(async () => {
  t = await createTestApp();
  org = await buildOrganization(t.database, { prefix: 'qr', roles: ['company_admin', 'project_manager', 'quality_inspector', 'guard'] });
  inspector = await t.client().login(org.users.quality_inspector!, TEST_PASSWORD);
  guard = await t.client().login(org.users.guard!, TEST_PASSWORD);
  const other = await buildOrganization(t.database, { prefix: 'qrx', roles: ['quality_inspector'] });
  outsider = await t.client().login(other.users.quality_inspector!, TEST_PASSWORD);
  const [u] = await t.database.db.select({ staffId: users.staffId }).from(users).where(eq(users.username, org.users.guard!));
  guardStaffId = u!.staffId!;
  guardName = 'guard 员工';

  a = await inspect('东门岗', {});
  b = await inspect('东门岗', { 'pedestrian_gate.greets_residents': { result: 'fail' }, 'gate_post.night_lighting': { value: 20 }, 'staff_grooming.badge_worn': { result: 'fail' }, 'gate_post.parasol_in_place': { result: 'na' } });
  c = await inspect('西门岗', { 'staff_grooming.badge_worn': { result: 'fail' } });
  // c ran last month (noon, Shanghai time).
  await t.database.db.update(inspections).set({ startsAt: new Date(`${lastMonth}T12:00:00+08:00`) }).where(eq(inspections.id, c.id));
  const opened = await inspector.post('/api/v1/quality/inspections', { communityId: org.community.id, templateKey: 'gate_check', place: '东门岗' });
  missedId = opened.json().id;
  const [row] = await t.database.db.select().from(inspections).where(eq(inspections.id, missedId));
  await sweepTimers(t.database.db, new Date(row!.dueAt.getTime() + 60_000));
  // Still open: counted neither as scored nor as missed.
  await inspector.post('/api/v1/quality/inspections', { communityId: org.community.id, templateKey: 'gate_check', place: '东门岗' });
});
afterAll(() => t.close());

describe('score report', () => {
  it('works out means, missed counts, breakdowns and the worst items', async () => {
    expect([a.score, b.score, c.score]).toEqual([100, 65, 87.5]);
    const res = await report(inspector, { communityId: org.community.id, from: lastMonth, to: today, period: 'month' });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.total).toEqual({ average: 84.2, submitted: 3, missed: 1, failedItems: 4, openRectifications: 4 });
    const all = r.trend.filter((x: { communityId: string | null }) => x.communityId === null);
    expect(all).toEqual([
      { period: lastMonth, communityId: null, average: 87.5, submitted: 1, missed: 0 },
      { period: thisMonth, communityId: null, average: 82.5, submitted: 2, missed: 1 },
    ]);
    expect(r.trend.filter((x: { communityId: string | null }) => x.communityId === org.community.id)).toHaveLength(2);
    expect(r.communities).toEqual([{ communityId: org.community.id, name: 'qr 小区', average: 84.2, submitted: 3, missed: 1 }]);
    // Each category's mean over the inspections that scored it, lowest first.
    expect(r.categories.map((x: { key: string; average: number; scored: number }) => [x.key, x.average, x.scored])).toEqual([
      ['staff_grooming', 66.7, 3],
      ['pedestrian_gate', 86.7, 3],
      ['gate_post', 91.7, 3],
    ]);
    expect(r.matrix).toHaveLength(3);
    expect(r.matrix.find((x: { categoryKey: string }) => x.categoryKey === 'staff_grooming')).toEqual({ categoryKey: 'staff_grooming', communityId: org.community.id, average: 66.7, scored: 3 });
    expect(r.posts).toEqual([
      { communityId: org.community.id, place: '东门岗', average: 82.5, submitted: 2, missed: 1 },
      { communityId: org.community.id, place: '西门岗', average: 87.5, submitted: 1, missed: 0 },
    ]);
    expect(r.staff).toEqual([{ staffId: guardStaffId, name: guardName, average: 84.2, submitted: 3, missed: 0 }]);
    expect(r.worstItems.map((w: { itemKey: string; failures: number }) => `${w.itemKey}:${w.failures}`)).toEqual(['badge_worn:2', 'night_lighting:1', 'greets_residents:1']);
    expect(r.worstItems[0].text['zh-CN']).toBeTruthy();
  });

  it('buckets by ISO week from Monday', async () => {
    expect(weekStart('2026-12-02')).toBe('2026-11-30');
    expect(weekStart('2026-11-30')).toBe('2026-11-30');
    expect(weekStart('2026-12-06')).toBe('2026-11-30');
    const r = (await report(inspector, { from: lastMonth, to: today, period: 'week' })).json();
    const all = r.trend.filter((x: { communityId: string | null }) => x.communityId === null);
    expect(all.map((x: { period: string }) => x.period)).toEqual([weekStart(lastMonth), weekStart(today)].filter((v, i, list) => list.indexOf(v) === i));
    expect(all.reduce((n: number, x: { submitted: number }) => n + x.submitted, 0)).toBe(3);
  });

  it('drills from a figure to the inspections behind it, lowest score first', async () => {
    const failed = (await drill({ failedItem: 'staff_grooming.badge_worn' })).json();
    expect(failed.total).toBe(2);
    expect(failed.items.map((i: { id: string }) => i.id)).toEqual([b.id, c.id]);
    expect(failed.items[0].categoryScores).toEqual({ pedestrian_gate: 60, gate_post: 75, staff_grooming: 50 });
    // The photos behind the figure: one per failed item of b, each named by its item and readable by the inspector.
    const photos = failed.items[0].photos as { item: string; id: string }[];
    expect(photos.map((p) => p.item).sort()).toEqual(['pedestrian_gate.greets_residents', 'staff_grooming.badge_worn']);
    expect((await inspector.get(`/api/v1/attachments/${photos[0]!.id}`)).statusCode).toBe(200);
    expect(failed.items[1].photos.map((p: { item: string }) => p.item)).toEqual(['staff_grooming.badge_worn']);
    expect((await drill({ period: lastMonth, periodType: 'month' })).json().items.map((i: { id: string }) => i.id)).toEqual([c.id]);
    expect((await drill({ place: '东门岗' })).json().items.map((i: { id: string }) => i.id)).toEqual([b.id, a.id]);
    expect((await drill({ missed: 'true' })).json().items.map((i: { id: string }) => i.id)).toEqual([missedId]);
    expect((await drill({ staffId: guardStaffId, category: 'gate_post' })).json().total).toBe(3);
  });

  it('follows a passed re-inspection: the score it raised is the one reported', async () => {
    const rect = (await inspector.get(`/api/v1/quality/inspections/${c.id}`)).json().rectifications[0];
    // On the responsible guard's list with its running limit, as the DueTime component shows it.
    const mine = (await guard.get('/api/v1/quality/rectifications?mine=true&open=true')).json().items as { id: string; due: { deskHours: boolean; at: string } | null; phase: string | null }[];
    expect(mine.find((x) => x.id === rect.id)).toMatchObject({ due: { deskHours: true }, phase: expect.stringMatching(/^(ok|warning|breached)$/) });
    expect((await guard.post(`/api/v1/quality/rectifications/${rect.id}/actions/rectify`, { after_photos: [await uploadAs(guard)], note: '已佩戴' })).statusCode).toBe(200);
    expect((await inspector.post(`/api/v1/quality/rectifications/${rect.id}/actions/reinspect`, { passed: true })).statusCode).toBe(200);
    expect((await guard.get(`/api/v1/quality/rectifications/${rect.id}`)).json()).toMatchObject({ due: null, phase: null });
    const r = (await report(inspector, { from: lastMonth, to: lastMonth })).json();
    expect(r.total).toMatchObject({ average: 100, submitted: 1, openRectifications: 0 });
  });

  it('is for inspectors and managers of the caller’s communities, over at most a year', async () => {
    expect((await report(guard, { from: lastMonth, to: today })).statusCode).toBe(403);
    expect((await report(outsider, { communityId: org.community.id, from: lastMonth, to: today })).statusCode).toBe(404);
    expect((await outsider.get(`/api/v1/quality/report/inspections?communityId=${org.community.id}&from=${lastMonth}&to=${today}`)).statusCode).toBe(404);
    const theirs = (await report(outsider, { from: lastMonth, to: today })).json();
    expect(theirs.total).toMatchObject({ submitted: 0, missed: 0, average: null });
    expect((await outsider.get(`/api/v1/quality/report/inspections?from=${lastMonth}&to=${today}`)).json().total).toBe(0);
    const long = await report(inspector, { from: '2025-01-01', to: '2026-12-31' });
    expect(long.statusCode).toBe(400);
    expect(Object.keys(long.json().error.fields)).toEqual(['to']);
    const backwards = await inspector.get(`/api/v1/quality/report?from=${today}&to=${lastMonth}`, { 'accept-language': 'en-US' });
    expect(backwards.json().error.fields.to).toBe('The end date must be after the start date');
  });

  it('exports the report and its inspections to Excel', async () => {
    const res = await inspector.get(`/api/v1/quality/report/export?from=${lastMonth}&to=${today}&period=week`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await guard.get(`/api/v1/quality/report/export?from=${lastMonth}&to=${today}`)).statusCode).toBe(403);
  });
});
