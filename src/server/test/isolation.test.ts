import { randomUUID } from 'node:crypto';
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../auth/context';
import { createUser } from '../auth/commands/create-user';
import { auditLog } from '../modules/audit/tables';
import { maskPhone } from '../modules/registry/masking';
import { buildings, communities, residents, residentUnits, staff, units } from '../modules/registry/tables';
import { buildOrganization, TEST_PASSWORD } from './factories';
import { createTestApp, type TestApp, type TestClient } from './test-app';
import { uploadAs } from '../modules/work-orders/test-kit';
import { registerByCode } from '../modules/portal/test-kit';
import { workOrders, priceListItems } from '../modules/work-orders/tables';
import { workEvents } from '../work/tables';
import { attachments } from '../modules/attachments/tables';
import { decorations, decorationWorkers, gatePasses, goodsSlips } from '../modules/gate/tables';

/*
 * Tenant isolation, proven over the whole API: every operation of the OpenAPI document is called
 * with the ids of organization A by (a) a company admin of organization B, (b) a resident of
 * another community of organization A and (c) nobody signed in. Routes added later are covered
 * without touching this file: ids are chosen by parameter name and path, bodies are generated
 * from the documented request schema.
 */

/** Operations not walked as outsiders, and why. */
const ALLOWLIST = new Set([
  // Public by design: signs in; answers only the caller's own account (tested in auth.test.ts).
  'POST /api/v1/auth/login',
  // Self-only: ends the caller's own session, which would end the walk (tested in auth.test.ts).
  'POST /api/v1/auth/logout',
  // Public by design: owner-portal sign-in by phone; no enumeration and limits tested in portal.test.ts.
  'POST /api/v1/portal/otp',
  'POST /api/v1/portal/otp/verify',
  'POST /api/v1/portal/login',
]);
/** Operations that answer without a session, so the anonymous walk expects no 401 there. */
const PUBLIC = new Set([
  'GET /api/health',
  'POST /api/v1/auth/login',
  'POST /api/v1/portal/otp',
  'POST /api/v1/portal/otp/verify',
  'POST /api/v1/portal/login',
  // A visitor's shared pass: the unguessable token is the key (tested in gate.test.ts).
  'GET /api/v1/gate/shared-passes/{token}',
  'GET /api/v1/gate/shared-passes/{token}/qr',
  // A printed receipt's QR code: the unguessable code is the key, the answer holds no personal data (fees.test.ts).
  'GET /api/v1/public/receipts/{code}',
]);

type Schema = Record<string, unknown> & { $ref?: string };
interface Operation {
  parameters?: { name: string; in: string; required?: boolean; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}
type Doc = { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Schema> } };

let t: TestApp;
let doc: Doc;
let outsider: TestClient;
let neighbour: TestClient;
const idsByKind: Record<string, string> = {};
const markers: string[] = [];
let orgAId: string;
let organizationMarker: string;

