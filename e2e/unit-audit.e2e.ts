import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage, screenshot, selectOption, signIn, visible, type TestPage } from './support/browser';

const DEMO_OWNER = { name: '林晓梅', phone: '13912341202', unit: '3栋 1202' };

let browser: Browser;
const baseURL = inject('baseURL');
const opened: TestPage[] = [];
let downloads: string;

beforeAll(async () => {
  browser = await launchBrowser();
  downloads = mkdtempSync(path.join(tmpdir(), 'wuye-e2e-audit-'));
});
afterAll(async () => {
  for (const p of opened) await p.context.close();
  await browser?.close();
  rmSync(downloads, { recursive: true, force: true });
});

describe('the company admin’s unit page, audit log and export', () => {
  it('opens a unit’s 360° page from the grid, reads the audit log by name, filters it and exports it', async () => {
    const testPage = await openPage(browser, baseURL);
    opened.push(testPage);
    const { page, errors } = testPage;
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto('/login');
    await signIn(page, 'demo-admin', 'demo12345');
    await visible(page.getByTestId('greeting'));

    // Units: the search finds 3栋1202, the drawer leads to the unit's 360° page.
    await page.goto('/units');
    await visible(page.getByTestId('building-grid'));
    await page.getByTestId('unit-search').pressSequentially('3栋1202', { delay: 40 });
    await (await visible(page.locator('[data-testid="search-unit"][data-label="3栋 1202"]'))).click();
    const drawer = page.locator('.ant-drawer-section').filter({ hasText: `房屋 ${DEMO_OWNER.unit}` });
    await visible(drawer);
    await drawer.getByTestId('unit-overview-link').click();
    const overview = await visible(page.getByTestId('unit-overview'));
    await visible(overview.getByRole('heading', { name: `房屋 ${DEMO_OWNER.unit}` }));
    const residents = page.getByTestId('u360-residents');
    await visible(residents.getByText(DEMO_OWNER.name));
    await visible(residents.getByText('139****1202'));
    expect(await page.getByText(DEMO_OWNER.phone).count()).toBe(0);
    await visible(page.getByTestId('u360-open-orders'));
    await visible(page.getByTestId('u360-past-orders'));
    // The admin works the gate too: passes, slips and decorations of the unit.
    await visible(page.getByTestId('u360-passes'));
    await visible(page.getByTestId('u360-slips'));
    await visible(page.getByTestId('u360-decorations'));
    await screenshot(page, 'unit-audit-01-unit-360');

    // The full number only through the audited reveal, with a reason.
    await residents.getByRole('button', { name: '查看完整号码' }).first().click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '查看完整' });
    await visible(dialog);
    await dialog.locator('textarea, input').first().fill('业主来电要求回电，核对号码');
    await dialog.getByTestId('reveal-submit').click();
    await visible(dialog.getByText(DEMO_OWNER.phone));
    await screenshot(page, 'unit-audit-02-reveal');
    await dialog.getByRole('button', { name: /关\s?闭|close/i }).last().click();
    await dialog.waitFor({ state: 'hidden' });

    // The audit log: the reveal just made is on top, by the resident's name, in words.
    await page.goto('/audit');
    const firstRow = page.locator('.ant-table-tbody tr.ant-table-row').first();
    await visible(firstRow);
    await visible(firstRow.getByText('查看敏感信息'));
    await visible(firstRow.getByTestId('audit-entity').filter({ hasText: DEMO_OWNER.name }));
    await screenshot(page, 'unit-audit-03-audit-log');
    // Passes read by their numbers, not by pieces of their ids (other journeys may have pushed them
    // off the first page, so ask for passes).
    await page.goto('/audit?entityType=gate_pass');
    await visible(page.locator('.ant-table-tbody [data-testid="audit-entity"]').filter({ hasText: /^FK\d{8}-\d{4}$/ }));
    await page.goto('/audit');
    await visible(firstRow);

    // Filter by person and community, then by one entity from a row.
    await selectOption(page, page.getByTestId('audit-person'), '赵敏');
    await page.getByRole('button', { name: /查\s?询/ }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('actorId')).not.toBeNull();
    const actorCells = page.locator('.ant-table-tbody tr.ant-table-row td:nth-child(3)');
    await expect.poll(async () => [...new Set(await actorCells.allTextContents())], { timeout: 15_000 }).toEqual(['赵敏']);
    await page.getByRole('button', { name: /重\s?置/ }).click();
    // The demo company's first community; the shared helper clicks until the select takes it.
    const communityName = '翠湖花园';
    await selectOption(page, page.getByTestId('audit-community'), communityName);
    await page.getByRole('button', { name: /查\s?询/ }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('communityId')).not.toBeNull();
    await visible(firstRow);
    // The table keeps the previous rows while the filtered page loads: wait until it has.
    await expect.poll(() => page.locator('.ant-table .ant-spin-spinning').count(), { timeout: 15_000 }).toBe(0);
    await screenshot(page, 'unit-audit-04-audit-community');
    const entity = page.locator('.ant-table-tbody [data-testid="audit-entity"]').filter({ hasText: /^FK\d{8}-\d{4}$/ }).first();
    const entityName = ((await entity.textContent()) ?? '').trim();
    await entity.click();
    await visible(page.getByTestId('audit-entity-filter').filter({ hasText: entityName }));
    // Every row now is about that one entity.
    const entityCells = page.locator('.ant-table-tbody [data-testid="audit-entity"]');
    await expect.poll(async () => [...new Set(await entityCells.allTextContents())], { timeout: 15_000 }).toEqual([entityName]);
    expect(communityName.length).toBeGreaterThan(0);

    // Export what is on screen: the same records, the screen's columns.
    const shownTotal = Number(((await page.locator('.ant-pagination-total-text').textContent()) ?? '').replace(/\D/g, ''));
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export').click()]);
    const file = path.join(downloads, download.suggestedFilename());
    await download.saveAs(file);
    expect(download.suggestedFilename()).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, '时间', '操作人', '对象类型', '对象', '操作', '变更内容']);
    expect(sheet.rowCount - 1).toBe(shownTotal);
    expect(String(sheet.getRow(2).getCell(4).value)).toBe(entityName);
    await visible(page.getByText(/已下载 audit-log/));
    await screenshot(page, 'unit-audit-05-exported');
    expect(errors).toEqual([]);
  });
});
