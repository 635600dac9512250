import { count, eq } from 'drizzle-orm';
import { Readable } from 'node:stream';
import JSZip from 'jszip';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildOrganization } from '../../test/factories';
import { createTestApp, TEST_DB, type TestApp, type TestClient } from '../../test/test-app';
import { auditLog } from '../audit/tables';
import { residents, units } from './tables';
import { fileUpload, loginAs, readXlsx, xlsxOf, type Org } from './test-kit';

let t: TestApp;
let org: Org;
let other: Org;
let admin: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  org = await buildOrganization(t.database, { prefix: 'im', roles: ['company_admin', 'project_manager', 'service_desk', 'technician'] });
  other = await buildOrganization(t.database, { prefix: 'imx', roles: ['company_admin'] });
  admin = await loginAs(t, org, 'company_admin');
});
afterAll(() => t.close());

const upload = (c: TestClient, kind: string, mode: string, name: string, data: Buffer | string, communityId = org.community.id) => {
  const { body, headers } = fileUpload(name, data);
  return c.request('POST', `/api/v1/imports/${kind}?communityId=${communityId}&mode=${mode}`, body, headers);
};
const unitCount = async () => (await t.database.db.select({ n: count() }).from(units).where(eq(units.communityId, org.community.id)))[0]!.n;
const UNIT_HEADERS = ['楼栋', '楼层', '房号', '面积(㎡)', '用途', '状态'];

describe('import templates', () => {
  it('downloads xlsx templates with Chinese headers, for roles that may import', async () => {
    const units = await readXlsx((await admin.get('/api/v1/imports/units/template')).rawPayload);
    expect(units[0]).toEqual(UNIT_HEADERS);
    const people = await readXlsx((await admin.get('/api/v1/imports/residents/template')).rawPayload);
    expect(people[0]).toEqual(['姓名', '手机号', '证件类型', '证件号码', '车牌', '楼栋', '房号', '关系', '入住日期']);
    expect((await readXlsx((await admin.get('/api/v1/imports/buildings/template')).rawPayload))[0]).toEqual(['楼栋名称', '层数', '每层户数']);
    const desk = await loginAs(t, org, 'service_desk');
    expect((await desk.get('/api/v1/imports/units/template')).statusCode).toBe(403);
    expect((await desk.get('/api/v1/imports/residents/template')).statusCode).toBe(200);
    expect((await admin.get('/api/v1/imports/invoices/template')).statusCode).toBe(400);
  });
});

