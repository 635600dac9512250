import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions, users } from '../../auth/tables';
import { TEST_PASSWORD } from '../../test/factories';
import { createTestApp, type TestApp } from '../../test/test-app';
import { workEvents } from '../../work/tables';
import { auditLog } from '../audit/tables';
import { gatePasses } from '../gate/tables';
import { outboundMessages } from '../outbound/tables';
import { organizations, residents } from '../registry/tables';
import { buildCrew, type Crew } from '../work-orders/test-kit';
import { workOrders } from '../work-orders/tables';
import { loadDefaultLibrary } from '../../standards/library';
import { applyVisitorRetention } from './job';

let t: TestApp;
let crew: Crew;
let other: Crew;
const day = 86_400_000;
beforeAll(async () => {
  t = await createTestApp();
  crew = await buildCrew(t, 'privacy');
  other = await buildCrew(t, 'privacy2');
});
afterAll(() => t.close());

async function registerPass(visitorName: string) {
  const res = await crew.clients.resident.post('/api/v1/gate/passes', {
    unitId: crew.org.unit.id,
    visitorName,
    visitorPhone: '13812345678',
    plate: '浙A12345',
    purpose: '探亲',
    validUntil: new Date(Date.now() + 4 * 3_600_000).toISOString(),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; number: string };
}

/** Moves a pass's window back so it ended `days` ago. */
async function endedDaysAgo(id: string, days: number) {
  const end = new Date(Date.now() - days * day);
  await t.database.db.update(gatePasses).set({ validFrom: new Date(end.getTime() - 3_600_000), validUntil: end }).where(eq(gatePasses.id, id));
}

describe('company data settings', () => {
  it('lets a company admin set the retention period (30–3650 days, 400 per field otherwise); others may not', async () => {
    const { admin, desk } = crew.clients;
    const read = await admin.get('/api/v1/organization/data-settings');
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json()).toMatchObject({ visitorRetentionDays: 180, storageQuotaGb: null, effectiveQuotaBytes: 5 * 1024 ** 3, allowedActions: ['update'] });
    for (const days of [29, 3651, 90.5]) {
      const bad = await admin.request('PATCH', '/api/v1/organization/data-settings', { visitorRetentionDays: days });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.fields).toHaveProperty('visitorRetentionDays');
    }
    expect((await desk.request('PATCH', '/api/v1/organization/data-settings', { visitorRetentionDays: 90 })).statusCode).toBe(403);
    expect((await desk.get('/api/v1/organization/data-settings')).statusCode).toBe(403);
    const quota = await admin.request('PATCH', '/api/v1/organization/data-settings', { storageQuotaGb: 2 });
    expect(quota.json()).toMatchObject({ visitorRetentionDays: 180, storageQuotaGb: 2, effectiveQuotaBytes: 2 * 1024 ** 3 });
    // Only the fields sent change.
    const saved = await admin.request('PATCH', '/api/v1/organization/data-settings', { visitorRetentionDays: 365 });
    expect(saved.json()).toMatchObject({ visitorRetentionDays: 365, storageQuotaGb: 2 });
    // Another company is untouched.
    expect((await other.clients.admin.get('/api/v1/organization/data-settings')).json()).toMatchObject({ visitorRetentionDays: 180, storageQuotaGb: null });
    const [audit] = await t.database.db.select().from(auditLog).where(and(eq(auditLog.entityType, 'organization'), eq(auditLog.entityId, crew.org.org.id)));
    expect(audit).toBeTruthy();
    await admin.request('PATCH', '/api/v1/organization/data-settings', { visitorRetentionDays: 180, storageQuotaGb: null });
  });
});

