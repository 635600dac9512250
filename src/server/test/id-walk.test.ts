import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../common/roles';
import { bodyFor, buildTwoCompanies, communityRecords, fillPath, kindOf, operations, openapi, resolve, sample, setAt, uuidLeaves, type Doc, type Ids, type Method } from './openapi-walk';
import { createTestApp, TEST_DB, type TestApp, type TestClient } from './test-app';

/*
 * Ids of other communities, generated over the OpenAPI document: every uuid a caller can send
 * (path, query, JSON body, nested and in arrays) is sent by staff who serve only community A1 as
 * (1) a random uuid, (2) the real id of that kind in community A2 of their own company and (3) the
 * real id in company B. The three answers must be the same: same status, and for errors the same
 * body (code, message, fields), so a caller cannot tell a record elsewhere from one that does not
 * exist; a success must not carry anything of the other community. Every other value of a request
 * is the caller's own (ids of A1), so the probed id is the only difference.
 */

/** Routes public by design, where a community is picked before anyone is known. */
const PUBLIC_BY_DESIGN = new Set([
  'POST /api/v1/portal/otp',
  'POST /api/v1/portal/otp/verify',
  'POST /api/v1/portal/login',
  // A signed-in person without a unit picks any community's unit to register for (the desk approves).
  'GET /api/v1/portal/communities/{id}/buildings',
  'GET /api/v1/portal/buildings/{id}/units',
  'POST /api/v1/portal/registration',
]);
/** Kinds that belong to the whole company, not to one community (training courses): only company B is foreign. */
const COMPANY_WIDE = new Set(['course']);
/** Routes that end the walker's own session. */
const SELF = new Set(['POST /api/v1/auth/logout', 'POST /api/v1/auth/login']);

/** Staff roles that walk; each serves only community A1 (the company admin serves all of A, so only B is foreign to them). */
const WALKERS: Role[] = ['service_desk', 'technician', 'guard', 'project_manager', 'dispatcher', 'company_admin'];

let t: TestApp;
let doc: Doc;
let world: Awaited<ReturnType<typeof buildTwoCompanies>>;
const own: { ids: Ids; markers: string[] } = { ids: {}, markers: [] };
const foreign: Record<'A2' | 'B', { ids: Ids; markers: string[] }> = { A2: { ids: {}, markers: [] }, B: { ids: {}, markers: [] } };

beforeAll(async () => {
  t = await createTestApp();
  world = await buildTwoCompanies(t, 'idw', WALKERS);
  const { places } = world;
  Object.assign(own, await communityRecords(t, '甲一', places.a1, world.adminA, world.clients.service_desk));
  foreign.A2 = await communityRecords(t, '甲二', places.a2, world.adminA, world.deskA2);
  foreign.B = await communityRecords(t, '乙方', places.b, world.adminB, world.deskB);
  doc = await openapi(t);
}, 120_000);
afterAll(() => t?.close());

interface Probe {
  key: string;
  slot: string;
  kind: string;
  method: Method;
  /** The request with the probed id in place. */
  build(id: string): { url: string; body?: unknown };
}

