import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../common/roles';
import { loadDefaultLibrary } from '../../standards/library';
import { matchesCondition, type Facts, type ServiceStandard } from '../../standards/definition';
import { createTestApp, type TestApp, type TestClient } from '../../test/test-app';
import { act, buildCrew, staffIdOf, uploadAs, type Crew } from './test-kit';

/*
 * Every action in every state for every role, generated from the standards themselves: orders
 * are driven along paths into each state; each action is tried by each person. Only what the
 * engine and the row-level policy allow succeeds; every refusal answers 403 or 409 and leaves
 * state and timeline untouched.
 */

let t: TestApp;
let crew: Crew;
const library = loadDefaultLibrary().standards;

/** The desk's staff member, a complaint's handler. */
let handlerId: string;
beforeAll(async () => {
  t = await createTestApp();
  crew = await buildCrew(t, 'mx');
  handlerId = await staffIdOf(t, crew, 'service_desk');
});
afterAll(() => t.close());

type Person = keyof Crew['clients'];
/** The roles each person's row-level policy grants on an order assigned to `tech` in their community. */
const GRANTED: Record<Person, (assigned: boolean) => Role[]> = {
  admin: () => ['company_admin'],
  manager: () => ['project_manager'],
  desk: () => ['service_desk'],
  dispatcher: () => ['dispatcher'],
  tech: (assigned) => (assigned ? ['technician'] : []),
  tech2: () => [],
  resident: () => ['resident'],
  guard: () => ['guard'],
};
const PEOPLE = Object.keys(GRANTED) as Person[];

/** The status the standard + policy predict (same order of checks as the engine). */
function expected(standard: ServiceStandard, state: string, facts: Facts, person: Person, action: string, assigned: boolean): number {
  const transition = standard.transitions.find((x) => x.key === action);
  if (!transition || !transition.from.includes(state)) return 409;
  if (standard.autoAdvance.some((r) => r.transition === action)) return 403;
  if (!GRANTED[person](assigned).some((r) => transition.roles.includes(r))) return 403;
  if (!matchesCondition(transition.when, facts)) return 409;
  return 200;
}

// Refused actions link nothing, so one photo and one signature serve until an action succeeds.
const pool: { photo?: string; signature?: string } = {};
async function photo() {
  return (pool.photo ??= await uploadAs(crew.clients.tech));
}
async function signature() {
  return (pool.signature ??= await uploadAs(crew.clients.resident, 'signature'));
}
function used(action: string) {
  if (action === 'arrive' || action === 'complete') delete pool.photo;
  if (action === 'confirm') delete pool.signature;
}

const future = () => new Date(Date.now() + 6 * 3_600_000).toISOString();

/** A body satisfying every record the action can ask for (record names of the shipped standards). */
async function bodyFor(kind: Path['kind'], action: string): Promise<Record<string, unknown>> {
  switch (action) {
    case 'dispatch':
      return { technician: crew.techStaffId };
    case 'reassign':
      return kind === 'complaint' ? { handler: handlerId, reason: '由前台主管处理' } : { technician: crew.techStaffId, reason: '原定技工请假' };
    case 'return':
      return { reason: '不具备燃气作业资质' };
    case 'pause':
    case 'pause-repair':
    case 'pause-handling':
      return { hold_reason: kind === 'complaint' ? 'third_party' : 'parts', resume_at: future(), note: '等待阀芯到货' };
    case 'start-free':
      return { diagnosis: '阀芯老化', free_reason: '保修期内' };
    case 'follow-up':
      return { finding: '上门迟到', measure: '已约谈技工并致歉', channel: 'phone' };
    case 'schedule':
      return { appointment_at: future(), reason: '业主要求改期' };
    case 'arrive':
      return { before: [await photo()] };
    case 'quote':
      return { diagnosis: '阀芯老化', items: [{ name: '更换水龙头', amount: 8000 }], price_basis: '公示价目表' };
    case 'start':
      return { diagnosis: '阀芯老化' };
    case 'consent':
      return { approved: true, channel: 'phone' };
    case 'complete':
      return { work_done: '已修好', after: [await photo()], materials: [] };
    case 'confirm':
      return { approved: true, channel: 'walk_in', owner: await signature() };
    case 'return-visit':
      return kind === 'complaint' ? { satisfied: true, satisfaction: 5, channel: 'phone' } : { satisfaction: 5, channel: 'phone' };
    case 'return-visit(low)':
      return { satisfaction: 2, comment: '上门迟到', channel: 'phone' };
    case 'cancel':
      return { reason: '业主已自行处理' };
    case 'reply':
      return { reply: '已收到，正在核实', channel: 'phone' };
    case 'resolve':
      return { cause: '楼上装修', resolution: '已协调' };
    case 'answer':
      return { answer: '物业费可在前台缴纳', channel: 'phone' };
    case 'refer':
      return { department: '社区居委会', handover_note: '已电话交接' };
    case 'convert':
      return { converted_to: 'repair' };
    default:
      return {};
  }
}