describe('visitor retention (PIPL)', () => {
  it("strips the visitor's personal data once the company's period has passed since the pass ended, keeping the record for statistics", async () => {
    const old = await registerPass('王建国');
    const recent = await registerPass('李四');
    await endedDaysAgo(old.id, 200);
    await endedDaysAgo(recent.id, 100);
    const db = t.database.db;

    // With a 365-day period, nothing is old enough.
    await db.update(organizations).set({ visitorRetentionDays: 365 }).where(eq(organizations.id, crew.org.org.id));
    await applyVisitorRetention(db);
    expect((await db.select().from(gatePasses).where(eq(gatePasses.id, old.id)))[0]).toMatchObject({ visitorName: '王建国', personalDataErasedAt: null });

    await db.update(organizations).set({ visitorRetentionDays: 180 }).where(eq(organizations.id, crew.org.org.id));
    const done = await applyVisitorRetention(db);
    expect(done.passes).toBeGreaterThanOrEqual(1);
    const [stripped] = await db.select().from(gatePasses).where(eq(gatePasses.id, old.id));
    expect(stripped).toMatchObject({ visitorName: '—', visitorPhone: null, plate: null, purpose: null, number: old.number, partySize: 1 });
    expect(stripped!.personalDataErasedAt).toBeInstanceOf(Date);
    const [kept] = await db.select().from(gatePasses).where(eq(gatePasses.id, recent.id));
    expect(kept).toMatchObject({ visitorName: '李四', visitorPhone: '13812345678', plate: '浙A12345', personalDataErasedAt: null });

    // The timeline and the audit trail no longer carry the name.
    const events = await db.select().from(workEvents).where(eq(workEvents.subjectId, old.id));
    expect(events.length).toBeGreaterThan(0);
    expect(JSON.stringify(events.map((e) => e.data))).not.toContain('王建国');
    const audits = await db.select().from(auditLog).where(eq(auditLog.entityId, old.id));
    expect(audits.length).toBeGreaterThan(0);
    expect(JSON.stringify(audits.map((a) => a.summary))).not.toContain('王建国');
    expect(JSON.stringify(audits.map((a) => a.summary))).toContain('"code"');

    // The staff still see the pass and its number.
    const seen = await crew.clients.desk.get(`/api/v1/gate/passes/${old.id}`);
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json()).toMatchObject({ number: old.number, visitorName: '—', visitorPhone: null, plate: null });
    // A second run finds nothing more to do for it.
    expect((await applyVisitorRetention(db)).passes).toBe(0);
  });
});

