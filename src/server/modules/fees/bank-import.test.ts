import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganization, TEST_PASSWORD } from '../../test/factories';
import { createTestApp, type TestApp, type TestClient } from '../../test/test-app';
import { localDateIn } from '../../work/numbering';
import { fileUpload, readXlsx, xlsxOf } from '../registry/test-kit';
import { buildCrew, type Crew } from '../work-orders/test-kit';
import { parseBankAmount, parseBankDate, unitSpellings } from './bank-statement';
import { expectBalancesAreSums } from './test-kit';

// API tests of the bank-statement import (issue #15 item 5), on PGlite and PostgreSQL (WUYE_TEST_DB=postgres).

let t: TestApp;
let crew: Crew;
let outsider: TestClient;
let communityId: string;
const acct: Record<string, string> = {};
const today = () => localDateIn('Asia/Shanghai', new Date());

type Row = { row: number; status: string; reason: string | null; reasonText: string | null; accountLabel: string | null; amountFen: number | null; receiptNo: string | null };

async function upload(client: TestClient, mode: 'dry-run' | 'commit', name: string, data: Buffer | string) {
  const { body, headers } = fileUpload(name, data);
  return client.request('POST', `/api/v1/fee-bank-statements?communityId=${communityId}&mode=${mode}`, body, headers);
}
const balance = async (label: string) => (await crew.clients.desk.get(`/api/v1/fee-accounts/${acct[label]}`)).json().balanceFen as number;
const lines = async (status?: string) => (await crew.clients.desk.get(`/api/v1/fee-bank-lines?communityId=${communityId}${status ? `&status=${status}` : ''}`)).json();

// Two title lines above the header, as banks export; amounts in yuan with separators.
const STATEMENT = [
  '账号:6222****1234,,,,,,',
  '查询期间:2026-11-01至2026-11-30,,,,,,',
  '交易时间,交易流水号,收入金额,支出金额,对方户名,摘要,附言',
  '2026-11-02 09:12:00,T001,"300.00",,张三,转账,1栋101物业费',
  '2026/11/03,T002,150.00,,李四,跨行转账,1#102',
  '2026-11-03,T003,50.00,,王五,转账,物业费',
  '2026-11-04,T004,"1,200.00",,赵六,转账,1-201',
  '2026-11-04,T005,,88.00,物业公司,代发,工资',
  '2026-11-05,T006,10.00,,钱七,转账,1栋101 1栋102',
  '合计,,"1,710.00",88.00,,,',
].join('\n');

beforeAll(async () => {
  t = await createTestApp();
  crew = await buildCrew(t, 'bank');
  communityId = crew.org.community.id;
  const m = crew.clients.manager;
  const item = await m.post('/api/v1/fee-items', { communityId, name: '维修费', cycle: null, rounding: 'half_up', effectiveFrom: today(), pricing: { kind: 'one_off', amountFen: 10000 } });
  expect(item.statusCode, item.body).toBe(201);
  const units = (await crew.clients.admin.get(`/api/v1/units?buildingId=${crew.org.building.id}&pageSize=50`)).json().items as { id: string; number: string }[];
  for (const [number, amountFen] of [['101', 30000], ['102', 20000], ['201', 10000]] as const) {
    const id = (await m.get(`/api/v1/units/${units.find((u) => u.number === number)!.id}/fee-account`)).json().id as string;
    acct[number] = id;
    const res = await m.post(`/api/v1/fee-accounts/${id}/entries`, { kind: 'charge', itemId: item.json().id, amountFen });
    expect(res.statusCode, res.body).toBe(201);
  }
  const other = await buildOrganization(t.database, { prefix: 'bankx', roles: ['service_desk', 'project_manager'] });
  outsider = await t.client().login(other.users.project_manager!, TEST_PASSWORD);
});
afterAll(() => t.close());
// Every write keeps each account's running balance equal to the sum of its entries.
afterEach(() => expectBalancesAreSums(t.database));

describe('reading a statement', () => {
  it('reads the dates and amounts banks print, and the ways owners write a unit', () => {
    expect(['2026-11-02 09:12:00', '2026/1/3', '2026.01.03', '20260103', '2026年1月3日', '合计', '2026-02-30'].map(parseBankDate)).toEqual(['2026-11-02', '2026-01-03', '2026-01-03', '2026-01-03', '2026-01-03', null, null]);
    expect(['1,200.00', '¥300', '+0.5', '-20.10', 'CNY 5', 'abc', '1.234'].map(parseBankAmount)).toEqual([120000, 30000, 50, -2010, 500, null, null]);
    expect(unitSpellings('1栋 101')).toEqual(expect.arrayContaining(['1栋101', '1栋 101', '1#101', '1号楼101', '1-101']));
    expect(unitSpellings('A座 1202')).toEqual(['a座1202', 'a座 1202', 'a座-1202']);
  });
});