beforeAll(async () => {
  t = await createTestApp();
  const a = await buildOrganization(t.database, { prefix: 'isoa', roles: ['company_admin', 'service_desk'] });
  const b = await buildOrganization(t.database, { prefix: 'isob', roles: ['company_admin'] });
  orgAId = a.org.id;
  const adminA = await t.client().login(a.users.company_admin!, TEST_PASSWORD);
  const staffA = (
    await adminA.post('/api/v1/staff', { name: '隔离甲员工', phone: '13911110001', position: 'technician', communityIds: [a.community.id] })
  ).json();
  const personA = (
    await adminA.post('/api/v1/residents', {
      name: '隔离甲住户',
      phone: '13911110002',
      idNumber: '320102199001019999',
      units: [{ unitId: a.unit.id, relation: 'tenant' }],
    })
  ).json();
  // A second community of organization A, home of the neighbouring resident.
  const home = (await adminA.post('/api/v1/communities', { name: 'isoa 邻近小区' })).json();
  const homeBuilding = (await adminA.post('/api/v1/buildings', { communityId: home.id, name: '9栋', floors: 2, unitsPerFloor: 1 })).json();
  const homeUnit = (await adminA.post('/api/v1/units', { buildingId: homeBuilding.id, floor: 1, number: '901' })).json();
  const neighbourRecord = (
    await adminA.post('/api/v1/residents', { name: '邻居', phone: '13911110003', units: [{ unitId: homeUnit.id, relation: 'owner' }] })
  ).json();
  await t.database.db.transaction((tx) =>
    createUser(tx, systemContext(a.org.id), {
      organizationId: a.org.id,
      username: 'isoa-neighbour',
      displayName: '邻居',
      password: TEST_PASSWORD,
      roles: ['resident'],
      residentId: neighbourRecord.id,
    }),
  );
  outsider = await t.client().login(b.users.company_admin!, TEST_PASSWORD);
  neighbour = await (await t.client().login('isoa-neighbour', TEST_PASSWORD)).acceptPrivacyNotice();

  // Records of the other modules: a work order with a photo, a price-list item, a notification.
  const deskA = await t.client().login(a.users.service_desk!, TEST_PASSWORD);
  const photoId = await uploadAs(deskA);
  const order = (
    await deskA.post('/api/v1/work-orders', {
      kind: 'repair',
      communityId: a.community.id,
      unitId: a.unit.id,
      channel: 'phone',
      category: 'plumbing',
      description: '隔离甲报修：厨房水龙头漏水',
      reporterResidentId: a.resident.id,
      photoIds: [photoId],
    })
  ).json();
  const price = (
    await adminA.post('/api/v1/price-list', { communityId: a.community.id, name: '隔离甲价目', unit: '次', price: 5000 })
  ).json();
  const [notified] = await t.database.query<{ id: string }>(
    `insert into notifications (organization_id, user_id, kind, message_key) select organization_id, id, 'assigned', 'entity.record' from users where username = $1 returning id`,
    [a.users.service_desk!],
  );

  // A resident's own request for unit 102, waiting for the desk of organization A.
  const [unit102] = await t.database.db.select({ id: units.id }).from(units).where(and(eq(units.buildingId, a.building.id), eq(units.number, '102')));
  const pendingRequest = await registerByCode(t, { communityId: a.community.id, phone: '13911110004', name: '隔离甲申请人', unitId: unit102!.id });

  // Patrol, shift handover and incident records of organization A.
  const route = (await adminA.post('/api/v1/patrol/routes', { communityId: a.community.id, name: '隔离甲巡更路线', checkpoints: [{ name: '隔离甲巡更点', tagId: 'ISOA-TAG-1', offsetMinutes: 0 }] })).json();
  const plan = (await adminA.post('/api/v1/patrol/plans', { communityId: a.community.id, routeId: route.id, name: '隔离甲计划', startTime: '00:00', endTime: '23:00', everyMinutes: 60 })).json();
  const [round] = await t.database.query<{ id: string }>(`select id from patrol_rounds where plan_id = $1 limit 1`, [plan.id]);
  const post = (await adminA.post('/api/v1/duty-posts', { communityId: a.community.id, name: '隔离甲岗位', kind: 'gate', checklist: [{ name: '对讲机', expected: 1 }] })).json();
  await deskA.post(`/api/v1/duty-posts/${post.id}/start-duty`);
  const handover = (await deskA.post(`/api/v1/duty-posts/${post.id}/handovers`, { counts: [{ key: '1', count: 1 }], openMatters: '隔离甲交接事项', signatureId: await uploadAs(deskA, 'signature') })).json();
  const emergencyPlan = (await adminA.post('/api/v1/emergency-plans', { communityId: a.community.id, type: 'fire', title: '隔离甲预案', steps: ['报警'] })).json();
  const incident = (await deskA.post('/api/v1/incidents', { communityId: a.community.id, type: 'fire', place: '隔离甲事发地', occurredAt: new Date().toISOString(), description: '隔离甲事件' })).json();
  Object.assign(idsByKind, {
    route: route.id,
    plan: plan.id,
    round: round!.id,
    'duty-post': post.id,
    post: post.id,
    'shift-handover': handover.id,
    handover: handover.id,
    'emergency-plan': emergencyPlan.id,
    incident: incident.id,
  });
  for (const [kind, id] of Object.entries(idsByKind)) expect(id, kind).toMatch(/^[0-9a-f-]{36}$/);
  markers.push('隔离甲巡更路线', '隔离甲巡更点', 'ISOA-TAG-1', '隔离甲岗位', '隔离甲交接事项', '隔离甲预案', '隔离甲事发地', '隔离甲事件');


  // A visitor pass and a goods-release slip of the unit.
  const pass = (await deskA.post('/api/v1/gate/passes', { unitId: a.unit.id, visitorName: '隔离甲访客', hostConfirmation: 'phone', confirmedBy: '隔离甲住户' })).json();
  const slip = (
    await deskA.post('/api/v1/gate/slips', { unitId: a.unit.id, items: [{ name: '隔离甲物品', quantity: 1 }], carrierName: '隔离甲搬运', ownerConfirmation: 'phone', confirmedBy: '隔离甲住户' })
  ).json();

  const decoration = (
    await deskA.post('/api/v1/gate/decorations', { unitId: a.unit.id, company: '隔离甲装饰', responsibleName: '隔离甲工长', responsiblePhone: '13911110005', startsOn: '2026-01-01', endsOn: '2099-12-31' })
  ).json();

  Object.assign(idsByKind, {
    'unit-request': pendingRequest.requestId,
    unitRequest: pendingRequest.requestId,
    decoration: decoration.id,
    pass: pass.id,
    slip: slip.id,
    'work-order': order.id,
    workOrder: order.id,
    attachment: photoId,
    photo: photoId,
    'price-list': price.id,
    priceItem: price.id,
    notification: notified!.id,
    organization: a.org.id,
    community: a.community.id,
    building: a.building.id,
    unit: a.unit.id,
    resident: a.resident.id,
    staff: staffA.id,
    user: (await adminA.get('/api/v1/auth/me')).json().user.id,
  });
  const audit = (await adminA.get('/api/v1/audit?pageSize=1')).json().items[0];
  // The organization itself is shared with the neighbouring resident, so its id is checked for outsiders only.
  organizationMarker = a.org.id;
  markers.push(...Object.values(idsByKind).filter((id) => id !== a.org.id), personA.id, audit.id);
  markers.push('隔离甲申请人', 'isoa 小区', '隔离甲员工', '隔离甲住户', order.number, '隔离甲报修', '隔离甲价目');
  markers.push('隔离甲访客', '隔离甲物品', '隔离甲搬运', pass.token, slip.token, '隔离甲装饰', '隔离甲工长');
  for (const phone of [a.resident.phone, '13911110001', '13911110002', '13911110004']) markers.push(phone, maskPhone(phone));
  markers.push('320102199001019999');
  doc = (await t.app.inject('/api/openapi.json')).json();
});
afterAll(() => t.close());

