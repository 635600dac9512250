import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganization, TEST_PASSWORD } from '../../test/factories';
import { createTestApp, type TestApp } from '../../test/test-app';

let t: TestApp;
let org: Awaited<ReturnType<typeof buildOrganization>>;
let second: Awaited<ReturnType<typeof buildOrganization>>;

beforeAll(async () => {
  t = await createTestApp();
  org = await buildOrganization(t.database, { prefix: 'std', roles: ['company_admin', 'project_manager', 'service_desk', 'resident'] });
  // A second community of the same company, to prove overrides stay where they were made.
  second = await buildOrganization(t.database, { prefix: 'std2', roles: ['company_admin'] });
});
afterAll(() => t.close());

describe('standards library and overrides', () => {
  it('lists the service levels and the shipped standards', async () => {
    const admin = await t.client().login('std-company_admin', TEST_PASSWORD);
    const res = await admin.get(`/api/v1/standards?communityId=${org.community.id}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.levels.map((l: { level: string }) => l.level)).toEqual(['1', '2', '3']);
    expect(body.communityLevel).toBe('2');
    const keys = body.standards.map((s: { key: string }) => s.key).sort();
    expect(keys).toEqual(['complaint', 'decoration', 'goods_release', 'improvement', 'incentive', 'inquiry', 'inspection', 'patrol_cctv', 'rectification', 'repair', 'visitor']);
    expect(body.standards.every((s: { effective: { scope: string } }) => s.effective.scope === 'library')).toBe(true);
  });

  it('shows the default time limits per level', async () => {
    const admin = await t.client().login('std-company_admin', TEST_PASSWORD);
    const repair = (await admin.get('/api/v1/standards/repair')).json();
    const level1 = repair.limitsByLevel.find((l: { level: string }) => l.level === '1').limits;
    const byKey = Object.fromEntries(level1.map((l: { key: string }) => [l.key, l]));
    expect(byKey.emergency_contact.duration).toEqual({ minutes: 10 });
    expect(byKey.emergency_arrival.duration).toEqual({ minutes: 30 });
    expect(byKey.emergency_arrival.calendar).toBe('24x7');
    expect(byKey.first_contact.duration).toEqual({ minutes: 60 });
    expect(byKey.completion.duration).toEqual({ minutes: 72 * 60 });
    expect(byKey.return_visit.duration).toEqual({ workingDays: 2 });
    expect(repair.allowedActions).toEqual(['read', 'edit']);
  });

  it('changes a time limit for one community only, as a new version with author and reason', async () => {
    const pm = await t.client().login('std-project_manager', TEST_PASSWORD);
    const res = await pm.post('/api/v1/standards/complaint/time-limits', {
      communityId: org.community.id,
      reason: '业主委员会要求首次回复 30 分钟内',
      changes: [{ key: 'first_reply', duration: { minutes: 30 } }],
    });
    expect(res.statusCode).toBe(201);
    const saved = res.json();
    expect(saved.scope).toBe('community');
    expect(saved.version).toBe(1);
    expect(saved.authorName).toBe('std project_manager');

    const limit = (body: { limitsByLevel: { level: string; limits: { key: string; duration: unknown }[] }[] }) =>
      body.limitsByLevel.find((l) => l.level === '2')!.limits.find((l) => l.key === 'first_reply')!.duration;
    const admin = await t.client().login('std-company_admin', TEST_PASSWORD);
    expect(limit((await admin.get(`/api/v1/standards/complaint?communityId=${org.community.id}`)).json())).toEqual({ minutes: 30 });
    expect(limit((await admin.get('/api/v1/standards/complaint')).json())).toEqual({ minutes: 60 });
    const other = await t.client().login('std2-company_admin', TEST_PASSWORD);
    expect(limit((await other.get(`/api/v1/standards/complaint?communityId=${second.community.id}`)).json())).toEqual({ minutes: 60 });

    const versions = (await admin.get('/api/v1/standards/complaint/versions')).json().items;
    expect(versions.map((v: { scope: string }) => v.scope)).toEqual(['community', 'library']);
    const cmp = (await admin.get(`/api/v1/standards/complaint/compare?a=${versions[1].id}&b=${versions[0].id}`)).json();
    expect(cmp.differences).toEqual([{ path: 'timeLimits[first_reply].duration.minutes', a: 60, b: 30 }]);
    // Another company sees neither the version nor its comparison.
    expect((await other.get(`/api/v1/standards/versions/${versions[0].id}`)).statusCode).toBe(404);
    const audit = (await admin.get('/api/v1/audit?entityType=standard')).json();
    expect(audit.items[0].action).toBe('create_version');
  });

  it('overrides a limit from one service level up', async () => {
    const admin = await t.client().login('std-company_admin', TEST_PASSWORD);
    const res = await admin.post('/api/v1/standards/inquiry/time-limits', {
      reason: '二级及以上项目 45 分钟回电',
      changes: [{ key: 'callback', level: '2', duration: { minutes: 45 } }],
    });
    expect(res.statusCode).toBe(201);
    const byLevel = Object.fromEntries(
      res.json().limitsByLevel.map((l: { level: string; limits: { key: string; duration: { minutes: number } }[] }) => [
        l.level,
        l.limits.find((x) => x.key === 'callback')!.duration.minutes,
      ]),
    );
    expect(byLevel['1']).toBe(60);
    expect(byLevel['2']).toBe(45);
  });

  it('rejects an inconsistent standard with a message per field, and saves nothing', async () => {
    const admin = await t.client().login('std-company_admin', TEST_PASSWORD);
    const current = (await admin.get('/api/v1/standards/repair')).json().definition;
    const broken = structuredClone(current);
    broken.transitions[0].to = 'nowhere';
    broken.timeLimits[0].duration = { minutes: -5 };
    const res = await admin.post('/api/v1/standards/repair/versions', { reason: '测试', definition: broken });
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.fields;
    expect(Object.keys(fields)).toEqual(expect.arrayContaining(['definition.transitions.0.to', 'definition.timeLimits.0.duration', 'definition.states.1.key']));
    admin.language = 'en-US';
    const en = (await admin.post('/api/v1/standards/repair/versions', { reason: 'test', definition: broken })).json();
    expect(en.error.fields['definition.transitions.0.to']).toMatch(/nowhere/);
    const versions = (await admin.get('/api/v1/standards/repair/versions')).json().items;
    expect(versions.every((v: { scope: string }) => v.scope === 'library')).toBe(true);
  });

  it('refuses an unchanged save', async () => {
    const admin = await t.client().login('std-company_admin', TEST_PASSWORD);
    const current = (await admin.get('/api/v1/standards/inquiry')).json().definition;
    const res = await admin.post('/api/v1/standards/inquiry/versions', { reason: '再次保存', definition: current });
    expect(res.statusCode).toBe(409);
  });

  it('lets only company admins change the company version, and residents read nothing', async () => {
    const pm = await t.client().login('std-project_manager', TEST_PASSWORD);
    const change = { reason: '试一下', changes: [{ key: 'first_reply', duration: { minutes: 20 } }] };
    expect((await pm.post('/api/v1/standards/complaint/time-limits', change)).statusCode).toBe(403);
    const desk = await t.client().login('std-service_desk', TEST_PASSWORD);
    expect((await desk.post('/api/v1/standards/complaint/time-limits', { ...change, communityId: org.community.id })).statusCode).toBe(403);
    expect((await desk.get('/api/v1/standards/complaint')).statusCode).toBe(200);
    const resident = await t.client().login('std-resident', TEST_PASSWORD);
    expect((await resident.get('/api/v1/standards/complaint')).statusCode).toBe(403);
  });
});

describe('business calendars', () => {
  it('combines community desk hours, company holidays and community make-up days', async () => {
    const admin = await t.client().login('std-company_admin', TEST_PASSWORD);
    let res = await admin.put('/api/v1/calendars', {
      years: { '2027': { holidays: ['2027-01-01'], makeUpDays: [] } },
    });
    expect(res.statusCode).toBe(200);
    res = await admin.put('/api/v1/calendars', {
      communityId: org.community.id,
      years: { '2027': { holidays: ['2027-01-01', '2027-01-04'], makeUpDays: ['2027-01-09'] } },
    });
    expect(res.statusCode).toBe(200);
    const effective = res.json().effective;
    expect(effective.timeZone).toBe('Asia/Shanghai');
    expect(effective.years['2027']).toEqual({ holidays: ['2027-01-01', '2027-01-04'], makeUpDays: ['2027-01-09'] });
    expect(effective.weeklyHours.mon).toEqual([
      { start: '08:00', end: '12:00' },
      { start: '13:00', end: '17:00' },
    ]);
  });

  it('refuses weekly hours on a community and invalid dates, per field', async () => {
    const admin = await t.client().login('std-company_admin', TEST_PASSWORD);
    let res = await admin.put('/api/v1/calendars', { communityId: org.community.id, weeklyHours: { mon: [] } });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields)).toEqual(['weeklyHours']);
    // A company calendar with no opening hours at all (was a 500).
    res = await admin.put('/api/v1/calendars', { weeklyHours: {} });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual({ weeklyHours: '每周至少要有一天设置营业时间' });
    res = await admin.put('/api/v1/calendars', { years: { '2027': { holidays: ['2027-02-30'] } } });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields)[0]).toMatch(/^years\.2027\.holidays/);
  });
});
