import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DevOutboxChannel } from '../modules/outbound/channel';
import { outboundMessages } from '../modules/outbound/tables';
import { otpChallenges } from '../modules/portal/tables';
import { latestCode, watchTexts } from '../modules/portal/test-kit';
import { units } from '../modules/registry/tables';
import { buildOrganization, TEST_PASSWORD } from '../test/factories';
import { createTestApp, type TestApp, type TestClient } from '../test/test-app';
import { systemContext } from './context';
import { createUser } from './commands/create-user';
import { passwordProblem } from './password-policy';
import { users } from './tables';

/**
 * Regression tests of issue #12 (account takeover across companies and by staff), items 1, 2, 3
 * and 11, each replaying what the attacker did.
 */

let t: TestApp;
let a: Awaited<ReturnType<typeof buildOrganization>>;
let b: Awaited<ReturnType<typeof buildOrganization>>;
let adminA: TestClient;
let adminB: TestClient;
const STRONG = 'Lantern-orbit-57-quay';

beforeAll(async () => {
  t = await createTestApp();
  a = await buildOrganization(t.database, { prefix: 'ta', roles: ['company_admin', 'service_desk', 'technician', 'dispatcher', 'guard', 'resident'] });
  b = await buildOrganization(t.database, { prefix: 'tb', roles: ['company_admin', 'service_desk'] });
  adminA = await t.client().login(a.users.company_admin!, TEST_PASSWORD);
  adminB = await t.client().login(b.users.company_admin!, TEST_PASSWORD);
  watchTexts(t);
});
afterAll(() => t.close());

const staffIdOf = async (username: string) => (await t.database.db.select({ staffId: users.staffId }).from(users).where(eq(users.username, username)))[0]!.staffId!;

describe('item 1: a code or password never crosses companies', () => {
  it("a second company registering the first company's resident's phone signs in only as its own resident", async () => {
    const phone = a.resident.phone;
    const [u102] = await t.database.db.select().from(units).where(and(eq(units.buildingId, b.building.id), eq(units.number, '102')));
    const planted = await adminB.post('/api/v1/residents', { name: '冒用者', phone, units: [{ unitId: u102!.id, relation: 'tenant' }] });
    expect(planted.statusCode).toBe(201);

    const attacker = t.client();
    expect((await attacker.post('/api/v1/portal/otp', { phone, communityId: b.community.id })).statusCode).toBe(202);
    const code = latestCode(t, phone);
    // B's code does not open A's portal, and is not used up by the try.
    const crossed = await attacker.post('/api/v1/portal/otp/verify', { phone, code, communityId: a.community.id });
    expect(crossed.statusCode).toBe(400);
    expect(Object.keys(crossed.json().error.fields)).toEqual(['code']);
    const own = await attacker.post('/api/v1/portal/otp/verify', { phone, code, communityId: b.community.id });
    expect(own.statusCode).toBe(200);
    expect(own.json().resident.id).toBe(planted.json().id);
    expect(own.json().resident.id).not.toBe(a.resident.id);
    expect((await attacker.get('/api/v1/portal/me')).json().units.map((u: { communityId: string }) => u.communityId)).toEqual([b.community.id]);

    // A's resident's password opens nothing through B's portal.
    const viaB = await t.client().post('/api/v1/portal/login', { phone, password: TEST_PASSWORD, communityId: b.community.id });
    expect(viaB.statusCode).toBe(401);
    const viaA = await t.client().post('/api/v1/portal/login', { phone, password: TEST_PASSWORD, communityId: a.community.id });
    expect(viaA.statusCode).toBe(200);
    expect(viaA.json().resident.id).toBe(a.resident.id);
  });

  it('a portal password change needs the current password or a fresh code, and ends the other sessions', async () => {
    const phone = a.resident.phone;
    const other = t.client();
    expect((await other.post('/api/v1/portal/login', { phone, password: TEST_PASSWORD, communityId: a.community.id })).statusCode).toBe(200);
    const me = t.client();
    expect((await me.post('/api/v1/portal/login', { phone, password: TEST_PASSWORD, communityId: a.community.id })).statusCode).toBe(200);

    const bare = await me.put('/api/v1/portal/me/password', { password: STRONG });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.fields).toEqual({ currentPassword: '请输入当前密码，或获取短信验证码后输入验证码' });
    const wrong = await me.put('/api/v1/portal/me/password', { password: STRONG, currentPassword: 'not-my-password' });
    expect(wrong.json().error.fields).toEqual({ currentPassword: '当前密码不正确' });
    const weak = await me.put('/api/v1/portal/me/password', { password: `${phone}x`, currentPassword: TEST_PASSWORD });
    expect(weak.json().error.fields).toEqual({ password: '密码不能包含用户名或手机号' });
    expect((await other.get('/api/v1/portal/me')).statusCode).toBe(200);

    expect((await me.put('/api/v1/portal/me/password', { password: STRONG, currentPassword: TEST_PASSWORD })).statusCode).toBe(204);
    expect((await me.get('/api/v1/portal/me')).statusCode).toBe(200);
    expect((await other.get('/api/v1/portal/me')).statusCode).toBe(401);

    // By a code sent to the account's own phone instead of the current password.
    await t.database.db.update(otpChallenges).set({ createdAt: new Date(Date.now() - 120_000) }).where(eq(otpChallenges.phone, phone));
    expect((await me.post('/api/v1/portal/me/otp')).statusCode).toBe(202);
    const code = latestCode(t, phone);
    expect((await me.put('/api/v1/portal/me/password', { password: `${STRONG}-2`, code })).statusCode).toBe(204);
    expect((await t.client().post('/api/v1/portal/login', { phone, password: `${STRONG}-2`, communityId: a.community.id })).statusCode).toBe(200);
    // Put it back for the other tests.
    await me.put('/api/v1/portal/me/password', { password: `${STRONG}-3`, currentPassword: `${STRONG}-2` });
  });
});

