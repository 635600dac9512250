import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganization, TEST_PASSWORD } from '../../test/factories';
import { createTestApp, type TestApp, type TestClient } from '../../test/test-app';
import { outboundMessages } from '../outbound/tables';
import { units } from '../registry/tables';
import { PRIVACY_NOTICE } from '../../../common/privacy-notice';
import { otpChallenges, portalPrivacyConsents, unitRequests } from './tables';
import { latestCode, watchTexts } from './test-kit';

let t: TestApp;
let org: Awaited<ReturnType<typeof buildOrganization>>;
let other: Awaited<ReturnType<typeof buildOrganization>>;
let admin: TestClient;
let desk: TestClient;
let otherAdmin: TestClient;
let phoneSeq = 0;
/** A phone nobody has, unique per test run. */
const freshPhone = () => `1580${String(process.pid % 10_000).padStart(4, '0')}${String(++phoneSeq).padStart(3, '0')}`;

beforeAll(async () => {
  t = await createTestApp();
  org = await buildOrganization(t.database, { prefix: 'pt', roles: ['company_admin', 'service_desk', 'resident'] });
  other = await buildOrganization(t.database, { prefix: 'po', roles: ['company_admin'] });
  admin = await t.client().login(org.users.company_admin!, TEST_PASSWORD);
  desk = await t.client().login(org.users.service_desk!, TEST_PASSWORD);
  otherAdmin = await t.client().login(other.users.company_admin!, TEST_PASSWORD);
  watchTexts(t);
});
afterAll(() => t.close());

/** The code of the latest text to a phone, caught from the development SMS channel in-process. */
async function codeFromOutbox(phone: string): Promise<string> {
  return latestCode(t, phone);
}

/** Lets the resend wait pass for a phone by moving its codes a minute into the past. */
async function backdate(phone: string, seconds = 61) {
  const rows = await t.database.db.select().from(otpChallenges).where(eq(otpChallenges.phone, phone));
  for (const r of rows) {
    await t.database.db.update(otpChallenges).set({ createdAt: new Date(r.createdAt.getTime() - seconds * 1000) }).where(eq(otpChallenges.id, r.id));
  }
}

/** Signs a person in by code; they accept the privacy notice (as the portal asks first) unless `accept` is false. */
async function signInByCode(phone: string, accept = true): Promise<TestClient> {
  const client = t.client();
  expect((await client.post('/api/v1/portal/otp', { phone, communityId: org.community.id })).statusCode).toBe(202);
  const res = await client.post('/api/v1/portal/otp/verify', { phone, code: await codeFromOutbox(phone), communityId: org.community.id });
  expect(res.statusCode).toBe(200);
  return accept ? client.acceptPrivacyNotice() : client;
}

