import type { ActionDescription, RecordDescription } from '../../common/work/records';
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
export async function bodyFromActions(client: TestClient, detail: Detail, action: string, staffId: string, over: Record<string, unknown> = {}) {
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
