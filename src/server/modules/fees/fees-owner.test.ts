import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganization, TEST_PASSWORD } from '../../test/factories';
import { createTestApp, type TestApp, type TestClient } from '../../test/test-app';
import { localDateIn } from '../../work/numbering';
import { buildCrew, type Crew } from '../work-orders/test-kit';
import { periodRange } from './disclosure';
import { remindCommunity } from './reminders';
import { expectBalancesAreSums } from './test-kit';

// API tests of the owner's side of the fees ledger (issue #15 items 8–10): how to pay, the
// portal's bills, public disclosures and reports. One database for the file; PGlite and
// PostgreSQL (WUYE_TEST_DB=postgres).

let t: TestApp;
let crew: Crew;
let outsider: TestClient;
let communityId: string;
let unit101: string;
let acct101: string;
let q1: { id: string };

const today = () => localDateIn('Asia/Shanghai', new Date());
const fieldsOf = (res: { json(): { error: { fields?: Record<string, string> } } }) => Object.keys(res.json().error.fields ?? {}).sort();

beforeAll(async () => {
  t = await createTestApp();
  crew = await buildCrew(t, 'fown');
  communityId = crew.org.community.id;
  unit101 = crew.org.unit.id;
  const m = crew.clients.manager;
  // 物业费 10.00 yuan a month from January 2026, billed for January to March; unit 101 has an owner (the crew's resident).
  const item = await m.post('/api/v1/fee-items', { communityId, name: '物业费', cycle: 'monthly', rounding: 'half_up', effectiveFrom: '2026-01-01', pricing: { kind: 'fixed', monthlyFen: 1000 } });
  expect(item.statusCode, item.body).toBe(201);
  for (const month of ['2026-01', '2026-02', '2026-03']) {
    const run = await m.post('/api/v1/fee-bill-runs', { communityId, cycle: 'monthly', periodStart: month });
    expect(run.statusCode, run.body).toBe(201);
  }
  acct101 = (await crew.clients.desk.get(`/api/v1/units/${unit101}/fee-account`)).json().id;
  // 25.00 paid today at the desk: January, February and half of March.
  const pay = await crew.clients.desk.post('/api/v1/fee-payments', { accountId: acct101, lines: [{ method: 'transfer', amountFen: 2500, reference: 'BANK-001' }] });
  expect(pay.statusCode, pay.body).toBe(201);
  const other = await buildOrganization(t.database, { prefix: 'fownx', roles: ['company_admin'] });
  outsider = await t.client().login(other.users.company_admin!, TEST_PASSWORD);
});
afterAll(() => t.close());
// Every write keeps each account's running balance equal to the sum of its entries.
afterEach(() => expectBalancesAreSums(t.database));

describe('how owners pay', () => {
  it('is set by managers, field by field, and read by the community’s owners', async () => {
    const m = crew.clients.manager;
    const url = `/api/v1/communities/${communityId}/fee-pay-info`;
    const bad = await m.put(url, { bankName: '工商银行', accountName: '物业公司', accountNo: '6222-abc', referenceHint: '', payNote: '' });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad)).toEqual(['accountNo']);
    expect(bad.json().error.fields.accountNo).toContain('数字');
    m.language = 'en-US';
    expect((await m.put(url, { bankName: '', accountName: '', accountNo: 'x', referenceHint: '', payNote: '' })).json().error.fields.accountNo).toContain('digits');
    m.language = 'zh-CN';
    const body = { bankName: '中国工商银行某支行', accountName: '某物业服务有限公司', accountNo: '6222 0200 1234 5678', referenceHint: '楼栋房号+业主姓名', payNote: '服务中心 8:30–17:30 可现金缴费' };
    expect((await crew.clients.desk.put(url, body)).statusCode).toBe(403);
    expect((await outsider.put(url, body)).statusCode).toBe(404);
    const saved = await m.put(url, body);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ ...body, allowedActions: ['update'] });
    const own = await crew.clients.resident.get(url);
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ accountNo: body.accountNo, allowedActions: [] });
    expect((await outsider.get(url)).statusCode).toBe(404);
    const audit = (await crew.clients.admin.get(`/api/v1/audit?entityType=fee_pay_info&pageSize=5`)).json();
    expect(audit.items.length).toBeGreaterThan(0);
  });
});

