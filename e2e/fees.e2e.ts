import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, screenshot, selectOption, signIn, visible, type TestPage } from './support/browser';

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

async function signedIn(user: string): Promise<Page> {
  const testPage = await openPage(browser, baseURL);
  opened.push(testPage);
  await testPage.page.setViewportSize({ width: 1440, height: 900 });
  // The print dialog would block a headless page: count the calls instead.
  await testPage.page.addInitScript(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => {
      (window as unknown as { printed: number }).printed += 1;
    };
  });
  await testPage.page.goto('/login');
  await signIn(testPage.page, user, PASSWORD);
  await visible(testPage.page.getByTestId('user-menu'));
  return testPage.page;
}

/** A JSON API call made with the page's session. */
async function api<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const me = (await (await fetch('/api/v1/auth/me')).json()) as { csrfToken: string };
      const res = await fetch(path, { method, headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
    { method, path, body },
  ) as Promise<T>;
}

const month = (offset: number) => {
  const now = new Date();
  return new Date(Date.UTC(now.getFullYear(), now.getMonth() + offset, 1)).toISOString().slice(0, 7);
};

describe('the cashier desk', () => {
  it('bills two months, takes a mixed payment for them, prints, voids and re-issues the receipt', async () => {
    // The manager sets up the property fee (per building type) and runs the bills.
    const manager = await signedIn('demo-admin');
    const communities = await api<{ items: { id: string; name: string }[] }>(manager, 'GET', '/api/v1/communities');
    const communityId = communities.items[0]!.id;
    const buildings = await api<{ items: { id: string }[] }>(manager, 'GET', `/api/v1/buildings?communityId=${communityId}&pageSize=200`);
    for (const b of buildings.items) await api(manager, 'PATCH', `/api/v1/buildings/${b.id}`, { propertyType: 'high_rise' });
    // The demo has a year of quarterly fees, and other journeys may bill the community too: the
    // journey takes an occupied home the demo billed (so it has an area the run can price) and
    // settles whatever it owes first, so the two months billed here are all it owes.
    const units = await api<{ items: { id: string; label: string; number: string; residentCount: number }[] }>(manager, 'GET', `/api/v1/units?communityId=${communityId}&pageSize=100`);
    let unit: (typeof units.items)[number] | undefined;
    for (const u of units.items.filter((x) => x.residentCount > 0)) {
      const acc = await api<{ id: string; balanceFen: number; entries: unknown[] }>(manager, 'GET', `/api/v1/units/${u.id}/fee-account`);
      if (!acc.entries.length || acc.balanceFen < 0) continue;
      if (acc.balanceFen > 0) await api(manager, 'POST', '/api/v1/fee-payments', { accountId: acc.id, lines: [{ method: 'transfer', amountFen: acc.balanceFen, reference: 'E2E-SETTLE' }] });
      unit = u;
      break;
    }
    expect(unit, 'an occupied home the demo billed').toBeDefined();
    await api(manager, 'POST', '/api/v1/fee-items', { communityId, name: '物业服务费（月缴）', cycle: 'monthly', rounding: 'half_up', effectiveFrom: '2024-01-01', pricing: { kind: 'area', pricesByType: { high_rise: 250, villa: 480, shop: 600 } } });
    await api(manager, 'POST', '/api/v1/fee-bill-runs', { communityId, cycle: 'monthly', periodStart: month(-1) });
    await manager.goto('/fees');
    await manager.getByRole('tab', { name: '批量计费' }).click();
    await manager.getByTestId('run-preview').click();
    await visible(manager.getByTestId('run-preview-table'));
    await expect.poll(() => manager.getByTestId('run-preview-table').textContent()).toContain('试算结果');
    await screenshot(manager, 'fees-bill-run-preview');
    await manager.getByTestId('run-confirm').click();
    await visible(manager.getByText(/已计费 \d+ 笔/));
    await screenshot(manager, 'fees-bill-run-posted');

    // The desk finds an owner's unit and takes cash (with change) plus a transfer for both months.
    const desk = await signedIn('demo-desk');
    await desk.goto('/fees');
    const picker = desk.getByTestId('desk-unit');
    await picker.click();
    await desk.keyboard.type(unit!.number);
    await selectOption(desk, picker, unit!.label);
    await visible(desk.getByTestId('ledger'));
    // The account owes only the months billed just now (the demo year's entries are settled), so
    // the payment settles them oldest first without picking rows among the year's entries.
    await expect.poll(async () => (await api<{ balanceFen: number }>(desk, 'GET', `/api/v1/units/${unit!.id}/fee-account`)).balanceFen).toBeGreaterThan(0);
    const account = await api<{ arrearsFen: number; notYetDueFen: number }>(desk, 'GET', `/api/v1/units/${unit!.id}/fee-account`);
    const owed = (account.arrearsFen + account.notYetDueFen) / 100;
    await desk.getByTestId('pay-open').click();
    await desk.getByTestId('pay-amount-0').fill('200');
    await desk.getByTestId('pay-tendered-0').fill('300');
    await visible(desk.getByText('找零 100.00 元'));
    await desk.getByTestId('pay-add-line').click();
    await desk.getByTestId('pay-amount-1').fill((owed - 200).toFixed(2));
    await desk.getByTestId('pay-reference-1').fill('ICBC20261202000123');
    await screenshot(desk, 'fees-desk-payment');
    await desk.getByTestId('pay-confirm').click();
    const toast = await visible(desk.getByText(/已收款，收据号 SK\d{4}-\d{6}/));
    const receiptNo = (await toast.first().textContent())!.match(/SK\d{4}-\d{6}/)![0];
    await expect.poll(async () => (await api<{ arrearsFen: number; notYetDueFen: number }>(desk, 'GET', `/api/v1/units/${unit!.id}/fee-account`)).arrearsFen).toBe(0);
    await screenshot(desk, 'fees-desk-paid');

    // The receipt, printed at A5 and on the thermal roll (the second print says 副本).
    await desk.getByTestId(`receipt-open-${receiptNo}`).click();
    await visible(desk.getByTestId('receipt'));
    await desk.getByTestId('receipt-print').click();
    await expect.poll(() => desk.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    await visible(desk.getByTestId('receipt').locator('img'));
    await screenshot(desk, 'fees-receipt-a5');
    await desk.getByTestId('receipt-paper').getByText('80mm').click();
    await desk.getByTestId('receipt-print').click();
    await visible(desk.getByTestId('receipt-copy'));
    await screenshot(desk, 'fees-receipt-thermal-copy');

    // Void it with the reason, then re-issue: a new number, the old one kept as void.
    await desk.goto('/fees');
    await desk.getByTestId('desk-unit').click();
    await desk.keyboard.type(unit!.number);
    await selectOption(desk, desk.getByTestId('desk-unit'), unit!.label);
    await desk.getByTestId(`receipt-void-${receiptNo}`).click();
    await desk.getByTestId('void-reason').fill('转账金额录错，重开');
    await desk.getByTestId('void-confirm').click();
    await visible(desk.getByText('收据已作废，款项已冲销'));
    await visible(desk.getByTestId('receipts').getByText('已作废'));
    await desk.getByTestId(`receipt-reissue-${receiptNo}`).click();
    await visible(desk.getByText(`重开作废收据 ${receiptNo}`));
    await desk.getByTestId('pay-amount-0').fill(owed.toFixed(2));
    await desk.getByTestId('pay-confirm').click();
    await visible(desk.getByText(/已收款，收据号 SK\d{4}-\d{6}/));
    await screenshot(desk, 'fees-desk-reissued');
    await expect.poll(() => desk.getByTestId(`receipt-reissue-${receiptNo}`).count()).toBe(0);
    const verify = await desk.evaluate(async (no) => {
      const list = (await (await fetch(`/api/v1/fee-payments?receiptNo=${no}`)).json()) as { items: { verifyCode: string }[] };
      return (await fetch(`/r/${list.items[0]!.verifyCode}`)).text();
    }, receiptNo);
    expect(verify).toContain('收据已作废');
  }, 240_000);
});