describe('item 2: sign-in codes never reach staff, the database or the log', () => {
  it('masks the code in the outbox, the stored row and the log; only the channel sees it', async () => {
    const [u201] = await t.database.db.select().from(units).where(and(eq(units.buildingId, a.building.id), eq(units.number, '201')));
    const phone = `1390${String(process.pid % 10_000).padStart(4, '0')}777`;
    const person = await adminA.post('/api/v1/residents', { name: '新住户', phone, units: [{ unitId: u201!.id, relation: 'owner' }] });
    expect(person.statusCode).toBe(201);
    expect((await t.client().post('/api/v1/portal/otp', { phone, communityId: a.community.id })).statusCode).toBe(202);
    const code = latestCode(t, phone);

    const desk = await t.client().login(a.users.service_desk!, TEST_PASSWORD);
    for (const reader of [adminA, desk]) {
      const items = (await reader.get('/api/v1/outbox?pageSize=100')).json().items as { to: string; body: string; subject: string }[];
      const sent = items.find((m) => m.to === phone);
      expect(sent?.body).toMatch(/\*{6}/);
      expect(JSON.stringify(items)).not.toContain(code);
    }
    const rows = await t.database.db.select().from(outboundMessages).where(eq(outboundMessages.to, phone));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ redacted: true, status: 'recorded' });
    expect(JSON.stringify(rows)).not.toContain(code);
  });

  it('the development outbox logs neither the recipient nor the text', async () => {
    const lines: unknown[] = [];
    const log = { info: (...args: unknown[]) => lines.push(args) } as unknown as ConstructorParameters<typeof DevOutboxChannel>[1];
    const channel = new DevOutboxChannel('sms', log);
    const seen: string[] = [];
    channel.onMessage((m) => seen.push(m.body));
    await channel.send({ to: '13900001111', subject: '登录验证码', body: '您的登录验证码为 482913' });
    expect(lines).toHaveLength(1);
    expect(JSON.stringify(lines)).not.toContain('482913');
    expect(JSON.stringify(lines)).not.toContain('13900001111');
    expect(seen).toEqual(['您的登录验证码为 482913']);
  });
});