describe('the owner’s bills', () => {
  it('show the household’s open charges, the amount due and how to pay', async () => {
    const res = await crew.clients.resident.get('/api/v1/portal/fee-bills');
    expect(res.statusCode, res.body).toBe(200);
    const [bill, ...rest] = res.json().items;
    expect(rest).toEqual([]);
    expect(bill).toMatchObject({ unitId: unit101, accountId: acct101, arrearsFen: 500, dueNowFen: 500, prepaymentFen: 0 });
    expect(bill.open.map((o: { periodStart: string; openFen: number; itemName: string; overdue: boolean }) => [o.itemName, o.periodStart, o.openFen, o.overdue])).toEqual([['物业费', '2026-03-01', 500, true]]);
    expect(bill.payInfo.accountNo).toBe('6222 0200 1234 5678');
    // Ledger history and receipts come from the account and receipt endpoints, own household only.
    expect((await crew.clients.resident.get(`/api/v1/fee-payments?accountId=${acct101}`)).json().items).toHaveLength(1);
    expect((await crew.clients.desk.get('/api/v1/portal/fee-bills')).statusCode).toBe(403);
  });
});

describe('public disclosure', () => {
  const lines = [
    { kind: 'spending', category: 'cleaning', label: '保洁外包', amountFen: 120000 },
    { kind: 'spending', category: 'maintenance', label: '电梯维保', amountFen: 80000 },
    { kind: 'shared_income', category: 'advertising', label: '电梯广告', amountFen: 300000 },
    { kind: 'shared_cost', category: 'advertising', label: '广告位维护', amountFen: 20000 },
  ];

  it('computes the periods it names', () => {
    expect(periodRange('quarter', '2026-Q1')).toEqual({ start: '2026-01-01', end: '2026-03-31' });
    expect(periodRange('month', '2024-02')).toEqual({ start: '2024-02-01', end: '2024-02-29' });
    expect(periodRange('year', '2026')).toEqual({ start: '2026-01-01', end: '2026-12-31' });
    expect(periodRange('quarter', '2026-03')).toBeNull();
  });

  it('refuses a bad publication field by field', async () => {
    const m = crew.clients.manager;
    let res = await m.post('/api/v1/fee-disclosures', { communityId, periodKind: 'quarter', period: '2026-04', lines });
    expect(fieldsOf(res)).toEqual(['period']);
    const year = today().slice(0, 4);
    res = await m.post('/api/v1/fee-disclosures', { communityId, periodKind: 'year', period: year, lines });
    expect(fieldsOf(res)).toEqual(['period']);
    expect(res.json().error.fields.period).toContain(`${year}-12-31`);
    res = await m.post('/api/v1/fee-disclosures', { communityId, periodKind: 'quarter', period: '2026-Q1', lines: [{ kind: 'spending', category: 'parking', label: '', amountFen: 1 }] });
    expect(fieldsOf(res)).toEqual(['lines.0.category']);
    res = await m.post('/api/v1/fee-disclosures', { communityId, periodKind: 'quarter', period: '2026-Q1', lines, correctionReason: '更正' });
    expect(fieldsOf(res)).toEqual(['correctionReason']);
    expect((await crew.clients.desk.post('/api/v1/fee-disclosures', { communityId, periodKind: 'quarter', period: '2026-Q1', lines })).statusCode).toBe(403);
    expect((await crew.clients.resident.post('/api/v1/fee-disclosures', { communityId, periodKind: 'quarter', period: '2026-Q1', lines })).statusCode).toBe(403);
    res = await outsider.post('/api/v1/fee-disclosures', { communityId, periodKind: 'quarter', period: '2026-Q1', lines });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toEqual(['communityId']);
    expect((await m.get(`/api/v1/fee-disclosures?communityId=${communityId}`)).json().items).toEqual([]);
  });

  it('publishes a quarter from the ledger and the manager’s lines; a correction is a new version', async () => {
    const m = crew.clients.manager;
    const preview = await m.get(`/api/v1/fee-disclosures/preview?communityId=${communityId}&periodKind=quarter&period=2026-Q1`);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({ periodStart: '2026-01-01', periodEnd: '2026-03-31', publishedVersions: 0 });
    const res = await m.post('/api/v1/fee-disclosures', { communityId, periodKind: 'quarter', period: '2026-Q1', lines, note: '详见公告栏' });
    expect(res.statusCode, res.body).toBe(201);
    q1 = res.json();
    expect(res.json()).toMatchObject({
      period: '2026-Q1',
      version: 1,
      latest: true,
      publishedOn: today(),
      spendingFen: 200000,
      sharedIncomeFen: 300000,
      sharedCostFen: 20000,
      sharedNetFen: 280000,
      correctionReason: null,
    });
    // Billed 3 × 10.00 in the quarter, of which 25.00 paid (today, so not received in the quarter).
    expect(res.json().figures).toMatchObject({ billedFen: 3000, collectedFen: 2500, collectionRate: 2500 / 3000, households: { billed: 1, paidInFull: 0 }, receivedFen: 0, arrearsRecoveredFen: 0 });
    expect(res.json().figures.byItem).toEqual([{ itemId: expect.any(String), itemName: '物业费', billedFen: 3000, collectedFen: 2500 }]);

    const again = await m.post('/api/v1/fee-disclosures', { communityId, periodKind: 'quarter', period: '2026-Q1', lines });
    expect(fieldsOf(again)).toEqual(['correctionReason']);
    expect(again.json().error.fields.correctionReason).toContain('第 1 版');
    const v2 = await m.post('/api/v1/fee-disclosures', { communityId, periodKind: 'quarter', period: '2026-Q1', lines: lines.slice(0, 3), correctionReason: '广告位维护费计入下季度' });
    expect(v2.statusCode, v2.body).toBe(201);
    expect(v2.json()).toMatchObject({ version: 2, latest: true, sharedCostFen: 0, correctionReason: '广告位维护费计入下季度' });

    // The owner reads both versions; the first is marked as corrected and is unchanged.
    const list = await crew.clients.resident.get(`/api/v1/fee-disclosures?communityId=${communityId}`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((d: { version: number; latest: boolean }) => [d.version, d.latest])).toEqual([[2, true], [1, false]]);
    const first = (await crew.clients.resident.get(`/api/v1/fee-disclosures/${q1.id}`)).json();
    expect(first).toMatchObject({ version: 1, latest: false, sharedCostFen: 20000 });
    expect((await outsider.get(`/api/v1/fee-disclosures/${q1.id}`)).statusCode).toBe(404);
    const audit = (await crew.clients.admin.get(`/api/v1/audit?entityType=fee_disclosure&pageSize=5`)).json();
    expect(audit.items.length).toBe(2);
  });

  it('keeps a published version as published, down to the database', async () => {
    await expect(t.database.query(`update fee_disclosures set note = 'edited'`)).rejects.toThrow(/immutable/);
    await expect(t.database.query(`delete from fee_disclosures`)).rejects.toThrow(/immutable/);
  });

  it('exports a version to Excel', async () => {
    const res = await crew.clients.resident.get(`/api/v1/fee-disclosures/${q1.id}/export`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain('fee-disclosure-2026-Q1-v1.xlsx');
  });
});

describe('reports', () => {
  it('give collection, arrears by building and age, and income by item and method, with their entries', async () => {
    const m = crew.clients.manager;
    const from = '2026-04-01';
    const to = today();
    const res = await m.get(`/api/v1/fee-reports?communityId=${communityId}&from=${from}&to=${to}&granularity=day`);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    // Nothing billed in the range; today's 25.00 went to charges due before it: arrears recovered.
    expect(r.collection).toMatchObject({ billedFen: 0, collectedFen: 0, rate: null, arrearsRecoveredFen: 2500, receivedFen: 2500 });
    expect(r.arrearsByBuilding).toEqual([{ buildingId: crew.org.building.id, buildingName: crew.org.building.name, households: 1, arrearsFen: 500, ageing: expect.any(Object) }]);
    expect(r.incomeByItem).toEqual([{ itemId: expect.any(String), itemName: '物业费', amountFen: 2500 }]);
    expect(r.incomeByMethod).toEqual([{ method: 'transfer', amountFen: 2500, receipts: 1 }]);
    expect(r.series).toEqual([{ bucket: to, receivedFen: 2500, receipts: 1 }]);

    const q = await m.get(`/api/v1/fee-reports?communityId=${communityId}&from=2026-01-01&to=2026-03-31`);
    expect(q.json().collection).toMatchObject({ billedFen: 3000, collectedFen: 2500, households: { billed: 1, paidInFull: 0, rate: 0 } });

    const arrears = (await m.get(`/api/v1/fee-reports/drill?communityId=${communityId}&figure=arrears&buildingId=${crew.org.building.id}`)).json();
    expect(arrears.accounts.map((a: { accountId: string; arrearsFen: number }) => [a.accountId, a.arrearsFen])).toEqual([[acct101, 500]]);
    const byMethod = (await m.get(`/api/v1/fee-reports/drill?communityId=${communityId}&figure=method&method=transfer&from=${from}&to=${to}`)).json();
    expect(byMethod.receipts).toHaveLength(1);
    expect(byMethod.receipts[0]).toMatchObject({ amountFen: 2500, methods: ['transfer'], paidOn: to });
    const cash = (await m.get(`/api/v1/fee-reports/drill?communityId=${communityId}&figure=method&method=cash&from=${from}&to=${to}`)).json();
    expect(cash.receipts).toEqual([]);
    const item = (await m.get(`/api/v1/fee-reports/drill?communityId=${communityId}&figure=item&itemId=${r.incomeByItem[0].itemId}&from=${from}&to=${to}`)).json();
    expect(item.receipts).toHaveLength(1);

    const bad = await m.get(`/api/v1/fee-reports?communityId=${communityId}&from=2026-05-01&to=2026-04-01`);
    expect(fieldsOf(bad)).toEqual(['to']);
    expect((await crew.clients.resident.get(`/api/v1/fee-reports?communityId=${communityId}&from=${from}&to=${to}`)).statusCode).toBe(403);
    const foreign = await outsider.get(`/api/v1/fee-reports?communityId=${communityId}&from=${from}&to=${to}`);
    expect(foreign.statusCode).toBe(400);
    expect(fieldsOf(foreign)).toEqual(['communityId']);
    const xlsx = await m.get(`/api/v1/fee-reports/export?communityId=${communityId}&from=${from}&to=${to}`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });
});

describe('arrears reminders', () => {
  const later = (days: number) => new Date(Date.now() + days * 86_400_000);

  it('are off until a manager sets the cadence and the cap', async () => {
    const m = crew.clients.manager;
    const url = `/api/v1/communities/${communityId}/fee-reminder-settings`;
    expect((await m.get(url)).json()).toMatchObject({ remindersEnabled: false, allowedActions: ['update'] });
    expect(await remindCommunity(t.database.db, communityId)).toBe(0);
    const body = { remindersEnabled: true, reminderAfterDays: 30, reminderEveryDays: 30, reminderMaxPerYear: 2, reminderSms: true };
    const bad = await m.put(url, { ...body, reminderEveryDays: 0 });
    expect(fieldsOf(bad)).toEqual(['reminderEveryDays']);
    expect((await crew.clients.desk.put(url, body)).statusCode).toBe(403);
    expect((await outsider.put(url, body)).statusCode).toBe(404);
    expect((await crew.clients.resident.get(url)).statusCode).toBe(403);
    const saved = await m.put(url, body);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject(body);
    // Saving how to pay keeps the reminder settings.
    expect((await m.get(`/api/v1/communities/${communityId}/fee-pay-info`)).json().accountNo).toBe('6222 0200 1234 5678');
  });

  it('remind once a day at most, in the portal and by text, then keep to the cadence and the cap', async () => {
    expect(await remindCommunity(t.database.db, communityId)).toBe(1);
    expect(await remindCommunity(t.database.db, communityId)).toBe(0);
    const inbox = (await crew.clients.resident.get('/api/v1/notifications?pageSize=50')).json();
    const notices = inbox.items.filter((n: { kind: string }) => n.kind === 'fee_arrears');
    expect(notices).toHaveLength(1);
    expect(notices[0].message).toContain('5.00');
    const texts = await t.database.query<{ channel: string; body: string }>(`select channel, body from outbound_messages where entity_type = 'fee_account'`);
    expect(texts).toHaveLength(1);
    expect(texts[0]!.channel).toBe('sms');
    expect(texts[0]!.body).toContain('5.00');
    expect(texts[0]!.body).not.toMatch(/停水|停电|断电|门禁|限制/);
    expect(await remindCommunity(t.database.db, communityId, later(10))).toBe(0);
    expect(await remindCommunity(t.database.db, communityId, later(31))).toBe(1);
    expect(await remindCommunity(t.database.db, communityId, later(62))).toBe(0);
    const list = await crew.clients.desk.get(`/api/v1/fee-reminders?communityId=${communityId}`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((r: { accountId: string; arrearsFen: number; channels: string[] }) => [r.accountId, r.arrearsFen, r.channels])).toEqual([
      [acct101, 500, ['portal', 'sms']],
      [acct101, 500, ['portal', 'sms']],
    ]);
    expect(fieldsOf(await outsider.get(`/api/v1/fee-reminders?communityId=${communityId}`))).toEqual(['communityId']);
  });

  it('prints a letter of the overdue charges and how to pay', async () => {
    const res = await crew.clients.desk.get(`/api/v1/fee-accounts/${acct101}/arrears-letter`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ arrearsFen: 500, date: today(), payInfo: { accountNo: '6222 0200 1234 5678' } });
    expect(res.json().lines).toEqual([{ itemName: '物业费', kind: 'charge', periodStart: '2026-03-01', periodEnd: '2026-03-31', dueOn: '2026-03-01', openFen: 500 }]);
    expect((await crew.clients.resident.get(`/api/v1/fee-accounts/${acct101}/arrears-letter`)).statusCode).toBe(404);
    expect((await outsider.get(`/api/v1/fee-accounts/${acct101}/arrears-letter`)).statusCode).toBe(404);
  });
});