describe('sign-in codes', () => {
  it('answer a known and an unknown phone alike, and need the community when several companies share the server', async () => {
    const known = await t.client().post('/api/v1/portal/otp', { phone: org.resident.phone, communityId: org.community.id });
    const unknown = await t.client().post('/api/v1/portal/otp', { phone: freshPhone(), communityId: org.community.id });
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(known.body).toBe(unknown.body);
    expect(known.json()).toEqual({ expiresInSeconds: 300, resendAfterSeconds: 60 });
    // Without a community both are refused the same way, before the phone is looked at.
    const a = await t.client().post('/api/v1/portal/otp', { phone: org.resident.phone });
    const b = await t.client().post('/api/v1/portal/otp', { phone: freshPhone() });
    expect([a.statusCode, b.statusCode]).toEqual([400, 400]);
    expect(a.json().error.fields).toEqual({ communityId: '请先选择您所在的小区' });
    expect(b.body).toBe(a.body);
    // Only a hash is stored; the code reaches the person through the outbound channel.
    const [row] = await t.database.db.select().from(otpChallenges).where(eq(otpChallenges.phone, org.resident.phone));
    const code = await codeFromOutbox(org.resident.phone);
    expect(row!.codeHash).not.toContain(code);
    expect(row!.codeHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuse a resend within 60 s and more than 5 codes an hour per phone, with Retry-After', async () => {
    const phone = freshPhone();
    const client = t.client();
    expect((await client.post('/api/v1/portal/otp', { phone, communityId: org.community.id })).statusCode).toBe(202);
    const again = await client.post('/api/v1/portal/otp', { phone, communityId: org.community.id });
    expect(again.statusCode).toBe(429);
    expect(again.json().error.message).toMatch(/^验证码已发送，请 \d+ 秒后再重新获取$/);
    expect(Number(again.headers['retry-after'])).toBeGreaterThan(50);
    for (let i = 0; i < 4; i++) {
      await backdate(phone);
      expect((await client.post('/api/v1/portal/otp', { phone, communityId: org.community.id })).statusCode).toBe(202);
    }
    await backdate(phone);
    const capped = await client.post('/api/v1/portal/otp', { phone, communityId: org.community.id });
    expect(capped.statusCode).toBe(429);
    expect(capped.json().error.code).toBe('TOO_MANY_ATTEMPTS');
    expect(capped.json().error.message).toContain('一小时内获取验证码次数过多');
  });

  it('die after 5 wrong tries, expire after 5 minutes, and work only once', async () => {
    const phone = freshPhone();
    const client = t.client();
    client.language = 'en-US';
    await client.post('/api/v1/portal/otp', { phone, communityId: org.community.id });
    const code = await codeFromOutbox(phone);
    const wrong = code === '000000' ? '111111' : '000000';
    const first = await client.post('/api/v1/portal/otp/verify', { phone, code: wrong, communityId: org.community.id });
    expect(first.statusCode).toBe(400);
    expect(first.json().error.fields).toEqual({ code: 'Wrong code; 4 tries left' });
    for (let i = 0; i < 4; i++) await client.post('/api/v1/portal/otp/verify', { phone, code: wrong, communityId: org.community.id });
    const locked = await client.post('/api/v1/portal/otp/verify', { phone, code, communityId: org.community.id });
    expect(locked.json().error.fields).toEqual({ code: 'Too many wrong tries; please ask for a new code' });
    expect((await client.get('/api/v1/portal/me')).statusCode).toBe(401);

    await backdate(phone);
    await client.post('/api/v1/portal/otp', { phone, communityId: org.community.id });
    const fresh = await codeFromOutbox(phone);
    await t.database.db
      .update(otpChallenges)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(otpChallenges.id, (await t.database.db.select().from(otpChallenges).where(eq(otpChallenges.phone, phone)).orderBy(desc(otpChallenges.createdAt)).limit(1))[0]!.id));
    expect((await client.post('/api/v1/portal/otp/verify', { phone, code: fresh, communityId: org.community.id })).json().error.fields).toEqual({ code: 'This code has expired; please ask for a new one' });

    await backdate(phone);
    await client.post('/api/v1/portal/otp', { phone, communityId: org.community.id });
    const good = await codeFromOutbox(phone);
    expect((await client.post('/api/v1/portal/otp/verify', { phone, code: good, communityId: org.community.id })).statusCode).toBe(200);
    expect((await t.client().post('/api/v1/portal/otp/verify', { phone, code: good, communityId: org.community.id })).statusCode).toBe(400);
  });

  it('sign a known resident in to their account; phone and password work too', async () => {
    await backdate(org.resident.phone);
    const client = await signInByCode(org.resident.phone);
    const me = (await client.get('/api/v1/portal/me')).json();
    expect(me).toMatchObject({ registered: true, hasPassword: true, resident: { id: org.resident.id, name: '测试业主' } });
    expect(me.units).toEqual([expect.objectContaining({ unitId: org.unit.id, state: 'approved', label: '1栋 101' })]);
    // The session carries the usual CSRF protection.
    const noToken = await t.app.inject({ method: 'POST', url: '/api/v1/portal/unit-requests', payload: { unitId: org.unit.id, relation: 'owner' }, headers: { cookie: (client as unknown as { cookie: string }).cookie } });
    expect(noToken.statusCode).toBe(403);

    const bad = await t.client().post('/api/v1/portal/login', { phone: org.resident.phone, password: 'wrong-password', communityId: org.community.id });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().error.message).toBe('手机号或密码不正确');
    const good = await t.client().post('/api/v1/portal/login', { phone: org.resident.phone, password: TEST_PASSWORD, communityId: org.community.id });
    expect(good.statusCode).toBe(200);
    expect(good.json().resident.id).toBe(org.resident.id);
  });
});

