import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganization, TEST_PASSWORD } from '../../test/factories';
import { createTestApp, type TestApp, type TestClient } from '../../test/test-app';
import { localDateIn } from '../../work/numbering';
import { buildCrew, type Crew } from '../work-orders/test-kit';
import { addDays } from './late-fee-calc';
import { accrueLateFees } from './late-fees';
import { daysBetween } from './ledger';
import { expectBalancesAreSums } from './test-kit';

// API tests of late fees (issue #15 item 7): off by default, rules from today on with a grace
// period and a cap, accrual on the unpaid principal only, posted once a day at most (at a month's
// end or when a charge stops accruing), waived by a reversal, never retroactive, and closed
// periods respected. One database for the file; PGlite and PostgreSQL (WUYE_TEST_DB=postgres).

let t: TestApp;
let crew: Crew;
let outsider: TestClient;
let communityId: string;
let acct101: string;
let itemA: string;
let itemP: string;
let c0: string;
let c1: string;
let c2: string;
let p1: string;

const T = localDateIn('Asia/Shanghai', new Date());
/** Noon in Shanghai on a day: the job's clock. */
const at = (day: string) => new Date(`${day}T04:00:00Z`);
/** The last day of the month of a day. */
const monthEnd = (day: string) => new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)), 0)).toISOString().slice(0, 10);
const fieldsOf = (res: { json(): { error: { fields?: Record<string, string> } } }) => Object.keys(res.json().error.fields ?? {}).sort();
const accrue = (day: string) => accrueLateFees(t.database.db, communityId, at(day));

interface LateFee {
  entryId: string;
  amountFen: number;
  waived: boolean;
  fromDay: string;
  throughDay: string;
  charge: { entryId: string };
  basis: { dailyRatePermille: number | null; graceDays: number; capPercent: number | null; startsOn: string };
}
const lateFees = async (): Promise<LateFee[]> => {
  const res = await crew.clients.resident.get('/api/v1/portal/fee-bills');
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items[0].lateFees;
};
const postedOn = (fees: LateFee[], chargeId: string) => fees.filter((f) => f.charge.entryId === chargeId);
const sum = (fees: LateFee[]) => fees.reduce((s, f) => s + f.amountFen, 0);

async function charge(itemId: string, amountFen: number, entryDate?: string): Promise<string> {
  const res = await crew.clients.manager.post(`/api/v1/fee-accounts/${acct101}/entries`, { kind: 'charge', itemId, amountFen, ...(entryDate ? { entryDate } : {}) });
  expect(res.statusCode, res.body).toBe(201);
  const entries = res.json().entries as { id: string; kind: string; amountFen: number; entryDate: string }[];
  return entries.filter((e) => e.kind === 'charge' && e.amountFen === amountFen).at(-1)!.id;
}

beforeAll(async () => {
  t = await createTestApp();
  crew = await buildCrew(t, 'flate');
  communityId = crew.org.community.id;
  const m = crew.clients.manager;
  const a = await m.post('/api/v1/fee-items', { communityId, name: '物业费', cycle: null, rounding: 'half_up', effectiveFrom: '2026-01-01', pricing: { kind: 'one_off', amountFen: 100000 } });
  expect(a.statusCode, a.body).toBe(201);
  itemA = a.json().id;
  const p = await m.post('/api/v1/fee-items', { communityId, name: '车位管理费', cycle: null, rounding: 'half_up', effectiveFrom: '2026-01-01', pricing: { kind: 'one_off', amountFen: 30000 } });
  itemP = p.json().id;
  acct101 = (await crew.clients.desk.get(`/api/v1/units/${crew.org.unit.id}/fee-account`)).json().id;
  // Due today, before any late-fee rule.
  c0 = await charge(itemA, 50000);
  const other = await buildOrganization(t.database, { prefix: 'flatex', roles: ['company_admin'] });
  outsider = await t.client().login(other.users.company_admin!, TEST_PASSWORD);
});
afterAll(() => t.close());
// Every write keeps each account's running balance equal to the sum of its entries.
afterEach(() => expectBalancesAreSums(t.database));

const url = () => `/api/v1/communities/${communityId}/fee-late-fee-rules`;
const T1 = addDays(T, 1);
const T2 = addDays(T, 2);

