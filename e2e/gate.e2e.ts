import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage, rawCodes, screenshot, signIn, visible, type TestPage } from './support/browser';

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

// The guard's side of the gate (the post, passes, slips, the camera) is walked in day-guard.e2e.ts.
describe('the gate records at the service desk', () => {
  it('lets the desk read the logs and register a temporary decoration worker', async () => {
    const testPage = await openPage(browser, baseURL);
    opened.push(testPage);
    const { page, errors } = testPage;
    await page.goto('/login');
    await signIn(page, 'demo-desk', PASSWORD);
    await visible(page.getByTestId('greeting'));
    await page.goto('/gate-records');
    await visible(page.getByRole('cell', { name: '陈晓东' }));
    await visible(page.getByText('已过期').first());
    expect(await rawCodes(page)).toEqual([]);
    await screenshot(page, 'gate-07-visitor-log-desktop-zh');
    await page.getByRole('tab', { name: '装修登记' }).click();
    await visible(page.getByText('匠心装饰工程有限公司 · 赵立新'));
    await page.getByRole('button', { name: '登记施工人员' }).first().click();
    const drawer = page.locator('.ant-drawer:visible');
    await drawer.getByLabel('姓名').fill('吴小刚');
    await drawer.getByText('临时工人（本次有效）').click();
    await drawer.getByLabel('核验方式').fill('核对身份证');
    await screenshot(page, 'gate-08-worker-desktop-zh');
    await drawer.getByRole('button', { name: /^提\s?交$/ }).click();
    await visible(page.getByText(/已发放通行证，通行码 [2-9A-Z]{6}/));
    await visible(page.getByRole('cell', { name: /吴小刚/ }));

    // The registration runs on the decoration standard: its view shows the state and the timeline.
    await page.getByRole('button', { name: '详情' }).first().click();
    const view = page.getByTestId('decoration-view');
    await visible(view.getByTestId('decoration-state').getByText('施工中'));
    const timeline = view.getByTestId('decoration-timeline');
    await visible(timeline.getByText('审批通过 → 已批准待开工'));
    await visible(timeline.getByText('开工 → 施工中'));
    await visible(timeline.getByText('业主与装修公司已签署装修管理规定：是'));
    await screenshot(page, 'gate-09-decoration-view-desktop-zh');
    expect(errors).toEqual([]);
  });
});
