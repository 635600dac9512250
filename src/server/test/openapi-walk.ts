import { PAYMENT_METHODS } from '../../common/fees';
import { PRIVACY_NOTICE } from '../../common/privacy-notice';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Role } from '../../common/roles';
import { systemContext } from '../auth/context';
import { createUser } from '../auth/commands/create-user';
import { createBuilding } from '../modules/registry/commands/create-building';
import { createCommunity } from '../modules/registry/commands/create-community';
import { createResident } from '../modules/registry/commands/create-resident';
import { createStaff } from '../modules/registry/commands/create-staff';
import { units } from '../modules/registry/tables';
import { registerByCode } from '../modules/portal/test-kit';
import { uploadAs } from '../modules/work-orders/test-kit';
import { buildOrganization, TEST_PASSWORD } from './factories';
import type { TestApp, TestClient } from './test-app';

/*
 * What the generated walks over the OpenAPI document share (ids across communities, PATCH,
 * Idempotency-Key): reading the document, generating plausible values from its schemas, and a
 * world of two companies, where company A has two communities and its staff serve only the first.
 */

export type Schema = Record<string, unknown> & { $ref?: string; type?: string | string[]; format?: string; properties?: Record<string, Schema>; items?: Schema; anyOf?: Schema[]; oneOf?: Schema[]; required?: string[] };
export interface Operation {
  parameters?: { name: string; in: string; required?: boolean; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, unknown>;
}
export type Doc = { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Schema> } };
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Ids of one community's records, by kind (the names path segments and fields use). */
export type Ids = Record<string, string>;

/** Reads the OpenAPI document of a test app. */
export async function openapi(t: TestApp): Promise<Doc> {
  return (await t.app.inject('/api/openapi.json')).json() as Doc;
}

export function resolve(doc: Doc, schema: Schema | undefined): Schema {
  let s = schema ?? {};
  for (let i = 0; s.$ref && i < 10; i++) s = doc.components?.schemas?.[s.$ref.split('/').pop()!] ?? {};
  return s;
}

export function hasType(s: Schema, type: string): boolean {
  return s.type === type || (Array.isArray(s.type) && s.type.includes(type));
}

/** Every documented operation. */
export function operations(doc: Doc): { key: string; method: Method; path: string; op: Operation }[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops)
      .filter(([m]) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
      .map(([m, op]) => ({ key: `${m.toUpperCase()} ${path}`, method: m.toUpperCase() as Method, path, op })),
  );
}

/** Field names that name a record of a kind other than their own name. */
const ALIASES: Record<string, string> = {
  reporterResident: 'resident',
  assignee: 'staff',
  ownerStaff: 'staff',
  actor: 'user',
  signature: 'attachment',
  photo: 'attachment',
  certificatePhoto: 'attachment',
  a: 'standard-version',
  b: 'standard-version',
  'version': 'standard-version',
  'standards/version': 'standard-version',
  'portal/communitie': 'community',
  'portal/building': 'building',
  'gate/passe': 'pass',
  'gate/slip': 'slip',
  'gate/decoration': 'decoration',
  'patrol/plan': 'plan',
  'patrol/round': 'round',
  'unit-request': 'unit-request',
  item: 'fee-item',
  account: 'fee-account',
  charge: 'fee-entry',
  replacesPayment: 'fee-payment',
  meter: 'fee-meter',
};

/** Which kind of record a parameter or field names: by its own name, else by the path segment before `{id}`. */
export function kindOf(name: string, path: string): string | undefined {
  const m = /^(\w+?)Ids?$/.exec(name);
  if (m) return ALIASES[m[1]!] ?? m[1];
  if (name === 'a' || name === 'b') return ALIASES[name];
  if (name !== 'id') return undefined;
  const segments = /(?:\/([\w-]+))?\/([\w-]+)\/\{id\}/.exec(path);
  const last = segments?.[2] ?? '';
  const singular = last === 'staff' ? 'staff' : last.replace(/ies$/, 'y').replace(/(?<!s)s$/, '');
  return ALIASES[`${segments?.[1]}/${singular}`] ?? ALIASES[singular] ?? singular;
}

