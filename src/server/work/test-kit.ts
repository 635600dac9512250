import type { ActionDescription, RecordDescription } from '../../common/work/records';
import type { ServiceStandard, TransitionDefinition } from '../standards/definition';
import type { TestClient } from '../test/test-app';
import { uploadAs } from '../modules/work-orders/test-kit';

/**
 * Test support: takes a step of a work item the way a client that only reads the API would,
 * filling every record the item's `actions` say the caller must give (by type and bounds). It
 * knows no step or record name, so it drives any standard a company writes.
 */

type Detail = { status: string; statusType: string; allowedActions: string[]; actions: ActionDescription[] };

function holds(condition: NonNullable<RecordDescription['when']>, values: Record<string, unknown>): boolean {
  return Object.entries(condition).every(([k, v]) => {
    if (Array.isArray(v)) return v.includes(values[k] as never);
    if (typeof v === 'object' && v !== null) return ![(v as { not: unknown }).not].flat().includes(values[k]);
    return values[k] === v;
  });
}

/** Whether a record applies to the values chosen so far: its outcome holds and no earlier outcome does. */
function applies(r: RecordDescription, values: Record<string, unknown>): boolean {
  return holds(r.when ?? {}, values) && !(r.unless ?? []).some((u) => holds(u, values));
}

async function valueFor(client: TestClient, r: RecordDescription, staffId: string): Promise<unknown> {
  switch (r.type) {
    case 'text':
      return '已处理'.padEnd(Math.max(r.minLength ?? 0, 3), '。');
    case 'number':
    case 'money':
      return r.min ?? 1;
    case 'datetime':
      return new Date(Date.now() + 4 * 3_600_000).toISOString();
    case 'date':
      return new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    case 'choice':
      return r.options![0]!.key;
    case 'staff':
      return staffId;
    case 'boolean':
    case 'consent':
      return true;
    case 'photo':
      return Promise.all(Array.from({ length: Math.max(r.min ?? 1, 1) }, () => uploadAs(client)));
    case 'signature':
      return uploadAs(client, 'signature');
    case 'price_lines':
      return [{ name: '检测服务', quantity: 1, amount: 5000 }];
    case 'item_lines':
      return [];
    case 'checklist':
      return Object.fromEntries((r.items ?? []).map((i) => [i.key, { result: 'pass' }]));
    default:
      throw new Error(`no sample for a ${r.type} record`);
  }
}

/** The body of `action` for this caller: every record required of them (given `over` first). */
export async function bodyFromActions(client: TestClient, detail: Pick<Detail, 'actions' | 'allowedActions'>, action: string, staffId: string, over: Record<string, unknown> = {}) {
  const description = detail.actions.find((a) => a.key === action);
  if (!description) throw new Error(`${action} is not offered (allowed: ${detail.allowedActions.join(', ')})`);
  const values: Record<string, unknown> = { ...over };
  // Base records first: outcome records depend on their values.
  for (const r of [...description.records].sort((a, b) => Number(!!a.when) - Number(!!b.when))) {
    if (r.name in values || !r.required || !applies(r, values)) continue;
    values[r.name] = await valueFor(client, r, staffId);
  }
  return values;
}

/** Reads the item as `client`, fills the step's body from its `actions` and takes the step; throws unless it succeeds. */
export async function drive(client: TestClient, id: string, action: string, staffId: string, over: Record<string, unknown> = {}): Promise<Detail> {
  const detail = (await client.get(`/api/v1/work-orders/${id}`)).json() as Detail;
  const body = await bodyFromActions(client, detail, action, staffId, over);
  const res = await client.post(`/api/v1/work-orders/${id}/actions/${action}`, body);
  if (res.statusCode !== 200) throw new Error(`${action} failed: ${res.statusCode} ${res.body}`);
  return res.json() as Detail;
}

/** Renames a state key everywhere the standard refers to it. */
export function renameState(s: ServiceStandard, from: string, to: string): ServiceStandard {
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
    autoAdvance: s.autoAdvance.map((a) => ({ ...a, from: r(a.from) })),
  };
}

/**
 * The company's edit: `inspect` (project manager, with a note) now comes between intake and the
 * first step, the first step asks for `eta_minutes` (a number of minutes, 1–600), and the state
 * the first step leads to gets a new key.
 */
export function edited(s: ServiceStandard, first: TransitionDefinition, renamedTo: string): ServiceStandard {
  const inspect: TransitionDefinition = {
    key: 'inspect',
    name: { 'zh-CN': '现场核查', 'en-US': 'Inspect' },
    from: [s.initialState],
    to: 'pre_checked',
    roles: ['project_manager'],
    records: [{ name: 'inspection_note', type: 'text', label: { 'zh-CN': '核查说明', 'en-US': 'Inspection note' }, required: true, maxLength: 200 }],
    hooks: [],
  };
  const eta = {
    name: 'eta_minutes',
    type: 'number' as const,
    label: { 'zh-CN': '预计用时', 'en-US': 'Expected time' },
    required: true,
    min: 1,
    max: 600,
    decimals: 0,
    unit: { 'zh-CN': '分钟', 'en-US': 'minutes' },
  };
  const withStep: ServiceStandard = {
    ...s,
    states: [...s.states, { key: 'pre_checked', type: 'in_progress', name: { 'zh-CN': '已核查', 'en-US': 'Inspected' }, pausesTimers: false }],
    transitions: [
      inspect,
      ...s.transitions.map((x) =>
        x.key === first.key ? { ...x, from: x.from.map((f) => (f === s.initialState ? 'pre_checked' : f)), records: [...x.records, eta] } : x,
      ),
    ],
  };
  return renameState(withStep, first.to!, renamedTo);
}
