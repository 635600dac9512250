import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage, rawCodes, screenshot, selectOption, signIn, visible, type TestPage } from './support/browser';

let browser: Browser;
const baseURL = inject('baseURL');
const opened: TestPage[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const { context } of opened) await context.close();
  await browser?.close();
});

// Days from today in the product's home zone (the server counts days left there).
const inDays = (n: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + n * 86_400_000));

describe('training and certificates', () => {
  it('the project manager records an electrician certificate that expires soon and sees it flagged, then adds a course', async () => {
    const testPage = await openPage(browser, baseURL);
    opened.push(testPage);
    const { page } = testPage;
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto('/login');
    await signIn(page, 'demo-manager', 'demo12345');
    await visible(page.getByTestId('user-menu'));
    await page.goto('/training');
    await visible(page.getByTestId('certificate-table'));

    await page.getByTestId('certificate-new').click();
    const dialog = page.getByRole('dialog');
    await selectOption(page, dialog.getByTestId('certificate-staff'), '张强');
    await dialog.getByTestId('certificate-number').fill('E-2024-0315');
    await dialog.getByPlaceholder(/日期/).first().fill(inDays(-700));
    await dialog.getByPlaceholder(/日期/).first().press('Enter');
    await dialog.getByPlaceholder(/日期/).nth(1).fill(inDays(20));
    await dialog.getByPlaceholder(/日期/).nth(1).press('Enter');
    await screenshot(page, 'training-certificate-form');
    await page.getByTestId('certificate-save').click();
    const row = page.getByTestId('certificate-table').locator('tr', { hasText: 'E-2024-0315' });
    await visible(row);
    await expect.poll(() => row.textContent()).toContain('即将到期');
    expect(await row.textContent()).toContain('剩 20 天');
    await screenshot(page, 'training-certificates');

    await page.getByRole('tab', { name: '培训课程' }).click();
    await page.getByTestId('course-new').click();
    await page.getByTestId('course-name').fill('岗前培训·维修技工');
    await selectOption(page, page.getByTestId('course-positions'), '维修');
    // A multiple select keeps its list open: clicking the name field closes it (Escape would close the dialog).
    await page.getByTestId('course-name').click();
    await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
    await page.getByTestId('course-save').click();
    await visible(page.locator('tr', { hasText: '岗前培训·维修技工' }));
    await screenshot(page, 'training-courses');
    expect(await rawCodes(page)).toEqual([]);
  });
});