describe('late-fee rules', () => {
  it('are off by default', async () => {
    const res = await crew.clients.desk.get(url());
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ communityId, today: T, inForce: null, rules: [], allowedActions: [] });
    expect(await accrue(addDays(T, 400))).toBe(0);
  });

  it('need a rate, a grace period and a cap, and start today or later', async () => {
    const m = crew.clients.manager;
    let res = await m.post(url(), { effectiveFrom: T1, mode: 'daily_rate' });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toEqual(['capPercent', 'dailyRatePermille', 'graceDays']);
    expect(res.json().error.fields.capPercent).toContain('封顶');
    res = await m.post(url(), { effectiveFrom: addDays(T, -1), mode: 'daily_rate', dailyRatePermille: 0.5, graceDays: 15, capPercent: 10 });
    expect(fieldsOf(res)).toEqual(['effectiveFrom']);
    expect(res.json().error.fields.effectiveFrom).toContain('不能追溯');
    m.language = 'en-US';
    res = await m.post(url(), { effectiveFrom: T1, mode: 'fixed', graceDays: 10, capFen: 100 });
    expect(fieldsOf(res)).toEqual(['fixedFen', 'periodDays']);
    expect(res.json().error.fields.periodDays).toContain('period');
    m.language = 'zh-CN';
    res = await m.post(url(), { effectiveFrom: T1, mode: 'daily_rate', dailyRatePermille: 0.555, graceDays: 15, capPercent: 10 });
    expect(fieldsOf(res)).toEqual(['dailyRatePermille']);
    res = await m.post(url(), { effectiveFrom: T1, mode: 'daily_rate', dailyRatePermille: 0.5, graceDays: 0, capPercent: 10 });
    expect(fieldsOf(res)).toEqual(['graceDays']);
    const body = { effectiveFrom: T1, mode: 'daily_rate', dailyRatePermille: 0.5, graceDays: 15, capPercent: 10 };
    expect((await crew.clients.desk.post(url(), body)).statusCode).toBe(403);
    expect((await crew.clients.resident.get(url())).statusCode).toBe(403);
    expect((await outsider.post(url(), body)).statusCode).toBe(404);
    expect((await outsider.get(url())).statusCode).toBe(404);
    res = await m.post(url(), { ...body, itemId: '00000000-0000-4000-8000-000000000000' });
    expect(fieldsOf(res)).toEqual(['itemId']);
    expect((await crew.clients.desk.get(url())).json().rules).toEqual([]);
  });

  it('are versions from a date on, audited', async () => {
    const m = crew.clients.manager;
    // From tomorrow: 0.5‰ a day after 15 days' grace, at most 10% of a charge.
    let res = await m.post(url(), { effectiveFrom: T1, mode: 'daily_rate', dailyRatePermille: 0.5, graceDays: 15, capPercent: 10 });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ inForce: null, allowedActions: ['update'] });
    // Parking fees carry none; and from the day after, a higher rate for charges due from then on.
    res = await m.post(url(), { itemId: itemP, effectiveFrom: T1, mode: 'off' });
    expect(res.statusCode, res.body).toBe(201);
    res = await m.post(url(), { effectiveFrom: T2, mode: 'daily_rate', dailyRatePermille: 1, graceDays: 5, capPercent: 20, capFen: 500000 });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().rules.map((r: { effectiveFrom: string; itemName: string | null; mode: string; dailyRatePermille: number | null }) => [r.effectiveFrom, r.itemName, r.mode, r.dailyRatePermille])).toEqual([
      [T2, null, 'daily_rate', 1],
      [T1, '车位管理费', 'off', null],
      [T1, null, 'daily_rate', 0.5],
    ]);
    const audit = (await crew.clients.admin.get('/api/v1/audit?entityType=fee_late_fee_rule&pageSize=10')).json();
    expect(audit.items).toHaveLength(3);
  });
});

