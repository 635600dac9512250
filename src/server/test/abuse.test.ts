import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBodySchema } from '../../common/api';
import { buildOrganization, TEST_PASSWORD } from './factories';
import { createTestApp, TEST_DB, type TestApp, type TestClient } from './test-app';

/*
 * Generated abuse: every operation of the OpenAPI document (routes added later included) gets
 * malformed, oversized and hostile path ids, query strings, bodies and headers, as a signed-in
 * company admin (with CSRF) and anonymously. No answer may be a 5xx, every error body follows the
 * error schema, and a refused (4xx) request writes nothing. Deterministic: fixed seeds.
 */

const SEED = 20261122;
const RUNS_ADMIN = 4;
const RUNS_ANONYMOUS = 2;

/** Failed sign-ins are recorded on purpose (throttling, audit); logging out ends the walk's session. */
const NOT_WALKED = new Set(['POST /api/v1/auth/logout']);
const WRITES_ON_REFUSAL = new Set(['POST /api/v1/auth/login']);
/** Tables a request may touch without changing data: the session's last-seen time, sign-in throttling. */
const VOLATILE_TABLES = new Set(['sessions', 'login_attempts', '__drizzle_migrations']);

type Schema = Record<string, unknown> & { $ref?: string };
interface Operation {
  parameters?: { name: string; in: string; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}
type Doc = { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Schema> } };

const deep = (depth: number) => {
  let v: unknown = 'x';
  for (let i = 0; i < depth; i++) v = { a: v, b: [v === 'x' ? 1 : null] };
  return v;
};

const HOSTILE_STRINGS = [
  "' OR '1'='1' --",
  "'; drop table work_orders; --",
  '1; select pg_sleep(5)',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\u202eevil',
  '\ufeff',
  '𠜎𠜱𠝹',
  '🏠'.repeat(300),
  'x'.repeat(70_000),
  '../../../etc/passwd',
  '%00%27',
  '${7*7}{{7*7}}',
  '',
  '   ',
  'null',
  'NaN',
  '-1',
  '1e309',
  '9'.repeat(400),
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '2026-02-30T25:61:00Z',
  '0000-00-00',
];
const HOSTILE_NUMBERS = [-1, 0, 1.5, -1e308, 1e308, Number.MAX_SAFE_INTEGER + 2, -2147483649, 2147483648];

const hostileString = fc.oneof(fc.constantFrom(...HOSTILE_STRINGS), fc.string({ unit: 'binary', maxLength: 40 }));
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 2, arbitrary: fc.constantFrom<unknown>(...HOSTILE_NUMBERS, true, false, null, [], {}, [null], { $gt: '' }) },
  { weight: 1, arbitrary: fc.constantFrom(deep(40), deep(3000)) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

let t: TestApp;
let doc: Doc;
let admin: TestClient;
let ownIds: string[];
let snapshotSql: string;

beforeAll(async () => {
  t = await createTestApp();
  const org = await buildOrganization(t.database, { prefix: 'abuse', roles: ['company_admin'] });
  admin = await t.client().login(org.users.company_admin!, TEST_PASSWORD);
  ownIds = [org.org.id, org.community.id, org.building.id, org.unit.id, org.resident.id];
  doc = (await t.app.inject('/api/openapi.json')).json();
  // One query reading every table's row count and latest update: the database's fingerprint.
  const tables = await t.database.query<{ table_name: string; has_updated: boolean }>(
    `select c.table_name, bool_or(c.column_name = 'updated_at') as has_updated from information_schema.columns c
     join information_schema.tables t on t.table_name = c.table_name and t.table_schema = c.table_schema
     where c.table_schema = 'public' and t.table_type = 'BASE TABLE' group by c.table_name order by c.table_name`,
  );
  snapshotSql = `select ${tables
    .filter((x) => !VOLATILE_TABLES.has(x.table_name))
    .map((x) => `(select row(count(*)${x.has_updated ? ', max(updated_at)' : ''})::text from "${x.table_name}") as "${x.table_name}"`)
    .join(', ')}`;
}, 60_000);
afterAll(() => t.close());

async function snapshot(): Promise<Record<string, string>> {
  return (await t.database.query<Record<string, string>>(snapshotSql))[0]!;
}

function resolve(schema: Schema | undefined): Schema {
  let s = schema ?? {};
  for (let i = 0; s.$ref && i < 10; i++) s = doc.components?.schemas?.[s.$ref.split('/').pop()!] ?? {};
  return s;
}

function operations() {
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops)
      .filter(([m]) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
      .map(([m, op]) => ({ key: `${m.toUpperCase()} ${path}`, method: m.toUpperCase(), path, op })),
  );
}