describe('item 3: archiving, disabling and resetting staff accounts', () => {
  it('archiving a staff member ends their sessions and their sign-in', async () => {
    const guard = await t.client().login(a.users.technician!, TEST_PASSWORD);
    expect((await guard.get('/api/v1/auth/me')).statusCode).toBe(200);
    const staffId = await staffIdOf(a.users.technician!);
    expect((await adminA.post(`/api/v1/staff/${staffId}/archive`)).statusCode).toBe(200);
    expect((await guard.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await t.client().post('/api/v1/auth/login', { username: a.users.technician, password: TEST_PASSWORD })).statusCode).toBe(401);
    const account = (await adminA.get(`/api/v1/staff/${staffId}/account`)).json().account;
    expect(account).toMatchObject({ state: 'disabled', allowedActions: [] });
    expect((await adminA.post(`/api/v1/staff/${staffId}/account/enable`)).statusCode).toBe(409);
    const audit = (await adminA.get(`/api/v1/audit?entityType=user&entityId=${account.userId}`)).json().items;
    expect(audit.find((e: { action: string }) => e.action === 'disable').summary.after).toMatchObject({ reason: 'staff_archived', endedSessions: 1 });
  });

  it('an admin disables and enables an account; only admins of the same company can', async () => {
    const staffId = await staffIdOf(a.users.dispatcher!);
    const dispatcher = await t.client().login(a.users.dispatcher!, TEST_PASSWORD);
    const before = (await adminA.get(`/api/v1/staff/${staffId}/account`)).json().account;
    expect(before).toMatchObject({ username: a.users.dispatcher, state: 'active', mustChangePassword: false, allowedActions: ['disable', 'resetPassword', 'setRoles'] });

    expect((await adminB.get(`/api/v1/staff/${staffId}/account`)).statusCode).toBe(404);
    expect((await adminB.post(`/api/v1/staff/${staffId}/account/disable`)).statusCode).toBe(404);
    expect((await dispatcher.post(`/api/v1/staff/${staffId}/account/disable`)).statusCode).toBe(404);

    const disabled = await adminA.post(`/api/v1/staff/${staffId}/account/disable`);
    expect(disabled.json().account).toMatchObject({ state: 'disabled', allowedActions: ['enable', 'resetPassword', 'setRoles'] });
    expect((await dispatcher.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await t.client().post('/api/v1/auth/login', { username: a.users.dispatcher, password: TEST_PASSWORD })).json().error.message).toBe('该账号已停用');
    expect((await adminA.post(`/api/v1/staff/${staffId}/account/enable`)).json().account.state).toBe('active');
    expect((await t.client().post('/api/v1/auth/login', { username: a.users.dispatcher, password: TEST_PASSWORD })).statusCode).toBe(200);
    const actions = (await adminA.get(`/api/v1/audit?entityType=user&entityId=${before.userId}`)).json().items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['disable', 'enable']));
  });

  it('a reset gives a temporary password that only opens the change-password form', async () => {
    const staffId = await staffIdOf(a.users.service_desk!);
    const old = await t.client().login(a.users.service_desk!, TEST_PASSWORD);
    const reset = await adminA.post(`/api/v1/staff/${staffId}/account/reset-password`);
    expect(reset.statusCode).toBe(200);
    const { temporaryPassword } = reset.json();
    expect(temporaryPassword).toMatch(/^[\w]{4}-[\w]{4}-[\w]{4}-[\w]{4}$/);
    expect((await old.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await t.client().post('/api/v1/auth/login', { username: a.users.service_desk, password: TEST_PASSWORD })).statusCode).toBe(401);
    const audit = (await adminA.get(`/api/v1/audit?entityType=user&action=reset_password`)).json();
    expect(JSON.stringify(audit)).not.toContain(temporaryPassword);

    const desk = await t.client().login(a.users.service_desk!, temporaryPassword);
    expect((await desk.get('/api/v1/auth/me')).json().mustChangePassword).toBe(true);
    const blocked = await desk.get('/api/v1/work-orders');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.message).toBe('您正在使用管理员设置的临时密码，请先设置自己的新密码');
    expect((await desk.put('/api/v1/auth/me/password', { currentPassword: temporaryPassword, newPassword: STRONG })).statusCode).toBe(204);
    expect((await desk.get('/api/v1/auth/me')).json().mustChangePassword).toBe(false);
    expect((await desk.get('/api/v1/work-orders')).statusCode).toBe(200);
    // An admin cannot disable or reset their own account.
    const self = (await adminA.get('/api/v1/auth/me')).json().user;
    expect(self.staffId).toBeNull();
  });
});

