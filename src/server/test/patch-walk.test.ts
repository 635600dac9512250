import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganization, TEST_PASSWORD } from './factories';
import { EXAMPLES, fillPath, hasType, nextSerial, openapi, operations, resolve, type Doc, type Ids, type Schema } from './openapi-walk';
import { createTestApp, TEST_DB, type TestApp, type TestClient } from './test-app';

/*
 * PATCH semantics over the OpenAPI document: for every PATCH route, a record is created through
 * the collection's POST, then each documented field of the PATCH body is sent alone (and `null`
 * for a nullable field that holds a value); the record read back must show that field changed and
 * every other field as it was. Absent fields keep their values; defaults of the create schema do
 * not apply to a PATCH (docs/api.md).
 */

/** Fields of a record's representation that follow from others or from time, never compared. */
const ALWAYS_MOVES = new Set(['updatedAt', 'version', 'allowedActions']);
/** Representation fields that legitimately follow a patched field (derived values). */
const FOLLOWS: Record<string, string[]> = {
  close: ['status', 'closedAt', 'closedBy', 'closedByName'],
  floors: ['unitCount'],
  unitsPerFloor: ['unitCount'],
  communityIds: ['communities', 'communityNames'],
  trainingStartedOn: ['trainingCompletableOn', 'trainingCompletedOn', 'clearedForSoloWork', 'training'],
  hireDate: ['clearedForSoloWork'],
  position: ['clearedForSoloWork'],
  phone: ['phoneMasked'],
  storageQuotaGb: ['effectiveQuotaBytes'],
  idNumber: ['idNumberMasked'],
  status: ['statusLabel'],
  number: ['label'],
  floor: ['label'],
  expiresOn: ['state', 'daysLeft'],
};

let t: TestApp;
let doc: Doc;
let ids: Ids;
let admin: TestClient;
let desk: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  const org = await buildOrganization(t.database, { prefix: 'patch', roles: ['company_admin', 'service_desk'] });
  admin = await t.client().login(org.users.company_admin!, TEST_PASSWORD);
  desk = await t.client().login(org.users.service_desk!, TEST_PASSWORD);
  ids = { community: org.community.id, building: org.building.id, unit: org.unit.id, resident: org.resident.id };
  // A plan needs a route.
  ids.route = (await admin.post('/api/v1/patrol/routes', EXAMPLES['POST /api/v1/patrol/routes']!(ids, nextSerial()))).json().id;
  // A certificate needs its holder.
  ids.staff = (await admin.post('/api/v1/staff', EXAMPLES['POST /api/v1/staff']!(ids, nextSerial()))).json().id;
  doc = await openapi(t);
}, 120_000);
afterAll(() => t?.close());

/** A new valid value for a field, different from `current`; undefined when none can be made. */
function changed(raw: Schema | undefined, current: unknown, n: number): unknown {
  const s = resolve(doc, raw);
  const variants = (s.anyOf ?? s.oneOf) as Schema[] | undefined;
  if (variants) return changed(variants.find((v) => !hasType(resolve(doc, v), 'null')), current, n);
  if (Array.isArray(s.enum)) return s.enum.find((v) => v !== current);
  if (hasType(s, 'boolean')) return !current;
  if (hasType(s, 'integer') || hasType(s, 'number')) {
    const max = typeof s.maximum === 'number' ? s.maximum : Number.MAX_SAFE_INTEGER;
    const base = typeof current === 'number' ? current : typeof s.minimum === 'number' ? s.minimum : 1;
    return base + 1 <= max ? base + 1 : base - 1;
  }
  if (hasType(s, 'string')) {
    if (s.format === 'date') return current === '2026-02-03' ? '2026-02-04' : '2026-02-03';
    if (typeof s.pattern === 'string' && s.pattern.includes('1\\d{10}')) return `1377${String(process.pid % 1000).padStart(3, '0')}${String(n).padStart(4, '0')}`;
    if (s.format || s.pattern) return undefined;
    const max = typeof s.maxLength === 'number' ? s.maxLength : 50;
    return `改${n}`.padEnd(Math.max(2, (s.minLength as number) ?? 0), '改').slice(0, max);
  }
  return undefined;
}

function nullable(raw: Schema | undefined): boolean {
  const s = resolve(doc, raw);
  return hasType(s, 'null') || [...(s.anyOf ?? []), ...(s.oneOf ?? [])].some((v) => hasType(resolve(doc, v), 'null'));
}