describe("a resident's own data download", () => {
  it('gives the resident their profile, units, orders with timeline, passes and messages as JSON or xlsx, audited; staff cannot', async () => {
    const db = t.database.db;
    const { resident, desk } = crew.clients;
    const [person] = await db.select().from(residents).where(eq(residents.id, crew.org.resident.id));
    const order = await desk.post('/api/v1/work-orders', {
      kind: 'repair', communityId: crew.org.community.id, unitId: crew.org.unit.id, channel: 'phone', category: 'plumbing', description: '阳台漏水', reporterResidentId: person!.id,
    });
    expect(order.statusCode, order.body).toBe(201);
    const pass = await registerPass('赵六');
    await db.insert(outboundMessages).values({ organizationId: crew.org.org.id, channel: 'sms', to: person!.phone, subject: '工单进度', body: '您的报修已受理', status: 'recorded' });
    // Someone else's order and messages stay out.
    await other.clients.desk.post('/api/v1/work-orders', {
      kind: 'repair', communityId: other.org.community.id, unitId: other.org.unit.id, channel: 'phone', category: 'plumbing', description: '别家的事', reporterResidentId: other.org.resident.id,
    });

    const res = await resident.get('/api/v1/portal/me/data');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="my-data-/);
    const data = res.json();
    expect(data.profile).toMatchObject({ name: person!.name, phone: person!.phone });
    expect(data.units).toEqual([expect.objectContaining({ unit: expect.stringContaining('101') })]);
    const mine = data.workOrders.find((o: { number: string }) => o.number === order.json().number);
    expect(mine).toMatchObject({ description: '阳台漏水' });
    expect(mine.timeline.length).toBeGreaterThan(0);
    expect(JSON.stringify(data)).not.toContain('别家的事');
    expect(data.passes.map((p: { number: string }) => p.number)).toContain(pass.number);
    expect(data.messages).toEqual(expect.arrayContaining([expect.objectContaining({ text: '您的报修已受理' })]));

    const xlsx = await resident.get('/api/v1/portal/me/data?format=xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['profile', 'units', 'work-orders', 'timeline', 'passes', 'slips', 'messages']);
    expect(String(wb.getWorksheet('profile')!.getRow(2).getCell(2).value)).toBe(person!.phone);

    const audits = await db.select().from(auditLog).where(and(eq(auditLog.organizationId, crew.org.org.id), eq(auditLog.action, 'export_own_data')));
    expect(audits.map((a) => a.summary.after).sort((x, y) => String(x!.format).localeCompare(String(y!.format)))).toEqual([
      { residentId: person!.id, format: 'json' },
      { residentId: person!.id, format: 'xlsx' },
    ]);
    expect((await desk.get('/api/v1/portal/me/data')).statusCode).toBe(403);
    expect((await t.client().get('/api/v1/portal/me/data')).statusCode).toBe(401);
  });
});

describe('erasing a resident', () => {
  it('anonymises the person and ends their access, keeps the orders and their numbers; admins only, confirmed once', async () => {
    const db = t.database.db;
    const { admin, desk, resident } = crew.clients;
    const [person] = await db.select().from(residents).where(eq(residents.id, crew.org.resident.id));
    const order = await desk.post('/api/v1/work-orders', {
      kind: 'repair', communityId: crew.org.community.id, unitId: crew.org.unit.id, channel: 'phone', category: 'plumbing', description: '卫生间下水慢', reporterResidentId: person!.id,
    });
    expect(order.statusCode, order.body).toBe(201);
    // The resident reports one themself and writes their number into the text; the desk registers
    // a decoration the resident is responsible for, by name and phone.
    const own = await resident.post('/api/v1/work-orders', {
      kind: 'repair', communityId: crew.org.community.id, unitId: crew.org.unit.id, channel: 'app', category: 'plumbing', description: `厨房漏水，请打 ${person!.phone} 联系`,
    });
    expect(own.statusCode, own.body).toBe(201);
    const deco = await desk.post('/api/v1/gate/decorations', {
      unitId: crew.org.unit.id, company: '自装', responsibleName: person!.name, responsiblePhone: person!.phone,
      startsOn: new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10), endsOn: new Date(Date.now() + 10 * day).toISOString().slice(0, 10),
    });
    expect(deco.statusCode, deco.body).toBe(201);
    await db.insert(outboundMessages).values({ organizationId: crew.org.org.id, channel: 'sms', to: person!.phone, subject: '工单进度', body: `${person!.name}，您的报修已受理`, status: 'recorded' });
    expect((await resident.get('/api/v1/auth/me')).statusCode).toBe(200);

    expect((await desk.post(`/api/v1/residents/${person!.id}/erase`, {})).statusCode).toBe(403);
    expect((await other.clients.admin.post(`/api/v1/residents/${person!.id}/erase`, {})).statusCode).toBe(404);
    const detail = await admin.get(`/api/v1/residents/${person!.id}`);
    expect(detail.json().allowedActions).toContain('erase');

    const res = await admin.request('POST', `/api/v1/residents/${person!.id}/erase`, {}, { 'accept-language': 'en-US' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ residentId: person!.id, name: 'Erased resident', workOrders: 3, messages: 2 });

    const [after] = await db.select().from(residents).where(eq(residents.id, person!.id));
    expect(after).toMatchObject({ name: 'Erased resident', phone: '', idNumber: null, plates: [] });
    expect(after!.erasedAt).toBeInstanceOf(Date);
    expect(after!.archivedAt).toBeInstanceOf(Date);
    // The order stays, with its number, and shows the anonymised reporter.
    const [kept] = await db.select().from(workOrders).where(eq(workOrders.id, order.json().id));
    expect(kept).toMatchObject({ number: order.json().number, reporterName: 'Erased resident', reporterPhone: null, reporterResidentId: person!.id });
    const shown = await desk.get(`/api/v1/work-orders/${order.json().id}`);
    expect(shown.json().reporter).toMatchObject({ name: 'Erased resident', phone: null });
    // Nothing they wrote or did keeps their name or number: descriptions, timelines, audit, decorations.
    const [ownKept] = await db.select().from(workOrders).where(eq(workOrders.id, own.json().id));
    expect(ownKept!.description).toBe('厨房漏水，请打 *** 联系');
    const events = await db.select().from(workEvents).where(eq(workEvents.organizationId, crew.org.org.id));
    expect(events.some((e) => e.subjectId === own.json().id && e.actorName === 'Erased resident')).toBe(true);
    const traces = JSON.stringify([events, await db.select().from(auditLog).where(eq(auditLog.organizationId, crew.org.org.id))]);
    expect(traces).not.toContain(person!.phone);
    expect(traces).not.toContain(person!.name);
    expect((await admin.get(`/api/v1/gate/decorations/${deco.json().id}`)).json()).toMatchObject({ responsibleName: 'Erased resident', responsiblePhone: '' });
    // Messages to the phone are masked; sign-ins and sessions are gone.
    const msgs = await db.select().from(outboundMessages).where(eq(outboundMessages.organizationId, crew.org.org.id));
    expect(JSON.stringify(msgs)).not.toContain(person!.phone);
    expect(JSON.stringify(msgs)).not.toContain(person!.name);
    const accounts = await db.select().from(users).where(eq(users.residentId, person!.id));
    expect(accounts.length).toBe(1);
    expect(accounts[0]!.disabledAt).toBeInstanceOf(Date);
    expect(accounts[0]!.username).not.toBe(crew.org.users.resident);
    expect(await db.select().from(sessions).where(eq(sessions.userId, accounts[0]!.id))).toEqual([]);
    expect((await resident.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await t.client().request('POST', '/api/v1/auth/login', { username: crew.org.users.resident, password: TEST_PASSWORD })).statusCode).toBe(401);
    // The audit trail says who erased, without the person's data.
    const trail = await db.select().from(auditLog).where(and(eq(auditLog.entityType, 'resident'), eq(auditLog.entityId, person!.id)));
    expect(trail.map((a) => a.action)).toContain('erase');
    expect(JSON.stringify(trail.map((a) => a.summary))).not.toContain(person!.phone);
    // Once only.
    expect((await admin.post(`/api/v1/residents/${person!.id}/erase`, {})).statusCode).toBe(409);
  });
});