describe('the column mapping', () => {
  it('offers common headers until a manager saves the bank’s own, field by field', async () => {
    expect((await crew.clients.desk.get(`/api/v1/communities/${communityId}/fee-bank-mapping`)).json()).toMatchObject({ saved: false, dateColumn: '交易日期', amountColumn: '贷方发生额' });
    const mapping = { dateColumn: '交易时间', amountColumn: '收入金额', counterpartyColumn: '对方户名', referenceColumns: ['摘要', '附言'], transactionIdColumn: '交易流水号' };
    expect((await crew.clients.desk.put(`/api/v1/communities/${communityId}/fee-bank-mapping`, mapping)).statusCode).toBe(403);
    expect((await outsider.put(`/api/v1/communities/${communityId}/fee-bank-mapping`, mapping)).statusCode).toBe(404);
    expect((await outsider.get(`/api/v1/communities/${communityId}/fee-bank-mapping`)).statusCode).toBe(404);
    const bad = await crew.clients.manager.put(`/api/v1/communities/${communityId}/fee-bank-mapping`, { ...mapping, referenceColumns: [] });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields)).toEqual(['referenceColumns']);
    const saved = await crew.clients.manager.put(`/api/v1/communities/${communityId}/fee-bank-mapping`, mapping);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ ...mapping, saved: true });
  });
});