describe('registration and the desk’s review', () => {
  it('shows nothing of the unit until the desk approves; another household stays invisible', async () => {
    // Work of the existing household on unit 101.
    const order = (
      await desk.post('/api/v1/work-orders', { kind: 'repair', communityId: org.community.id, unitId: org.unit.id, channel: 'phone', category: 'plumbing', description: '邻居家的报修', reporterResidentId: org.resident.id })
    ).json();
    const phone = freshPhone();
    const person = await signInByCode(phone);
    expect((await person.get('/api/v1/portal/me')).json()).toMatchObject({ registered: false, resident: null, units: [] });
    expect((await person.get('/api/v1/work-orders')).json().total).toBe(0);

    const communities = (await person.get('/api/v1/portal/communities')).json().items;
    expect(communities.map((c: { id: string }) => c.id)).toContain(org.community.id);
    const buildings = (await person.get(`/api/v1/portal/communities/${org.community.id}/buildings`)).json().items;
    const unitList = (await person.get(`/api/v1/portal/buildings/${buildings[0].id}/units`)).json().items;
    expect(unitList.map((u: { name: string }) => u.name)).toEqual(['101', '102', '201', '202', '301', '302']);
    expect(JSON.stringify(unitList)).not.toContain('测试业主');
    const [u102] = await t.database.db.select().from(units).where(and(eq(units.buildingId, org.building.id), eq(units.number, '102')));

    const missing = await person.post('/api/v1/portal/registration', { unitId: u102!.id, relation: 'owner' });
    expect(missing.json().error.fields).toEqual({ name: expect.any(String) });
    const registered = await person.post('/api/v1/portal/registration', { name: '新住户', unitId: u102!.id, relation: 'owner' });
    expect(registered.statusCode).toBe(201);
    expect(registered.json()).toMatchObject({ registered: true, units: [{ unitId: u102!.id, state: 'pending', label: '1栋 102' }] });
    expect((await person.post('/api/v1/portal/registration', { name: '新住户', unitId: u102!.id, relation: 'owner' })).statusCode).toBe(409);
    expect((await person.post('/api/v1/portal/unit-requests', { unitId: u102!.id, relation: 'owner' })).json().error.fields).toEqual({ unitId: '这套房屋的申请正在审核中' });

    // Pending: no unit data, no unit-bound actions.
    expect((await person.get(`/api/v1/portal/categories?communityId=${org.community.id}`)).statusCode).toBe(404);
    const file = await person.post('/api/v1/work-orders', { kind: 'repair', communityId: org.community.id, unitId: u102!.id, channel: 'app', category: 'plumbing', description: '水管漏水' });
    expect(file.statusCode).toBe(400);
    expect((await person.get(`/api/v1/units/${u102!.id}`)).statusCode).toBe(404);

    // The desk is told and sees the request with the unit's current occupants; other companies see nothing.
    const inbox = (await desk.get('/api/v1/notifications')).json().items;
    expect(inbox.some((n: { kind: string; message: string }) => n.kind === 'unit_request' && n.message.includes('新住户'))).toBe(true);
    const pending = (await desk.get('/api/v1/unit-requests')).json();
    const request = pending.items.find((r: { resident: { name: string } }) => r.resident.name === '新住户');
    expect(request).toMatchObject({ status: 'pending', unit: { label: '1栋 102' }, relation: 'owner', allowedActions: ['approve', 'reject'] });
    expect(request.resident.phoneMasked).not.toBe(phone);
    expect((await otherAdmin.get('/api/v1/unit-requests')).json().total).toBe(0);
    expect((await otherAdmin.post(`/api/v1/unit-requests/${request.id}/approve`)).statusCode).toBe(404);
    expect((await person.get('/api/v1/unit-requests')).statusCode).toBe(403);
    expect((await person.post(`/api/v1/unit-requests/${request.id}/approve`)).statusCode).toBe(404);

    expect((await desk.post(`/api/v1/unit-requests/${request.id}/approve`)).statusCode).toBe(200);
    expect((await desk.post(`/api/v1/unit-requests/${request.id}/approve`)).statusCode).toBe(409);
    const [told] = await t.database.db.select().from(outboundMessages).where(eq(outboundMessages.to, phone)).orderBy(desc(outboundMessages.createdAt)).limit(1);
    expect(told!.body).toContain('已审核通过');
    const audit = (await admin.get(`/api/v1/audit?entityType=unit_request&entityId=${request.id}`)).json().items;
    expect(audit.map((a: { action: string }) => a.action).sort()).toEqual(['approve', 'create']);

    // Approved: the unit and its categories are there; the other household's order is not.
    expect((await person.get('/api/v1/portal/me')).json().units[0].state).toBe('approved');
    const cats = (await person.get(`/api/v1/portal/categories?communityId=${org.community.id}`)).json();
    expect(cats.repair.find((c: { key: string }) => c.key === 'leak')).toMatchObject({ emergency: true });
    expect((await person.post('/api/v1/work-orders', { kind: 'repair', communityId: org.community.id, unitId: u102!.id, channel: 'app', category: 'plumbing', description: '水管漏水' })).statusCode).toBe(201);
    const mine = (await person.get('/api/v1/work-orders')).json();
    expect(mine.total).toBe(1);
    expect(JSON.stringify(mine)).not.toContain('邻居家的报修');
    expect((await person.get(`/api/v1/work-orders/${order.id}`)).statusCode).toBe(404);
  });

  it('a turned-down request says why, to the person and in a text message, and grants nothing', async () => {
    const phone = freshPhone();
    const person = await signInByCode(phone);
    const [u201] = await t.database.db.select().from(units).where(and(eq(units.buildingId, org.building.id), eq(units.number, '201')));
    await person.post('/api/v1/portal/registration', { name: '冒名者', unitId: u201!.id, relation: 'tenant' });
    const request = (await desk.get('/api/v1/unit-requests')).json().items.find((r: { resident: { name: string } }) => r.resident.name === '冒名者');
    const noReason = await desk.post(`/api/v1/unit-requests/${request.id}/reject`, {});
    expect(noReason.statusCode).toBe(400);
    expect((await desk.post(`/api/v1/unit-requests/${request.id}/reject`, { reason: '与登记的业主信息不符' })).statusCode).toBe(200);
    const me = (await person.get('/api/v1/portal/me')).json();
    expect(me.units).toEqual([expect.objectContaining({ unitId: u201!.id, state: 'rejected', reason: '与登记的业主信息不符' })]);
    expect((await person.get(`/api/v1/portal/categories?communityId=${org.community.id}`)).statusCode).toBe(404);
    const [told] = await t.database.db.select().from(outboundMessages).where(eq(outboundMessages.to, phone)).orderBy(desc(outboundMessages.createdAt)).limit(1);
    expect(told!.body).toContain('与登记的业主信息不符');
    const decided = (await desk.get('/api/v1/unit-requests?status=rejected')).json().items;
    expect(decided.find((r: { id: string }) => r.id === request.id)).toMatchObject({ reason: '与登记的业主信息不符', allowedActions: [] });
  });
});