/** One hostile request for an operation: path ids, query, body and headers drawn from the arbitraries. */
function requestArbitrary(path: string, op: Operation) {
  const params = op.parameters ?? [];
  const pathParams = params.filter((p) => p.in === 'path');
  const queryParams = params.filter((p) => p.in === 'query').map((p) => p.name);
  const json = op.requestBody?.content?.['application/json']?.schema;
  const props = Object.keys((resolve(json).properties as Record<string, unknown> | undefined) ?? {});
  const idOrHostile = fc.oneof(fc.constantFrom(...ownIds), hostileString);
  const documentedBody = fc.dictionary(props.length ? fc.constantFrom(...props) : fc.constant('x'), hostileValue, { maxKeys: Math.max(1, props.length) });
  const body = fc.oneof(
    { weight: 4, arbitrary: documentedBody.map((b) => JSON.stringify(b)) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.constantFrom('{"a":', '[1,2', 'null', '"text"', '{"__proto__":{"admin":true}}', JSON.stringify({ x: 'y'.repeat(1_200_000) })) },
  );
  return fc.record({
    path: fc.tuple(...pathParams.map(() => idOrHostile)).map((values) =>
      pathParams.reduce((p, param, i) => p.replace(`{${param.name}}`, encodePath(String(values[i]))), path),
    ),
    query: fc.dictionary(fc.oneof(fc.constantFrom(...(queryParams.length ? queryParams : ['q'])), fc.constant('unknown')), hostileValue, { maxKeys: 3 }),
    body,
    headers: fc.record(
      {
        'accept-language': fc.constantFrom('xx', 'zh-CN;q=abc', '*'.repeat(500), 'en-US'),
        'idempotency-key': fc.constantFrom('', 'k'.repeat(500), "'; drop table idempotency_keys; --"),
        'content-type': fc.constantFrom('application/json', 'text/plain', 'application/json; charset=latin1', 'multipart/form-data; boundary=x'),
      },
      { requiredKeys: ['content-type'] },
    ),
  });
}

/** Percent-encodes a path segment; a lone surrogate goes out as the invalid UTF-8 bytes a hostile client would send. */
function encodePath(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return encodeURIComponent(value.replace(/[\ud800-\udfff]/g, '')) + '%ED%A0%80';
  }
}

function queryString(query: Record<string, unknown>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) q.append(k, typeof v === 'string' ? v : JSON.stringify(v) ?? '');
  return q.size ? `?${q}` : '';
}

async function abuse(who: string, client: TestClient, runs: number) {
  const failures: string[] = [];
  let sent = 0;
  for (const [n, { key, method, path, op }] of operations().entries()) {
    if (NOT_WALKED.has(key)) continue;
    const samples = fc.sample(requestArbitrary(path, op), { seed: SEED + n, numRuns: runs });
    for (const r of samples) {
      const before = WRITES_ON_REFUSAL.has(key) ? null : await snapshot();
      const withBody = method !== 'GET' && method !== 'DELETE';
      const res = await client.request(method as 'GET', r.path + queryString(r.query), withBody ? r.body : undefined, withBody ? r.headers : { 'accept-language': r.headers['accept-language'] ?? 'zh-CN' });
      sent++;
      const what = `${who} ${key} ${(r.path + queryString(r.query)).slice(0, 160)} body ${withBody ? r.body.slice(0, 120) : '-'}`;
      if (res.statusCode >= 500) {
        failures.push(`${what} -> ${res.statusCode} ${res.body.slice(0, 200)}`);
        continue;
      }
      if (res.statusCode >= 400) {
        const parsed = errorBodySchema.safeParse(safeJson(res.body));
        if (!parsed.success) failures.push(`${what} -> ${res.statusCode} body not an error body: ${res.body.slice(0, 200)}`);
        if (before) {
          const after = await snapshot();
          const changed = Object.keys(after).filter((k) => after[k] !== before[k]);
          if (changed.length) failures.push(`${what} -> ${res.statusCode} but wrote to ${changed.join(', ')}`);
        }
      }
    }
  }
  return { failures, sent };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

describe(`hostile input on every documented route (${TEST_DB})`, () => {
  it('never answers a company admin with a 5xx, and a refused request writes nothing', async () => {
    const { failures, sent } = await abuse('admin', admin, RUNS_ADMIN);
    expect(sent).toBeGreaterThan(150);
    expect(failures).toEqual([]);
  }, 120_000);

  it('never answers an anonymous caller with a 5xx, and writes nothing for them', async () => {
    const { failures, sent } = await abuse('anonymous', t.client(), RUNS_ANONYMOUS);
    expect(sent).toBeGreaterThan(80);
    expect(failures).toEqual([]);
  }, 120_000);
});
