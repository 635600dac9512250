import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, screenshot, signIn, visible, type TestPage } from './support/browser';

const PASSWORD = 'demo12345';
const DEMO_OWNER = { name: '林晓梅', phone: '13912341202', unit: '3栋 1202' };

let browser: Browser;
let scratch: string;
const baseURL = inject('baseURL');
const opened: TestPage[] = [];

async function open(options: { phone?: boolean } = {}): Promise<TestPage> {
  const testPage = await openPage(browser, baseURL, options);
  opened.push(testPage);
  return testPage;
}

async function signedIn(username: string, options: { phone?: boolean } = {}): Promise<TestPage> {
  const testPage = await open(options);
  await testPage.page.goto('/login');
  await signIn(testPage.page, username, PASSWORD);
  await visible(testPage.page.getByTestId('greeting'));
  return testPage;
}

/** Opens a console page through the menu, as a person would (the drawer menu on phones). */
async function openFromMenu(page: Page, label: string): Promise<void> {
  const toggle = page.getByTestId('open-menu');
  if (await toggle.isVisible()) await toggle.click();
  await page.getByRole('navigation').getByRole('menuitem', { name: label }).click();
}

async function overflowsHorizontally(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
}

/** A units import file with the template's Chinese headers. */
async function unitsFile(name: string, rows: (string | number)[][]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('房屋');
  sheet.addRow(['楼栋', '楼层', '房号', '面积(㎡)', '用途', '状态']);
  for (const row of rows) sheet.addRow(row);
  const file = path.join(scratch, name);
  await workbook.xlsx.writeFile(file);
  return file;
}

/** Rows of the import error table as [row, column, message]. */
async function problemRows(page: Page): Promise<string[][]> {
  return page
    .getByTestId('import-errors')
    .locator('tbody tr.ant-table-row')
    .evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent?.trim() ?? '')));
}

beforeAll(async () => {
  browser = await launchBrowser();
  scratch = mkdtempSync(path.join(tmpdir(), 'wuye-registry-e2e-'));
});