describe('what the portal needs from the work-order API', () => {
  it('takes a preferred visit time on repairs and the owner’s rating as the return visit', async () => {
    const owner = await t.client().login(org.users.resident!, TEST_PASSWORD);
    const base = { kind: 'repair', communityId: org.community.id, unitId: org.unit.id, channel: 'app', category: 'plumbing', description: '卫生间地漏返味' };
    const past = await owner.post('/api/v1/work-orders', { ...base, preferredAt: new Date(Date.now() - 3_600_000).toISOString() });
    expect(past.json().error.fields).toEqual({ preferredAt: '不能早于现在' });
    const far = await owner.post('/api/v1/work-orders', { ...base, preferredAt: new Date(Date.now() + 40 * 86_400_000).toISOString() });
    expect(far.json().error.fields).toEqual({ preferredAt: '请选择 30 天以内的时间' });
    const preferredAt = new Date(Date.now() + 86_400_000).toISOString().replace(/\.\d+Z$/, '.000Z');
    const filed = (await owner.post('/api/v1/work-orders', { ...base, preferredAt })).json();
    expect(filed.preferredAt).toBe(preferredAt);
    expect(filed.timeline[0]).toMatchObject({ kind: 'created', channel: 'app', toStateName: { 'zh-CN': '已受理' }, data: { preferredAt } });
    const active = (await owner.get('/api/v1/work-orders?active=true')).json().items.map((o: { id: string }) => o.id);
    expect(active).toContain(filed.id);

    // A complaint the desk resolved: the complainant answers in the app, which is the return visit.
    const complaint = (await owner.post('/api/v1/work-orders', { kind: 'complaint', communityId: org.community.id, unitId: org.unit.id, channel: 'app', category: 'noise', description: '楼上夜间装修噪音' })).json();
    await desk.post(`/api/v1/work-orders/${complaint.id}/actions/resolve`, { cause: '楼上违规夜间施工', resolution: '已要求停止夜间施工' });
    const mine = (await owner.get(`/api/v1/work-orders/${complaint.id}`)).json();
    expect(mine.allowedActions).toContain('return-visit');
    // The desk still records how it reached the complainant; the owner answers in the app.
    const deskNoChannel = await desk.post(`/api/v1/work-orders/${complaint.id}/actions/return-visit`, { satisfied: true });
    expect(Object.keys(deskNoChannel.json().error.fields)).toEqual(['channel']);
    const rated = await owner.post(`/api/v1/work-orders/${complaint.id}/actions/return-visit`, { satisfied: true, satisfaction: 4, comment: '处理及时' });
    expect(rated.statusCode).toBe(200);
    expect(rated.json()).toMatchObject({ status: 'visited', returnVisit: { score: 4, satisfied: true, comment: '处理及时' } });
    expect(rated.json().timeline.at(-1)).toMatchObject({ action: 'return-visit', channel: 'app' });
  });
});

