import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../db/transaction';
import { buildOrganization, TEST_PASSWORD } from '../../test/factories';
import { createTestApp, TEST_DB, type TestApp, type TestClient } from '../../test/test-app';
import { localDateIn } from '../../work/numbering';
import { buildCrew, type Crew } from '../work-orders/test-kit';
import { insertEntries } from './commands/ledger-write';
import { ageingBucket, daysBetween } from './ledger';
import { feeAccounts } from './tables';
import { expectBalancesAreSums } from './test-kit';

// API tests of the fees ledger (issue #15), on PGlite and on PostgreSQL (WUYE_TEST_DB=postgres).

let t: TestApp;
let crew: Crew;
let outsider: TestClient;
let unit101: string;
let unit102: string;
let communityId: string;
let propertyFee: string;
let water: string;
let acct101: string;
let acct102: string;

const today = () => localDateIn('Asia/Shanghai', new Date());
const fieldsOf = (res: { json(): { error: { fields?: Record<string, string> } } }) => Object.keys(res.json().error.fields ?? {}).sort();

beforeAll(async () => {
  t = await createTestApp();
  crew = await buildCrew(t, 'fee');
  communityId = crew.org.community.id;
  unit101 = crew.org.unit.id;
  const admin = crew.clients.admin;
  expect((await admin.patch(`/api/v1/buildings/${crew.org.building.id}`, { propertyType: 'high_rise' })).statusCode).toBe(200);
  const units = (await admin.get(`/api/v1/units?buildingId=${crew.org.building.id}&pageSize=50`)).json().items as { id: string; number: string }[];
  unit102 = units.find((u) => u.number === '102')!.id;
  expect((await admin.patch(`/api/v1/units/${unit101}`, { areaM2: 89.5 })).statusCode).toBe(200);
  expect((await admin.patch(`/api/v1/units/${unit102}`, { areaM2: 100 })).statusCode).toBe(200);
  // The owner of 102 moved in on 17 March 2026: March is billed for 15 of 31 days.
  const owner = await admin.post('/api/v1/residents', { name: '新业主', phone: '13700009101', units: [{ unitId: unit102, relation: 'owner', moveInOn: '2026-03-17' }] });
  expect(owner.statusCode, owner.body).toBe(201);
  const other = await buildOrganization(t.database, { prefix: 'feex', roles: ['service_desk', 'company_admin'] });
  outsider = await t.client().login(other.users.service_desk!, TEST_PASSWORD);
});
afterAll(() => t.close());
// Every write keeps each account's running balance equal to the sum of its entries.
afterEach(() => expectBalancesAreSums(t.database));