describe('importing a statement', () => {
  it('previews the matches with the reason for every other row, and writes nothing', async () => {
    const res = await upload(crew.clients.desk, 'dry-run', 'nov.csv', STATEMENT);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ ok: true, mode: 'dry-run', matched: 2, matchedFen: 45000, unmatched: 3, skipped: 2, posted: 0, errors: [] });
    expect(body.headers).toContain('附言');
    expect(body.rows.map((r: Row) => [r.row, r.status, r.reason, r.accountLabel])).toEqual([
      [4, 'matched', null, '1栋 101'],
      [5, 'matched', null, '1栋 102'],
      [6, 'unmatched', 'no_unit', null],
      [7, 'unmatched', 'amount_above_due', '1栋 201'],
      [8, 'skipped', 'not_credit', null],
      [9, 'unmatched', 'several_units', null],
      [10, 'skipped', 'not_transaction', null],
    ]);
    expect(body.rows[3].reasonText).toContain('100.00');
    expect(await balance('101')).toBe(30000);
    expect((await lines()).total).toBe(0);
  });

  it('posts the matched lines as transfer payments in one go, keeps the rest for the desk, and posts nothing the second time', async () => {
    expect((await upload(crew.clients.guard, 'commit', 'nov.csv', STATEMENT)).statusCode).toBe(404);
    expect((await upload(outsider, 'commit', 'nov.csv', STATEMENT)).statusCode).toBe(404);
    const res = await upload(crew.clients.desk, 'commit', 'nov.csv', STATEMENT);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ ok: true, mode: 'commit', matched: 2, posted: 2 });
    const posted = res.json().rows.filter((r: Row) => r.status === 'matched');
    expect(posted).toHaveLength(2);
    expect(posted.every((r: Row) => /^SK\d{4}-\d{6}$/.test(r.receiptNo ?? ''))).toBe(true);
    expect(posted).toHaveLength(2);
    expect(await balance('101')).toBe(0);
    expect(await balance('102')).toBe(5000);
    const receipts = (await crew.clients.desk.get(`/api/v1/fee-payments?accountId=${acct['101']}`)).json().items;
    expect(receipts.map((p: { lines: { method: string; reference: string }[]; payerName: string }) => [p.lines[0]!.method, p.lines[0]!.reference, p.payerName])).toEqual([['transfer', 'T001', '张三']]);
    const open = await lines('open');
    expect(open.items.map((l: { reason: string; amountFen: number }) => [l.reason, l.amountFen]).sort()).toEqual([['amount_above_due', 120000], ['no_unit', 5000], ['several_units', 1000]]);
    expect((await lines('posted')).total).toBe(2);

    const again = await upload(crew.clients.desk, 'commit', 'nov-again.csv', STATEMENT);
    expect(again.json()).toMatchObject({ ok: true, matched: 0, unmatched: 0, posted: 0 });
    expect(again.json().rows.filter((r: Row) => r.reason === 'already_imported')).toHaveLength(5);
    expect(await balance('102')).toBe(5000);
    expect((await lines()).total).toBe(5);
  });

  it('reads an xlsx export, and refuses a file with an unreadable row or without the mapped columns, writing nothing', async () => {
    const xlsx = await xlsxOf(['交易时间', '交易流水号', '收入金额', '对方户名', '摘要', '附言'], [
      ['2026-11-06', 'T101', 20, '李四', '转账', '1栋 102'],
      ['2026-11-06', 'T102', 'abc', '某人', '转账', '1栋101'],
    ]);
    const bad = await upload(crew.clients.desk, 'commit', 'bad.xlsx', xlsx);
    expect(bad.statusCode).toBe(200);
    expect(bad.json()).toMatchObject({ ok: false, posted: 0, errors: [{ row: 3, column: '收入金额', message: '无法识别金额' }] });
    expect(await balance('102')).toBe(5000);
    const good = await upload(crew.clients.desk, 'dry-run', 'ok.xlsx', await xlsxOf(['交易时间', '交易流水号', '收入金额', '对方户名', '摘要', '附言'], [['2026-11-06', 'T101', 20, '李四', '转账', '1栋 102']]));
    expect(good.json()).toMatchObject({ ok: true, matched: 1, matchedFen: 2000 });
    crew.clients.desk.language = 'en-US';
    const other = await upload(crew.clients.desk, 'commit', 'other.csv', '日期,金额,备注\n2026-11-06,20.00,1栋102');
    crew.clients.desk.language = 'zh-CN';
    expect(other.json().ok).toBe(false);
    expect(other.json().errors[0].message).toContain('Column "交易时间"');
    expect((await lines()).total).toBe(5);
  });

  it('lets the desk assign an open line to the right account, or set it aside with a reason', async () => {
    const open = (await lines('open')).items as { id: string; reason: string }[];
    const noUnit = open.find((l) => l.reason === 'no_unit')!;
    const several = open.find((l) => l.reason === 'several_units')!;
    expect((await outsider.post(`/api/v1/fee-bank-lines/${noUnit.id}/assign`, { accountId: acct['201'] })).statusCode).toBe(404);
    const wrong = await crew.clients.desk.post(`/api/v1/fee-bank-lines/${noUnit.id}/assign`, { accountId: crypto.randomUUID() });
    expect(wrong.statusCode).toBe(400);
    expect(Object.keys(wrong.json().error.fields)).toEqual(['accountId']);
    const assigned = await crew.clients.desk.post(`/api/v1/fee-bank-lines/${noUnit.id}/assign`, { accountId: acct['201'] });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json()).toMatchObject({ status: 'assigned', accountLabel: '1栋 201', amountFen: 5000 });
    expect(assigned.json().receiptNo).toMatch(/^SK/);
    expect(await balance('201')).toBe(5000);
    expect((await crew.clients.desk.post(`/api/v1/fee-bank-lines/${noUnit.id}/assign`, { accountId: acct['201'] })).statusCode).toBe(409);
    const noNote = await crew.clients.desk.post(`/api/v1/fee-bank-lines/${several.id}/dismiss`, {});
    expect(Object.keys(noNote.json().error.fields)).toEqual(['note']);
    const dismissed = await crew.clients.desk.post(`/api/v1/fee-bank-lines/${several.id}/dismiss`, { note: '业主来电说明为误转，已退回' });
    expect(dismissed.json()).toMatchObject({ status: 'dismissed', note: '业主来电说明为误转，已退回', receiptNo: null });
    expect((await lines('open')).total).toBe(1);
  });

  it('exports the lines with the list’s filters, in the caller’s language', async () => {
    const url = (extra = '') => `/api/v1/fee-bank-lines/export?communityId=${communityId}${extra}`;
    const all = await crew.clients.desk.get(url());
    expect(all.statusCode, all.body).toBe(200);
    const [head, ...rows] = await readXlsx(all.rawPayload);
    expect(head!.slice(0, 8)).toEqual(['交易日期', '金额(元)', '付款人', '摘要/附言', '状态', '入账房屋', '收据号', '未匹配原因']);
    expect(rows).toHaveLength((await lines()).total);
    const assigned = rows.find((r) => r[4] === '已指定账户')!;
    expect(assigned[5]).toBe('1栋 201');
    expect(assigned[6]).toMatch(/^SK/);
    expect(rows.find((r) => r[4] === '已忽略')![8]).toBe('业主来电说明为误转，已退回');
    const open = await readXlsx((await crew.clients.desk.get(url('&status=open'), { 'accept-language': 'en-US' })).rawPayload);
    expect(open[0]![4]).toBe('Status');
    expect(open.slice(1).map((r) => r[4])).toEqual(['To do']);
    expect(open[1]![7]).toBeTruthy();
    expect((await outsider.get(url())).statusCode).toBe(404);
  });

  it('writes nothing when a payment is refused (closed books): no line, no receipt', async () => {
    const closed = await crew.clients.manager.post('/api/v1/fee-periods/close', { communityId, through: today() });
    expect(closed.statusCode, closed.body).toBe(200);
    const res = await upload(crew.clients.desk, 'commit', 'dec.csv', '交易时间,交易流水号,收入金额,对方户名,摘要,附言\n2026-12-01,T900,10.00,李四,转账,1栋102\n2026-12-01,T901,10.00,某人,转账,无房号');
    expect(res.statusCode).toBe(409);
    expect((await lines()).total).toBe(5);
    expect(await balance('102')).toBe(5000);
  });
});