describe('import of buildings and 10,000 units', () => {
  it('imports buildings from csv (UTF-8 with BOM, or GB18030 as saved by Chinese Excel), rejecting duplicates', async () => {
    const lines = ['楼栋名称,层数,每层户数', ...Array.from({ length: 20 }, (_, i) => `A${i + 1}栋,25,20`)];
    const bad = await upload(admin, 'buildings', 'dry-run', 'b.csv', [...lines, 'A3栋,25,20', '1栋,3,2', 'A30栋,0,x'].join('\r\n'));
    expect(bad.json()).toMatchObject({ ok: false, rows: 23 });
    expect(bad.json().errors).toEqual([
      { row: 22, column: '楼栋名称', message: '与第 4 行重复' },
      { row: 23, column: '楼栋名称', message: '已被使用' },
      { row: 24, column: '层数', message: '须在 1 到 200 之间' },
      { row: 24, column: '每层户数', message: '请填写数字' },
    ]);
    const ok = await upload(admin, 'buildings', 'commit', 'b.csv', `\uFEFF${lines.join('\n')}`);
    expect(ok.json()).toEqual({ ok: true, mode: 'commit', rows: 20, created: 20, errors: [] });
    // "楼栋名称,层数,每层户数\nG1栋,3,2" encoded in GB18030.
    const gbk = Buffer.from('c2a5b6b0c3fbb3c62cb2e3cafd2cc3bfb2e3bba7cafd0a4731b6b02c332c320a', 'hex');
    expect((await upload(admin, 'buildings', 'commit', 'gbk.csv', gbk)).json()).toMatchObject({ ok: true, created: 1 });
    expect((await admin.get('/api/v1/buildings?q=G1')).json().items[0]).toMatchObject({ name: 'G1栋', floors: 3, unitsPerFloor: 2 });
  });

  it('rejects a 10,000-row file with a few bad rows precisely and writes nothing, then imports it once fixed', async () => {
    const rows: (string | number | null)[][] = [];
    for (let b = 1; b <= 20; b++) {
      for (let f = 1; f <= 25; f++) {
        for (let n = 1; n <= 20; n++) rows.push([`A${b}栋`, f, `${f}${String(n).padStart(2, '0')}`, 89.5, n === 1 ? '商铺' : '住宅', n % 3 ? '已入住' : 'vacant']);
      }
    }
    expect(rows).toHaveLength(10_000);
    const broken = rows.map((r) => [...r]);
    broken[10] = ['Z9栋', 1, '999', 80, '住宅', '空置']; // row 12: unknown building
    broken[500] = ['A2栋', 26, '2601', 80, '住宅', '空置']; // row 502: floor above the building
    broken[501] = [...broken[502]!]; // row 503: duplicates row 504
    broken[7000] = ['A15栋', 3, '399', -5, '别墅', '空房']; // row 7002: area, use, status
    const before = await unitCount();
    const file = await xlsxOf(UNIT_HEADERS, broken);

    let started = performance.now();
    const dry = await upload(admin, 'units', 'dry-run', 'units.xlsx', file);
    const dryMs = performance.now() - started;
    expect(dry.statusCode).toBe(200);
    expect(dry.json().ok).toBe(false);
    expect(dry.json().rows).toBe(10_000);
    expect(dry.json().errors).toEqual([
      { row: 12, column: '楼栋', message: '本项目没有楼栋“Z9栋”' },
      { row: 502, column: '楼层', message: '楼层须在 1 到 25 之间' },
      { row: 504, column: '房号', message: '与第 503 行重复' },
      { row: 7002, column: '面积(㎡)', message: '须大于 0' },
      { row: 7002, column: '用途', message: '无法识别“别墅”，可填：住宅/商铺/车位/储藏室' },
      { row: 7002, column: '状态', message: '无法识别“空房”，可填：已入住/空置/装修中' },
    ]);
    admin.language = 'en-US';
    const en = await upload(admin, 'units', 'commit', 'units.xlsx', file);
    admin.language = 'zh-CN';
    expect(en.json()).toMatchObject({ ok: false, created: 0 });
    expect(en.json().errors[0]).toEqual({ row: 12, column: '楼栋', message: 'This community has no building "Z9栋"' });
    expect(await unitCount()).toBe(before);

    started = performance.now();
    const fixedDry = await upload(admin, 'units', 'dry-run', 'units.xlsx', await xlsxOf(UNIT_HEADERS, rows));
    const fixedDryMs = performance.now() - started;
    expect(fixedDry.json()).toEqual({ ok: true, mode: 'dry-run', rows: 10_000, created: 0, errors: [] });
    started = performance.now();
    const commit = await upload(admin, 'units', 'commit', 'units.xlsx', await xlsxOf(UNIT_HEADERS, rows));
    const commitMs = performance.now() - started;
    expect(commit.json()).toEqual({ ok: true, mode: 'commit', rows: 10_000, created: 10_000, errors: [] });
    expect(await unitCount()).toBe(before + 10_000);
    // eslint-disable-next-line no-console
    console.log(`[${TEST_DB}] 10,000 units: dry run with errors ${dryMs.toFixed(0)} ms, clean dry run ${fixedDryMs.toFixed(0)} ms, commit ${commitMs.toFixed(0)} ms`);

    const audits = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'import'));
    expect(audits.filter((a) => a.entityType === 'unit')).toHaveLength(1);
    expect(audits.find((a) => a.entityType === 'unit')!.summary.after).toMatchObject({ rows: 10_000, created: 10_000 });
    const desk = await loginAs(t, org, 'service_desk');
    const found = (await desk.get('/api/v1/units?q=A7栋1203')).json();
    expect(found.items.map((u: { label: string; use: string; status: string }) => [u.label, u.use, u.status])).toEqual([['A7栋 1203', 'residential', 'vacant']]);
    // Importing the same file again: every row is taken.
    const again = await upload(admin, 'units', 'dry-run', 'units.xlsx', await xlsxOf(UNIT_HEADERS, rows.slice(0, 2)));
    expect(again.json().errors).toEqual([
      { row: 2, column: '房号', message: '已被使用' },
      { row: 3, column: '房号', message: '已被使用' },
    ]);
  }, 120_000);
});

