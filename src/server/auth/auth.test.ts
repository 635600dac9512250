import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganization, TEST_PASSWORD } from '../test/factories';
import { createTestApp, type TestApp } from '../test/test-app';
import { ADDRESS_MAX_FAILURES, MAX_FAILURES } from './login-throttle';
import { loginAttempts } from './tables';
import { hashPassword, verifyPassword } from './password';

let t: TestApp;
let org: Awaited<ReturnType<typeof buildOrganization>>;
let other: Awaited<ReturnType<typeof buildOrganization>>;

beforeAll(async () => {
  t = await createTestApp();
  org = await buildOrganization(t.database, { prefix: 'alpha' });
  other = await buildOrganization(t.database, { prefix: 'beta', roles: ['company_admin'] });
});
afterAll(() => t.close());

describe('password hashing', () => {
  it('verifies the right password and refuses others', async () => {
    const hash = await hashPassword('correct horse');
    expect(hash.startsWith('scrypt$')).toBe(true);
    expect(await verifyPassword('correct horse', hash)).toBe(true);
    expect(await verifyPassword('correct hors', hash)).toBe(false);
    expect(await verifyPassword('x', 'garbage')).toBe(false);
    expect(await verifyPassword('x', null)).toBe(false);
  });
});

describe('login, me, logout', () => {
  it('sets an HttpOnly SameSite=Lax cookie and returns the user with roles and organization', async () => {
    const c = t.client();
    const res = await c.post('/api/v1/auth/login', { username: 'ALPHA-service_desk', password: TEST_PASSWORD });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((k) => k.name === 'wuye_sid')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const me = res.json();
    expect(me.roles).toEqual(['service_desk']);
    expect(me.organization.name).toBe('alpha 物业');
    expect(me.communities.map((x: { id: string }) => x.id)).toEqual([org.community.id]);
    expect(typeof me.csrfToken).toBe('string');
    expect((await c.get('/api/v1/auth/me')).json().user.username).toBe('alpha-service_desk');
  });

  it('logs out, after which the session is gone', async () => {
    const c = await t.client().login('alpha-dispatcher', TEST_PASSWORD);
    expect((await c.post('/api/v1/auth/logout')).statusCode).toBe(204);
    const res = await c.get('/api/v1/auth/me');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('answers a wrong password with 401 in the request language', async () => {
    const c = t.client();
    let res = await c.post('/api/v1/auth/login', { username: 'alpha-technician', password: 'nope-nope' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ error: { code: 'LOGIN_FAILED', message: '用户名或密码不正确' } });
    c.language = 'en-US,en;q=0.9';
    res = await c.post('/api/v1/auth/login', { username: 'nobody-at-all', password: 'nope-nope' });
    expect(res.json().error.message).toBe('Wrong username or password');
  });

  it('names each invalid field', async () => {
    const res = await t.client().post('/api/v1/auth/login', { username: '', password: 5 });
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.fields.username).toBe('必填');
    expect(error.fields.password).toMatch(/string/);
  });

  it('throttles an account after 10 failures within 15 minutes, even with the right password', async () => {
    const c = t.client();
    for (let i = 0; i < MAX_FAILURES; i++) {
      c.remoteAddress = `192.0.2.${i + 1}`;
      const res = await c.post('/api/v1/auth/login', { username: 'alpha-resident', password: 'wrong-pass' });
      expect(res.statusCode).toBe(401);
    }
    c.remoteAddress = '192.0.2.100';
    const res = await c.post('/api/v1/auth/login', { username: 'alpha-resident', password: TEST_PASSWORD });
    expect(res.statusCode).toBe(429);
    expect(res.json().error.code).toBe('TOO_MANY_ATTEMPTS');
    expect(res.headers['retry-after']).toBe('900');
  });

  it('counts concurrent wrong passwords one by one: of 16 at once, only 10 are checked', async () => {
    const ip = '198.51.100.16';
    const tries = await Promise.all(
      Array.from({ length: 16 }, () =>
        t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'alpha-dispatcher', password: 'wrong-pass' }, remoteAddress: ip }),
      ),
    );
    const statuses = tries.map((r) => r.statusCode).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(MAX_FAILURES);
    expect(statuses.filter((s) => s === 429)).toHaveLength(16 - MAX_FAILURES);
    const right = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'alpha-dispatcher', password: TEST_PASSWORD }, remoteAddress: '198.51.100.17' });
    expect(right.statusCode).toBe(429);
  });

  it('does not lock a whole office behind one address out after ten typos by colleagues', async () => {
    const office = '203.0.113.50';
    for (let i = 0; i < MAX_FAILURES; i++) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: `colleague${i}`, password: 'typo-pass' }, remoteAddress: office });
      expect(res.statusCode).toBe(401);
    }
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'alpha-service_desk', password: TEST_PASSWORD }, remoteAddress: office });
    expect(res.statusCode).toBe(200);
  });

  it('throttles an address that fails across many accounts', async () => {
    const ip = '203.0.113.9';
    const c = t.client();
    // The address has already failed all but one of its allowed attempts (set directly: a hundred
    // real password checks would only slow the test down).
    await t.database.db.insert(loginAttempts).values({ key: `ip:${ip}`, attempts: ADDRESS_MAX_FAILURES - 1 });
    const last = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'ghost-last', password: 'x' }, remoteAddress: ip });
    expect(last.statusCode).toBe(401);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'alpha-company_admin', password: TEST_PASSWORD },
      remoteAddress: ip,
    });
    expect(res.statusCode).toBe(429);
    // Another address is not affected.
    expect((await c.post('/api/v1/auth/login', { username: 'alpha-company_admin', password: TEST_PASSWORD })).statusCode).toBe(200);
  });

  it('refuses a cross-site login post by its Origin', async () => {
    const res = await t.client().post(
      '/api/v1/auth/login',
      { username: 'alpha-company_admin', password: TEST_PASSWORD },
      { origin: 'https://evil.example', host: 'localhost:80' },
    );
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF_FAILED');
  });
});