interface Path {
  kind: 'repair' | 'complaint' | 'inquiry';
  paid?: boolean;
  steps: [Person, string][];
}

/** Paths from intake into each state of each standard. */
const PATHS: Record<string, Path> = {};
const repairFree: [Person, string][] = [
  ['dispatcher', 'dispatch'],
  ['tech', 'accept'],
  ['tech', 'schedule'],
  ['tech', 'arrive'],
  ['tech', 'start'],
  ['tech', 'complete'],
  ['resident', 'confirm'],
  ['desk', 'return-visit'],
];
const repairStates = ['submitted', 'dispatched', 'accepted', 'scheduled', 'arrived', 'in_repair', 'completed', 'confirmed', 'closed'];
repairStates.forEach((s, i) => (PATHS[`repair:${s}`] = { kind: 'repair', steps: repairFree.slice(0, i) }));
PATHS['repair:cancelled'] = { kind: 'repair', steps: [['desk', 'cancel']] };
PATHS['repair(paid):arrived'] = { kind: 'repair', paid: true, steps: repairFree.slice(0, 4) };
PATHS['repair(paid):quoted'] = { kind: 'repair', paid: true, steps: [...repairFree.slice(0, 4), ['tech', 'quote']] };
PATHS['repair:on_hold'] = { kind: 'repair', steps: [...repairFree.slice(0, 2), ['tech', 'pause']] };
PATHS['repair:on_hold_repair'] = { kind: 'repair', steps: [...repairFree.slice(0, 5), ['tech', 'pause-repair']] };
PATHS['repair:follow_up'] = { kind: 'repair', steps: [...repairFree.slice(0, 7), ['desk', 'return-visit(low)']] };
PATHS['complaint:received'] = { kind: 'complaint', steps: [] };
PATHS['complaint:replied'] = { kind: 'complaint', steps: [['desk', 'reply']] };
PATHS['complaint:resolved'] = { kind: 'complaint', steps: [['desk', 'reply'], ['desk', 'resolve']] };
PATHS['complaint:visited'] = { kind: 'complaint', steps: [['desk', 'reply'], ['desk', 'resolve'], ['desk', 'return-visit']] };
PATHS['complaint:closed'] = {
  kind: 'complaint',
  steps: [['desk', 'reply'], ['desk', 'resolve'], ['desk', 'return-visit'], ['desk', 'close']],
};
PATHS['complaint:handling'] = { kind: 'complaint', steps: [['desk', 'reply'], ['dispatcher', 'reassign']] };
PATHS['complaint:on_hold'] = { kind: 'complaint', steps: [['desk', 'reply'], ['desk', 'pause']] };
PATHS['complaint:on_hold_handling'] = { kind: 'complaint', steps: [['desk', 'reply'], ['dispatcher', 'reassign'], ['desk', 'pause-handling']] };
PATHS['complaint:withdrawn'] = { kind: 'complaint', steps: [['desk', 'cancel']] };
PATHS['inquiry:open'] = { kind: 'inquiry', steps: [] };
PATHS['inquiry:answered'] = { kind: 'inquiry', steps: [['desk', 'answer']] };
PATHS['inquiry:referred'] = { kind: 'inquiry', steps: [['desk', 'refer']] };
PATHS['inquiry:converted'] = { kind: 'inquiry', steps: [['desk', 'convert']] };