describe('fee items', () => {
  it('refuses bad items field by field, in the caller’s language', async () => {
    const m = crew.clients.manager;
    let res = await m.post('/api/v1/fee-items', { communityId, name: '物业费', cycle: null, rounding: 'half_up', effectiveFrom: '2026-01-01', pricing: { kind: 'area', pricesByType: {} } });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toEqual(['pricing.pricesByType']);
    res = await m.post('/api/v1/fee-items', { communityId, name: '垃圾费', cycle: null, rounding: 'half_up', effectiveFrom: '2026-01-01', pricing: { kind: 'fixed', monthlyFen: 1000 } });
    expect(fieldsOf(res)).toEqual(['cycle']);
    expect(res.json().error.fields.cycle).toContain('计费周期');
    m.language = 'en-US';
    res = await m.post('/api/v1/fee-items', { communityId, name: '水费', cycle: null, rounding: 'half_up', effectiveFrom: '2026-01-01', pricing: { kind: 'metered', unitName: '吨', tiers: [{ upTo: 20, priceFen: 300 }, { upTo: 10, priceFen: 400 }, { upTo: null, priceFen: 600 }] } });
    expect(fieldsOf(res)).toEqual(['pricing.tiers']);
    expect(res.json().error.fields['pricing.tiers']).toContain('ascend');
    m.language = 'zh-CN';
    expect((await crew.clients.desk.post('/api/v1/fee-items', { communityId, name: '物业费', cycle: 'monthly', rounding: 'half_up', effectiveFrom: '2026-01-01', pricing: { kind: 'fixed', monthlyFen: 1 } })).statusCode).toBe(403);
    res = await outsider.post('/api/v1/fee-items', { communityId, name: '物业费', cycle: 'monthly', rounding: 'half_up', effectiveFrom: '2026-01-01', pricing: { kind: 'fixed', monthlyFen: 1 } });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toEqual(['communityId']);
  });

  it('creates area, fixed, metered and one-off items, and versions prices from a date, never back', async () => {
    const m = crew.clients.manager;
    const area = await m.post('/api/v1/fee-items', { communityId, name: '物业服务费', cycle: 'monthly', rounding: 'half_up', effectiveFrom: '2026-01-01', pricing: { kind: 'area', pricesByType: { high_rise: 250, villa: 500 } } });
    expect(area.statusCode, area.body).toBe(201);
    propertyFee = area.json().id;
    const garbage = await m.post('/api/v1/fee-items', { communityId, name: '垃圾清运费', cycle: 'monthly', rounding: 'half_up', effectiveFrom: '2026-01-01', pricing: { kind: 'fixed', monthlyFen: 1000 } });
    expect(garbage.statusCode).toBe(201);
    const w = await m.post('/api/v1/fee-items', { communityId, name: '水费', cycle: null, rounding: 'half_up', effectiveFrom: '2026-01-01', pricing: { kind: 'metered', unitName: '吨', tiers: [{ upTo: 10, priceFen: 300 }, { upTo: null, priceFen: 500 }] } });
    expect(w.statusCode, w.body).toBe(201);
    water = w.json().id;
    expect((await m.post('/api/v1/fee-items', { communityId, name: '装修押金', cycle: null, rounding: 'half_up', effectiveFrom: '2026-01-01', pricing: { kind: 'one_off', amountFen: 200000 } })).statusCode).toBe(201);
    const dup = await m.post('/api/v1/fee-items', { communityId, name: '水费', cycle: null, rounding: 'up', effectiveFrom: '2026-01-01', pricing: { kind: 'one_off', amountFen: 1 } });
    expect(fieldsOf(dup)).toEqual(['name']);

    const past = await m.post(`/api/v1/fee-items/${propertyFee}/versions`, { effectiveFrom: '2026-04-15', pricing: { kind: 'area', pricesByType: { high_rise: 300 } } });
    expect(past.statusCode).toBe(400);
    expect(fieldsOf(past)).toEqual(['effectiveFrom']);
    const wrongKind = await m.post(`/api/v1/fee-items/${propertyFee}/versions`, { effectiveFrom: '2099-01-01', pricing: { kind: 'fixed', monthlyFen: 1 } });
    expect(fieldsOf(wrongKind)).toEqual(['pricing.kind']);
    const later = await m.post(`/api/v1/fee-items/${propertyFee}/versions`, { effectiveFrom: '2099-01-01', pricing: { kind: 'area', pricesByType: { high_rise: 300 } } });
    expect(later.statusCode, later.body).toBe(201);
    expect(later.json().versions.map((v: { effectiveFrom: string }) => v.effectiveFrom)).toEqual(['2026-01-01', '2099-01-01']);
    expect(later.json().current.effectiveFrom).toBe('2026-01-01');
    expect((await outsider.post(`/api/v1/fee-items/${propertyFee}/versions`, { effectiveFrom: '2099-02-01', pricing: { kind: 'area', pricesByType: { high_rise: 1 } } })).statusCode).toBe(404);
    const list = await crew.clients.desk.get(`/api/v1/fee-items?communityId=${communityId}`);
    expect(list.json().items).toHaveLength(4);
    expect(list.json().allowedActions).toEqual([]);
  });
});