describe('the daily job', () => {
  let m1: string;
  let m2: string;
  let m3: string;

  it('accrues after the grace period on the unpaid principal only, posted at a month’s end', async () => {
    c1 = await charge(itemA, 100000, T1); // 0.5‰, late from T1 + 16
    p1 = await charge(itemP, 30000, T1); // parking: no late fee
    c2 = await charge(itemA, 10000, T2); // 1‰, late from T2 + 6
    // 400.00 of c1 paid today: 600.00 stays unpaid.
    const pay = await crew.clients.desk.post('/api/v1/fee-payments', { accountId: acct101, lines: [{ method: 'transfer', amountFen: 40000, reference: 'LATE-1' }], chargeIds: [c1] });
    expect(pay.statusCode, pay.body).toBe(201);
    const c1Start = addDays(T1, 16);
    const c2Start = addDays(T2, 6);
    m1 = monthEnd(c1Start);
    m2 = monthEnd(addDays(m1, 1));
    m3 = monthEnd(addDays(m2, 1));
    // Accrued but not posted before a month's end.
    expect(await accrue(m1)).toBe(0);
    expect(await accrue(addDays(m1, 1))).toBe(2);
    // The same day again writes nothing.
    expect(await accrue(addDays(m1, 1))).toBe(0);
    expect(await accrue(addDays(m1, 5))).toBe(0);
    const fees = await lateFees();
    expect(fees.map((f) => f.charge.entryId).sort()).toEqual([c1, c2].sort());
    const [f1] = postedOn(fees, c1);
    expect(f1).toMatchObject({ amountFen: 30 * (daysBetween(c1Start, m1) + 1), fromDay: c1Start, throughDay: m1, waived: false });
    expect(f1!.basis).toMatchObject({ mode: 'daily_rate', dailyRatePermille: 0.5, graceDays: 15, capPercent: 10, capFen: null, startsOn: c1Start });
    const [f2] = postedOn(fees, c2);
    expect(f2).toMatchObject({ amountFen: 10 * (daysBetween(c2Start, m1) + 1), fromDay: c2Start, throughDay: m1 });
    expect(f2!.basis).toMatchObject({ dailyRatePermille: 1, graceDays: 5, capPercent: 20, capFen: 500000 });
    // Never on a charge due before the rule, nor on an item whose rule is off.
    expect(postedOn(fees, c0)).toEqual([]);
    expect(postedOn(fees, p1)).toEqual([]);
    // The late fee is a ledger entry of its own, never charged interest on (it carries no item).
    const account = (await crew.clients.desk.get(`/api/v1/fee-accounts/${acct101}`)).json();
    const entry = account.entries.find((e: { id: string }) => e.id === f1!.entryId);
    expect(entry).toMatchObject({ kind: 'late_fee', entryDate: addDays(m1, 1), itemId: null });
    // The owner is told once, in the portal inbox, with the amount posted that day.
    const inbox = await crew.clients.resident.get('/api/v1/notifications');
    expect(inbox.statusCode, inbox.body).toBe(200);
    const notices = (inbox.json().items as { kind: string; message: string; entityId: string }[]).filter((n) => n.kind === 'fee_late_fee');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ entityId: acct101 });
    expect(notices[0]!.message).toContain(((f1!.amountFen + f2!.amountFen) / 100).toFixed(2));
    expect(notices[0]!.message).toContain('滞纳金');
  });

  it('posts once when two runs meet', async () => {
    const day = addDays(m2, 1);
    const [a, b] = await Promise.all([accrue(day), accrue(day)]);
    expect(a + b).toBe(2);
    const fees = await lateFees();
    expect(postedOn(fees, c1).map((f) => f.amountFen)).toEqual([30 * daysBetween(m1, m2), 30 * (daysBetween(addDays(T1, 16), m1) + 1)]);
  });

  it('is waived by a manager’s reversal with a reason, and a waived late fee is never posted again', async () => {
    const [latest] = postedOn(await lateFees(), c1);
    expect((await crew.clients.desk.post(`/api/v1/fee-entries/${latest!.entryId}/reverse`, { reason: '业主提出异议' })).statusCode).toBe(403);
    expect(fieldsOf(await crew.clients.manager.post(`/api/v1/fee-entries/${latest!.entryId}/reverse`, {}))).toEqual(['reason']);
    const res = await crew.clients.manager.post(`/api/v1/fee-entries/${latest!.entryId}/reverse`, { reason: '业主提出异议，经理同意减免' });
    expect(res.statusCode, res.body).toBe(200);
    expect(postedOn(await lateFees(), c1).find((f) => f.entryId === latest!.entryId)?.waived).toBe(true);
    expect(await accrue(addDays(m3, 1))).toBe(2);
    const [next] = postedOn(await lateFees(), c1);
    expect(next).toMatchObject({ amountFen: 30 * daysBetween(m2, m3), fromDay: addDays(m2, 1), throughDay: m3, waived: false });
  });

  it('stops at the cap of each charge', async () => {
    const far = monthEnd(addDays(T, 420));
    expect(await accrue(addDays(far, 1))).toBe(2);
    const fees = await lateFees();
    // Waived or not, what was posted counts towards the cap: 10% of 1,000.00 and 20% of 100.00.
    expect(sum(postedOn(fees, c1))).toBe(10000);
    expect(sum(postedOn(fees, c2))).toBe(2000);
    expect(await accrue(addDays(monthEnd(addDays(far, 1)), 1))).toBe(0);
  });

  it('posts nothing into a closed period', async () => {
    const c3 = await charge(itemA, 5000, T1); // 0.5‰, capped at 5.00
    const day = addDays(monthEnd(addDays(T, 500)), 1);
    const close = await crew.clients.manager.post('/api/v1/fee-periods/close', { communityId, through: day });
    expect(close.statusCode, close.body).toBe(200);
    expect(await accrue(day)).toBe(0);
    expect(await accrue(addDays(monthEnd(addDays(day, 1)), 1))).toBe(1);
    expect(sum(postedOn(await lateFees(), c3))).toBe(500);
  });

  it('keeps rules and accruals as written, down to the database', async () => {
    await expect(t.database.query(`update fee_late_fee_rules set grace_days = 1`)).rejects.toThrow(/immutable/);
    await expect(t.database.query(`delete from fee_late_fee_accruals`)).rejects.toThrow(/immutable/);
  });
});