/** The record as the API shows it: its own GET, else its line in the collection's list. */
async function readBack(path: string, id: string): Promise<Record<string, unknown> | null> {
  const own = doc.paths[path]?.get;
  if (own) {
    const res = await admin.get(path.replace('{id}', id));
    return res.statusCode === 200 ? res.json() : null;
  }
  const list = path.replace('/{id}', '');
  const res = await admin.get(`${list}?communityId=${ids.community}&pageSize=200`);
  const json = res.json();
  const items = (Array.isArray(json) ? json : json.items) as Record<string, unknown>[];
  return items.find((i) => i.id === id) ?? null;
}

function differences(before: Record<string, unknown>, after: Record<string, unknown>, sent: string[]): string[] {
  const skip = new Set([...ALWAYS_MOVES, ...sent, ...sent.flatMap((f) => FOLLOWS[f] ?? [])]);
  return Object.keys({ ...before, ...after })
    .filter((k) => !skip.has(k) && JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .map((k) => `${k}: ${JSON.stringify(before[k])} -> ${JSON.stringify(after[k])}`);
}

describe(`PATCH changes only the fields sent (${TEST_DB})`, () => {
  it('keeps every other field of every PATCH route', async () => {
    const failures: string[] = [];
    const routesWalked = new Set<string>();
    let probes = 0;
    const patches = operations(doc).filter((o) => o.method === 'PATCH');
    expect(patches.length).toBeGreaterThanOrEqual(8);
    for (const { key, path, op } of patches) {
      // A route without an id (the company's settings) patches the one record there is.
      let id = '';
      if (path.includes('{id}')) {
        const createKey = `POST ${path.replace('/{id}', '')}`;
        const example = EXAMPLES[createKey];
        if (!example) {
          failures.push(`${key}: no example body for ${createKey} in openapi-walk.ts`);
          continue;
        }
        const created = await (createKey.endsWith('/incidents') ? desk : admin).post(fillPath(doc, createKey.slice(5), op, ids), example(ids, nextSerial()));
        if (created.statusCode !== 201) {
          failures.push(`${key}: creating answered ${created.statusCode} ${created.body.slice(0, 200)}`);
          continue;
        }
        id = created.json().id as string;
      }
      const schema = resolve(doc, op.requestBody?.content?.['application/json']?.schema);
      const required = new Set(schema.required ?? []);
      // Fields whose change is an action rather than an edit go last (closing an incident).
      const fields = Object.entries(schema.properties ?? {}).sort(([a], [b]) => Number(a === 'close') - Number(b === 'close'));
      for (const [field, fieldSchema] of fields) {
        const before = await readBack(path, id);
        if (!before) {
          failures.push(`${key}: cannot read ${id} back`);
          break;
        }
        const values: unknown[] = [];
        const next = changed(fieldSchema, before[field], nextSerial());
        if (next !== undefined) values.push(next);
        if (nullable(fieldSchema) && !required.has(field)) values.push(null);
        for (const value of values) {
          const prior = (await readBack(path, id))!;
          const body = { [field]: value, ...(field === 'close' ? { outcome: '走查结论' } : {}) };
          const res = await admin.patch(path.replace('{id}', id), body);
          if (res.statusCode !== 200) {
            // A value the generator cannot know is valid (a time zone, a rule between fields) is not a PATCH question.
            if (res.statusCode !== 400) failures.push(`${key} {${field}: ${JSON.stringify(value)}} -> ${res.statusCode} ${res.body.slice(0, 200)}`);
            continue;
          }
          const after = (await readBack(path, id))!;
          const moved = differences(prior, after, Object.keys(body));
          if (moved.length) failures.push(`${key} {${field}: ${JSON.stringify(value)}} also changed ${moved.join('; ')}`);
          if (field in after && JSON.stringify(after[field]) !== JSON.stringify(value) && typeof value !== 'string') {
            failures.push(`${key} {${field}: ${JSON.stringify(value)}} reads back ${JSON.stringify(after[field])}`);
          }
          probes++;
          routesWalked.add(key);
        }
      }
    }
    expect(failures).toEqual([]);
    expect([...routesWalked].sort()).toEqual(patches.map((p) => p.key).sort());
    expect(probes).toBeGreaterThan(25);
  }, 120_000);

  it('keeps the unit and note of a price-list item when only the price is sent (issue #12, item 9)', async () => {
    const item = (await admin.post('/api/v1/price-list', { communityId: ids.community, name: '补丁单项', unit: '米', price: 100, note: '含材料' })).json();
    const res = await admin.patch(`/api/v1/price-list/${item.id}`, { price: 200 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ price: 200, unit: '米', note: '含材料', name: '补丁单项' });
  });
});
