import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganization, TEST_PASSWORD } from '../../test/factories';
import { createTestApp, type TestApp, type TestClient } from '../../test/test-app';
import { buildCrew, uploadAs, type Crew } from '../work-orders/test-kit';
import { expectBalancesAreSums } from './test-kit';

// API tests of the cashier's shift close (issue #15 item 6) and the fee post's handover that
// includes it, on PGlite and PostgreSQL (WUYE_TEST_DB=postgres).

let t: TestApp;
let crew: Crew;
let outsider: TestClient;
let communityId: string;
let accountId: string;
const fieldsOf = (res: { json(): { error: { fields?: Record<string, string> } } }) => Object.keys(res.json().error.fields ?? {}).sort();
const pay = (client: TestClient, lines: unknown[]) => client.post('/api/v1/fee-payments', { accountId, lines });

beforeAll(async () => {
  t = await createTestApp();
  crew = await buildCrew(t, 'scl');
  communityId = crew.org.community.id;
  accountId = (await crew.clients.desk.get(`/api/v1/units/${crew.org.unit.id}/fee-account`)).json().id;
  const other = await buildOrganization(t.database, { prefix: 'sclx', roles: ['service_desk'] });
  outsider = await t.client().login(other.users.service_desk!, TEST_PASSWORD);
});
afterAll(() => t.close());
// Every write keeps each account's running balance equal to the sum of its entries.
afterEach(() => expectBalancesAreSums(t.database));