describe('bill runs', () => {
  it('previews without writing, prorates by move-in and lists what it cannot price', async () => {
    const m = crew.clients.manager;
    const bad = await m.post('/api/v1/fee-bill-runs', { communityId, cycle: 'quarterly', periodStart: '2026-02', dryRun: true });
    expect(fieldsOf(bad)).toEqual(['periodStart']);
    const dry = await m.post('/api/v1/fee-bill-runs', { communityId, cycle: 'monthly', periodStart: '2026-03', dryRun: true });
    expect(dry.statusCode, dry.body).toBe(200);
    const body = dry.json();
    expect(body).toMatchObject({ status: 'preview', id: null, chargeCount: 4, periodEnd: '2026-03-31' });
    // 101: 89.50 m² × 2.50 = 223.75 + 10.00; 102: 15/31 of 250.00 = 120.97 (half up) and of 10.00 = 4.84.
    expect(body.totalFen).toBe(22375 + 1000 + 12097 + 484);
    expect(body.byBuilding.find((b: { itemId: string }) => b.itemId === propertyFee)).toMatchObject({ units: 2, totalFen: 22375 + 12097 });
    expect(body.byBuilding.find((b: { itemName: string }) => b.itemName === '垃圾清运费')).toMatchObject({ units: 2, totalFen: 1000 + 484 });
    expect(body.skipped.filter((s: { reason: string }) => s.reason === 'no_owner')).toHaveLength(8);
    const account = (await crew.clients.desk.get(`/api/v1/units/${unit101}/fee-account`)).json();
    expect(account.entries).toEqual([]);
    acct101 = account.id;
    expect((await crew.clients.desk.post('/api/v1/fee-bill-runs', { communityId, cycle: 'monthly', periodStart: '2026-03', dryRun: true })).statusCode).toBe(403);
  });

  it('posts once: the same period again writes nothing new', async () => {
    const m = crew.clients.manager;
    const run = await m.post('/api/v1/fee-bill-runs', { communityId, cycle: 'monthly', periodStart: '2026-03' });
    expect(run.statusCode, run.body).toBe(201);
    expect(run.json()).toMatchObject({ status: 'posted', chargeCount: 4, totalFen: 35956, allowedActions: ['reverse'] });
    const again = await m.post('/api/v1/fee-bill-runs', { communityId, cycle: 'monthly', periodStart: '2026-03' });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ status: 'nothing_new', chargeCount: 0, id: null });
    const a102 = (await crew.clients.desk.get(`/api/v1/units/${unit102}/fee-account`)).json();
    acct102 = a102.id;
    expect(a102.entries.map((e: { amountFen: number; periodStart: string }) => [e.amountFen, e.periodStart])).toEqual([[12097, '2026-03-17'], [484, '2026-03-17']]);
    const a101 = (await crew.clients.desk.get(`/api/v1/fee-accounts/${acct101}`)).json();
    expect(a101.balanceFen).toBe(23375);
    expect(a101.arrearsFen).toBe(23375);
    const bucket = ageingBucket(daysBetween('2026-03-01', today()));
    expect(a101.ageing[bucket]).toBe(23375);
  });
});