afterAll(async () => {
  for (const { context } of opened) await context.close();
  await browser?.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe('registry pages', () => {
  it('desk finds 3栋1202 by number and by phone ending, opens a building grid and reveals a phone with a reason', async () => {
    const { page, errors } = await signedIn('demo-desk');
    await openFromMenu(page, '房屋');
    await visible(page.getByTestId('building-grid'));

    // "3栋1202": the unit comes up while typing, no Enter needed.
    const search = page.getByTestId('unit-search');
    await search.pressSequentially('3栋1202', { delay: 40 });
    const unitHit = page.locator('[data-testid="search-unit"][data-label="3栋 1202"]');
    await visible(unitHit);
    await screenshot(page, 'registry-01-search-number');
    await unitHit.click();
    const drawer = page.locator('.ant-drawer-section').filter({ hasText: `房屋 ${DEMO_OWNER.unit}` });
    await visible(drawer);
    await visible(drawer.locator(`[data-testid="unit-resident"][data-name="${DEMO_OWNER.name}"]`));
    await visible(drawer.getByText('139****1202'));
    expect(await drawer.getByText(DEMO_OWNER.phone).count()).toBe(0);
    expect(await page.locator('[data-testid="grid-unit"][aria-pressed="true"]').getAttribute('data-number')).toBe('1202');
    await screenshot(page, 'registry-02-unit-drawer');
    await drawer.locator('.ant-drawer-close').click();
    await drawer.waitFor({ state: 'hidden' });

    // The owner's phone ending finds her among the residents.
    await search.fill('');
    await search.pressSequentially(DEMO_OWNER.phone.slice(-4), { delay: 40 });
    const residentHit = page.locator(`[data-testid="search-resident"][data-name="${DEMO_OWNER.name}"]`);
    await visible(residentHit);
    expect(await residentHit.textContent()).toContain('139****1202');
    await screenshot(page, 'registry-03-search-phone');
    await residentHit.click();
    const residentDrawer = page.locator('.ant-drawer-section').filter({ hasText: `房屋 ${DEMO_OWNER.unit}` });
    await visible(residentDrawer);
    await residentDrawer.locator('.ant-drawer-close').click();
    await residentDrawer.waitFor({ state: 'hidden' });

    // Another building's grid: top floor first, every unit coloured by status, counts in the legend.
    await page.getByTestId('building-picker').getByText('5栋', { exact: true }).click();
    await visible(page.getByTestId('building-grid').filter({ hasText: '5栋' }));
    const floors = await page.getByTestId('grid-floor').evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-floor'))));
    expect(floors[0]).toBe(14);
    expect(floors.at(-1)).toBe(1);
    expect(await page.getByTestId('grid-unit').count()).toBe(56);
    const legend = await page.getByTestId('grid-legend').textContent();
    expect(legend).toMatch(/已入住\s*\d+/);
    expect(legend).toMatch(/空置\s*\d+/);
    expect(legend).toContain('共 56 户');
    await screenshot(page, 'registry-04-grid');

    // The resident's page: masked until revealed with a reason, which the audit log keeps.
    await page.getByTestId('unit-search').pressSequentially('3栋1202', { delay: 40 });
    await page.locator('[data-testid="search-unit"][data-label="3栋 1202"]').click();
    await page.locator('.ant-drawer-section').getByRole('link', { name: DEMO_OWNER.name }).click();
    await visible(page.getByTestId('resident-name').filter({ hasText: DEMO_OWNER.name }));
    expect(await page.getByTestId('resident-phone').textContent()).toBe('139****1202');
    await page.getByTestId('reveal-phone').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('reveal-submit').click();
    await visible(dialog.getByText('请填写查看原因'));
    await dialog.getByLabel('查看原因').fill('回访报修结果，需电话联系业主');
    await dialog.getByTestId('reveal-submit').click();
    const revealed = dialog.getByTestId('reveal-result');
    await visible(revealed);
    expect(await revealed.textContent()).toContain(DEMO_OWNER.phone);
    expect(await revealed.textContent()).toContain('已记入审计日志');
    await screenshot(page, 'registry-05-reveal');
    await dialog.getByRole('button', { name: '关闭' }).click();
    expect(await page.getByTestId('resident-phone').textContent()).toBe('139****1202');

    // Registering a resident with a phone already on file: the message lands on the phone input.
    await page.goto('/residents');
    await visible(page.getByTestId('resident-link'));
    await page.getByTestId('residents-search').fill('林晓');
    await visible(page.getByTestId('resident-link').filter({ hasText: DEMO_OWNER.name }));
    await screenshot(page, 'registry-06-residents-list');
    await page.getByRole('button', { name: '登记住户' }).click();
    await page.getByLabel('姓名').fill('测试重复号码');
    await page.getByLabel('手机号').fill(DEMO_OWNER.phone);
    await page.getByTestId('unit-picker').click();
    await page.keyboard.type('3栋1203');
    await page.locator('.ant-select-item-option').filter({ hasText: '3栋 1203' }).first().click();
    await page.getByTestId('resident-save').click();
    const phoneItem = page.locator('.ant-form-item').filter({ has: page.getByLabel('手机号') });
    await visible(phoneItem.locator('.ant-form-item-explain-error'));
    await screenshot(page, 'registry-07-resident-field-error');

    expect(errors).toEqual([]);
  });

  it('desk on a 390px phone finds a unit and sees the grid without sideways scrolling', async () => {
    const { page, errors } = await signedIn('demo-desk', { phone: true });
    await openFromMenu(page, '房屋');
    await visible(page.getByTestId('building-grid'));
    await page.getByTestId('unit-search').pressSequentially('3栋12', { delay: 40 });
    await visible(page.locator('[data-testid="search-unit"][data-label="3栋 1202"]'));
    await screenshot(page, 'registry-08-phone-search');
    await page.locator('[data-testid="search-unit"][data-label="3栋 1202"]').click();
    await visible(page.locator('.ant-drawer-section').filter({ hasText: DEMO_OWNER.name }));
    await screenshot(page, 'registry-09-phone-drawer');
    await page.locator('.ant-drawer-section').filter({ hasText: DEMO_OWNER.name }).locator('.ant-drawer-close').click();
    await page.locator('.ant-drawer-section').filter({ hasText: DEMO_OWNER.name }).waitFor({ state: 'hidden' });
    expect(await overflowsHorizontally(page)).toBe(false);
    await screenshot(page, 'registry-10-phone-grid');
    expect(errors).toEqual([]);
  });

  it('admin imports units: precise errors, nothing written, fixed file commits, new units in the grid; staff and export', async () => {
    const { page, errors } = await signedIn('demo-admin');
    await openFromMenu(page, '导入');
    await visible(page.getByTestId('import-kind').getByText('房屋'));
    await page.getByTestId('import-kind').getByText('房屋').click();

    const bad = await unitsFile('units-bad.xlsx', [
      ['6栋', 14, '1405', 118.2, '住宅', '空置'],
      ['6栋', 13, '1305', 118.2, '住宅', '装修中'],
      ['6栋', 20, '2005', 118.2, '住宅', '空置'],
      ['9栋', 3, '0305', 118.2, '住宅', '空置'],
    ]);
    await page.locator('input[type=file]').setInputFiles(bad);
    await visible(page.getByTestId('import-problems'));
    const problems = await problemRows(page);
    expect(problems).toHaveLength(2);
    expect(problems[0]?.slice(0, 2)).toEqual(['4', '楼层']);
    expect(problems[0]?.[2]).toContain('14');
    expect(problems[1]?.slice(0, 2)).toEqual(['5', '楼栋']);
    expect(problems[1]?.[2]).toContain('9栋');
    expect(await page.getByTestId('import-commit').count()).toBe(0);
    await screenshot(page, 'registry-11-import-errors');

    // Nothing was written: 6栋 still has no 1405.
    const units = await page.evaluate(async () => {
      const r = await fetch('/api/v1/units?q=' + encodeURIComponent('6栋1405'));
      return ((await r.json()) as { total: number }).total;
    });
    expect(units).toBe(0);

    const fixed = await unitsFile('units-fixed.xlsx', [
      ['6栋', 14, '1405', 118.2, '住宅', '空置'],
      ['6栋', 13, '1305', 118.2, '住宅', '装修中'],
      ['6栋', 12, '1205', 118.2, '住宅', '空置'],
      ['6栋', 11, '1105', 118.2, '住宅', '已入住'],
    ]);
    await page.locator('input[type=file]').setInputFiles(fixed);
    await visible(page.getByTestId('import-ok').filter({ hasText: '4 行可导入' }));
    await screenshot(page, 'registry-12-import-ok');
    await page.getByTestId('import-commit').click();
    await visible(page.getByTestId('import-committed'));
    await screenshot(page, 'registry-13-import-done');

    await page.getByRole('button', { name: '查看房屋' }).click();
    await page.getByTestId('building-picker').getByText('6栋', { exact: true }).click();
    await visible(page.getByTestId('building-grid').filter({ hasText: '6栋' }));
    for (const number of ['1405', '1305', '1205', '1105']) {
      await visible(page.locator(`[data-testid="grid-unit"][data-number="${number}"]`));
    }
    expect(await page.locator('[data-testid="grid-unit"][data-number="1305"]').getAttribute('data-status')).toBe('decorating');
    expect(await page.getByTestId('grid-unit').count()).toBe(60);
    await screenshot(page, 'registry-14-grid-after-import');

    // Staff: the new hire is still in pre-job training, with the days left.
    await openFromMenu(page, '员工');
    const hire = page.locator('[data-testid="staff-row"][data-name="郭子涵"]');
    await visible(hire);
    const row = page.locator('tr.ant-table-row').filter({ has: hire });
    expect(await row.locator('[data-training]').getAttribute('data-training')).toBe('in-training');
    expect(await row.locator('[data-training]').textContent()).toMatch(/岗前培训中 · 还需 \d+ 天/);
    await screenshot(page, 'registry-15-staff');

    // Export downloads an xlsx with the same people.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-staff').click()]);
    expect(download.suggestedFilename()).toMatch(/^staff-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const saved = path.join(scratch, download.suggestedFilename());
    await download.saveAs(saved);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(saved);
    const cells = workbook.worksheets[0]?.getColumn(1).values.map(String) ?? [];
    expect(cells).toContain('郭子涵');

    await hire.getByRole('link').click();
    await visible(page.getByTestId('training-alert'));
    expect(await page.getByTestId('complete-training').count()).toBe(1);
    await screenshot(page, 'registry-16-staff-detail');

    // Community: desk hours with a lunch break, edited by the admin.
    await openFromMenu(page, '项目');
    await page.getByRole('link', { name: '翠湖花园' }).click();
    await visible(page.getByTestId('desk-hours').getByText('08:00–12:00、13:00–17:00').first());
    await screenshot(page, 'registry-17-community');
    await page.getByTestId('community-edit').click();
    const saturday = page.getByTestId('desk-hours-editor').locator('> div').nth(5);
    await saturday.getByRole('button', { name: '添加时段' }).click();
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'registry-18-community-edit');
    await page.getByTestId('community-save').click();
    await visible(page.getByText('已保存“翠湖花园”'));
    await visible(page.getByTestId('desk-hours').getByText('08:00–12:00', { exact: true }));

    expect(errors).toEqual([]);
  });
});
