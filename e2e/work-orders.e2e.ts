// Work orders outside any role's working day: the order page and the board in English. The
// working days themselves (Chinese, at each role's viewport) are e2e/day-*.e2e.ts.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { chooseLanguage, launchBrowser, screenshot, visible } from './support/browser';
import { Pages } from './support/day';

let browser: Browser;
const baseURL = inject('baseURL');
const pages = new Pages(() => browser, baseURL);

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await pages.close();
  await browser?.close();
});

describe('work orders', () => {
  it('shows the order page and the board in English too', async () => {
    const manager = await pages.as('demo-manager');
    await chooseLanguage(manager.page, 'English');
    await manager.page.goto('/work-orders/board');
    await visible(manager.page.getByText('To dispatch / to accept'));
    await screenshot(manager.page, 'work-orders-01-board-en');
    await manager.page.goto('/work-orders?kind=repair');
    await visible(manager.page.getByText('Work orders').first());
    const first = manager.page.locator('a[href^="/work-orders/"]').filter({ hasText: /^BX/ }).first();
    await first.click();
    await visible(manager.page.getByTestId('order-page'));
    await visible(manager.page.getByText('History'));
    await screenshot(manager.page, 'work-orders-02-order-en');
    // Leave the account in Chinese for the other browser tests of this run.
    await chooseLanguage(manager.page, '中文');
    await visible(manager.page.getByText('处理过程'));
    expect(manager.errors).toEqual([]);
  });
});
