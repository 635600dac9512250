import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, screenshot, selectOption, signIn, visible, type TestPage, acceptPrivacyIfAsked } from './support/browser';

// The owner's side of fees in the browser (issue #15): the manager publishes a quarterly
// disclosure; an owner reads it on a 360×640 phone and finds a receipt of theirs with their bills.
// The demo owner's home is a quarter behind and reminders are on in the demo, so the reminder
// job's first run at start-up has put a reminder in their inbox.

const PASSWORD = 'demo12345';
const OWNER_PHONE = '13912341202';
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

/** A JSON API call made with the page's session (console: /auth/me; portal: /portal/me for the CSRF token). */
async function api<T>(page: Page, method: string, path: string, body?: unknown, mePath = '/api/v1/auth/me'): Promise<T> {
  return page.evaluate(
    async ({ method, path, body, mePath }) => {
      const me = (await (await fetch(mePath)).json()) as { csrfToken: string };
      const res = await fetch(path, { method, headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
    { method, path, body, mePath },
  ) as Promise<T>;
}

/** The last quarter that has ended, as `2026-Q3`, and its first month. */
function lastQuarter(): { label: string; firstMonth: string } {
  const now = new Date();
  let q = Math.floor(now.getMonth() / 3);
  let y = now.getFullYear();
  if (q === 0) {
    q = 4;
    y -= 1;
  }
  return { label: `${y}-Q${q}`, firstMonth: `${y}-${String((q - 1) * 3 + 1).padStart(2, '0')}` };
}

describe('the owner’s side of fees', () => {
  it('publishes a quarterly disclosure that an owner reads on the phone next to their receipt', async () => {
    const quarter = lastQuarter();
    // The owner signs in on a small phone.
    const owner = await openPage(browser, baseURL, { phone: true });
    opened.push(owner);
    const phone = owner.page;
    await phone.setViewportSize({ width: 360, height: 640 });
    await phone.goto('/m/sign-in');
    await phone.getByRole('radio', { name: '密码登录' }).click();
    await phone.getByLabel('手机号').fill(OWNER_PHONE);
    await phone.getByLabel('密码').fill(PASSWORD);
    await phone.getByRole('button', { name: '登录' }).click();
    await acceptPrivacyIfAsked(phone);
    await visible(phone.getByText(/您好/));
    const bills = await api<{ items: { accountId: string; communityId: string }[] }>(phone, 'GET', '/api/v1/portal/fee-bills', undefined, '/api/v1/portal/me');
    const home = bills.items[0]!;

    // The reminder waits in the inbox, reached from home with its unread count; opening it marks it read and leads to the bills.
    await expect.poll(async () => (await api<{ unreadCount: number }>(phone, 'GET', '/api/v1/notifications?unread=true&pageSize=1', undefined, '/api/v1/portal/me')).unreadCount, { timeout: 60_000 }).toBeGreaterThan(0);
    await phone.reload();
    await visible(phone.getByTestId('inbox-link-count'));
    await screenshot(phone, 'fees-owner-00-home-inbox-360');
    await phone.getByTestId('inbox-link').click();
    const reminder = phone.getByTestId('inbox-item').filter({ hasText: '缴费提醒' }).first();
    await visible(reminder);
    expect(await reminder.getAttribute('data-read')).toBe('false');
    await expect.poll(() => reminder.textContent()).toContain('我的账单');
    await screenshot(phone, 'fees-owner-00b-inbox-360');
    await reminder.click();
    await phone.waitForURL(/\/m\/bills$/);
    await visible(phone.getByTestId('fee-home').first());
    await phone.goBack();
    await expect.poll(() => phone.getByTestId('inbox-item').filter({ hasText: '缴费提醒' }).first().getAttribute('data-read')).toBe('true');

    // The manager bills a month of that quarter, sets how owners pay, and the owner pays at the desk.
    const m = await openPage(browser, baseURL);
    opened.push(m);
    const manager = m.page;
    await manager.addInitScript(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => {
        (window as unknown as { printed: number }).printed += 1;
      };
    });
    await manager.goto('/login');
    await signIn(manager, 'demo-admin', PASSWORD);
    await visible(manager.getByTestId('user-menu'));
    const communityId = home.communityId;
    await api(manager, 'POST', '/api/v1/fee-items', { communityId, name: '垃圾清运费', cycle: 'monthly', rounding: 'half_up', effectiveFrom: '2024-01-01', pricing: { kind: 'fixed', monthlyFen: 1500 } });
    await api(manager, 'POST', '/api/v1/fee-bill-runs', { communityId, cycle: 'monthly', periodStart: quarter.firstMonth });
    await api(manager, 'PUT', `/api/v1/communities/${communityId}/fee-pay-info`, { bankName: '中国工商银行杭州城西支行', accountName: '杭州某物业服务有限公司', accountNo: '1202 0210 0900 1234 567', referenceHint: '楼栋房号+业主姓名', payNote: '也可到服务中心现金或刷卡缴费（8:30–17:30）' });
    const paid = await api<{ receiptNo: string }>(manager, 'POST', '/api/v1/fee-payments', { accountId: home.accountId, lines: [{ method: 'cash', amountFen: 1500, tenderedFen: 2000 }] });

    // The manager publishes the quarter: the ledger's figures and the entered spending and shared-part income.
    await manager.goto('/fees');
    await manager.getByRole('tab', { name: '报表', exact: true }).click();
    await manager.getByRole('tab', { name: '收支公示' }).click();
    await visible(manager.getByTestId('disc-preview'));
    await expect.poll(() => manager.getByTestId('disc-period').textContent()).toContain(quarter.label);
    const first = manager.getByTestId('disc-line').first();
    await first.getByPlaceholder('说明').fill('保洁外包服务');
    await first.locator('input.ant-input-number-input').fill('12000');
    await manager.getByTestId('disc-add-line').click();
    const second = manager.getByTestId('disc-line').nth(1);
    await selectOption(manager, second.locator('.ant-select').first(), '共有部分收入');
    await second.getByPlaceholder('说明').fill('电梯广告');
    await second.locator('input.ant-input-number-input').fill('36000');
    await screenshot(manager, 'fees-owner-01-publish-form');
    await manager.getByTestId('disc-publish').click();
    await visible(manager.getByText(/已公布第 \d+ 版/));
    await visible(manager.getByTestId('disclosure-list').getByText(quarter.label));
    await manager.getByTestId('disclosure-print-link').first().click();
    await visible(manager.getByTestId('disclosure-sheet'));
    await expect.poll(() => manager.getByTestId('disclosure-sheet').textContent()).toContain('电梯广告');
    await manager.getByTestId('disclosure-print').click();
    await expect.poll(() => manager.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    await screenshot(manager, 'fees-owner-02-disclosure-sheet');

    // The reports: arrears by building drill to the homes, each with a printable reminder letter.
    await manager.goto('/fees');
    await manager.getByRole('tab', { name: '报表', exact: true }).click();
    await manager.getByRole('tab', { name: '收费报表' }).click();
    await visible(manager.getByTestId('rep-arrears').locator('tbody tr.ant-table-row'));
    await visible(manager.getByTestId('rep-arrears-chart').locator('svg'));
    await screenshot(manager, 'fees-owner-02b-reports');
    await manager.getByTestId('rep-arrears').locator('tbody tr.ant-table-row a').first().click();
    await manager.locator('.ant-drawer').getByRole('link', { name: '打印催缴函' }).first().click();
    await visible(manager.getByTestId('letter'));
    await screenshot(manager, 'fees-owner-02c-letter');
    await manager.goto('/fees');
    await manager.getByRole('tab', { name: '设置', exact: true }).click();
    await manager.getByRole('tab', { name: '缴费与提醒' }).click();
    await visible(manager.getByTestId('reminder-form'));
    await expect.poll(() => manager.getByTestId('reminder-form').locator('input.ant-input-number-input').first().inputValue()).toBe('30');
    await screenshot(manager, 'fees-owner-02d-pay-and-reminders');
    // Late fees: the demo's rule in force (0.5‰ a day after 15 days' grace, at most 10%).
    await manager.getByRole('tab', { name: '滞纳金' }).click();
    await expect.poll(() => manager.getByTestId('late-in-force').textContent()).toContain('0.5‰');
    await visible(manager.getByTestId('late-fee-form'));
    await screenshot(manager, 'fees-owner-02e-late-fees');

    // The owner reads it on the phone, then finds the receipt with their bills.
    await phone.goto('/m/');
    await phone.getByRole('link', { name: /收支公示/ }).click();
    await visible(phone.getByTestId('disclosure-card').filter({ hasText: quarter.label }));
    await screenshot(phone, 'fees-owner-03-disclosures-360');
    await phone.getByTestId('disclosure-card').filter({ hasText: quarter.label }).first().click();
    await visible(phone.getByTestId('disclosure'));
    await expect.poll(() => phone.getByTestId('disclosure-shared-net').textContent()).toContain('36,000.00');
    await screenshot(phone, 'fees-owner-04-disclosure-360');
    await phone.goto('/m/bills');
    const receipt = phone.getByTestId('fee-receipt').filter({ hasText: paid.receiptNo });
    await visible(receipt);
    await visible(phone.getByText('1202 0210 0900 1234 567'));
    await screenshot(phone, 'fees-owner-05-bills-360');
    await receipt.getByRole('link', { name: '查看收据' }).click();
    await visible(phone.getByTestId('portal-receipt').getByText(paid.receiptNo));
    await expect.poll(() => phone.getByTestId('portal-receipt-total').textContent()).toBe('¥15.00');
    await screenshot(phone, 'fees-owner-06-receipt-360');
    // Its verification page (the receipt's QR link) opens without signing in.
    const [verify] = await Promise.all([phone.context().waitForEvent('page'), phone.getByRole('link', { name: '查验真伪' }).click()]);
    await verify.waitForLoadState();
    await visible(verify.getByText(paid.receiptNo));
    expect(owner.errors).toEqual([]);
    expect(m.errors).toEqual([]);
  });
});
