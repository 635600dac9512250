import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDefaultLibrary } from '../standards/library';
import { createTestApp, type TestApp } from '../test/test-app';
import { buildCrew, type Crew } from '../modules/work-orders/test-kit';
import { drive, edited } from './test-kit';

/*
 * Issue #11, done when: a company edits its standard (a required typed field on an existing
 * step, a new step with its own role between two others, a renamed state); a new item runs
 * through the new steps end to end, and an item opened before the edit finishes under its old
 * version. Generated for each work-order standard; runs on PGlite and PostgreSQL.
 */

let t: TestApp;
let crew: Crew;
beforeAll(async () => {
  t = await createTestApp();
  crew = await buildCrew(t, 'se');
});
afterAll(() => t.close());

type Person = keyof Crew['clients'];
const library = loadDefaultLibrary().standards;

/** Per standard: the category of a new item, and the people who take its steps to the end. */
const CASES = {
  repair: {
    category: 'plumbing',
    path: [['dispatcher', 'dispatch'], ['tech', 'accept'], ['tech', 'arrive'], ['tech', 'start'], ['tech', 'complete'], ['resident', 'confirm'], ['desk', 'return-visit'], ['manager', 'follow-up']],
    end: 'closed',
  },
  complaint: {
    category: 'noise',
    path: [['desk', 'reply'], ['desk', 'resolve'], ['desk', 'return-visit'], ['desk', 'close']],
    end: 'closed',
  },
  inquiry: { category: 'fees', path: [['desk', 'answer']], end: 'answered' },
} as const satisfies Record<string, { category: string; path: readonly (readonly [Person, string])[]; end: string }>;

async function open(kind: keyof typeof CASES) {
  const res = await crew.clients.desk.post('/api/v1/work-orders', {
    kind,
    communityId: crew.org.community.id,
    unitId: crew.org.unit.id,
    channel: 'phone',
    category: CASES[kind].category,
    description: '标准修改前后的工单',
    reporterResidentId: crew.org.resident.id,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; standard: { versionId: string; version: number } };
}

async function runPath(id: string, path: readonly (readonly [Person, string])[]) {
  let last = null as null | Awaited<ReturnType<typeof drive>>;
  for (const [person, action] of path) last = await drive(crew.clients[person], id, action, crew.techStaffId);
  return last!;
}

describe.each(Object.keys(CASES) as (keyof typeof CASES)[])('a company edits its %s standard', (kind) => {
  it('new items run through the new steps; items opened before finish under the old version', async () => {
    const { admin, manager } = crew.clients;
    const c = CASES[kind];
    const base = library.get(kind)!;
    const first = base.transitions.find((x) => x.key === c.path[0]![1])!;
    const renamed = `${first.to}_v2`;
    const before = await open(kind);

    const saved = await admin.post(`/api/v1/standards/${kind}/versions`, { reason: '增加核查步骤和预计用时', definition: edited(base, first, renamed) });
    expect(saved.statusCode, saved.body).toBe(201);

    const item = await open(kind);
    expect(item.standard.versionId).not.toBe(before.standard.versionId);
    const id = item.id;
    // The first step now waits for the new one, which only the project manager may take.
    const early = await crew.clients[c.path[0]![0]].post(`/api/v1/work-orders/${id}/actions/${first.key}`, {});
    expect(early.statusCode).toBe(409);
    const managerView = (await manager.get(`/api/v1/work-orders/${id}`)).json();
    expect(managerView.allowedActions).toContain('inspect');
    expect(managerView.actions.find((a: { key: string }) => a.key === 'inspect').records).toEqual([
      expect.objectContaining({ name: 'inspection_note', type: 'text', required: true, maxLength: 200 }),
    ]);
    const unknownKey = await manager.post(`/api/v1/work-orders/${id}/actions/inspect`, { inspection_note: '已核查', note: 'x' });
    expect(unknownKey.statusCode).toBe(400);
    expect(unknownKey.json().error.fields).toEqual({ note: '此步骤没有这一项' });
    const noNote = await manager.post(`/api/v1/work-orders/${id}/actions/inspect`, {});
    expect(noNote.json().error.fields).toEqual({ inspection_note: '必填' });
    expect((await drive(manager, id, 'inspect', crew.techStaffId)).status).toBe('pre_checked');

    // The new required field, per field in the caller's language, with its bounds.
    const [person, action] = c.path[0]!;
    const actor = crew.clients[person];
    const detail = (await actor.get(`/api/v1/work-orders/${id}`)).json();
    expect(detail.actions.find((a: { key: string }) => a.key === action).records).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'eta_minutes', type: 'number', required: true, min: 1, max: 600 })]),
    );
    const missing = await actor.post(`/api/v1/work-orders/${id}/actions/${action}`, { eta_minutes: 0 }, { 'accept-language': 'en-US' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields.eta_minutes).toBe('Must be at least 1');
    const afterFirst = await drive(actor, id, action, crew.techStaffId, { eta_minutes: 45 });
    expect(afterFirst.status).toBe(renamed);
    const done = c.path.length > 1 ? await runPath(id, c.path.slice(1)) : afterFirst;
    expect(done.status).toBe(c.end === first.to ? renamed : c.end);
    expect(['closed', 'completed']).toContain(done.statusType);
    const timeline = (await crew.clients.desk.get(`/api/v1/work-orders/${id}`)).json().timeline;
    expect(timeline.find((e: { action: string }) => e.action === action).data.eta_minutes).toBe(45);

    // The item opened before the edit keeps its version: no inspection, no new field, old state key.
    const old = (await actor.get(`/api/v1/work-orders/${before.id}`)).json();
    expect(old.standard.versionId).toBe(before.standard.versionId);
    expect(old.actions.find((a: { key: string }) => a.key === action).records.map((r: { name: string }) => r.name)).not.toContain('eta_minutes');
    expect((await manager.post(`/api/v1/work-orders/${before.id}/actions/inspect`, { inspection_note: 'x' })).statusCode).toBe(409);
    const oldFirst = await drive(actor, before.id, action, crew.techStaffId);
    expect(oldFirst.status).toBe(first.to);
    if (c.path.length > 1) expect((await runPath(before.id, c.path.slice(1))).status).toBe(c.end);
  });
});