describe('cashier shift close', () => {
  it('expects what the cashier took since their last close, per method, without others’ payments or voided receipts', async () => {
    const desk = crew.clients.desk;
    expect((await pay(desk, [{ method: 'cash', amountFen: 12000, tenderedFen: 20000 }, { method: 'transfer', amountFen: 5000, reference: 'B001' }])).statusCode).toBe(201);
    expect((await pay(desk, [{ method: 'cash', amountFen: 3050 }])).statusCode).toBe(201);
    const voided = await pay(desk, [{ method: 'wechat_pay', amountFen: 999, reference: 'WX1' }]);
    expect((await desk.post(`/api/v1/fee-payments/${voided.json().id}/void`, { reason: '重复收款' })).statusCode).toBe(200);
    expect((await pay(crew.clients.manager, [{ method: 'cash', amountFen: 70000 }])).statusCode).toBe(201);
    const drawer = await desk.get(`/api/v1/fee-shift-closes/drawer?communityId=${communityId}`);
    expect(drawer.statusCode, drawer.body).toBe(200);
    expect(drawer.json()).toMatchObject({ since: null, paymentCount: 2, voidCount: 1, expected: [{ method: 'cash', expectedFen: 15050 }, { method: 'transfer', expectedFen: 5000 }] });
    expect((await outsider.get(`/api/v1/fee-shift-closes/drawer?communityId=${communityId}`)).statusCode).toBe(404);
    expect((await crew.clients.tech.get(`/api/v1/fee-shift-closes/drawer?communityId=${communityId}`)).statusCode).toBe(404);
  });

  it('needs every expected method counted and every difference explained, in the caller’s language', async () => {
    const desk = crew.clients.desk;
    let res = await desk.post('/api/v1/fee-shift-closes', { communityId, counts: [{ method: 'cash', countedFen: 14950 }] });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toEqual(['counts.0.reason', 'counts.transfer']);
    expect(res.json().error.fields['counts.transfer']).toContain('50.00');
    desk.language = 'en-US';
    res = await desk.post('/api/v1/fee-shift-closes', { communityId, counts: [{ method: 'cash', countedFen: 14950 }, { method: 'transfer', countedFen: 5000 }, { method: 'alipay', countedFen: 100 }] });
    expect(fieldsOf(res)).toEqual(['counts.0.reason', 'counts.2.reason']);
    expect(res.json().error.fields['counts.0.reason']).toContain('explain');
    desk.language = 'zh-CN';
    expect((await outsider.post('/api/v1/fee-shift-closes', { communityId, counts: [] })).statusCode).toBe(404);
    const drawer = (await desk.get(`/api/v1/fee-shift-closes/drawer?communityId=${communityId}`)).json();
    expect(drawer.paymentCount).toBe(2);
  });

  it('closes once; the next close starts after it', async () => {
    const desk = crew.clients.desk;
    const res = await desk.post('/api/v1/fee-shift-closes', { communityId, counts: [{ method: 'cash', countedFen: 14950, reason: '找零多找 1 元' }, { method: 'transfer', countedFen: 5000 }] });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ paymentCount: 2, voidCount: 1, expectedFen: 20050, countedFen: 19950, differenceFen: -100, fromAt: null });
    expect(res.json().lines).toEqual([
      { method: 'cash', expectedFen: 15050, countedFen: 14950, differenceFen: -100, reason: '找零多找 1 元' },
      { method: 'transfer', expectedFen: 5000, countedFen: 5000, differenceFen: 0, reason: null },
    ]);
    expect((await desk.post('/api/v1/fee-shift-closes', { communityId, counts: [] })).statusCode).toBe(409);
    const drawer = (await desk.get(`/api/v1/fee-shift-closes/drawer?communityId=${communityId}`)).json();
    expect(drawer).toMatchObject({ since: res.json().closedAt, paymentCount: 0, voidCount: 0, expected: [] });
  });

  it('shows the manager the daily close of the community, and exports it', async () => {
    const list = await crew.clients.manager.get(`/api/v1/fee-shift-closes?communityId=${communityId}`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().total).toBe(1);
    expect(list.json().days).toHaveLength(1);
    expect(list.json().days[0]).toMatchObject({ closes: 1, expectedFen: 20050, countedFen: 19950, byMethod: [{ method: 'cash', expectedFen: 15050, countedFen: 14950 }, { method: 'transfer', expectedFen: 5000, countedFen: 5000 }] });
    expect((await outsider.get(`/api/v1/fee-shift-closes?communityId=${communityId}`)).statusCode).toBe(404);
    const xlsx = await crew.clients.manager.get(`/api/v1/fee-shift-closes/export?communityId=${communityId}`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });

  it('refuses the fee post’s handover while the drawer is open, and includes the close once it is closed', async () => {
    const post = await crew.clients.manager.post('/api/v1/duty-posts', { communityId, name: '收费岗', kind: 'fee', checklist: [{ name: '收据本', expected: 1 }] });
    expect(post.statusCode, post.body).toBe(201);
    const desk = crew.clients.desk;
    expect((await desk.post(`/api/v1/duty-posts/${post.json().id}/start-duty`)).statusCode).toBe(200);
    expect((await pay(desk, [{ method: 'cash', amountFen: 800 }, { method: 'transfer', amountFen: 500, reference: 'HB01' }])).statusCode).toBe(201);
    const hand = async () => desk.post(`/api/v1/duty-posts/${post.json().id}/handovers`, { counts: [{ key: '1', count: 1 }], signatureId: await uploadAs(desk, 'signature') });
    const refused = await hand();
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('结账');
    const close = await desk.post('/api/v1/fee-shift-closes', { communityId, counts: [{ method: 'cash', countedFen: 750, reason: '找零少收 0.5 元' }, { method: 'transfer', countedFen: 500 }] });
    expect(close.statusCode, close.body).toBe(201);
    const handed = await hand();
    expect(handed.statusCode, handed.body).toBe(201);
    const included = [
      {
        type: 'fee_shift_close',
        id: close.json().id,
        facts: {
          closedAt: close.json().closedAt,
          cashierName: close.json().cashierName,
          paymentCount: 1,
          voidCount: 0,
          expectedFen: 1300,
          countedFen: 1250,
          differenceFen: -50,
          methods: 'cash,transfer',
          'cash.expectedFen': 800,
          'cash.countedFen': 750,
          'cash.reason': '找零少收 0.5 元',
          'transfer.expectedFen': 500,
          'transfer.countedFen': 500,
          'transfer.reason': null,
        },
      },
    ];
    expect(handed.json().included).toEqual(included);
    // The manager reads it in the post's handover history.
    const history = (await crew.clients.manager.get(`/api/v1/duty-posts/${post.json().id}`)).json().history as { id: string; included: unknown }[];
    expect(history.find((h) => h.id === handed.json().id)!.included).toEqual(included);
  });
});