describe('import of residents', () => {
  const HEADERS = ['姓名', '手机号', '证件类型', '证件号码', '车牌', '楼栋', '房号', '关系', '入住日期'];
  it('binds people to units, accepting labels and codes, and reports duplicates against file and database', async () => {
    const rows = [
      ['李雷', '13700001111', '身份证', '320102198001011234', '苏A11111，苏A22222', '1栋', '102', '业主', '2024-06-01'],
      ['李雷', '13700001111', '', '', '', '1栋', '201', 'owner', '2024/7/1'],
      ['韩梅梅', '13700002222', 'passport', 'E12345678', '', '1栋', '102', '家庭成员', ''],
    ];
    const bad = await upload(admin, 'residents', 'dry-run', 'r.xlsx', await xlsxOf(HEADERS, [
      ...rows,
      ['王五', '13700001111', '', '', '', '1栋', '202', '租户', ''],
      ['李雷', '13700001111', '', '', '', '1栋', '201', '业主', ''],
      ['赵六', org.resident.phone, '', '', '', '1栋', '301', '业主', ''],
      ['钱七', '1370000', '', '', '', '9栋', '101', '房东', '昨天'],
      ['孙八', '13700003333', '', '', '', '1栋', '999', '业主', ''],
    ]));
    expect(bad.json().errors).toEqual([
      { row: 5, column: '手机号', message: '该手机号在第 2 行对应了另一个姓名' },
      { row: 6, column: '房号', message: '与第 3 行重复' },
      { row: 7, column: '手机号', message: '已被使用' },
      { row: 8, column: '手机号', message: '请输入 11 位手机号码' },
      { row: 8, column: '楼栋', message: '本项目没有楼栋“9栋”' },
      { row: 8, column: '关系', message: '无法识别“房东”，可填：业主/家庭成员/租户' },
      { row: 8, column: '入住日期', message: '请填写日期，如 2024-06-01' },
      { row: 9, column: '房号', message: '楼栋“1栋”没有房号“999”' },
    ]);
    const csv = [HEADERS.join(','), ...rows.map((r) => r.map((c) => (c.includes(',') || c.includes('，') ? `"${c}"` : c)).join(','))].join('\n');
    const ok = await upload(admin, 'residents', 'commit', 'r.csv', csv);
    expect(ok.json()).toMatchObject({ ok: true, rows: 3, created: 2 });
    const li = (await admin.get('/api/v1/residents?q=13700001111')).json().items[0];
    expect(li.plates).toEqual(['苏A11111', '苏A22222']);
    expect(li.units.map((b: { unit: { label: string }; moveInOn: string }) => [b.unit.label, b.moveInOn]).sort()).toEqual([
      ['1栋 102', '2024-06-01'],
      ['1栋 201', '2024-07-01'],
    ]);
  });

  it('refuses without a file, with another tenant’s community, for roles without a need, and when not multipart', async () => {
    const before = (await t.database.db.select({ n: count() }).from(residents))[0]!.n;
    expect((await upload(admin, 'residents', 'commit', 'r.csv', 'x', other.community.id)).statusCode).toBe(404);
    expect((await upload(await loginAs(t, org, 'technician'), 'residents', 'commit', 'r.csv', 'x')).statusCode).toBe(403);
    expect((await upload(await loginAs(t, org, 'service_desk'), 'units', 'dry-run', 'u.csv', 'x')).statusCode).toBe(403);
    expect((await admin.post(`/api/v1/imports/units?communityId=${org.community.id}`, {})).statusCode).toBe(415);
    expect((await admin.post('/api/v1/imports/units?mode=commit', {})).json().error.fields).toEqual({ communityId: '必填' });
    const empty = await upload(admin, 'units', 'dry-run', 'u.csv', '楼栋,楼层\n');
    expect(empty.json().errors).toEqual([
      { row: 1, column: '房号', message: '缺少列“房号”' },
      { row: 1, column: '', message: '文件中没有数据行' },
    ]);
    expect((await upload(admin, 'units', 'dry-run', 'u.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).statusCode).toBe(400);
    expect((await t.database.db.select({ n: count() }).from(residents))[0]!.n).toBe(before);
  });
});

/** An xlsx file whose first sheet has `rows` rows of one inline cell, built part by part. */
async function rowBomb(rows: number, extra: Record<string, string | Readable> = {}): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>');
  zip.file('_rels/.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>');
  zip.file('xl/workbook.xml', '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>');
  zip.file('xl/_rels/workbook.xml.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>');
  const parts = ['<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'];
  for (let i = 1; i <= rows; i++) parts.push(`<row r="${i}"><c r="A${i}" t="inlineStr"><is><t>1</t></is></c></row>`);
  parts.push('</sheetData></worksheet>');
  zip.file('xl/worksheets/sheet1.xml', parts.join(''));
  for (const [name, content] of Object.entries(extra)) zip.file(name, content);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

describe('hostile files', () => {
  // The goal is /api/health under 200 ms during any import. What the test guards against is a parse
  // that holds the event loop (a million-row sheet parsed in one go blocks it for many seconds), so
  // on a shared, loaded machine the bound is what the same health checks take without an import,
  // measured just before each test, with a wide margin, and never under one second.
  let healthBoundMs = 1_000;
  beforeEach(async () => {
    const idle = await withHealthChecks(() => new Promise((r) => setTimeout(r, 1_000)));
    healthBoundMs = Math.max(1_000, idle.slowestMs * 5);
  });

  /** Runs `work` while asking /api/health every 20 ms; returns its result and the slowest health answer. */
  async function withHealthChecks<T>(work: () => Promise<T>): Promise<{ result: T; slowestMs: number; checks: number }> {
    let done = false;
    let slowestMs = 0;
    let checks = 0;
    const poll = (async () => {
      while (!done) {
        const started = performance.now();
        const res = await t.app.inject('/api/health');
        expect(res.statusCode).toBe(200);
        slowestMs = Math.max(slowestMs, performance.now() - started);
        checks++;
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const result = await work().finally(() => (done = true));
    await poll;
    return { result, slowestMs, checks };
  }

  it('refuses a million-row sheet at once, without stalling the server, and writes nothing', async () => {
    const bomb = await rowBomb(1_000_000);
    const before = await unitCount();
    const started = performance.now();
    const { result: res, slowestMs, checks } = await withHealthChecks(() => upload(admin, 'units', 'commit', 'bomb.xlsx', bomb));
    const tookMs = performance.now() - started;
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe('一次最多导入 50000 行');
    expect(tookMs).toBeLessThan(Math.max(5_000, healthBoundMs * 20));
    expect(checks).toBeGreaterThan(0);
    expect(slowestMs).toBeLessThan(healthBoundMs);
    expect(await unitCount()).toBe(before);
  }, 60_000);

  it('refuses a zip bomb (a small file that inflates past the limit) before parsing it', async () => {
    // 120 MB of one repeated byte deflates to about 120 kB; the limit is 100 MB inflated. Streamed
    // from one reused 1 MB chunk, so no large garbage is left for the collector during the checks.
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    const bomb = await rowBomb(2, { 'xl/sharedStrings.xml': Readable.from((function* () { for (let i = 0; i < 120; i++) yield chunk; })()) });
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const { result: res, slowestMs } = await withHealthChecks(() => upload(admin, 'units', 'dry-run', 'bomb.xlsx', bomb));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/文件过大或结构异常/);
    expect(slowestMs).toBeLessThan(healthBoundMs);
  }, 60_000);

  it('refuses a csv with more rows than allowed and a sheet with too many columns', async () => {
    const csv = ['楼栋,楼层,房号', ...Array.from({ length: 50_001 }, (_, i) => `1栋,1,${i}`)].join('\n');
    let res = await upload(admin, 'units', 'dry-run', 'many.csv', csv);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe('一次最多导入 50000 行');
    res = await upload(admin, 'units', 'dry-run', 'wide.xlsx', await xlsxOf(Array.from({ length: 101 }, (_, i) => `列${i}`), [['x']]));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe('表格最多 100 列，请使用下载的模板');
  }, 60_000);
});