/** Which kind of record a path parameter or field names: by its own name, else by the path segment before it. */
function kindOf(name: string, path: string): string | undefined {
  const m = /^(\w+?)Ids?$/.exec(name);
  if (m && idsByKind[m[1]!]) return m[1];
  if (name !== 'id') return undefined;
  const segment = /\/([\w-]+)\/\{id\}/.exec(path)?.[1] ?? '';
  const singular = segment === 'staff' ? 'staff' : segment.replace(/ies$/, 'y').replace(/sses$/, 'ss').replace(/(?<!s)s$/, '');
  return idsByKind[singular] ? singular : undefined;
}

function resolve(schema: Schema | undefined): Schema {
  let s = schema ?? {};
  for (let i = 0; s.$ref && i < 10; i++) s = doc.components?.schemas?.[s.$ref.split('/').pop()!] ?? {};
  return s;
}

/** A minimal plausible value for a JSON schema; uuid fields get org A ids of the kind their name says. */
function sample(raw: Schema | undefined, name: string, path: string): unknown {
  const s = resolve(raw);
  if (Array.isArray(s.enum)) return s.enum[0];
  if (s.const !== undefined) return s.const;
  const variants = (s.anyOf ?? s.oneOf) as Schema[] | undefined;
  if (variants) return sample(variants.find((v) => resolve(v).type !== 'null') ?? variants[0], name, path);
  const kind = kindOf(name, path);
  switch (s.type) {
    case 'object': {
      const props = (s.properties ?? {}) as Record<string, Schema>;
      const required = new Set((s.required as string[] | undefined) ?? []);
      return Object.fromEntries(Object.entries(props).filter(([k]) => required.has(k) || kindOf(k, path)).map(([k, v]) => [k, sample(v, k, path)]));
    }
    case 'array':
      return kind || (s.minItems as number) > 0 ? [sample(s.items as Schema, name.replace(/s$/, ''), path)] : [];
    case 'integer':
    case 'number':
      return typeof s.minimum === 'number' ? s.minimum : 1;
    case 'boolean':
      return true;
    case 'string':
      if (kind) return idsByKind[kind];
      if (s.format === 'uuid') return randomUUID();
      if (s.format === 'date') return '2026-01-05';
      if (s.format === 'date-time') return '2026-01-05T08:00:00Z';
      if (typeof s.pattern === 'string' && s.pattern.includes('1\\d{10}')) return '13900009999';
      return 'x'.repeat(Math.max(2, (s.minLength as number) ?? 0));
    default:
      return kind ? idsByKind[kind] : 'x';
  }
}