describe('payments and receipts', () => {
  let firstPayment: string;
  it('refuses a bad payment field by field', async () => {
    const d = crew.clients.desk;
    const res = await d.post('/api/v1/fee-payments', {
      accountId: acct101,
      lines: [{ method: 'cash', amountFen: 20000, tenderedFen: 10000 }, { method: 'transfer', amountFen: 5000 }, { method: 'alipay', amountFen: 1, tenderedFen: 5 }],
      chargeIds: [acct102],
    });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toEqual(['chargeIds.0', 'lines.0.tenderedFen', 'lines.1.reference', 'lines.2.reference', 'lines.2.tenderedFen']);
    expect((await d.post('/api/v1/fee-payments', { accountId: acct101, lines: [] })).statusCode).toBe(400);
    const foreign = await outsider.post('/api/v1/fee-payments', { accountId: acct101, lines: [{ method: 'cash', amountFen: 1 }] });
    expect(foreign.statusCode).toBe(400);
    expect(fieldsOf(foreign)).toEqual(['accountId']);
    expect((await crew.clients.tech.post('/api/v1/fee-payments', { accountId: acct101, lines: [{ method: 'cash', amountFen: 1 }] })).statusCode).toBe(400);
  });

  it('takes cash with change plus a transfer, settles the oldest charges and keeps the rest as prepayment', async () => {
    const d = crew.clients.desk;
    const res = await d.post(
      '/api/v1/fee-payments',
      { accountId: acct101, lines: [{ method: 'cash', amountFen: 20000, tenderedFen: 30000 }, { method: 'transfer', amountFen: 5000, reference: 'ICBC-20261202-0001' }], payerName: '测试业主' },
      { 'idempotency-key': 'pay-1' },
    );
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json();
    firstPayment = p.id;
    expect(p.receiptNo).toMatch(/^SK\d{4}-000001$/);
    expect(p.lines[0]).toMatchObject({ method: 'cash', tenderedFen: 30000, changeFen: 10000 });
    expect(p.totalFen).toBe(25000);
    expect(p.allocations.map((a: { amountFen: number }) => a.amountFen).sort()).toEqual([1000, 22375]);
    expect(p.prepaymentFen).toBe(1625);
    const replay = await d.post(
      '/api/v1/fee-payments',
      { accountId: acct101, lines: [{ method: 'cash', amountFen: 20000, tenderedFen: 30000 }, { method: 'transfer', amountFen: 5000, reference: 'ICBC-20261202-0001' }], payerName: '测试业主' },
      { 'idempotency-key': 'pay-1' },
    );
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json().receiptNo).toBe(p.receiptNo);
    const account = (await d.get(`/api/v1/fee-accounts/${acct101}`)).json();
    expect(account).toMatchObject({ balanceFen: -1625, prepaymentFen: 1625, arrearsFen: 0 });
    expect(account.paidThrough.map((x: { date: string }) => x.date)).toEqual(['2026-03-31', '2026-03-31']);
  });

  it('uses prepayment on the next run, and refuses to reverse a run something is allocated to', async () => {
    const m = crew.clients.manager;
    const april = await m.post('/api/v1/fee-bill-runs', { communityId, cycle: 'monthly', periodStart: '2026-04' });
    expect(april.statusCode).toBe(201);
    const a101 = (await m.get(`/api/v1/fee-accounts/${acct101}`)).json();
    expect(a101.prepaymentFen).toBe(0);
    expect(a101.balanceFen).toBe(23375 - 1625);
    const refused = await m.post(`/api/v1/fee-bill-runs/${april.json().id}/reverse`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('1 笔');
    // May: nobody paid anything towards it; reversed whole, then billed again.
    const may = await m.post('/api/v1/fee-bill-runs', { communityId, cycle: 'monthly', periodStart: '2026-05' });
    expect((await crew.clients.desk.post(`/api/v1/fee-bill-runs/${may.json().id}/reverse`)).statusCode).toBe(403);
    expect((await outsider.post(`/api/v1/fee-bill-runs/${may.json().id}/reverse`)).statusCode).toBe(404);
    const reversed = await m.post(`/api/v1/fee-bill-runs/${may.json().id}/reverse`);
    expect(reversed.statusCode, reversed.body).toBe(200);
    expect(reversed.json().status).toBe('reversed');
    expect((await m.post(`/api/v1/fee-bill-runs/${may.json().id}/reverse`)).statusCode).toBe(409);
    const a102 = (await m.get(`/api/v1/fee-accounts/${acct102}`)).json();
    const mayEntries = a102.entries.filter((e: { periodStart: string }) => e.periodStart === '2026-05-01');
    expect(mayEntries.map((e: { kind: string; amountFen: number; openFen: number }) => [e.kind, e.amountFen, e.openFen])).toEqual([
      ['charge', 25000, 0],
      ['charge', 1000, 0],
      ['reversal', -25000, 0],
      ['reversal', -1000, 0],
    ]);
    const rerun = await m.post('/api/v1/fee-bill-runs', { communityId, cycle: 'monthly', periodStart: '2026-05' });
    expect(rerun.statusCode).toBe(201);
    expect(rerun.json().chargeCount).toBe(4);
  });

  it('voids a receipt (number and reason kept, payment reversed), re-issues it, and marks reprints as copies', async () => {
    const d = crew.clients.desk;
    const before = (await d.get(`/api/v1/fee-accounts/${acct101}`)).json().balanceFen;
    const voided = await d.post(`/api/v1/fee-payments/${firstPayment}/void`, { reason: '金额录错' });
    expect(voided.statusCode, voided.body).toBe(200);
    expect(voided.json()).toMatchObject({ status: 'void', voidReason: '金额录错', allowedActions: ['print'] });
    expect(voided.json().receiptNo).toMatch(/-000001$/);
    expect((await d.post(`/api/v1/fee-payments/${firstPayment}/void`, { reason: 'again' })).statusCode).toBe(409);
    const after = (await d.get(`/api/v1/fee-accounts/${acct101}`)).json();
    expect(after.balanceFen).toBe(before + 25000);
    expect(after.entries.filter((e: { kind: string; paymentId: string }) => e.kind === 'reversal' && e.paymentId === firstPayment)).toHaveLength(1);
    const charges = after.entries.filter((e: { kind: string; periodStart: string }) => e.kind === 'charge').map((e: { id: string }) => e.id);
    const reissue = await d.post('/api/v1/fee-payments', { accountId: acct101, lines: [{ method: 'wechat_pay', amountFen: 1000, reference: '4200001234202612020001' }], chargeIds: [charges[3]], replacesPaymentId: firstPayment });
    expect(reissue.statusCode, reissue.body).toBe(201);
    expect(reissue.json().receiptNo).toMatch(/-000002$/);
    expect(reissue.json().allocations).toHaveLength(1);
    expect(reissue.json().allocations[0]).toMatchObject({ chargeId: charges[3], amountFen: 1000 });
    const first = await d.post(`/api/v1/fee-payments/${reissue.json().id}/print`);
    expect(first.json().printCount).toBe(1);
    expect((await d.post(`/api/v1/fee-payments/${reissue.json().id}/print`)).json().printCount).toBe(2);
    const verify = await t.client().get(`/api/v1/public/receipts/${voided.json().verifyCode}`);
    expect(verify.statusCode).toBe(200);
    expect(verify.json()).toMatchObject({ status: 'void', totalFen: 25000 });
    expect(JSON.stringify(verify.json())).not.toContain('测试业主');
    expect((await outsider.get(`/api/v1/fee-payments/${firstPayment}`)).statusCode).toBe(404);
    expect((await outsider.post(`/api/v1/fee-payments/${firstPayment}/void`, { reason: 'x' })).statusCode).toBe(404);
  });

  it('numbers receipts without gaps when payments arrive at once and one of them fails', async () => {
    const d = crew.clients.desk;
    const pay = (n: number, ok = true) =>
      d.post('/api/v1/fee-payments', { accountId: n % 2 ? acct101 : acct102, lines: [{ method: 'cash', amountFen: 100 + n }], ...(ok ? {} : { chargeIds: [acct101] }) });
    const results = await Promise.all([pay(1), pay(2), pay(3, false), pay(4), pay(5)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 201, 201, 201, 400]);
    const numbers = results.filter((r) => r.statusCode === 201).map((r) => Number(r.json().receiptNo.slice(-6))).sort((a, b) => a - b);
    expect(numbers).toEqual([3, 4, 5, 6]);
  });
});