describe('the privacy notice and the hotline (#14 item 12)', () => {
  it('asks for consent at the first sign-in, records its version and time, and asks again when the version changes', async () => {
    const phone = freshPhone();
    const client = await signInByCode(phone, false);
    let me = (await client.get('/api/v1/portal/me')).json();
    expect(me.privacy).toEqual({ version: PRIVACY_NOTICE.version, acceptedVersion: null, acceptedAt: null, required: true });
    // An older text than the one in force is refused, in the person's language.
    const stale = await client.post('/api/v1/portal/me/privacy-consent', { version: '2020-01-01' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.message).toBe('个人信息保护告知已更新，请阅读新版本后再同意');
    expect((await client.post('/api/v1/portal/me/privacy-consent', {})).json().error.fields).toHaveProperty('version');
    const before = Date.now();
    const accepted = await client.post('/api/v1/portal/me/privacy-consent', { version: PRIVACY_NOTICE.version });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().privacy).toMatchObject({ acceptedVersion: PRIVACY_NOTICE.version, required: false });
    expect(new Date(accepted.json().privacy.acceptedAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
    // Accepting twice keeps one record; a new version of the notice asks again.
    expect((await client.post('/api/v1/portal/me/privacy-consent', { version: PRIVACY_NOTICE.version })).statusCode).toBe(200);
    const userId = me.user.id as string;
    expect(await t.database.db.select().from(portalPrivacyConsents).where(eq(portalPrivacyConsents.userId, userId))).toHaveLength(1);
    await t.database.db.update(portalPrivacyConsents).set({ noticeVersion: '2020-01-01' }).where(eq(portalPrivacyConsents.userId, userId));
    me = (await client.get('/api/v1/portal/me')).json();
    expect(me.privacy).toMatchObject({ acceptedVersion: '2020-01-01', required: true });
  });

  it('keeps every other request of a portal account behind the notice in force, also when it changes mid-session; staff are never asked', async () => {
    const owner = await t.client().login(org.users.resident!, TEST_PASSWORD);
    const userId = (await owner.get('/api/v1/portal/me')).json().user.id as string;
    expect((await owner.get('/api/v1/work-orders')).statusCode).toBe(200);
    // A new version of the notice comes into force while the owner is signed in.
    await t.database.db.update(portalPrivacyConsents).set({ noticeVersion: '2020-01-01' }).where(eq(portalPrivacyConsents.userId, userId));
    const refused = await owner.get('/api/v1/work-orders');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toEqual({ code: 'PRIVACY_CONSENT_REQUIRED', message: '请先阅读并同意个人信息保护告知，再使用物业服务' });
    owner.language = 'en-US';
    expect((await owner.get('/api/v1/portal/fee-bills')).json().error.message).toBe('Please read and accept the privacy notice before using the services');
    const requestsBefore = await t.database.db.select().from(unitRequests);
    const filed = await owner.post('/api/v1/portal/unit-requests', { unitId: org.unit.id, relation: 'owner' });
    expect(filed.json().error.code).toBe('PRIVACY_CONSENT_REQUIRED');
    // What stays open: the person's own state, the notice's acceptance, their data, language and signing out.
    expect((await owner.get('/api/v1/portal/me')).json().privacy.required).toBe(true);
    expect((await owner.get('/api/v1/portal/me/data')).statusCode).toBe(200);
    expect((await owner.put('/api/v1/auth/me/locale', { locale: 'zh-CN' })).statusCode).toBeLessThan(300);
    await owner.acceptPrivacyNotice();
    expect((await owner.get('/api/v1/work-orders')).statusCode).toBe(200);
    // A person who signed in by code and has not accepted cannot register either.
    const person = await signInByCode(freshPhone(), false);
    const registration = await person.post('/api/v1/portal/registration', { name: '未同意者', unitId: org.unit.id, relation: 'tenant' });
    expect(registration.json().error.code).toBe('PRIVACY_CONSENT_REQUIRED');
    expect(await t.database.db.select().from(unitRequests)).toHaveLength(requestsBefore.length);
    expect((await person.post('/api/v1/auth/logout')).statusCode).toBeLessThan(300);
    // Staff have no consent record and are not asked.
    const desk = await t.client().login(org.users.service_desk!, TEST_PASSWORD);
    expect((await desk.get('/api/v1/work-orders')).statusCode).toBe(200);
  });

  it("shows each home's community hotline, as the company sets it", async () => {
    const owner = await t.client().login(org.users.resident!, TEST_PASSWORD);
    const unitOf = async () => ((await owner.get('/api/v1/portal/me')).json().units as { hotline: string | null }[])[0]!;
    expect((await unitOf()).hotline).toBeNull();
    expect((await admin.patch(`/api/v1/communities/${org.community.id}`, { hotline: '0571-88886666' })).statusCode).toBe(200);
    expect((await unitOf()).hotline).toBe('0571-88886666');
  });
});