/** A minimal plausible value for a schema; uuid fields get the id of the kind their name says. */
export function sample(doc: Doc, raw: Schema | undefined, name: string, path: string, ids: Ids, optional: (field: string) => boolean = () => false): unknown {
  const s = resolve(doc, raw);
  if (Array.isArray(s.enum)) return s.enum[0];
  if (s.const !== undefined) return s.const;
  const variants = (s.anyOf ?? s.oneOf) as Schema[] | undefined;
  if (variants) return sample(doc, variants.find((v) => !hasType(resolve(doc, v), 'null')) ?? variants[0], name, path, ids, optional);
  const kind = kindOf(name, path);
  const type = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
  switch (type) {
    case 'object': {
      const props = (s.properties ?? {}) as Record<string, Schema>;
      const required = new Set(s.required ?? []);
      return Object.fromEntries(
        Object.entries(props)
          .filter(([k]) => required.has(k) || optional(k))
          .map(([k, v]) => [k, sample(doc, v, k, path, ids, optional)]),
      );
    }
    case 'array':
      return (kind && ids[kind]) || (s.minItems as number) > 0 ? [sample(doc, s.items as Schema, name.replace(/s$/, ''), path, ids, optional)] : [];
    case 'integer':
    case 'number':
      return typeof s.minimum === 'number' ? s.minimum : 1;
    case 'boolean':
      return true;
    case 'string':
      if (s.format === 'uuid') return (kind && ids[kind]) || randomUUID();
      if (s.format === 'date') return '2026-01-05';
      if (s.format === 'date-time') return '2026-01-05T08:00:00Z';
      if (typeof s.pattern === 'string' && s.pattern.includes('1\\d{10}')) return '13900009999';
      return 'x'.repeat(Math.max(2, (s.minLength as number) ?? 0));
    default:
      return kind && ids[kind] ? ids[kind] : 'x';
  }
}

/** Every uuid leaf of a schema as a field path (`units.0.unitId`; array items as `0`). */
export function uuidLeaves(doc: Doc, schema: Schema | undefined, path: string[] = [], depth = 0): string[][] {
  const s = resolve(doc, schema);
  if (depth > 6) return [];
  const variants = [...(s.anyOf ?? []), ...(s.oneOf ?? [])];
  if (variants.length) {
    const seen = new Map<string, string[]>();
    for (const v of variants) for (const leaf of uuidLeaves(doc, v, path, depth + 1)) seen.set(leaf.join('.'), leaf);
    return [...seen.values()];
  }
  if (hasType(s, 'string')) return s.format === 'uuid' ? [path] : [];
  if (hasType(s, 'array') && s.items) return uuidLeaves(doc, s.items, [...path, '0'], depth + 1);
  if (s.properties) return Object.entries(s.properties).flatMap(([k, v]) => uuidLeaves(doc, v, [...path, k], depth + 1));
  return [];
}

/** A deep copy of `value` with `leaf` set at `path` (objects and arrays created on the way). */
export function setAt(value: unknown, path: string[], leaf: unknown): unknown {
  if (!path.length) return leaf;
  const [head, ...rest] = path;
  if (head === '0') {
    const list = Array.isArray(value) ? [...(value as unknown[])] : [];
    list[0] = setAt(list[0], rest, leaf);
    return list;
  }
  const obj = value && typeof value === 'object' && !Array.isArray(value) ? { ...(value as Record<string, unknown>) } : {};
  obj[head!] = setAt(obj[head!], rest, leaf);
  return obj;
}

/** A path with its parameters filled from `ids` (by kind) or generated values. */
export function fillPath(doc: Doc, path: string, op: Operation, ids: Ids): string {
  let url = path;
  for (const p of op.parameters ?? []) {
    if (p.in !== 'path') continue;
    const kind = kindOf(p.name, path) ?? (ids[p.name] ? p.name : undefined);
    url = url.replace(`{${p.name}}`, encodeURIComponent(String(kind && ids[kind] ? ids[kind] : sample(doc, p.schema, p.name, path, ids))));
  }
  return url;
}

/** One community's place: what the factories made. */
export interface Place {
  orgId: string;
  communityId: string;
  buildingId: string;
  unitId: string;
  unit102Id: string;
  residentId: string;
  residentPhone: string;
}

/**
 * Records of every module in one community, made through the API by its company admin and its
 * desk; returns their ids by kind and the texts that must never reach a caller from elsewhere.
 */