describe('issue #14 item 8: company admins create staff logins and change their roles', () => {
  it('creates an account once, with a temporary password and the roles granted; field errors name the field', async () => {
    const hired = await adminA.post('/api/v1/staff', { name: '新来的客服', phone: '13900000123', position: 'service_desk', communityIds: [a.community.id] });
    expect(hired.statusCode).toBe(201);
    const staffId = hired.json().id as string;
    expect((await adminA.get(`/api/v1/staff/${staffId}/account`)).json()).toEqual({ account: null, canCreate: true });
    // Another company's admin and a non-admin see nothing.
    expect((await adminB.post(`/api/v1/staff/${staffId}/account`, { username: 'desk-new', roles: ['service_desk'] })).statusCode).toBe(404);
    const dispatcher = await t.client().login(a.users.dispatcher!, TEST_PASSWORD);
    expect((await dispatcher.post(`/api/v1/staff/${staffId}/account`, { username: 'desk-new', roles: ['service_desk'] })).statusCode).toBe(404);

    const bad = await adminA.post(`/api/v1/staff/${staffId}/account`, { username: 'x', roles: ['platform_admin'] });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['roles.0', 'username']);
    const empty = await adminA.post(`/api/v1/staff/${staffId}/account`, { username: 'desk-new', roles: [] });
    expect(Object.keys(empty.json().error.fields)).toEqual(['roles']);
    const taken = await adminA.post(`/api/v1/staff/${staffId}/account`, { username: a.users.dispatcher!.toUpperCase(), roles: ['service_desk'] });
    expect(taken.statusCode).toBe(400);
    expect(Object.keys(taken.json().error.fields)).toEqual(['username']);

    const created = await adminA.post(`/api/v1/staff/${staffId}/account`, { username: 'desk-new', roles: ['service_desk', 'dispatcher', 'service_desk'] });
    expect(created.statusCode).toBe(201);
    const { temporaryPassword } = created.json();
    expect(temporaryPassword).toMatch(/^[\w]{4}-[\w]{4}-[\w]{4}-[\w]{4}$/);
    const again = await adminA.post(`/api/v1/staff/${staffId}/account`, { username: 'desk-new2', roles: ['service_desk'] });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('该员工已有登录账号');
    const account = (await adminA.get(`/api/v1/staff/${staffId}/account`)).json();
    expect(account).toMatchObject({ canCreate: false, account: { username: 'desk-new', roles: ['service_desk', 'dispatcher'], mustChangePassword: true } });

    const person = await t.client().login('desk-new', temporaryPassword);
    const me = (await person.get('/api/v1/auth/me')).json();
    expect(me.mustChangePassword).toBe(true);
    expect(me.roles).toEqual(['service_desk', 'dispatcher']);
    expect((await person.get('/api/v1/work-orders')).statusCode).toBe(403);
    const audit = (await adminA.get(`/api/v1/audit?entityType=user&entityId=${account.account.userId}`)).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual(['login', 'create']);
    expect(JSON.stringify(audit)).not.toContain(temporaryPassword);
  });

  it("changes a colleague's roles, effective on their next request; never the admin's own", async () => {
    const staffId = await staffIdOf(a.users.guard!);
    const guard = await t.client().login(a.users.guard!, TEST_PASSWORD);
    expect((await guard.get('/api/v1/auth/me')).json().roles).toEqual(['guard']);
    expect((await adminB.put(`/api/v1/staff/${staffId}/account/roles`, { roles: ['dispatcher'] })).statusCode).toBe(404);
    const bad = await adminA.put(`/api/v1/staff/${staffId}/account/roles`, { roles: ['resident'] });
    expect(Object.keys(bad.json().error.fields)).toEqual(['roles.0']);

    const changed = await adminA.put(`/api/v1/staff/${staffId}/account/roles`, { roles: ['guard', 'dispatcher'] });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().account.roles).toEqual(['guard', 'dispatcher']);
    expect((await guard.get('/api/v1/auth/me')).json().roles).toEqual(['guard', 'dispatcher']);
    const audit = (await adminA.get(`/api/v1/audit?entityType=user&entityId=${changed.json().account.userId}&action=set_roles`)).json();
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0].summary).toEqual({ before: { roles: ['guard'] }, after: { roles: ['guard', 'dispatcher'] } });
    expect((await adminA.put(`/api/v1/staff/${staffId}/account/roles`, { roles: ['guard'] })).statusCode).toBe(200);

    // An admin holding a staff record cannot change their own roles (and so cannot lock the company out).
    const [adminUser] = await t.database.db.select().from(users).where(eq(users.username, a.users.company_admin!));
    const adminStaff = await adminA.post('/api/v1/staff', { name: '管理员本人', phone: '13900000124', position: 'project_manager', communityIds: [a.community.id] });
    await t.database.db.update(users).set({ staffId: adminStaff.json().id }).where(eq(users.id, adminUser!.id));
    const own = (await adminA.get(`/api/v1/staff/${adminStaff.json().id}/account`)).json();
    expect(own.account.allowedActions).toEqual([]);
    const refused = await adminA.put(`/api/v1/staff/${adminStaff.json().id}/account/roles`, { roles: ['service_desk'] });
    expect(refused.statusCode).toBe(403);
    await t.database.db.update(users).set({ staffId: null }).where(eq(users.id, adminUser!.id));
  });
});