describe('entries by hand, reversals and closed periods', () => {
  it('posts every kind with its direction, and checks each field', async () => {
    const m = crew.clients.manager;
    const post = (body: object) => m.post(`/api/v1/fee-accounts/${acct102}/entries`, body);
    const start = (await m.get(`/api/v1/fee-accounts/${acct102}`)).json().balanceFen as number;
    expect(fieldsOf(await post({ kind: 'adjustment', amountFen: 100 }))).toEqual(['direction']);
    expect(fieldsOf(await post({ kind: 'charge', amountFen: 100 }))).toEqual(['itemId']);
    expect(fieldsOf(await post({ kind: 'charge', itemId: water, amountFen: 1 }))).toEqual(['quantity']);
    expect(fieldsOf(await post({ kind: 'discount', amountFen: 100, quantity: 3 }))).toEqual(['quantity']);
    expect(fieldsOf(await post({ kind: 'refund', amountFen: 999_999 }))).toEqual(['amountFen']);
    expect((await crew.clients.desk.post(`/api/v1/fee-accounts/${acct102}/entries`, { kind: 'discount', amountFen: 100 })).statusCode).toBe(403);
    expect((await outsider.post(`/api/v1/fee-accounts/${acct102}/entries`, { kind: 'discount', amountFen: 100 })).statusCode).toBe(404);
    // 12.5 t of water: 10 × 3.00 + 2.5 × 5.00 = 42.50.
    const metered = await post({ kind: 'charge', itemId: water, quantity: 12.5, amountFen: 1, periodStart: '2026-11-01', periodEnd: '2026-11-30' });
    expect(metered.statusCode, metered.body).toBe(201);
    expect(metered.json().entries.at(-1)).toMatchObject({ kind: 'charge', amountFen: 4250, itemName: '水费' });
    const kinds: [object, number][] = [
      [{ kind: 'late_fee', amountFen: 300 }, 300],
      [{ kind: 'discount', amountFen: 500, memo: '空置房减免' }, -500],
      [{ kind: 'adjustment', amountFen: 200, direction: 'debit' }, 200],
      [{ kind: 'adjustment', amountFen: 50, direction: 'credit' }, -50],
      [{ kind: 'write_off', amountFen: 100 }, -100],
    ];
    let balance = start + 4250;
    for (const [body, delta] of kinds) {
      const res = await post(body);
      expect(res.statusCode, res.body).toBe(201);
      balance += delta;
      expect(res.json().balanceFen).toBe(balance);
      expect(await expectBalancesAreSums(t.database)).toBeGreaterThan(0);
    }
    // A refund pays prepaid credit back: give the account credit first.
    const a = (await m.get(`/api/v1/fee-accounts/${acct102}`)).json();
    await crew.clients.desk.post('/api/v1/fee-payments', { accountId: acct102, lines: [{ method: 'cash', amountFen: a.balanceFen + 800 }] });
    const refund = await post({ kind: 'refund', amountFen: 800 });
    expect(refund.statusCode, refund.body).toBe(201);
    expect(refund.json()).toMatchObject({ balanceFen: 0, prepaymentFen: 0, arrearsFen: 0 });
    const sum = refund.json().entries.reduce((s: number, e: { amountFen: number }) => s + e.amountFen, 0);
    expect(sum).toBe(0);
  });

  it('reverses an entry by a new one; reversals and payments are not reversed that way', async () => {
    const m = crew.clients.manager;
    const account = (await m.get(`/api/v1/fee-accounts/${acct102}`)).json();
    const late = account.entries.find((e: { kind: string }) => e.kind === 'late_fee');
    expect(late.allowedActions).toEqual(['reverse']);
    expect((await crew.clients.desk.post(`/api/v1/fee-entries/${late.id}/reverse`, { reason: '误收' })).statusCode).toBe(403);
    expect((await outsider.post(`/api/v1/fee-entries/${late.id}/reverse`, { reason: '误收' })).statusCode).toBe(404);
    expect(fieldsOf(await m.post(`/api/v1/fee-entries/${late.id}/reverse`, {}))).toEqual(['reason']);
    const res = await m.post(`/api/v1/fee-entries/${late.id}/reverse`, { reason: '滞纳金不应收取' });
    expect(res.statusCode, res.body).toBe(200);
    const reversal = res.json().entries.find((e: { reversesId: string }) => e.reversesId === late.id);
    expect(reversal).toMatchObject({ kind: 'reversal', amountFen: -300, entryDate: today() });
    expect(res.json().balanceFen).toBe(account.balanceFen - 300);
    expect((await m.post(`/api/v1/fee-entries/${late.id}/reverse`, { reason: 'x' })).statusCode).toBe(409);
    expect((await m.post(`/api/v1/fee-entries/${reversal.id}/reverse`, { reason: 'x' })).statusCode).toBe(409);
    const payment = res.json().entries.find((e: { kind: string }) => e.kind === 'payment');
    expect((await m.post(`/api/v1/fee-entries/${payment.id}/reverse`, { reason: 'x' })).statusCode).toBe(409);
  });

  it('refuses entries and runs dated in a closed period', async () => {
    const m = crew.clients.manager;
    expect((await crew.clients.desk.post('/api/v1/fee-periods/close', { communityId, through: '2026-03-31' })).statusCode).toBe(403);
    const closed = await m.post('/api/v1/fee-periods/close', { communityId, through: '2026-03-31' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(fieldsOf(await m.post('/api/v1/fee-periods/close', { communityId, through: '2026-02-28' }))).toEqual(['through']);
    const early = await m.post(`/api/v1/fee-accounts/${acct102}/entries`, { kind: 'discount', amountFen: 100, entryDate: '2026-03-31' });
    expect(fieldsOf(early)).toEqual(['entryDate']);
    expect(early.json().error.fields.entryDate).toContain('2026-03-31');
    expect((await m.post(`/api/v1/fee-accounts/${acct102}/entries`, { kind: 'discount', amountFen: 100, entryDate: '2026-04-01' })).statusCode).toBe(201);
    expect(fieldsOf(await m.post('/api/v1/fee-bill-runs', { communityId, cycle: 'monthly', periodStart: '2026-03' }))).toEqual(['periodStart']);
    // A March charge is still reversed today: the reversal is dated in the open period.
    const a101 = (await m.get(`/api/v1/fee-accounts/${acct101}`)).json();
    expect(a101.closedThrough).toBe('2026-03-31');
    const march = a101.entries.find((e: { kind: string; periodStart: string }) => e.kind === 'charge' && e.periodStart === '2026-03-01');
    expect((await m.post(`/api/v1/fee-entries/${march.id}/reverse`, { reason: '减免' })).statusCode).toBe(200);
  });

  it('lets the database itself refuse to edit or delete ledger rows', async () => {
    await expect(t.database.query(`update fee_entries set memo = 'edited'`)).rejects.toThrow(/append-only/);
    await expect(t.database.query(`delete from fee_entries`)).rejects.toThrow(/append-only/);
    await expect(t.database.query(`update fee_allocations set amount_fen = 0`)).rejects.toThrow(/append-only/);
    await expect(t.database.query(`delete from fee_allocations`)).rejects.toThrow(/append-only/);
  });
});

describe('bill runs at the same moment', () => {
  it('write a period once, and a charge corrected on its own keeps the period billed', async () => {
    const m = crew.clients.manager;
    // Two requests at once: on PostgreSQL two connections of the pool, two transactions.
    const run = () => m.post('/api/v1/fee-bill-runs', { communityId, cycle: 'monthly', periodStart: '2026-06' });
    const [a, b] = await Promise.all([run(), run()]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201]);
    const [posted, other] = a.statusCode === 201 ? [a, b] : [b, a];
    expect(posted.json()).toMatchObject({ status: 'posted', chargeCount: 4, totalFen: 22375 + 1000 + 25000 + 1000 });
    expect(other.json()).toMatchObject({ status: 'nothing_new', chargeCount: 0, id: null });
    const june = `select count(*)::int as n from fee_entries where community_id = $1 and kind = 'charge' and period_start = '2026-06-01'`;
    expect((await t.database.query<{ n: number }>(june, [communityId]))[0]!.n).toBe(4);
    const charge = (await m.get(`/api/v1/fee-accounts/${acct101}`)).json().entries.find((e: { kind: string; periodStart: string }) => e.kind === 'charge' && e.periodStart === '2026-06-01');
    expect((await m.post(`/api/v1/fee-entries/${charge.id}/reverse`, { reason: '更正' })).statusCode).toBe(200);
    expect((await run()).json()).toMatchObject({ status: 'nothing_new', chargeCount: 0 });
    expect((await t.database.query<{ n: number }>(june, [communityId]))[0]!.n).toBe(4);
  });
});

describe('who reads an account', () => {
  it('lets a resident read their own unit’s account and receipts only', async () => {
    const r = crew.clients.resident;
    const own = await r.get(`/api/v1/units/${unit101}/fee-account`);
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().allowedActions).toEqual([]);
    expect((await r.get(`/api/v1/units/${unit102}/fee-account`)).statusCode).toBe(404);
    expect((await r.get(`/api/v1/fee-accounts/${acct102}`)).statusCode).toBe(404);
    expect((await outsider.get(`/api/v1/units/${unit101}/fee-account`)).statusCode).toBe(404);
    const receipts = (await r.get('/api/v1/fee-payments')).json();
    expect(receipts.total).toBeGreaterThan(0);
    expect(receipts.items.length).toBeGreaterThan(0);
    expect(receipts.items.every((p: { accountId: string }) => p.accountId === acct101)).toBe(true);
    expect((await r.post('/api/v1/fee-payments', { accountId: acct101, lines: [{ method: 'cash', amountFen: 100 }] })).statusCode).toBe(403);
    expect(TEST_DB).toMatch(/pglite|postgres/);
  });
});