/** One probe per uuid the caller can send in an operation. */
function probes(): { list: Probe[]; unmapped: string[] } {
  const list: Probe[] = [];
  const unmapped: string[] = [];
  for (const { key, method, path, op } of operations(doc)) {
    if (PUBLIC_BY_DESIGN.has(key) || SELF.has(key)) continue;
    const params = op.parameters ?? [];
    const json = op.requestBody?.content?.['application/json']?.schema;
    const required = params.filter((p) => p.in === 'query' && p.required);
    const query = (extra: Record<string, string>) => {
      const q = new URLSearchParams();
      for (const p of required) q.set(p.name, String(sample(doc, p.schema, p.name, path, own.ids)));
      for (const [k, v] of Object.entries(extra)) q.set(k, v);
      return q.size ? `?${q}` : '';
    };
    const baseBody = (field?: string) => bodyFor(doc, key, path, op, own.ids, (k) => k === field);
    const add = (slot: string, name: string, build: Probe['build']) => {
      const kind = kindOf(name, path);
      if (!kind || !own.ids[kind] || !foreign.A2.ids[kind] || !foreign.B.ids[kind]) {
        unmapped.push(`${key} ${slot}`);
        return;
      }
      list.push({ key, slot, kind, method, build });
    };
    for (const p of params) {
      if (resolve(doc, p.schema).format !== 'uuid') continue;
      if (p.in === 'path') {
        add(`path ${p.name}`, p.name, (id) => ({ url: fillPath(doc, path.replace(`{${p.name}}`, id), op, own.ids) + query({}), body: baseBody() }));
      } else if (p.in === 'query') {
        add(`query ${p.name}`, p.name, (id) => ({ url: fillPath(doc, path, op, own.ids) + query({ [p.name]: id }), body: baseBody() }));
      }
    }
    if (json && method !== 'GET') {
      for (const leaf of uuidLeaves(doc, json)) {
        const name = [...leaf].reverse().find((s) => s !== '0')!;
        add(`body ${leaf.join('.')}`, name, (id) => ({ url: fillPath(doc, path, op, own.ids) + query({}), body: setAt(baseBody(leaf[0]), leaf, id) }));
      }
    }
  }
  return { list, unmapped };
}

/** What a caller learns from an answer: the status, and an error's whole body. */
function answer(res: LightMyRequestResponse): string {
  if (res.statusCode < 400) return String(res.statusCode);
  let error: unknown = res.body;
  try {
    error = (res.json() as { error?: unknown }).error ?? res.body;
  } catch {
    // not JSON: compared as text
  }
  return `${res.statusCode} ${JSON.stringify(error)}`;
}

async function send(client: TestClient, method: Method, req: { url: string; body?: unknown }) {
  return client.request(method, req.url, method === 'GET' || method === 'DELETE' ? undefined : (req.body ?? {}));
}

async function walkAs(role: Role) {
  const client = world.clients[role];
  const { list } = probes();
  const failures: string[] = [];
  for (const p of list) {
    const random = answer(await send(client, p.method, p.build(randomUUID())));
    for (const [where, records] of Object.entries(foreign)) {
      if ((role === 'company_admin' || COMPANY_WIDE.has(p.kind)) && where === 'A2') continue;
      const res = await send(client, p.method, p.build(records.ids[p.kind]!));
      const got = answer(res);
      if (got !== random) failures.push(`${p.key} ${p.slot} (${p.kind} of ${where}): ${got.slice(0, 220)}  vs random: ${random.slice(0, 220)}`);
      else if (res.statusCode < 400) {
        const leaked = records.markers.filter((m) => res.body.includes(m));
        if (leaked.length) failures.push(`${p.key} ${p.slot} (${p.kind} of ${where}) leaks ${leaked.join(', ')}`);
      }
    }
  }
  return { failures, probed: list.length };
}

describe(`ids of other communities and companies answer like random ids (${TEST_DB})`, () => {
  it('finds a uuid of a known kind in every documented place', () => {
    const { list, unmapped } = probes();
    expect(unmapped).toEqual([]);
    expect(new Set(list.map((p) => p.key)).size).toBeGreaterThan(90);
    expect(list.length).toBeGreaterThan(120);
  });

  // On PostgreSQL the roles walk at once (several connections; PGlite's one connection gains
  // nothing). Each compares its own answers only, and a probe changes nothing unless the random id
  // and the real one both succeed.
  const walkIt = TEST_DB === 'postgres' ? it.concurrent : it;
  for (const role of WALKERS) {
    walkIt(`as ${role === 'company_admin' ? 'company admin of A' : `${role} of community A1`}`, async ({ expect: check }) => {
      const { failures, probed } = await walkAs(role);
      check(probed).toBeGreaterThan(120);
      check(failures).toEqual([]);
    }, 120_000);
  }
});
