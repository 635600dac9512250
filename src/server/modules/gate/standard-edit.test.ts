import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionDescription } from '../../../common/work/records';
import { loadDefaultLibrary } from '../../standards/library';
import { createTestApp, type TestApp, type TestClient } from '../../test/test-app';
import { bodyFromActions, edited } from '../../work/test-kit';
import { buildCrew, type Crew } from '../work-orders/test-kit';

/*
 * Issue #11, done when, for the gate's standards (visitor, goods_release, decoration): a company
 * admin saves a version that adds a required typed field to a step, a new step with its own role
 * between two others and a renamed state; a new item runs through the new steps end to end via
 * the API, driven only by the `actions` it describes; an item opened before the edit finishes
 * under its old version. Generated per standard (the same edit as src/server/work/standard-edit.test.ts);
 * runs on PGlite and PostgreSQL.
 */

let t: TestApp;
let crew: Crew;
beforeAll(async () => {
  t = await createTestApp();
  crew = await buildCrew(t, 'gse');
});
afterAll(() => t.close());

type Person = keyof Crew['clients'];
type Item = { id: string; state: { key: string; type: string }; standard: { versionId: string }; allowedActions: string[]; actions: ActionDescription[]; events?: Array<{ action: string; data: Record<string, unknown> }> };
const library = loadDefaultLibrary().standards;
const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
const localDate = (days: number) => new Date(Date.now() + days * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);

/** Per standard: where its items live, how one is opened, and who takes its steps to the end. */
const CASES = {
  visitor: {
    base: '/api/v1/gate/passes',
    open: () => crew.clients.resident.post('/api/v1/gate/passes', { unitId: crew.org.unit.id, visitorName: '改版访客', validUntil: inHours(6) }),
    path: [['guard', 'enter'], ['guard', 'exit']],
    end: 'left',
  },
  goods_release: {
    base: '/api/v1/gate/slips',
    open: () => crew.clients.resident.post('/api/v1/gate/slips', { unitId: crew.org.unit.id, items: [{ name: '旧沙发', quantity: 1 }], carrierName: '搬家师傅' }),
    path: [['guard', 'release']],
    end: 'released',
  },
  decoration: {
    base: '/api/v1/gate/decorations',
    open: () =>
      crew.clients.desk.post('/api/v1/gate/decorations', {
        unitId: crew.org.unit.id,
        company: '改版装饰',
        responsibleName: '周工',
        responsiblePhone: '13811113333',
        startsOn: localDate(0),
        endsOn: localDate(20),
      }),
    path: [['manager', 'approve'], ['desk', 'start'], ['manager', 'check'], ['desk', 'close']],
    end: 'closed',
  },
} as const satisfies Record<string, { base: string; open: () => Promise<unknown>; path: readonly (readonly [Person, string])[]; end: string }>;

type Kind = keyof typeof CASES;

async function open(kind: Kind): Promise<Item> {
  const res = (await CASES[kind].open()) as Awaited<ReturnType<TestClient['post']>>;
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Item;
}

/** Reads the item as `client`, fills the step from its `actions` only, takes it with the version seen (If-Match). */
async function drive(kind: Kind, client: TestClient, id: string, action: string, over: Record<string, unknown> = {}): Promise<Item> {
  const detail = (await client.get(`${CASES[kind].base}/${id}`)).json() as Item & { version: number };
  const body = await bodyFromActions(client, detail, action, crew.techStaffId, over);
  const res = await client.post(`${CASES[kind].base}/${id}/actions/${action}`, body, { 'if-match': `"${detail.version}"` });
  if (res.statusCode !== 200) throw new Error(`${action} failed: ${res.statusCode} ${res.body}`);
  expect(res.headers.etag).toBe(`"${detail.version + 1}"`);
  return res.json() as Item;
}

async function runPath(kind: Kind, id: string, path: readonly (readonly [Person, string])[]) {
  let last = null as Item | null;
  for (const [person, action] of path) last = await drive(kind, crew.clients[person], id, action);
  return last!;
}

