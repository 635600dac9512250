import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { findPersonalData, maskPersonalData, redactUrl, serializeError } from './logging';
import { buildOrganization, TEST_PASSWORD } from './test/factories';
import { createTestApp, type TestApp } from './test/test-app';

describe('the log redaction policy', () => {
  it('masks phones to their last four digits and ID numbers to their last four characters', () => {
    expect(maskPersonalData('call 13812345678 now')).toBe('call 138****5678 now');
    expect(maskPersonalData('"phone":"15900001111"')).toBe('"phone":"159****1111"');
    expect(maskPersonalData('id 11010519491231002X ok')).toBe('id **************002X ok');
    // Timestamps and longer digit runs are not phones.
    expect(maskPersonalData('1733140000000 and 213812345678')).toBe('1733140000000 and 213812345678');
  });

  it('removes shared-pass tokens and sensitive query values from URLs', () => {
    expect(redactUrl('/api/v1/gate/shared-passes/AbCdEf0123456789-_xyzABCDEFGHIJ/qr')).toBe('/api/v1/gate/shared-passes/***/qr');
    expect(redactUrl('/m/pass/AbCdEf0123456789')).toBe('/m/pass/***');
    expect(redactUrl('/api/v1/residents?page=2&q=13812345678&pageSize=20')).toBe('/api/v1/residents?page=2&q=***&pageSize=20');
    expect(redactUrl('/api/v1/gate/lookup?phone=13812345678')).toBe('/api/v1/gate/lookup?phone=***');
    expect(redactUrl('/api/v1/work-orders?status=open')).toBe('/api/v1/work-orders?status=open');
  });

  it('keeps the SQL statement of a failed query but never its parameters', () => {
    const err = new DrizzleQueryError('select * from residents where phone = $1', ['13812345678'], new Error('boom'));
    const out = serializeError(err);
    expect(out.message).toContain('select * from residents where phone = $1');
    expect(JSON.stringify(out)).not.toContain('13812345678');
    expect(out.message).toContain('[redacted]');
    expect(out.cause?.message).toBe('boom');
  });
});

describe('the scan of a log for personal data', () => {
  it('finds phones, ID numbers, pass tokens and sign-in codes, and reports them masked', () => {
    const found = findPersonalData('a 13812345678 b 11010519491231002X c /m/pass/Ab3dEf0123456789-_xyzABCDEFGHIJK d "code":"482913" e 您的登录验证码为 903627，5 分钟');
    expect(found).toEqual(['phone 138****5678', 'ID number ****002X', 'token Ab3d…', 'sign-in code code":"******', 'sign-in code 验证码为 ******']);
    expect(JSON.stringify(found)).not.toContain('13812345678');
  });

  it('takes a built asset named by its chunk and hash for a file, not a token', () => {
    expect(findPersonalData('"url":"/assets/ExclamationCircleFilled-ytzR8XpD.js" /assets/ExclamationCircleFilled-ytzR8XpD.css')).toEqual([]);
    expect(findPersonalData('/m/pass/ExclamationCircleFilled-ytzR8XpD?x=1')).toEqual(['token Excl…']);
  });

  it('finds nothing in masked lines, ids and timestamps', () => {
    expect(findPersonalData('138****5678 550e8400-e29b-41d4-a716-446655440000 1733140000000 reqId req-1f "pass/***"')).toEqual([]);
  });
});

describe('the server log of real requests', () => {
  const lines: string[] = [];
  let t: TestApp;
  let org: Awaited<ReturnType<typeof buildOrganization>>;

  beforeAll(async () => {
    t = await createTestApp({ logStream: { write: (line: string) => lines.push(line) } });
    org = await buildOrganization(t.database, { roles: ['company_admin'] });
  });
  afterAll(() => t.close());

  it('logs no phone searched for, no shared-pass token and no SQL parameter', async () => {
    const admin = await t.client().login(org.users.company_admin!, TEST_PASSWORD);
    const searched = org.resident.phone;
    expect(searched).toMatch(/^1\d{10}$/);
    expect((await admin.get(`/api/v1/residents?q=${searched}`)).statusCode).toBe(200);
    const token = 'SecretTokenAbCdEf0123456789_xyz';
    await t.client().request('GET', `/api/v1/gate/shared-passes/${token}`);
    // A NUL byte reaches the database through the unauthenticated login (a 400 or a 500,
    // whichever the input checks give): in either case no parameter may reach the log.
    await t.client().request('POST', '/api/v1/auth/login', { username: `x\u0000${searched}`, password: 'whatever-1' });

    const log = lines.join('');
    expect(log).toContain('shared-passes/***');
    expect(log).toContain('q=***');
    expect(log).not.toContain(searched);
    expect(log).not.toContain(token);
    expect(log).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/);
  });
});
