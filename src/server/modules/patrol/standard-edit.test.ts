import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceStandard, TransitionDefinition } from '../../standards/definition';
import { loadDefaultLibrary } from '../../standards/library';
import { createTestApp, type TestApp, type TestClient } from '../../test/test-app';
import { bodyFromActions } from '../../work/test-kit';
import { buildCrew, type Crew } from '../work-orders/test-kit';

/*
 * Issue #11, done when, for the patrol standard: a company admin saves a company version that
 * adds a step with its own role between two others (the project manager's briefing before the
 * guard starts), a required typed field on a step (the radio channel when starting) and renames a
 * state (the one start leads to). A new round runs through the new steps end to end, driven only
 * from the round's `actions` and the check-ins; a round made before the edit finishes under its
 * old version. Runs on PGlite and PostgreSQL.
 */

let t: TestApp;
let crew: Crew;
let routeId: string;
const TAGS = ['PE-1', 'PE-2', 'PE-3'];
const library = loadDefaultLibrary().standards;

beforeAll(async () => {
  t = await createTestApp();
  crew = await buildCrew(t, 'pe');
  const res = await crew.clients.manager.post('/api/v1/patrol/routes', {
    communityId: crew.org.community.id,
    name: '标准修改巡更',
    checkpoints: TAGS.map((tagId, i) => ({ name: `修改${i + 1}号点`, tagId, offsetMinutes: i * 5, toleranceMinutes: 10 })),
  });
  expect(res.statusCode, res.body).toBe(201);
  routeId = res.json().id;
});
afterAll(() => t.close());

type Round = { id: string; state: string; stateType: string; version: number; allowedActions: string[]; actions: { key: string; records: { name: string }[] }[]; timeline: { action: string; data: Record<string, unknown> }[]; standard?: unknown };

/** Renames a state key everywhere the standard refers to it. */
function renameState(s: ServiceStandard, from: string, to: string): ServiceStandard {
  const r = (k: string) => (k === from ? to : k);
  return {
    ...s,
    initialState: r(s.initialState),
    states: s.states.map((x) => (x.key === from ? { ...x, key: to, name: { 'zh-CN': `${x.name['zh-CN']}（新）`, 'en-US': `${x.name['en-US']} (new)` } } : x)),
    transitions: s.transitions.map((x) => ({
      ...x,
      from: x.from.map(r),
      ...(x.to !== undefined ? { to: r(x.to) } : {}),
      ...(x.outcomes ? { outcomes: x.outcomes.map((o) => ({ ...o, to: r(o.to) })) } : {}),
    })),
    timeLimits: s.timeLimits.map((l) => ({
      ...l,
      startOn: l.startOn.map((g) => ('state' in g ? { state: r(g.state) } : g)),
      stopOn: l.stopOn.map((g) => ('state' in g ? { state: r(g.state) } : g)),
    })),
  };
}

/**
 * The company's edit, found by the check-in events the steps are named for (no step key is
 * assumed): `brief` (project manager, with a note) comes between the round's opening and the
 * step the first check-in takes, which now asks for `radio_channel` (1–16) and leads to a
 * renamed state.
 */
function edited(s: ServiceStandard, start: TransitionDefinition, renamedTo: string): ServiceStandard {
  const brief: TransitionDefinition = {
    key: 'brief',
    name: { 'zh-CN': '班前交底', 'en-US': 'Briefing' },
    from: [s.initialState],
    to: 'briefed',
    roles: ['project_manager'],
    records: [{ name: 'briefing_note', type: 'text', label: { 'zh-CN': '交底内容', 'en-US': 'Briefing note' }, required: true, maxLength: 200 }],
    hooks: [],
  };
  const channel = { name: 'radio_channel', type: 'number' as const, label: { 'zh-CN': '对讲机频道', 'en-US': 'Radio channel' }, required: true, min: 1, max: 16, decimals: 0 };
  const withStep: ServiceStandard = {
    ...s,
    states: [...s.states, { key: 'briefed', type: 'open', name: { 'zh-CN': '已交底', 'en-US': 'Briefed' }, pausesTimers: false }],
    transitions: [
      brief,
      ...s.transitions.map((x) => (x.key === start.key ? { ...x, from: x.from.map((f) => (f === s.initialState ? 'briefed' : f)), records: [...x.records, channel] } : x)),
    ],
  };
  return renameState(withStep, start.to!, renamedTo);
}

async function extraRound(): Promise<Round> {
  const res = await crew.clients.guard.post('/api/v1/patrol/rounds', { routeId });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Round;
}

const read = async (client: TestClient, id: string) => (await client.get(`/api/v1/patrol/rounds/${id}`)).json() as Round;

/** Takes `action` as `client` with the body its `actions` ask for (plus `over`), sending the version seen. */
async function drive(client: TestClient, id: string, action: string, over: Record<string, unknown> = {}): Promise<Round> {
  const round = await read(client, id);
  const body = await bodyFromActions(client, { allowedActions: round.allowedActions, actions: round.actions as never }, action, crew.techStaffId, over);
  const res = await client.post(`/api/v1/patrol/rounds/${id}/actions/${action}`, body, { 'if-match': `"${round.version}"` });
  if (res.statusCode !== 200) throw new Error(`${action} failed: ${res.statusCode} ${res.body}`);
  return res.json() as Round;
}