describe('item 11: password rules and sessions', () => {
  it('refuses short, breached, personal and guessable new passwords, naming the field in both languages', () => {
    expect(passwordProblem('12345678')).toEqual({ key: 'field.passwordTooShort', params: { min: 10 } });
    expect(passwordProblem('password')).toMatchObject({ key: 'field.passwordTooShort' });
    expect(passwordProblem('1234567890')).toEqual({ key: 'field.passwordBreached' });
    expect(passwordProblem('qwertyuiop')).toEqual({ key: 'field.passwordBreached' });
    expect(passwordProblem('13912345678', { phone: '13912345678' })).toEqual({ key: 'field.passwordPersonal' });
    expect(passwordProblem('x13912345678!', { username: 'm13912345678' })).toEqual({ key: 'field.passwordPersonal' });
    expect(passwordProblem('zhangwei-2026', { username: 'zhangwei' })).toEqual({ key: 'field.passwordPersonal' });
    expect(passwordProblem('aaaaaaaaaaaa')).toEqual({ key: 'field.passwordWeak' });
    expect(passwordProblem(STRONG, { username: 'zhangwei', phone: '13912345678' })).toBeNull();
  });

  it('a password change needs the current one, checks the rules and signs every other session out', async () => {
    const other = await t.client().login(a.users.company_admin!, TEST_PASSWORD);
    const me = await t.client().login(a.users.company_admin!, TEST_PASSWORD);
    const cases: [string, string][] = [
      ['12345678', '密码至少需要 10 个字符'],
      ['password123', '这个密码出现在已泄露的常用密码库中，请换一个'],
      [`${a.users.company_admin}-2026`, '密码不能包含用户名或手机号'],
    ];
    for (const [newPassword, message] of cases) {
      const res = await me.put('/api/v1/auth/me/password', { currentPassword: TEST_PASSWORD, newPassword });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields).toEqual({ newPassword: message });
    }
    me.language = 'en-US';
    const en = await me.put('/api/v1/auth/me/password', { currentPassword: TEST_PASSWORD, newPassword: '12345678' });
    expect(en.json().error.fields).toEqual({ newPassword: 'Use at least 10 characters' });
    const wrong = await me.put('/api/v1/auth/me/password', { currentPassword: 'not-it-at-all', newPassword: STRONG });
    expect(wrong.json().error.fields).toEqual({ currentPassword: 'The current password is wrong' });
    expect((await other.get('/api/v1/auth/me')).statusCode).toBe(200);

    expect((await me.put('/api/v1/auth/me/password', { currentPassword: TEST_PASSWORD, newPassword: STRONG })).statusCode).toBe(204);
    expect((await me.get('/api/v1/auth/me')).statusCode).toBe(200);
    expect((await other.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await t.client().post('/api/v1/auth/login', { username: a.users.company_admin, password: STRONG })).statusCode).toBe(200);
    await me.put('/api/v1/auth/me/password', { currentPassword: STRONG, newPassword: `${STRONG}-back` });
    adminA = await t.client().login(a.users.company_admin!, `${STRONG}-back`);
  });

  it('existing shorter passwords keep signing in', async () => {
    await t.database.db.transaction((tx) =>
      createUser(tx, systemContext(a.org.id), { organizationId: a.org.id, username: 'ta-legacy', displayName: '老账号', password: 'demo12345', roles: ['service_desk'] }),
    );
    expect((await t.client().post('/api/v1/auth/login', { username: 'ta-legacy', password: 'demo12345' })).statusCode).toBe(200);
  });

  it("an archived resident's session stops at once", async () => {
    // Its password was changed in the portal test above.
    const owner = await t.client().login(a.users.resident!, `${STRONG}-3`);
    expect((await owner.get('/api/v1/work-orders')).statusCode).toBe(200);
    expect((await adminA.post(`/api/v1/residents/${a.resident.id}/archive`)).statusCode).toBe(200);
    expect((await owner.get('/api/v1/work-orders')).statusCode).toBe(401);
    expect((await t.client().post('/api/v1/auth/login', { username: a.users.resident, password: `${STRONG}-3` })).statusCode).toBe(401);
  });
});
