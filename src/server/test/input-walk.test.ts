import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganization, TEST_PASSWORD } from './factories';
import { createTestApp, TEST_DB, type TestApp, type TestClient } from './test-app';

/*
 * Generated walk over the OpenAPI document: every string field of every documented route (path,
 * query and JSON body, nested objects and arrays included) refuses a NUL character and a lone
 * surrogate with a 400 naming that field, and every date or date-time field refuses a year
 * outside 1900–2999 the same way. Routes added later are walked without a change here.
 */

type Schema = Record<string, unknown> & { $ref?: string; type?: string | string[]; format?: string; properties?: Record<string, Schema>; items?: Schema; anyOf?: Schema[]; oneOf?: Schema[] };
interface Operation {
  parameters?: { name: string; in: string; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}
type Doc = { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Schema> } };

/** Routes that end the walk's own session. */
const NOT_WALKED = new Set(['POST /api/v1/auth/logout']);

let t: TestApp;
let doc: Doc;
let admin: TestClient;
let ids: { community: string; unit: string; resident: string };

beforeAll(async () => {
  t = await createTestApp();
  const org = await buildOrganization(t.database, { prefix: 'walk', roles: ['company_admin'] });
  admin = await t.client().login(org.users.company_admin!, TEST_PASSWORD);
  ids = { community: org.community.id, unit: org.unit.id, resident: org.resident.id };
  doc = (await t.app.inject('/api/openapi.json')).json();
}, 60_000);
afterAll(() => t.close());

function resolve(schema: Schema | undefined): Schema {
  let s = schema ?? {};
  for (let i = 0; s.$ref && i < 10; i++) s = doc.components?.schemas?.[s.$ref.split('/').pop()!] ?? {};
  return s;
}

function hasType(s: Schema, type: string): boolean {
  return s.type === type || (Array.isArray(s.type) && s.type.includes(type));
}

/** Every string leaf of a schema: its path (array items as `0`) and its format. */
function stringLeaves(schema: Schema | undefined, path: string[] = [], depth = 0): { path: string[]; format?: string }[] {
  const s = resolve(schema);
  if (depth > 6) return [];
  const variants = [...(s.anyOf ?? []), ...(s.oneOf ?? [])];
  if (variants.length) {
    const seen = new Map<string, { path: string[]; format?: string }>();
    for (const v of variants) for (const leaf of stringLeaves(v, path, depth + 1)) seen.set(leaf.path.join('.'), seen.get(leaf.path.join('.')) ?? leaf);
    return [...seen.values()];
  }
  if (hasType(s, 'string')) return [{ path, format: s.format }];
  if (hasType(s, 'array') && s.items) return stringLeaves(s.items, [...path, '0'], depth + 1);
  if (s.properties) return Object.entries(s.properties).flatMap(([k, v]) => stringLeaves(v, [...path, k], depth + 1));
  return [];
}

/** A value with `leaf` at `path` (objects and arrays created on the way). */
function withValue(path: string[], leaf: string): unknown {
  if (!path.length) return leaf;
  const [head, ...rest] = path;
  return head === '0' ? [withValue(rest, leaf)] : { [head!]: withValue(rest, leaf) };
}

interface Probe {
  what: string;
  method: string;
  url: string;
  body?: string;
  field: string;
}

function probes(values: { label: string; value: string; dateOnly: boolean }[]): Probe[] {
  const out: Probe[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [m, op] of Object.entries(ops)) {
      const method = m.toUpperCase();
      if (!['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(method) || NOT_WALKED.has(`${method} ${path}`)) continue;
      const params = op.parameters ?? [];
      const fill = (p: string) => params.filter((x) => x.in === 'path').reduce((acc, x) => acc.replace(`{${x.name}}`, ids.community), p);
      for (const v of values) {
        for (const p of params) {
          const s = resolve(p.schema);
          if (!hasType(s, 'string') || (v.dateOnly && !/date/.test(s.format ?? ''))) continue;
          const value = encodeURIComponent(v.value.replace(/[\ud800-\udfff]/g, '\u2603'));
          if (p.in === 'path') {
            if (v.value.includes('\ud800')) continue; // a lone surrogate cannot be percent-encoded into a URL
            out.push({ what: `${method} ${path} path ${p.name} ${v.label}`, method, url: fill(path.replace(`{${p.name}}`, value)), field: p.name });
          } else if (p.in === 'query' && !v.value.includes('\ud800')) {
            out.push({ what: `${method} ${path} query ${p.name} ${v.label}`, method, url: `${fill(path)}?${p.name}=${value}`, field: p.name });
          }
        }
        const json = op.requestBody?.content?.['application/json']?.schema;
        if (!json || method === 'GET') continue;
        for (const leaf of stringLeaves(json)) {
          if (v.dateOnly && !/date/.test(leaf.format ?? '')) continue;
          out.push({ what: `${method} ${path} body ${leaf.path.join('.')} ${v.label}`, method, url: fill(path), body: JSON.stringify(withValue(leaf.path, v.value)), field: leaf.path.join('.') });
        }
      }
    }
  }
  return out;
}

async function walk(values: { label: string; value: string; dateOnly: boolean }[], message: RegExp) {
  const failures: string[] = [];
  const list = probes(values);
  for (const p of list) {
    const res = await admin.request(p.method as 'POST', p.url, p.body, p.body ? { 'content-type': 'application/json' } : {});
    const fields = (res.json() as { error?: { fields?: Record<string, string> } }).error?.fields ?? {};
    if (res.statusCode !== 400 || !message.test(fields[p.field] ?? '')) failures.push(`${p.what} -> ${res.statusCode} ${res.body.slice(0, 160)}`);
  }
  return { failures, sent: list.length };
}

describe(`unstorable input on every documented route (${TEST_DB})`, () => {
  it('refuses a NUL and a lone surrogate in every string field with a 400 naming the field', async () => {
    const { failures, sent } = await walk(
      [
        { label: 'NUL', value: 'a\u0000b', dateOnly: false },
        { label: 'lone surrogate', value: 'x\ud800y', dateOnly: false },
      ],
      /无法保存的字符/,
    );
    expect(sent).toBeGreaterThan(200);
    expect(failures).toEqual([]);
  }, 180_000);

  it('refuses a year outside 1900–2999 in every date and date-time field with a 400 naming the field', async () => {
    const { failures, sent } = await walk(
      [
        { label: 'year 0', value: '0000-01-01', dateOnly: true },
        { label: 'year 0 instant', value: '0000-01-01T00:00:00Z', dateOnly: true },
        { label: 'year 9999 instant', value: '9999-12-31T23:59:59+08:00', dateOnly: true },
      ],
      /年份应在 1900 到 2999 之间/,
    );
    expect(sent).toBeGreaterThan(20);
    expect(failures).toEqual([]);
  }, 180_000);
});