/** The request for an operation: path and query filled with org A ids, and a generated body. */
function requestFor(path: string, op: Operation) {
  let url = path;
  const query = new URLSearchParams();
  let hasForeignId = false;
  for (const p of op.parameters ?? []) {
    if (p.in === 'path') {
      const kind = kindOf(p.name, path);
      hasForeignId ||= !!kind;
      url = url.replace(`{${p.name}}`, encodeURIComponent(String(kind ? idsByKind[kind] : sample(p.schema, p.name, path))));
    } else if (p.in === 'query' && (p.required || kindOf(p.name, path))) {
      query.set(p.name, String(sample(p.schema, p.name, path)));
    }
  }
  const json = op.requestBody?.content?.['application/json']?.schema;
  const body = json ? sample(json, 'body', path) : {};
  return { url: query.size ? `${url}?${query}` : url, body, hasForeignId };
}

/** The text of a response, unzipping xlsx downloads so their cells are checked too. */
async function textOf(res: LightMyRequestResponse): Promise<string> {
  if (!String(res.headers['content-type'] ?? '').includes('spreadsheetml')) return res.body;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const cells: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => cells.push(JSON.stringify(row.values))));
  return cells.join('\n');
}

/**
 * Everything of org A that a write could change: registry rows and audit records, except the
 * walker's own account events (sign-in, saved language), which are legitimately theirs.
 */
async function snapshotOfA(selfUserId: string): Promise<string> {
  const db = t.database.db;
  const [c, b, u, r, ru, s, a] = await Promise.all([
    db.select().from(communities).where(eq(communities.organizationId, orgAId)).orderBy(asc(communities.id)),
    db.select().from(buildings).where(eq(buildings.organizationId, orgAId)).orderBy(asc(buildings.id)),
    db.select().from(units).where(eq(units.organizationId, orgAId)).orderBy(asc(units.id)),
    db.select().from(residents).where(eq(residents.organizationId, orgAId)).orderBy(asc(residents.id)),
    db.select().from(residentUnits).where(eq(residentUnits.organizationId, orgAId)).orderBy(asc(residentUnits.id)),
    db.select().from(staff).where(eq(staff.organizationId, orgAId)).orderBy(asc(staff.id)),
    db
      .select({ id: auditLog.id })
      .from(auditLog)
      .where(and(eq(auditLog.organizationId, orgAId), ne(auditLog.action, 'login'), ne(sql`coalesce(${auditLog.entityId}, '')`, selfUserId))),
  ]);
  const [wo, ev, pl, at] = await Promise.all([
    db.select().from(workOrders).where(eq(workOrders.organizationId, orgAId)).orderBy(asc(workOrders.id)),
    db.select({ id: workEvents.id }).from(workEvents).where(eq(workEvents.organizationId, orgAId)),
    db.select().from(priceListItems).where(eq(priceListItems.organizationId, orgAId)).orderBy(asc(priceListItems.id)),
    db.select().from(attachments).where(eq(attachments.organizationId, orgAId)).orderBy(asc(attachments.id)),
  ]);
  const [gp, gs, dc, dw] = await Promise.all([
    db.select().from(gatePasses).where(eq(gatePasses.organizationId, orgAId)).orderBy(asc(gatePasses.id)),
    db.select().from(goodsSlips).where(eq(goodsSlips.organizationId, orgAId)).orderBy(asc(goodsSlips.id)),
    db.select().from(decorations).where(eq(decorations.organizationId, orgAId)).orderBy(asc(decorations.id)),
    db.select().from(decorationWorkers).where(eq(decorationWorkers.organizationId, orgAId)).orderBy(asc(decorationWorkers.id)),
  ]);
  return JSON.stringify({ c, b, u, r, ru, s, audit: a.length, wo, events: ev.length, pl, at, gp, gs, dc, dw });
}