export async function communityRecords(t: TestApp, tag: string, place: Place, admin: TestClient, desk: TestClient): Promise<{ ids: Ids; markers: string[] }> {
  const ok = async (what: string, res: Promise<{ statusCode: number; body: string; json(): unknown }>) => {
    const r = await res;
    if (r.statusCode >= 300) throw new Error(`${tag} ${what}: ${r.statusCode} ${r.body}`);
    return r.json() as Record<string, string> & { id: string };
  };
  const staffMember = await ok('staff', admin.post('/api/v1/staff', { name: `${tag}员工`, phone: `139${tag.length}${String(Math.abs(hash(tag)) % 10_000_000).padStart(7, '0')}`, position: 'technician', communityIds: [place.communityId] }));
  const course = await ok('course', admin.post('/api/v1/training/courses', { name: `${tag}课程`, kind: 'skill', positions: ['technician'], hours: 2 }));
  const certificate = await ok('certificate', admin.post('/api/v1/training/certificates', { staffId: staffMember.id, kind: 'other', number: `${tag}-证书`, issuedOn: '2025-01-01', expiresOn: '2030-01-01' }));
  const photoId = await uploadAs(desk);
  const order = await ok('order', desk.post('/api/v1/work-orders', { kind: 'repair', communityId: place.communityId, unitId: place.unitId, channel: 'phone', category: 'plumbing', description: `${tag}报修`, reporterResidentId: place.residentId, photoIds: [photoId] }));
  const price = await ok('price', admin.post('/api/v1/price-list', { communityId: place.communityId, name: `${tag}价目`, unit: '次', price: 5000 }));
  const [notified] = await t.database.query<{ id: string }>(
    `insert into notifications (organization_id, user_id, kind, message_key) values ($1, $2, 'assigned', 'entity.record') returning id`,
    [place.orgId, (await desk.get('/api/v1/auth/me')).json().user.id],
  );
  const request = await registerByCode(t, { communityId: place.communityId, phone: `1380000${String(Math.abs(hash(tag)) % 10_000).padStart(4, '0')}`, name: `${tag}申请人`, unitId: place.unit102Id });
  const route = await ok('route', admin.post('/api/v1/patrol/routes', { communityId: place.communityId, name: `${tag}路线`, checkpoints: [{ name: `${tag}巡更点`, tagId: `TAG-${Math.abs(hash(tag))}`, offsetMinutes: 0 }] }));
  const plan = await ok('plan', admin.post('/api/v1/patrol/plans', { communityId: place.communityId, routeId: route.id, name: `${tag}计划`, startTime: '00:00', endTime: '23:00', everyMinutes: 60 }));
  const [round] = await t.database.query<{ id: string }>(`select id from patrol_rounds where plan_id = $1 limit 1`, [plan.id]);
  const post = await ok('post', admin.post('/api/v1/duty-posts', { communityId: place.communityId, name: `${tag}岗位`, kind: 'gate', checklist: [{ name: '对讲机', expected: 1 }] }));
  await ok('start', desk.post(`/api/v1/duty-posts/${post.id}/start-duty`));
  const handover = await ok('handover', desk.post(`/api/v1/duty-posts/${post.id}/handovers`, { counts: [{ key: '1', count: 1 }], openMatters: `${tag}交接`, signatureId: await uploadAs(desk, 'signature') }));
  const emergencyPlan = await ok('emergency plan', admin.post('/api/v1/emergency-plans', { communityId: place.communityId, type: 'fire', title: `${tag}预案`, steps: ['报警'] }));
  const incident = await ok('incident', desk.post('/api/v1/incidents', { communityId: place.communityId, type: 'fire', place: `${tag}事发地`, occurredAt: new Date().toISOString(), description: `${tag}事件` }));
  const pass = await ok('pass', desk.post('/api/v1/gate/passes', { unitId: place.unitId, visitorName: `${tag}访客`, hostConfirmation: 'phone', confirmedBy: `${tag}住户` }));
  const slip = await ok('slip', desk.post('/api/v1/gate/slips', { unitId: place.unitId, items: [{ name: `${tag}物品`, quantity: 1 }], carrierName: `${tag}搬运`, ownerConfirmation: 'phone', confirmedBy: `${tag}住户` }));
  const decoration = await ok('decoration', desk.post('/api/v1/gate/decorations', { unitId: place.unitId, company: `${tag}装饰`, responsibleName: `${tag}工长`, responsiblePhone: '13911110005', startsOn: '2026-01-01', endsOn: '2099-12-31' }));
  // An inspection template of the community's own, a spot check with one failure, and its rectification.
  const template = await ok('inspection template', admin.post('/api/v1/quality/templates/walk_check/versions', { communityId: place.communityId, reason: `${tag}检查表`, definition: walkTemplate(`${tag}检查项`) }));
  const inspection = await ok('inspection', admin.post('/api/v1/quality/inspections', { communityId: place.communityId, templateKey: 'walk_check', place: `${tag}检查点` }));
  const inspected = await ok('inspection submit', admin.post(`/api/v1/quality/inspections/${inspection.id}/actions/submit`, {
    inspected_staff: staffMember.id,
    signature: await uploadAs(admin, 'signature'),
    answers: { walk: { walk_item: { result: 'fail', photoIds: [await uploadAs(admin)] } } },
  }));
  // A penalty awaiting approval and an improvement measure (appraisal).
  const incentive = await ok('incentive', admin.post('/api/v1/appraisal/incentives', { communityId: place.communityId, staffId: staffMember.id, kind: 'penalty', reason: `${tag}奖惩事由`, points: 1 }));
  // An asset of the facilities register.
  const asset = await ok('asset', admin.post('/api/v1/assets', { communityId: place.communityId, name: `${tag}设备`, category: 'lift', buildingId: place.buildingId, place: `${tag}设备位置` }));
  const measure = await ok('measure', admin.post('/api/v1/appraisal/measures', { communityId: place.communityId, title: `${tag}改进措施`, source: 'kpi', sourceKey: 'inspection_score', ownerStaffId: staffMember.id, dueOn: '2099-12-31' }));
  // The fees ledger: a fixed monthly item billed for one month, a one-off charge and a payment.
  const feeItem = await ok('fee item', admin.post('/api/v1/fee-items', { communityId: place.communityId, name: `${tag}收费项目`, cycle: 'monthly', rounding: 'half_up', effectiveFrom: '2026-01-01', pricing: { kind: 'fixed', monthlyFen: 1000 } }));
  const oneOff = await ok('one-off item', admin.post('/api/v1/fee-items', { communityId: place.communityId, name: `${tag}押金`, cycle: null, rounding: 'half_up', effectiveFrom: '2026-01-01', pricing: { kind: 'one_off', amountFen: 5000 } }));
  const billRun = await ok('bill run', admin.post('/api/v1/fee-bill-runs', { communityId: place.communityId, cycle: 'monthly', periodStart: '2026-01' }));
  const feeAccount = await ok('fee account', desk.get(`/api/v1/units/${place.unitId}/fee-account`));
  const withCharge = (await ok('fee entry', admin.post(`/api/v1/fee-accounts/${feeAccount.id}/entries`, { kind: 'charge', itemId: oneOff.id, amountFen: 5000, memo: `${tag}账目` }))) as unknown as { entries: { id: string; kind: string }[] };
  const charge = withCharge.entries.find((e) => e.kind === 'charge' && e.id)!;
  const payment = await ok('fee payment', desk.post('/api/v1/fee-payments', { accountId: feeAccount.id, lines: [{ method: 'cash', amountFen: 100 }], payerName: `${tag}缴费人` }));
  // A water meter of the unit and its first reading (lower than the start: held, so nothing more is billed).
  const metered = await ok('metered item', admin.post('/api/v1/fee-items', { communityId: place.communityId, name: `${tag}水费`, cycle: null, rounding: 'half_up', effectiveFrom: '2026-01-01', pricing: { kind: 'metered', unitName: '吨', tiers: [{ upTo: null, priceFen: 300 }] } }));
  const meter = await ok('fee meter', admin.post('/api/v1/fee-meters', { unitId: place.unitId, itemId: metered.id, serialNo: `${tag}表`, startReading: 100, installedOn: '2026-01-01' }));
  const reading = await ok('meter reading', desk.post('/api/v1/fee-meter-readings', { meterId: meter.id, reading: 50 }));
  // A second metered item (for the meter example) and a meter of the other unit that takes readings.
  const metered2 = await ok('metered item 2', admin.post('/api/v1/fee-items', { communityId: place.communityId, name: `${tag}电费`, cycle: null, rounding: 'half_up', effectiveFrom: '2026-01-01', pricing: { kind: 'metered', unitName: '度', tiers: [{ upTo: null, priceFen: 60 }] } }));
  const meter2 = await ok('fee meter 2', admin.post('/api/v1/fee-meters', { unitId: place.unit102Id, itemId: metered.id, serialNo: `${tag}表2`, startReading: 0, installedOn: '2026-01-01' }));
  // An imported bank statement with one transfer that names no unit: an open line for the desk.
  const boundary = `----walk${randomUUID().slice(0, 8)}`;
  const csv = `交易日期,流水号,贷方发生额,对方户名,摘要,附言\n2026-01-05,${tag}-B1,12.34,${tag}汇款人,转账,无房号\n`;
  const statement = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="walk.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`);
  await ok('bank statement', desk.request('POST', `/api/v1/fee-bank-statements?communityId=${place.communityId}&mode=commit`, statement, { 'content-type': `multipart/form-data; boundary=${boundary}` }));
  const bankLine = ((await ok('bank lines', desk.get(`/api/v1/fee-bank-lines?communityId=${place.communityId}&status=open`))) as unknown as { items: { id: string }[] }).items[0]!;
  // A published disclosure of a past quarter.
  const disclosure = await ok('fee disclosure', admin.post('/api/v1/fee-disclosures', { communityId: place.communityId, periodKind: 'quarter', period: '2026-Q1', lines: [] }));
  // A version of the community's own (copied from the library's), for the version routes.
  const [version] = await t.database.query<{ id: string }>(
    `insert into standard_versions (organization_id, community_id, key, version, definition, content_hash, author_name, reason)
     select $1, $2, key, 1, definition, content_hash, 'walk', 'walk' from standard_versions where key = 'repair' order by organization_id nulls first limit 1 returning id`,
    [place.orgId, place.communityId],
  );
  const ids: Ids = {
    organization: place.orgId,
    community: place.communityId,
    building: place.buildingId,
    unit: place.unitId,
    resident: place.residentId,
    staff: staffMember.id,
    user: (await desk.get('/api/v1/auth/me')).json().user.id,
    'work-order': order.id,
    workOrder: order.id,
    attachment: photoId,
    'price-list': price.id,
    notification: notified!.id,
    'unit-request': request.requestId,
    route: route.id,
    plan: plan.id,
    round: round!.id,
    'duty-post': post.id,
    post: post.id,
    'shift-handover': handover.id,
    handover: handover.id,
    'emergency-plan': emergencyPlan.id,
    incident: incident.id,
    pass: pass.id,
    slip: slip.id,
    decoration: decoration.id,
    'standard-version': version!.id,
    'template-version': template.id,
    inspection: inspection.id,
    rectification: (inspected as unknown as { rectifications: { id: string }[] }).rectifications[0]!.id,
    unit102: place.unit102Id,
    'fee-item': feeItem.id,
    'fee-account': feeAccount.id,
    'fee-entry': charge.id,
    'fee-payment': payment.id,
    'fee-bill-run': billRun.id!,
    'fee-meter': meter.id,
    'fee-meter-reading': reading.id,
    'fee-disclosure': disclosure.id,
    'fee-bank-line': bankLine.id,
    meteredItem2: metered2.id,
    readingMeter: meter2.id,
    course: course.id,
    certificate: certificate.id,
    incentive: incentive.id,
    measure: measure.id,
    asset: asset.id,
  };
  const markers = [`${tag}员工`, `${tag}报修`, `${tag}价目`, `${tag}申请人`, `${tag}路线`, `${tag}交接`, `${tag}预案`, `${tag}事件`, `${tag}访客`, `${tag}物品`, `${tag}装饰`, `${tag}检查点`, `${tag}检查项`, place.residentPhone, order.number!, `${tag}收费项目`, `${tag}账目`, `${tag}缴费人`, payment.receiptNo!, `${tag}课程`, `${tag}奖惩事由`, `${tag}改进措施`, `${tag}设备`];
  return { ids, markers };
}