describe('CSRF protection of cookie sessions', () => {
  it('refuses state-changing requests without the token, and changes nothing', async () => {
    const c = await t.client().login('alpha-company_admin', TEST_PASSWORD);
    const token = c.csrfToken;
    c.csrfToken = null;
    let res = await c.put('/api/v1/auth/me/locale', { locale: 'en-US' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF_FAILED');
    c.csrfToken = 'forged';
    res = await c.post('/api/v1/auth/logout');
    expect(res.statusCode).toBe(403);
    c.csrfToken = token;
    expect((await c.get('/api/v1/auth/me')).json().user.locale).toBe('zh-CN');
  });

  it('saves the language with the token, and answers in it when no Accept-Language is sent', async () => {
    const c = await t.client().login('alpha-company_admin', TEST_PASSWORD);
    const res = await c.put('/api/v1/auth/me/locale', { locale: 'en-US' });
    expect(res.statusCode).toBe(200);
    expect(res.json().user.locale).toBe('en-US');
    const probe = await c.put('/api/v1/auth/me/locale', { locale: 'fr-FR' }, { 'accept-language': '' });
    expect(probe.statusCode).toBe(400);
    await c.put('/api/v1/auth/me/locale', { locale: 'zh-CN' });
  });
});

describe('audit log', () => {
  it('records logins and settings changes; admins read their own organization only', async () => {
    const admin = await t.client().login('alpha-company_admin', TEST_PASSWORD);
    await admin.put('/api/v1/auth/me/locale', { locale: 'en-US' });
    const res = await admin.get('/api/v1/audit?entityType=user&pageSize=100');
    expect(res.statusCode).toBe(200);
    const page = res.json();
    expect(page.items.some((e: { action: string }) => e.action === 'login')).toBe(true);
    const change = page.items.find((e: { action: string; summary: { after?: { locale?: string } } }) => e.action === 'update' && e.summary.after?.locale === 'en-US');
    expect(change.summary.before.locale).toBe('zh-CN');
    expect(change.actor.displayName).toBe('alpha company_admin');

    const beta = await t.client().login('beta-company_admin', TEST_PASSWORD);
    const betaPage = (await beta.get('/api/v1/audit?pageSize=200')).json();
    expect(betaPage.items.every((e: { entityId: string }) => e.entityId !== org.community.id)).toBe(true);
    expect(betaPage.items.some((e: { entityId: string }) => e.entityId === other.community.id)).toBe(true);
  });

  it('pages and filters', async () => {
    const admin = await t.client().login('alpha-company_admin', TEST_PASSWORD);
    const p1 = (await admin.get('/api/v1/audit?page=1&pageSize=2')).json();
    const p2 = (await admin.get('/api/v1/audit?page=2&pageSize=2')).json();
    expect(p1.items).toHaveLength(2);
    expect(p1.total).toBeGreaterThan(4);
    expect(p2.items[0].id).not.toBe(p1.items[0].id);
    const future = (await admin.get(`/api/v1/audit?from=${encodeURIComponent('2999-01-01T00:00:00Z')}`)).json();
    expect(future.total).toBe(0);
    expect((await admin.get('/api/v1/audit?pageSize=1000')).statusCode).toBe(400);
  });

  it('is closed to roles without a need', async () => {
    const desk = await t.client().login('alpha-service_desk', TEST_PASSWORD);
    const res = await desk.get('/api/v1/audit');
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
  });
});