describe.each(Object.keys(CASES) as Kind[])('a company edits its %s standard', (kind) => {
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
    const [person, action] = c.path[0]!;
    const actor = crew.clients[person];
    const early = await actor.post(`${c.base}/${id}/actions/${first.key}`, {});
    expect(early.statusCode, early.body).toBe(409);
    const managerView = (await manager.get(`${c.base}/${id}`)).json() as Item;
    expect(managerView.allowedActions).toContain('inspect');
    expect(managerView.actions.find((a) => a.key === 'inspect')!.records).toEqual([
      expect.objectContaining({ name: 'inspection_note', type: 'text', required: true, maxLength: 200 }),
    ]);
    const unknownKey = await manager.post(`${c.base}/${id}/actions/inspect`, { inspection_note: '已核查', note: 'x' });
    expect(unknownKey.statusCode).toBe(400);
    expect(unknownKey.json().error.fields).toEqual({ note: '此步骤没有这一项' });
    const noNote = await manager.post(`${c.base}/${id}/actions/inspect`, {});
    expect(noNote.json().error.fields).toEqual({ inspection_note: '必填' });
    expect((await drive(kind, manager, id, 'inspect')).state.key).toBe('pre_checked');

    // The new required field, per field in the caller's language, with its bounds.
    const detail = (await actor.get(`${c.base}/${id}`)).json() as Item;
    expect(detail.actions.find((a) => a.key === action)!.records).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'eta_minutes', type: 'number', required: true, min: 1, max: 600 })]),
    );
    const missing = await actor.post(`${c.base}/${id}/actions/${action}`, { eta_minutes: 0 }, { 'accept-language': 'en-US' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields.eta_minutes).toBe('Must be at least 1');
    const afterFirst = await drive(kind, actor, id, action, { eta_minutes: 45 });
    expect(afterFirst.state.key).toBe(renamed);
    const done = c.path.length > 1 ? await runPath(kind, id, c.path.slice(1)) : afterFirst;
    expect(done.state.key).toBe(c.end === first.to ? renamed : c.end);
    expect(['closed', 'completed']).toContain(done.state.type);
    const events = (await crew.clients.desk.get(`${c.base}/${id}`)).json().events as NonNullable<Item['events']>;
    expect(events.find((e) => e.action === action)!.data.eta_minutes).toBe(45);
    expect(events.map((e) => e.action)).toEqual(['created', 'inspect', ...c.path.map(([, a]) => a)]);

    // The item opened before the edit keeps its version: no inspection, no new field, old state key.
    const old = (await actor.get(`${c.base}/${before.id}`)).json() as Item;
    expect(old.standard.versionId).toBe(before.standard.versionId);
    expect(old.actions.find((a) => a.key === action)!.records.map((r) => r.name)).not.toContain('eta_minutes');
    expect((await manager.post(`${c.base}/${before.id}/actions/inspect`, { inspection_note: 'x' })).statusCode).toBe(409);
    const oldFirst = await drive(kind, actor, before.id, action);
    expect(oldFirst.state.key).toBe(first.to);
    if (c.path.length > 1) expect((await runPath(kind, before.id, c.path.slice(1))).state.key).toBe(c.end);
  });
});

describe('staff-only records at the gate', () => {
  it('shows a record the company marks internal to staff, never to the resident whose slip it is', async () => {
    const base = library.get('goods_release')!;
    const remark = { name: 'guard_remark', type: 'text' as const, label: { 'zh-CN': '门岗备注', 'en-US': 'Guard remark' }, maxLength: 200, internal: true };
    const definition = { ...base, transitions: base.transitions.map((x) => (x.key === 'release' ? { ...x, records: [...x.records, remark] } : x)) };
    const saved = await crew.clients.admin.post('/api/v1/standards/goods_release/versions', { reason: '门岗备注仅员工可见', definition });
    expect(saved.statusCode, saved.body).toBe(201);
    const slip = await open('goods_release');
    await drive('goods_release', crew.clients.guard, slip.id, 'release', { guard_remark: '车牌浙A12345，司机未出示证件' });
    const releaseOf = async (client: TestClient) => ((await client.get(`/api/v1/gate/slips/${slip.id}`)).json() as Item).events!.find((e) => e.action === 'release')!.data;
    expect(await releaseOf(crew.clients.desk)).toMatchObject({ guard_remark: '车牌浙A12345，司机未出示证件' });
    const resident = await releaseOf(crew.clients.resident);
    expect(resident).not.toHaveProperty('guard_remark');
    // The rest of the step stays the resident's to read.
    expect(Object.keys(resident)).toContain('goods_checked');
  });
});