const checkIn = (id: string, tagId: string) => crew.clients.guard.post(`/api/v1/patrol/rounds/${id}/check-ins`, { tagId, method: 'qr' });

describe('a company edits its patrol standard', () => {
  it('new rounds run through the new steps; rounds made before finish under the old version', async () => {
    const { admin, manager, guard } = crew.clients;
    const base = library.get('patrol_cctv')!;
    const start = base.transitions.find((x) => x.takenOn === 'first_check_in')!;
    const finish = base.transitions.find((x) => x.takenOn === 'all_checked_in')!;
    const renamed = `${start.to}_v2`;
    const before = await extraRound();

    const saved = await admin.post('/api/v1/standards/patrol_cctv/versions', { reason: '巡更前增加班前交底和对讲机频道', definition: edited(base, start, renamed) });
    expect(saved.statusCode, saved.body).toBe(201);

    const round = await extraRound();
    const id = round.id;
    // The guard cannot start before the briefing: no step offered, and the first check-in is refused.
    expect(round.actions).toEqual([]);
    const early = await checkIn(id, TAGS[0]!);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain('尚未开始');
    expect((await guard.post(`/api/v1/patrol/rounds/${id}/actions/${start.key}`, { radio_channel: 2 })).statusCode).toBe(409);

    // The new step, the project manager's, with its typed record.
    const managerView = await read(manager, id);
    expect(managerView.allowedActions).toEqual(['brief']);
    expect(managerView.actions[0]!.records).toEqual([expect.objectContaining({ name: 'briefing_note', type: 'text', required: true, maxLength: 200 })]);
    const unknownKey = await manager.post(`/api/v1/patrol/rounds/${id}/actions/brief`, { briefing_note: '注意地库积水', note: 'x' });
    expect(unknownKey.json().error.fields).toEqual({ note: '此步骤没有这一项' });
    const noNote = await manager.post(`/api/v1/patrol/rounds/${id}/actions/brief`, {});
    expect(noNote.json().error.fields).toEqual({ briefing_note: '必填' });
    expect((await drive(manager, id, 'brief')).state).toBe('briefed');

    // Start now asks for the radio channel, so the guard takes it in its form before checking in.
    const guardView = await read(guard, id);
    expect(guardView.actions.map((a) => a.key)).toEqual([start.key]);
    expect(guardView.actions[0]!.records).toEqual([expect.objectContaining({ name: 'radio_channel', type: 'number', required: true, min: 1, max: 16 })]);
    expect((await checkIn(id, TAGS[0]!)).statusCode).toBe(409);
    const bad = await guard.post(`/api/v1/patrol/rounds/${id}/actions/${start.key}`, { radio_channel: 0 }, { 'accept-language': 'en-US' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.radio_channel).toBe('Must be at least 1');
    const started = await drive(guard, id, start.key, { radio_channel: 3 });
    expect(started.state).toBe(renamed);
    expect(started.actions.map((a) => a.key)).toEqual([finish.key]);

    // The check-ins walk it; the last one takes the finish step the standard names for it.
    let last: Round | null = null;
    for (const tag of TAGS) {
      const res = await checkIn(id, tag);
      expect(res.statusCode, res.body).toBe(200);
      last = res.json() as Round;
    }
    expect(last).toMatchObject({ state: 'completed', stateType: 'closed', actions: [] });
    const timeline = (await read(manager, id)).timeline;
    expect(timeline.map((e) => e.action)).toEqual(['created', 'brief', start.key, 'check_in', 'check_in', 'check_in', finish.key]);
    expect(timeline.find((e) => e.action === start.key)!.data.radio_channel).toBe(3);
    expect(timeline.find((e) => e.action === 'brief')!.data.briefing_note).toBeTruthy();
    const audit = await t.database.query<{ action: string }>(`select action from audit_log where entity_id = $1 order by at`, [id]);
    // (The last check-in and the finish it takes share one transaction and its instant.)
    expect(audit.map((r) => r.action).sort()).toEqual(['created', 'brief', start.key, 'check_in', 'check_in', 'check_in', finish.key].sort());

    // The round made before the edit keeps its version: no briefing, no radio channel, old state key.
    const old = await read(guard, before.id);
    expect(old.actions.map((a) => a.key)).toEqual([start.key]);
    expect(old.actions[0]!.records).toEqual([]);
    expect((await manager.post(`/api/v1/patrol/rounds/${before.id}/actions/brief`, { briefing_note: 'x' })).statusCode).toBe(409);
    const first = await checkIn(before.id, TAGS[0]!);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().state).toBe(start.to);
    for (const tag of TAGS.slice(1)) expect((await checkIn(before.id, tag)).statusCode).toBe(200);
    expect((await read(guard, before.id)).state).toBe('completed');
  });
});
