import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage, rawCodes, screenshot, signIn, visible, type TestPage } from './support/browser';

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

describe('appraisal and improvement', () => {
  it('the project manager reads the month, approves the inspector’s penalty and opens an improvement measure with its effect', async () => {
    const testPage = await openPage(browser, baseURL);
    opened.push(testPage);
    const { page } = testPage;
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto('/login');
    await signIn(page, 'demo-manager', 'demo12345');
    await visible(page.getByTestId('user-menu'));
    await page.goto('/appraisal');
    await visible(page.getByTestId('appraisal-table').locator('tbody tr').first());
    await screenshot(page, 'appraisal-month');

    await page.getByTestId('tab-incentives').click();
    const penalty = page.getByTestId('incentive-table').locator('tr', { hasText: '夜班岗亭内使用手机' });
    await visible(penalty);
    await penalty.click();
    const drawer = page.getByTestId('incentive-detail');
    await visible(drawer.getByTestId('incentive-action-decide'));
    await drawer.getByTestId('incentive-action-decide').click();
    await page.getByTestId('record-approved').getByText('是').click();
    await screenshot(page, 'appraisal-approve');
    await page.getByTestId('step-submit').click();
    await expect.poll(() => drawer.textContent()).toContain('已批准');
    await screenshot(page, 'appraisal-approved');
    await page.locator('.ant-drawer-close').click();
    await page.locator('.ant-drawer-mask').waitFor({ state: 'hidden' });

    await page.getByTestId('tab-measures').click();
    const measure = page.getByTestId('measure-table').locator('tr', { hasText: '门岗反复出现的不合格项专项整改' });
    await visible(measure);
    await measure.click();
    await visible(page.getByTestId('measure-effect').locator('svg'));
    expect(await page.getByTestId('measure-effect').textContent()).toContain('改进前');
    await screenshot(page, 'appraisal-measure');
    expect(await rawCodes(page)).toEqual([]);
  });
});