/** An inspection template with one inline category of one pass/fail item (the walks' own, no library needed). */
export function walkTemplate(itemText: string, key = 'walk_check', itemKey = 'walk_item') {
  return {
    key,
    name: { 'zh-CN': '走查检查表', 'en-US': 'Walk check' },
    post: 'gate',
    rectification: { minor: { workingDays: 3 }, major: { workingDays: 1 }, critical: { minutes: 240 } },
    categories: [{ key: 'walk', name: { 'zh-CN': '走查', 'en-US': 'Walk' }, items: [{ key: itemKey, text: { 'zh-CN': itemText, 'en-US': 'Walk item' } }] }],
  };
}

function hash(s: string): number {
  let h = 7;
  for (const c of s) h = (h * 31 + c.charCodeAt(0)) | 0;
  return h;
}

/**
 * The world of the walks: company A with community A1 (served by A's staff, one login per role)
 * and community A2 (its own desk), and company B. Returns the places and signed-in clients.
 */
export async function buildTwoCompanies(t: TestApp, prefix: string, roles: Role[]) {
  const a = await buildOrganization(t.database, { prefix: `${prefix}a`, roles: ['company_admin', ...roles.filter((r) => r !== 'company_admin')] });
  const b = await buildOrganization(t.database, { prefix: `${prefix}b`, roles: ['company_admin', 'service_desk'] });
  const a2 = await t.database.db.transaction(async (tx) => {
    const ctx = systemContext(a.org.id);
    const community = await createCommunity(tx, ctx, a.org.id, { name: `${prefix}a 第二小区`, serviceLevel: 2 });
    const building = await createBuilding(tx, ctx, { communityId: community.id, name: '2栋', floors: 3, unitsPerFloor: 2 }, { generateUnits: {} });
    const [unit] = await tx.select().from(units).where(and(eq(units.buildingId, building.id), eq(units.number, '101')));
    const resident = await createResident(tx, ctx, a.org.id, { name: '第二小区业主', phone: `1370${String(process.pid % 10_000).padStart(4, '0')}888`, units: [{ unitId: unit!.id, relation: 'owner' }] });
    const desk = await createStaff(tx, ctx, a.org.id, { name: '第二小区客服', phone: `1370${String(process.pid % 10_000).padStart(4, '0')}887`, position: 'service_desk', communityIds: [community.id] });
    await createUser(tx, ctx, { organizationId: a.org.id, username: `${prefix}a-desk2`, displayName: '第二小区客服', password: TEST_PASSWORD, roles: ['service_desk'], staffId: desk.id });
    return { community, building, unit: unit!, resident };
  });
  const unit102 = async (buildingId: string) => (await t.database.db.select({ id: units.id }).from(units).where(and(eq(units.buildingId, buildingId), eq(units.number, '102'))))[0]!.id;
  const place = (orgId: string, o: { community: { id: string }; building: { id: string }; unit: { id: string }; resident: { id: string; phone: string } }, u102: string): Place => ({
    orgId,
    communityId: o.community.id,
    buildingId: o.building.id,
    unitId: o.unit.id,
    unit102Id: u102,
    residentId: o.resident.id,
    residentPhone: o.resident.phone,
  });
  const login = (u: string) => t.client().login(u, TEST_PASSWORD);
  const clients: Partial<Record<Role, TestClient>> = {};
  for (const role of roles) clients[role] = await login(a.users[role]!);
  return {
    places: {
      a1: place(a.org.id, a, await unit102(a.building.id)),
      a2: place(a.org.id, a2, await unit102(a2.building.id)),
      b: place(b.org.id, b, await unit102(b.building.id)),
    },
    clients: clients as Record<Role, TestClient>,
    adminA: await login(a.users.company_admin!),
    deskA2: await login(`${prefix}a-desk2`),
    adminB: await login(b.users.company_admin!),
    deskB: await login(b.users.service_desk!),
  };
}