describe('the ledger’s writer', () => {
  it('writes many entries in one statement with any memo, in order, and moves each balance by their sum', async () => {
    const unit = (await crew.clients.admin.get(`/api/v1/units?buildingId=${crew.org.building.id}&pageSize=50`)).json().items.find((u: { id: string }) => u.id !== unit101 && u.id !== unit102);
    const account = (await crew.clients.desk.get(`/api/v1/units/${unit.id}/fee-account`)).json();
    const memos = ['逗号,与{括号}', 'quote " and \\ backslash', 'NULL', '', null];
    const day = today();
    await inTransaction(t.database.db, async (tx) => {
      const [row] = await tx.select().from(feeAccounts).where(eq(feeAccounts.id, account.id)).for('update');
      await insertEntries(tx, row!, memos.map((memo, k) => ({ accountId: row!.id, kind: 'adjustment' as const, amountFen: k % 2 ? -(k + 1) * 100 : (k + 1) * 100, entryDate: day, dueOn: day, memo })));
    });
    const stored = await t.database.query<{ memo: string | null; amount_fen: string | number }>(`select memo, amount_fen from fee_entries where account_id = $1 order by seq`, [account.id]);
    expect(stored.map((e) => [e.memo, Number(e.amount_fen)])).toEqual(memos.map((m, k) => [m, k % 2 ? -(k + 1) * 100 : (k + 1) * 100]));
    const [balance] = await t.database.query<{ balance_fen: string | number }>(`select balance_fen from fee_accounts where id = $1`, [account.id]);
    expect(Number(balance!.balance_fen)).toBe(100 - 200 + 300 - 400 + 500);
  });
});