function operations(): { key: string; method: string; path: string; op: Operation }[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops)
      .filter(([m]) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
      .map(([m, op]) => ({ key: `${m.toUpperCase()} ${path}`, method: m.toUpperCase(), path, op })),
  );
}

async function walk(who: string, client: TestClient, extraMarkers: string[] = []) {
  const self = (await client.get('/api/v1/auth/me')).json().user.id as string;
  const before = await snapshotOfA(self);
  const failures: string[] = [];
  let walked = 0;
  for (const { key, method, path, op } of operations()) {
    if (ALLOWLIST.has(key)) continue;
    const { url, body, hasForeignId } = requestFor(path, op);
    const res = await client.request(method as 'GET', url, method === 'GET' || method === 'DELETE' ? undefined : body);
    walked++;
    if (res.statusCode >= 500) failures.push(`${key} -> ${res.statusCode} ${res.body.slice(0, 200)}`);
    if (hasForeignId && ![400, 401, 403, 404].includes(res.statusCode)) failures.push(`${key} (${url}) -> ${res.statusCode}`);
    const text = await textOf(res);
    const leaked = [...markers, ...extraMarkers].filter((m) => text.includes(m));
    if (leaked.length) failures.push(`${key} leaks ${leaked.join(', ')}`);
  }
  expect(failures, `${who}:\n${failures.join('\n')}`).toEqual([]);
  expect(await snapshotOfA(self), `${who} changed organization A`).toBe(before);
  return walked;
}

describe('tenant isolation over every documented route', () => {
  it('covers every module’s routes with real records of organization A', () => {
    const keys = operations().map((o) => o.key);
    expect(keys).toEqual(expect.arrayContaining(['GET /api/v1/units/{id}', 'POST /api/v1/residents/{id}/reveal', 'POST /api/v1/imports/{kind}']));
    // Ids of these modules resolve to real records of organization A.
    const covered = keys.filter((k) =>
      /\/(communities|buildings|units|residents|staff|work-orders|attachments|price-list|notifications|passes|slips|decorations)\/\{id\}/.test(k),
    );
    // (The seventeen per-action work-order routes became one `actions/{action}` route.)
    expect(covered.length).toBeGreaterThan(35);
    for (const key of covered) expect(kindOf('id', key.split(' ')[1]!), key).toBeDefined();
  });

  it('gives a company admin of another organization nothing of organization A', async () => {
    expect(await walk('admin of organization B', outsider, [organizationMarker])).toBeGreaterThan(30);
  });

  it('gives a resident of another community of organization A nothing of that community', async () => {
    await walk('neighbouring resident', neighbour);
  });

  it('answers 401 to every non-public route without a session', async () => {
    const failures: string[] = [];
    for (const { key, method, path, op } of operations()) {
      if (PUBLIC.has(key)) continue;
      const { url, body } = requestFor(path, op);
      const res = await t.client().request(method as 'GET', url, method === 'GET' || method === 'DELETE' ? undefined : body);
      if (res.statusCode !== 401) failures.push(`${key} -> ${res.statusCode}`);
    }
    expect(failures).toEqual([]);
  });
});