const PLAN_TYPES = ['flood', 'power_loss', 'lift_entrapment', 'theft', 'gas_leak', 'injury', 'other'];
let serial = 0;
/** A fresh number for names and phones that must be unique. */
export function nextSerial(): number {
  return ++serial;
}

/**
 * Valid bodies of the routes whose documented schema does not say enough to generate one (free
 * texts that must match something, cross-field rules), built from a community's own ids. The
 * walks use them as the base every probe changes one thing in. Missing ones are generated.
 */
export const EXAMPLES: Record<string, (ids: Ids, n: number) => unknown> = {
  'POST /api/v1/communities': (_, n) => ({ name: `走查小区${n}` }),
  'POST /api/v1/buildings': (ids, n) => ({ communityId: ids.community, name: `走查${n}栋`, floors: 1, unitsPerFloor: 1 }),
  'POST /api/v1/units': (ids, n) => ({ buildingId: ids.building, floor: 1, number: `9${n}` }),
  'POST /api/v1/residents': (ids, n) => ({ name: `走查住户${n}`, phone: `1366${String(process.pid % 1000).padStart(3, '0')}${String(n).padStart(4, '0')}`, units: [{ unitId: ids.unit, relation: 'tenant' }] }),
  'POST /api/v1/staff': (ids, n) => ({ name: `走查员工${n}`, phone: `1355${String(process.pid % 1000).padStart(3, '0')}${String(n).padStart(4, '0')}`, position: 'technician', communityIds: [ids.community] }),
  'POST /api/v1/standards/{key}/versions': (ids, n) => ({ communityId: ids.community, reason: `走查版本${n}`, definition: JSON.parse(ids.definition ?? '{}') }),
  'POST /api/v1/standards/{key}/time-limits': (ids, n) => ({ communityId: ids.community, reason: `走查时限${n}`, changes: [{ key: 'first_reply', duration: { minutes: 30 + n } }] }),
  'POST /api/v1/portal/registration': (ids, n) => ({ name: `走查登记${n}`, unitId: ids.unit102, relation: 'owner' }),
  'POST /api/v1/portal/unit-requests': (ids) => ({ unitId: ids.unit102, relation: 'tenant' }),
  'POST /api/v1/portal/me/privacy-consent': () => ({ version: PRIVACY_NOTICE.version }),
  'POST /api/v1/work-orders': (ids, n) => ({ kind: 'repair', communityId: ids.community, unitId: ids.unit, channel: 'phone', category: 'plumbing', description: `走查报修${n}`, reporterResidentId: ids.resident }),
  'POST /api/v1/work-orders/{id}/comments': (_, n) => ({ body: `走查备注${n}` }),
  'POST /api/v1/price-list': (ids, n) => ({ communityId: ids.community, name: `走查价目${n}`, unit: '个', price: 1000 + n, category: 'plumbing', note: `走查说明${n}` }),
  'POST /api/v1/patrol/routes': (ids, n) => ({ communityId: ids.community, name: `走查路线${n}`, checkpoints: [{ name: `走查点${n}`, tagId: `WALK-${process.pid}-${n}`, offsetMinutes: 0 }] }),
  'POST /api/v1/patrol/plans': (ids, n) => ({ communityId: ids.community, routeId: ids.route, name: `走查计划${n}`, startTime: '08:00', endTime: '09:00', everyMinutes: 60 }),
  'POST /api/v1/patrol/rounds': (ids) => ({ routeId: ids.route }),
  'POST /api/v1/duty-posts': (ids, n) => ({ communityId: ids.community, name: `走查岗位${n}`, kind: 'gate', checklist: [{ name: '对讲机', expected: 1 }] }),
  'POST /api/v1/incidents': (ids, n) => ({ communityId: ids.community, type: 'fire', place: `走查地点${n}`, occurredAt: new Date().toISOString(), description: `走查事件${n}` }),
  'PATCH /api/v1/incidents/{id}': (_, n) => ({ people: `走查人员${n}`, actionsTaken: `走查处置${n}` }),
  // One plan per type and community: each example takes the next type.
  'POST /api/v1/emergency-plans': (ids, n) => ({ communityId: ids.community, type: PLAN_TYPES[n % PLAN_TYPES.length], title: `走查预案${n}`, steps: ['报警'] }),
  'POST /api/v1/emergency-drills': (ids, n) => ({ planId: ids['emergency-plan'], heldOn: '2026-01-05', participants: `走查参与${n}`, findings: `走查发现${n}` }),
  'POST /api/v1/gate/passes': (ids, n) => ({ unitId: ids.unit, visitorName: `走查访客${n}`, hostConfirmation: 'phone', confirmedBy: '走查住户' }),
  'POST /api/v1/gate/slips': (ids, n) => ({ unitId: ids.unit, items: [{ name: `走查物品${n}`, quantity: 1 }], carrierName: '走查搬运', ownerConfirmation: 'phone', confirmedBy: '走查住户' }),
  'POST /api/v1/gate/decorations': (ids, n) => ({ unitId: ids.unit, company: `走查装饰${n}`, responsibleName: '走查工长', responsiblePhone: '13911110005', startsOn: '2026-01-01', endsOn: '2099-12-31' }),
  'POST /api/v1/gate/decorations/{id}/workers': (_, n) => ({ name: `走查工人${n}`, kind: 'temporary', verification: '核对身份证' }),
  // A handover needs a fresh signature of the one on duty: the walk uploads it as `ids.signature`.
  'POST /api/v1/quality/templates/{key}/versions': (ids, n) => ({ communityId: ids.community, reason: `走查检查表${n}`, definition: walkTemplate(`走查项${n}`, ids.key ?? 'walk_check', `item_${n}`) }),
  'POST /api/v1/quality/plans': (ids, n) => ({ communityId: ids.community, name: `走查检查计划${n}`, templateKey: 'walk_check', kind: 'spot', place: `走查岗${n}`, rule: { startDate: '2026-01-01', repeat: { every: 'day' }, times: { kind: 'at', at: ['08:00'] } }, windowMinutes: 60 }),
  'POST /api/v1/quality/inspections': (ids, n) => ({ communityId: ids.community, templateKey: 'walk_check', place: `走查岗${n}` }),
  'POST /api/v1/duty-posts/{id}/handovers': (ids, n) => ({ counts: [{ key: '1', count: 1 }], openMatters: `走查交接${n}`, signatureId: ids.signature }),
  'POST /api/v1/fee-items': (ids, n) => ({ communityId: ids.community, name: `走查收费${n}`, cycle: null, rounding: 'half_up', effectiveFrom: '2026-01-01', pricing: { kind: 'one_off', amountFen: 100 + n } }),
  // Each price version starts on its own future day.
  'POST /api/v1/fee-items/{id}/versions': (_, n) => ({ effectiveFrom: new Date(Date.UTC(2090, 0, 1) + n * 86_400_000).toISOString().slice(0, 10), pricing: { kind: 'fixed', monthlyFen: 1000 + n } }),
  'POST /api/v1/communities/{id}/fee-late-fee-rules': (ids, n) => ({ itemId: ids['fee-item'], effectiveFrom: new Date(Date.UTC(2090, 0, 1) + n * 86_400_000).toISOString().slice(0, 10), mode: 'daily_rate', dailyRatePermille: 0.5, graceDays: 15, capPercent: 10 }),
  'POST /api/v1/fee-accounts/{id}/entries': (_, n) => ({ kind: 'discount', amountFen: n, memo: `走查减免${n}` }),
  'POST /api/v1/fee-payments': (ids, n) => ({ accountId: ids['fee-account'], lines: [{ method: 'cash', amountFen: 100 + n }] }),
  // Each run bills a month of its own.
  'POST /api/v1/fee-bill-runs': (ids, n) => ({ communityId: ids.community, cycle: 'monthly', periodStart: `${2030 + (n % 900)}-01` }),
  'POST /api/v1/staff/{id}/account': (_, n) => ({ username: `walk-${process.pid}-${n}`, roles: ['technician'] }),
  'POST /api/v1/fee-disclosures': (ids, n) => ({ communityId: ids.community, periodKind: 'month', period: `2025-${String((n % 12) + 1).padStart(2, '0')}`, lines: [] }),
  'POST /api/v1/fee-meters': (ids, n) => ({ unitId: ids.unit, itemId: ids.meteredItem2, serialNo: `走查表${n}`, startReading: 0 }),
  'POST /api/v1/fee-meter-readings': (ids, n) => ({ meterId: ids.readingMeter, reading: 500 + n, readOn: '2026-06-01' }),
  // Whatever the caller took before, every method is counted as empty, with the reason for a difference.
  'POST /api/v1/fee-shift-closes': (ids) => ({ communityId: ids.community, counts: PAYMENT_METHODS.map((method) => ({ method, countedFen: 0, reason: '走查：未点钞' })) }),
  'POST /api/v1/training/courses': (_, n) => ({ name: `走查课程${n}`, kind: 'skill', positions: ['technician'], hours: 1 + (n % 100) }),
  'POST /api/v1/training/sessions': (ids, n) => ({ courseId: ids.course, communityId: ids.community, heldOn: '2026-01-05', trainer: `走查讲师${n}`, attendance: [{ staffId: ids.staff, attended: true, examScore: n % 101 }] }),
  'POST /api/v1/appraisal/incentives': (ids, n) => ({ communityId: ids.community, staffId: ids.staff, kind: 'reward', reason: `走查奖励${n}`, points: 1 + (n % 100) }),
  'POST /api/v1/appraisal/measures': (ids, n) => ({ communityId: ids.community, title: `走查改进${n}`, source: 'kpi', sourceKey: 'sla_compliance', ownerStaffId: ids.staff, dueOn: '2099-12-31' }),
  'PUT /api/v1/appraisal/weights/{position}': () => ({ inspection: 40, sla: 30, rating: 20, complaints: 10, complaintDeduction: 20 }),
  'POST /api/v1/training/certificates': (ids, n) => ({ staffId: ids.staff, kind: 'other', number: `走查证${process.pid}-${n}`, issuedOn: '2025-01-01', expiresOn: '2030-01-01' }),
  'POST /api/v1/assets': (ids, n) => ({ communityId: ids.community, name: `走查设备${n}`, category: 'cctv', place: `走查位置${n}`, maintainer: `走查维保${n}` }),
};

/** The base body of an operation: its example, else one generated from its schema. */
export function bodyFor(doc: Doc, key: string, path: string, op: Operation, ids: Ids, optional: (field: string) => boolean = () => false): unknown {
  const example = EXAMPLES[key];
  if (example) return example(ids, nextSerial());
  const json = op.requestBody?.content?.['application/json']?.schema;
  return json ? sample(doc, json, 'body', path, ids, optional) : undefined;
}