describe('bill runs of many communities', () => {
  it('previews and posts each community in its own run, lists the one that fails and bills only what is unbilled when called again', async () => {
    const admin = crew.clients.admin;
    const second = await admin.post('/api/v1/communities', { name: 'fee 二期', serviceLevel: 2 });
    expect(second.statusCode, second.body).toBe(201);
    const b = second.json().id as string;
    const building = await admin.post('/api/v1/buildings', { communityId: b, name: '9栋', floors: 2, unitsPerFloor: 1 });
    expect(building.statusCode, building.body).toBe(201);
    const unit = await admin.post('/api/v1/units', { buildingId: building.json().id, floor: 1, number: '0101', areaM2: 60 });
    expect(unit.statusCode, unit.body).toBe(201);
    expect((await admin.post('/api/v1/residents', { name: '二期业主', phone: '13700009102', units: [{ unitId: unit.json().id, relation: 'owner', moveInOn: '2026-01-01' }] })).statusCode).toBe(201);
    expect((await admin.post('/api/v1/fee-items', { communityId: b, name: '垃圾清运费', cycle: 'monthly', rounding: 'half_up', effectiveFrom: '2026-01-01', pricing: { kind: 'fixed', monthlyFen: 1500 } })).statusCode).toBe(201);
    const entriesOf = async (month: string) =>
      (await t.database.query<{ community_id: string; n: number }>(`select community_id, count(*)::int as n from fee_entries where kind = 'charge' and period_start >= $1::date and period_start < ($1::date + interval '1 month') group by community_id`, [`${month}-01`]))
        .map((r) => [r.community_id, r.n]).sort();
    const batch = (client: TestClient, body: Record<string, unknown>) => client.post('/api/v1/fee-bill-runs/batch', { cycle: 'monthly', periodStart: '2026-07', ...body });

    // Nothing runs unless every community is one the caller sees and may bill.
    let res = await batch(admin, { communityIds: [communityId, '00000000-0000-4000-8000-000000000000'] });
    expect(res.statusCode, res.body).toBe(400);
    expect(fieldsOf(res)).toEqual(['communityIds.1']);
    res = await batch(crew.clients.manager, { communityIds: [communityId, b] });
    expect(fieldsOf(res)).toEqual(['communityIds.1']);
    expect(fieldsOf(await batch(admin, { communityIds: [b, b] }))).toEqual(['communityIds']);
    expect(fieldsOf(await batch(admin, { communityIds: [b], periodStart: '2026-08', cycle: 'quarterly' }))).toEqual(['periodStart']);
    expect((await batch(crew.clients.desk, { communityIds: [communityId] })).statusCode).toBe(403);
    expect((await batch(outsider, { communityIds: [communityId] })).statusCode).toBe(400);
    expect(await entriesOf('2026-07')).toEqual([]);

    const dry = await batch(admin, { communityIds: [b, communityId], dryRun: true });
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ periodStart: '2026-07-01', periodEnd: '2026-07-31', dryRun: true, chargeCount: 5, totalFen: 1500 + 22375 + 1000 + 25000 + 1000, failed: 0 });
    expect(dry.json().communities.map((c: { communityName: string; status: string; chargeCount: number; skipped: number }) => [c.communityName, c.status, c.chargeCount, c.skipped])).toEqual([
      ['fee 二期', 'preview', 1, 0],
      ['fee 小区', 'preview', 4, 8],
    ]);
    expect(await entriesOf('2026-07')).toEqual([]);

    // The second community's July is closed: its run fails with the reason, the first one's stands.
    expect((await admin.post('/api/v1/fee-periods/close', { communityId: b, through: '2026-07-31' })).statusCode).toBe(200);
    admin.language = 'en-US';
    const july = await batch(admin, { communityIds: [communityId, b] });
    admin.language = 'zh-CN';
    expect(july.statusCode, july.body).toBe(200);
    expect(july.json()).toMatchObject({ chargeCount: 4, totalFen: 22375 + 1000 + 25000 + 1000, failed: 1 });
    const [first, failed] = july.json().communities;
    expect(first).toMatchObject({ communityId, status: 'posted', chargeCount: 4, error: null });
    expect(first.runId).toEqual(expect.any(String));
    expect(failed).toMatchObject({ communityId: b, status: 'failed', runId: null, chargeCount: 0 });
    // The reason reads as a sentence in the caller's language, without the field's path.
    expect(failed.error).toBe('Some fields are not valid; please check them: The books are closed through 2026-07-31; no entries can be dated on or before it');
    expect(await entriesOf('2026-07')).toEqual([[communityId, 4]]);
    const runs = (await admin.get(`/api/v1/fee-bill-runs?communityId=${communityId}`)).json().items;
    expect(runs.find((r: { id: string }) => r.id === first.runId)).toMatchObject({ status: 'posted', periodStart: '2026-07-01' });

    // August for both, then again: nothing new anywhere.
    const august = await batch(admin, { communityIds: [communityId, b], periodStart: '2026-08' });
    expect(august.json().communities.map((c: { status: string; chargeCount: number }) => [c.status, c.chargeCount])).toEqual([['posted', 4], ['posted', 1]]);
    const again = await batch(admin, { communityIds: [communityId, b], periodStart: '2026-08' });
    expect(again.json()).toMatchObject({ chargeCount: 0, totalFen: 0, failed: 0 });
    expect(again.json().communities.map((c: { status: string }) => c.status)).toEqual(['nothing_new', 'nothing_new']);
    expect(await entriesOf('2026-08')).toEqual([[communityId, 4], [b, 1]].sort());
  });
});