describe("staff-only records in a resident's own data download", () => {
  it('leaves out what the standard marks staff-only, as the portal does', async () => {
    const { admin, desk, resident } = other.clients;
    // The company marks the reason of a cancelled repair staff-only.
    const repair = loadDefaultLibrary().standards.get('repair')!;
    const definition = { ...repair, transitions: repair.transitions.map((x) => (x.key === 'cancel' ? { ...x, records: x.records.map((r) => (r.name === 'reason' ? { ...r, internal: true } : r)) } : x)) };
    expect((await admin.post('/api/v1/standards/repair/versions', { reason: '取消原因仅员工可见', definition })).statusCode).toBe(201);
    const order = await desk.post('/api/v1/work-orders', {
      kind: 'repair', communityId: other.org.community.id, unitId: other.org.unit.id, channel: 'phone', category: 'plumbing', description: '重复报修的漏水', reporterResidentId: other.org.resident.id,
    });
    expect(order.statusCode, order.body).toBe(201);
    const cancelled = await desk.post(`/api/v1/work-orders/${order.json().id}/actions/cancel`, { reason: '与上周工单重复，内部合并处理' });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    const data = (await resident.get('/api/v1/portal/me/data')).json();
    const mine = data.workOrders.find((o: { number: string }) => o.number === order.json().number);
    expect(mine.timeline.map((e: { action: string | null }) => e.action)).toContain('cancel');
    expect(JSON.stringify(mine)).not.toContain('内部合并处理');
    const staffView = (await desk.get(`/api/v1/work-orders/${order.json().id}`)).json();
    expect(JSON.stringify(staffView.timeline)).toContain('内部合并处理');
  });
});