const CATEGORY = { repair: 'plumbing', complaint: 'noise', inquiry: 'fees' } as const;

async function orderAt(path: Path, extra: [Person, string][] = []): Promise<string> {
  const res = await crew.clients.desk.post('/api/v1/work-orders', {
    kind: path.kind,
    communityId: crew.org.community.id,
    unitId: crew.org.unit.id,
    channel: 'phone',
    category: CATEGORY[path.kind],
    description: '测试工单',
    reporterResidentId: crew.org.resident.id,
    paid: path.kind === 'repair' ? (path.paid ?? false) : undefined,
  });
  if (res.statusCode !== 201) throw new Error(res.body);
  const id = res.json().id as string;
  // `action(variant)` takes the step with another body (a low rating).
  for (const [person, step] of [...path.steps, ...extra]) {
    const action = step.replace(/\(.*\)$/, '');
    await act(crew.clients[person], id, action, await bodyFor(path.kind, step));
    used(action);
  }
  return id;
}

async function snapshot(desk: TestClient, id: string) {
  const d = (await desk.get(`/api/v1/work-orders/${id}`)).json();
  return { status: d.status, timeline: d.timeline.length, counters: d.counters };
}

describe('every action in every state for every role', () => {
  it('covers every state of the three standards', () => {
    for (const key of ['repair', 'complaint', 'inquiry']) {
      const states = library.get(key)!.states.map((s) => s.key);
      const walked = Object.keys(PATHS).filter((p) => p.startsWith(key)).map((p) => p.split(':')[1]);
      expect(new Set(walked), key).toEqual(new Set(states));
    }
  });

  for (const [name, path] of Object.entries(PATHS)) {
    it(`${name}: only what the standard and policy allow succeeds; refusals change nothing`, async () => {
      const standard = library.get(path.kind)!;
      const state = name.split(':')[1]!;
      const id = await orderAt(path);
      const before = await snapshot(crew.clients.desk, id);
      expect(before.status).toBe(state);
      const detail = (await crew.clients.desk.get(`/api/v1/work-orders/${id}`)).json();
      const assigned = detail.assignee?.id === crew.techStaffId;
      const facts = detail.facts as Facts;
      const allowed: [Person, string][] = [];
      const failures: string[] = [];
      // Every step of the three standards, plus one no standard has (refused like a wrong state).
      const actions = [...new Set([...[...library.values()].filter((x) => x.key in CATEGORY).flatMap((x) => x.transitions.map((tr) => tr.key)), 'inspect'])];
      for (const person of PEOPLE) {
        const client = crew.clients[person];
        const shown = (await client.get(`/api/v1/work-orders/${id}`)).json().allowedActions as string[];
        for (const action of actions) {
          const want = expected(standard, state, facts, person, action, assigned);
          if (want === 200) {
            allowed.push([person, action]);
            if (!shown.includes(action)) failures.push(`${person} ${action}: not in allowedActions`);
            continue;
          }
          if (shown.includes(action)) failures.push(`${person} ${action}: offered but refused`);
          const res = await client.post(`/api/v1/work-orders/${id}/actions/${action}`, await bodyFor(path.kind, action));
          if (res.statusCode !== want) failures.push(`${person} ${action}: ${res.statusCode} (want ${want}) ${res.body.slice(0, 120)}`);
        }
        expect(await snapshot(crew.clients.desk, id), `after ${person}'s refused actions`).toEqual(before);
      }
      // Each allowed action, on a fresh order in the same state.
      for (const [person, action] of allowed) {
        const fresh = await orderAt(path);
        const res = await crew.clients[person].post(`/api/v1/work-orders/${fresh}/actions/${action}`, await bodyFor(path.kind, action));
        used(action);
        if (res.statusCode !== 200) failures.push(`${person} ${action} on a fresh order: ${res.statusCode} ${res.body.slice(0, 160)}`);
      }
      expect(failures).toEqual([]);
      // Eighteen steps by eight people, each a real request: slow on a loaded machine.
    }, 180_000);
  }
});
