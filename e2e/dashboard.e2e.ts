import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage, screenshot, signIn, visible, type TestPage } from './support/browser';

const PASSWORD = 'demo12345';
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

describe('home dashboard card', () => {
  it('shows managers the last 30 days, on a desktop and on a phone; the desk does not get it', async () => {
    const desktop = await openPage(browser, baseURL);
    opened.push(desktop);
    await desktop.page.goto('/');
    await signIn(desktop.page, 'demo-admin', PASSWORD);
    const card = desktop.page.getByTestId('home-stats');
    await visible(card.getByText('近 30 天工单'));
    await visible(card.getByText('新建工单'));
    await visible(card.getByRole('link', { name: '翠湖花园' }));
    await screenshot(desktop.page, 'dashboard-01-admin-zh');
    expect(desktop.errors).toEqual([]);

    const phone = await openPage(browser, baseURL, { phone: true });
    opened.push(phone);
    await phone.page.goto('/');
    await signIn(phone.page, 'demo-manager', PASSWORD);
    await visible(phone.page.getByTestId('home-stats').getByText('当前超时'));
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1)).toBe(false);
    await screenshot(phone.page, 'dashboard-02-manager-phone-zh');

    const desk = await openPage(browser, baseURL);
    opened.push(desk);
    await desk.page.goto('/');
    await signIn(desk.page, 'demo-desk', PASSWORD);
    await visible(desk.page.getByTestId('greeting'));
    expect(await desk.page.getByTestId('home-stats').count()).toBe(0);
  });
});
