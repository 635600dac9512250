import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../auth/tables';
import type { ServiceStandard } from '../../standards/definition';
import { loadDefaultLibrary } from '../../standards/library';
import { buildOrganization, TEST_PASSWORD } from '../../test/factories';
import { createTestApp, type TestApp, type TestClient } from '../../test/test-app';
import { renameState } from '../../work/test-kit';
import { uploadAs } from '../work-orders/test-kit';
import { useInspectionLibrary } from '.';

/*
 * A company edits the rectification standard: putting right now asks a required `cause`, and the
 * state it leads to gets a new key. A rectification opened before the edit finishes under its old
 * version; one opened after runs through the new version, and its passed re-inspection still
 * credits the inspection (the module follows state types, never step or state names).
 */

useInspectionLibrary(join(__dirname, 'fixtures'));

let t: TestApp;
let org: Awaited<ReturnType<typeof buildOrganization>>;
let admin: TestClient;
let inspector: TestClient;
let guard: TestClient;
let guardStaffId: string;
const library = loadDefaultLibrary().standards;

beforeAll(async () => {
  t = await createTestApp();
  org = await buildOrganization(t.database, { prefix: 'qe', roles: ['company_admin', 'quality_inspector', 'guard'] });
  admin = await t.client().login(org.users.company_admin!, TEST_PASSWORD);
  inspector = await t.client().login(org.users.quality_inspector!, TEST_PASSWORD);
  guard = await t.client().login(org.users.guard!, TEST_PASSWORD);
  const [u] = await t.database.db.select({ staffId: users.staffId }).from(users).where(eq(users.username, org.users.guard!));
  guardStaffId = u!.staffId!;
});
afterAll(() => t.close());

/** A submitted spot check whose one failure (the badge) opened a rectification; returns its id and the inspection's. */
async function failedInspection(): Promise<{ inspectionId: string; rectId: string }> {
  const opened = await inspector.post('/api/v1/quality/inspections', { communityId: org.community.id, templateKey: 'gate_check', place: '西门岗' });
  expect(opened.statusCode, opened.body).toBe(201);
  const pass = { result: 'pass' };
  const answers = {
    pedestrian_gate: { guard_grooming: pass, greets_residents: pass, checks_visitors: pass, gate_runs_smoothly: pass },
    gate_post: { booth_tidy: { score: 10 }, night_lighting: { value: 80 }, logbook_current: pass, handover_remarks: { result: 'na' }, parasol_in_place: pass },
    staff_grooming: { badge_worn: { result: 'fail', photoIds: [await uploadAs(inspector)] }, no_phone: pass },
  };
  const res = await inspector.post(`/api/v1/quality/inspections/${opened.json().id}/actions/submit`, { inspected_staff: guardStaffId, signature: await uploadAs(inspector, 'signature'), answers });
  expect(res.statusCode, res.body).toBe(200);
  return { inspectionId: opened.json().id, rectId: res.json().rectifications[0].id };
}

function edit(s: ServiceStandard): ServiceStandard {
  const cause = { name: 'cause', type: 'text' as const, label: { 'zh-CN': '原因分析', 'en-US': 'Cause' }, required: true, maxLength: 200 };
  const withCause = { ...s, transitions: s.transitions.map((x) => (x.from.includes(s.initialState) && x.to ? { ...x, records: [...x.records, cause] } : x)) };
  const first = s.transitions.find((x) => x.from.includes(s.initialState) && x.to)!;
  return renameState(withCause, first.to!, 'awaiting_check');
}

describe('a company version of the rectification standard', () => {
  it('runs new rectifications through the new steps and lets old ones finish under theirs', async () => {
    const before = await failedInspection();
    const saved = await admin.post('/api/v1/standards/rectification/versions', { reason: '整改须写原因', definition: edit(library.get('rectification')!) });
    expect(saved.statusCode, saved.body).toBe(201);
    const after = await failedInspection();

    const rectify = (id: string, body: Record<string, unknown>) => guard.post(`/api/v1/quality/rectifications/${id}/actions/rectify`, body);
    // The old one: no cause asked, its old state.
    const old = await rectify(before.rectId, { after_photos: [await uploadAs(guard)], note: '已佩戴' });
    expect(old.statusCode, old.body).toBe(200);
    expect(old.json().state).toBe('rectified');
    // The new one asks the cause (listed in its actions) and leads to the renamed state.
    const detail = (await guard.get(`/api/v1/quality/rectifications/${after.rectId}`)).json();
    expect(detail.actions.find((a: { key: string }) => a.key === 'rectify').records.map((r: { name: string }) => r.name)).toContain('cause');
    const missing = await rectify(after.rectId, { after_photos: [await uploadAs(guard)], note: '已佩戴' });
    expect(missing.statusCode).toBe(400);
    expect(Object.keys(missing.json().error.fields)).toEqual(['cause']);
    const done = await rectify(after.rectId, { after_photos: [await uploadAs(guard)], note: '已佩戴', cause: '工牌遗忘在更衣室' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ state: 'awaiting_check', stateType: 'waiting' });

    for (const { inspectionId, rectId } of [before, after]) {
      const passed = await inspector.post(`/api/v1/quality/rectifications/${rectId}/actions/reinspect`, { passed: true });
      expect(passed.statusCode, passed.body).toBe(200);
      expect(passed.json().stateType).toBe('closed');
      expect((await inspector.get(`/api/v1/quality/inspections/${inspectionId}`)).json().score).toBe(100);
    }
  });
});
