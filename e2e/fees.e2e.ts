import { readFileSync } from 'node:fs';
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
  // A step that cannot happen fails where it is, not at the journey's timeout.
  testPage.page.setDefaultTimeout(90_000);
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

/** Closes a session the journey no longer needs (a loaded machine renders the others faster). */
async function signOut(page: Page): Promise<void> {
  const i = opened.findIndex((o) => o.page === page);
  if (i >= 0) opened.splice(i, 1);
  await page.context().close();
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

/** Uploads a small JPEG drawn in the page (a technician's site photo). */
async function photo(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const me = (await (await fetch('/api/v1/auth/me')).json()) as { csrfToken: string };
    const canvas = document.createElement('canvas');
    canvas.width = 320;
    canvas.height = 240;
    const g = canvas.getContext('2d')!;
    g.fillStyle = '#7a9cb8';
    g.fillRect(0, 0, 320, 240);
    g.fillStyle = '#fff';
    g.fillRect(40, 60, 240, 120);
    const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/jpeg', 0.85));
    const form = new FormData();
    form.append('kind', 'photo');
    form.append('file', blob, 'site.jpg');
    const res = await fetch('/api/v1/attachments', { method: 'POST', headers: { 'x-csrf-token': me.csrfToken }, body: form });
    if (!res.ok) throw new Error(`upload: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { id: string }).id;
  });
}

const step = (page: Page, orderId: string, action: string, body: Record<string, unknown> = {}) => api(page, 'POST', `/api/v1/work-orders/${orderId}/actions/${action}`, body);

const month = (offset: number) => {
  const now = new Date();
  return new Date(Date.UTC(now.getFullYear(), now.getMonth() + offset, 1)).toISOString().slice(0, 7);
};

describe('the cashier desk', () => {
  it('bills two months and a paid repair, takes a mixed payment, prints, voids and re-issues the receipt, and works a bank statement', async () => {
    // The manager sets up the property fee (per building type) and runs the bills.
    const manager = await signedIn('demo-admin');
    const communities = await api<{ items: { id: string; name: string }[] }>(manager, 'GET', '/api/v1/communities');
    const communityId = communities.items[0]!.id;
    const buildings = await api<{ items: { id: string }[] }>(manager, 'GET', `/api/v1/buildings?communityId=${communityId}&pageSize=200`);
    for (const b of buildings.items) await api(manager, 'PATCH', `/api/v1/buildings/${b.id}`, { propertyType: 'high_rise' });
    // The demo has a year of quarterly fees, and other journeys may bill the community too: the
    // journey takes an occupied home the demo billed (so it has an area the run can price) and
    // settles whatever it owes first, so the two months billed here and the repair are all it owes.
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
    const items = await api<{ items: { purpose: string | null }[] }>(manager, 'GET', `/api/v1/fee-items?communityId=${communityId}`);
    if (!items.items.some((i) => i.purpose === 'paid_repair')) {
      await api(manager, 'POST', '/api/v1/fee-items', { communityId, name: '有偿维修', cycle: null, rounding: 'half_up', effectiveFrom: '2024-01-01', pricing: { kind: 'one_off', amountFen: 0 }, purpose: 'paid_repair' });
    }
    await api(manager, 'POST', '/api/v1/fee-bill-runs', { communityId, cycle: 'monthly', periodStart: month(-1) });
    await manager.goto('/fees');
    await manager.getByRole('tab', { name: '账单', exact: true }).click();
    await manager.getByRole('tab', { name: '批量计费' }).click();
    await manager.getByTestId('run-preview').click();
    await visible(manager.getByTestId('run-preview-table'));
    await expect.poll(() => manager.getByTestId('run-preview-table').textContent()).toContain('试算结果');
    await screenshot(manager, 'fees-bill-run-preview');
    await manager.getByTestId('run-confirm').click();
    await visible(manager.getByText(/已计费 \d+ 笔/));
    await screenshot(manager, 'fees-bill-run-posted');

    // The statement later on names a home in arrears; the manager saves the bank's columns.
    await api(manager, 'PUT', `/api/v1/communities/${communityId}/fee-bank-mapping`, { dateColumn: '交易日期', amountColumn: '贷方发生额', counterpartyColumn: '对方户名', referenceColumns: ['摘要', '附言'], transactionIdColumn: '流水号' });
    let payer: { label: string; owedFen: number } | undefined;
    for (const u of units.items.filter((x) => x.id !== unit!.id)) {
      const acc = await api<{ arrearsFen: number; label: string }>(manager, 'GET', `/api/v1/units/${u.id}/fee-account`);
      if (acc.arrearsFen > 0) {
        payer = { label: acc.label, owedFen: Math.min(acc.arrearsFen, 10000) };
        break;
      }
    }
    expect(payer, 'a home in arrears').toBeDefined();
    await signOut(manager);

    // A paid repair of the same home, set up through the API: quoted, agreed by phone, done. The
    // finished work hands the agreed price to the home's fee account.
    const pm = await signedIn('demo-manager');
    const tech = await signedIn('demo-tech');
    const techStaffId = (await api<{ user: { staffId: string } }>(tech, 'GET', '/api/v1/auth/me')).user.staffId;
    const order = await api<{ id: string; number: string }>(pm, 'POST', '/api/v1/work-orders', { kind: 'repair', communityId, unitId: unit!.id, channel: 'walk_in', category: 'plumbing', description: '厨房下水管渗漏', paid: true });
    await step(pm, order.id, 'dispatch', { technician: techStaffId });
    await step(tech, order.id, 'accept');
    await step(tech, order.id, 'arrive', { before: [await photo(tech)] });
    await step(tech, order.id, 'quote', { diagnosis: '下水管接口老化开裂', items: [{ name: '更换厨房下水管', quantity: 1, amount: 12000 }], price_basis: '有偿服务价目表' });
    await step(pm, order.id, 'consent', { approved: true, channel: 'phone' });
    await step(tech, order.id, 'complete', { work_done: '更换厨房下水管并试水', after: [await photo(tech)] });
    await signOut(tech);
    await signOut(pm);

    // The desk finds the home and takes cash (with change) plus a transfer for both months and the repair.
    const desk = await signedIn('demo-desk');
    await desk.goto('/fees');
    const picker = desk.getByTestId('desk-unit');
    await picker.click();
    await desk.keyboard.type(unit!.number);
    await selectOption(desk, picker, unit!.label);
    await visible(desk.getByTestId('ledger'));
    await visible(desk.getByTestId('ledger').getByText(order.number));
    const account = await api<{ id: string; arrearsFen: number; notYetDueFen: number; entries: { kind: string; memo: string | null; itemName: string | null; periodStart: string | null; amountFen: number; openFen: number }[] }>(desk, 'GET', `/api/v1/units/${unit!.id}/fee-account`);
    expect(account.entries.filter((e) => e.memo === order.number)).toEqual([expect.objectContaining({ kind: 'charge', amountFen: 12000, openFen: 12000 })]);
    const monthly = account.entries.filter((e) => e.kind === 'charge' && e.itemName === '物业服务费（月缴）' && e.openFen > 0);
    expect(new Set(monthly.map((e) => e.periodStart?.slice(0, 7))).size, 'two months billed').toBe(2);
    expect(account.arrearsFen + account.notYetDueFen).toBe(12000 + monthly.reduce((sum, e) => sum + e.openFen, 0));
    const owed = (account.arrearsFen + account.notYetDueFen) / 100;
    await screenshot(desk, 'fees-desk-account');
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
    await expect.poll(async () => (await api<{ balanceFen: number }>(desk, 'GET', `/api/v1/units/${unit!.id}/fee-account`)).balanceFen).toBe(0);
    await screenshot(desk, 'fees-desk-paid');

    // The receipt, printed at A5 and on the thermal roll (the second print says 副本).
    await desk.getByTestId(`receipt-open-${receiptNo}`).click();
    await visible(desk.getByTestId('receipt'));
    await visible(desk.getByTestId('receipt').getByText('有偿维修'));
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

    // A bank statement (the fixture, filled in for today): one transfer names a home that owes,
    // one names none. The desk previews, posts, and assigns the unmatched transfer to the home its
    // payer lives in.
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    const csv = readFileSync(new URL('./fixtures/bank-statement.csv', import.meta.url), 'utf8')
      .replaceAll('{{DATE}}', today)
      .replaceAll('{{RUN}}', `E2E${Date.now()}`)
      .replaceAll('{{PAYER}}', '王丽')
      .replaceAll('{{AMOUNT}}', (payer!.owedFen / 100).toFixed(2))
      .replaceAll('{{UNIT}}', payer!.label.replace(/\s+/g, ''));
    await desk.goto('/fees?tab=bank');
    await visible(desk.getByTestId('bank-import'));
    await desk.getByTestId('bank-import').locator('input[type=file]').setInputFiles({ name: 'icbc-statement.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await visible(desk.getByTestId('bank-file-name').getByText('icbc-statement.csv'));
    await desk.getByTestId('bank-preview').click();
    await visible(desk.getByTestId('bank-summary').getByText(/可入账 1 笔.*未匹配 1 笔/));
    await visible(desk.getByTestId('bank-rows').getByText(`匹配 ${payer!.label}`));
    await visible(desk.getByTestId('bank-rows').getByText('摘要和附言中没有可识别的房号'));
    await screenshot(desk, 'fees-bank-preview');
    await desk.getByTestId('bank-commit').click();
    await visible(desk.getByText('已入账 1 笔，1 笔留待前台处理'));
    await visible(desk.getByTestId('bank-rows').getByText(/SK\d{4}-\d{6}/));
    const open = desk.getByTestId('bank-lines').getByRole('row', { name: /张建国/ });
    await visible(open);
    await screenshot(desk, 'fees-bank-committed');
    await open.getByRole('button', { name: '指定账户' }).click();
    const unitPicker = desk.getByTestId('bank-assign-unit');
    await unitPicker.click();
    await desk.keyboard.type(unit!.number);
    await selectOption(desk, unitPicker, unit!.label);
    await visible(desk.getByTestId('bank-assign-account'));
    await screenshot(desk, 'fees-bank-assign');
    await desk.getByTestId('bank-assign-confirm').click();
    await visible(desk.getByText(/已入账，收据号 SK\d{4}-\d{6}/));
    await expect.poll(() => desk.getByTestId('bank-lines').getByRole('row', { name: /张建国/ }).count()).toBe(0);
    await screenshot(desk, 'fees-bank-assigned');
    // Every line, whatever its state, goes to Excel with the list's filter.
    await selectOption(desk, desk.getByTestId('bank-lines-status'), '全部');
    const [download] = await Promise.all([desk.waitForEvent('download'), desk.getByTestId('bank-lines-export').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    // The transfer is the home's prepayment now (it owed nothing after the re-issued receipt).
    expect((await api<{ prepaymentFen: number }>(desk, 'GET', `/api/v1/units/${unit!.id}/fee-account`)).prepaymentFen).toBe(12000);

    // With a second community, the admin runs the year's bills of both at once: each community is
    // its own run, and the table says what each came to. The browser journeys share one server,
    // so the new community gets its own owner and yearly item (the demo has no yearly items: its
    // run finds nothing new), and it is archived again whatever happens.
    await signOut(desk);
    const admin = await signedIn('demo-admin');
    const second = await api<{ id: string }>(admin, 'POST', '/api/v1/communities', { name: '翠湖二期', serviceLevel: 2 });
    try {
      const tower = await api<{ id: string }>(admin, 'POST', '/api/v1/buildings', { communityId: second.id, name: '1栋', floors: 2, unitsPerFloor: 1 });
      const home = await api<{ id: string }>(admin, 'POST', '/api/v1/units', { buildingId: tower.id, floor: 1, number: '0101', areaM2: 80 });
      await api(admin, 'POST', '/api/v1/residents', { name: '二期业主', phone: '13700004321', units: [{ unitId: home.id, relation: 'owner', moveInOn: '2020-01-01' }] });
      await api(admin, 'POST', '/api/v1/fee-items', { communityId: second.id, name: '车位管理费（年缴）', cycle: 'yearly', rounding: 'half_up', effectiveFrom: '2020-01-01', pricing: { kind: 'fixed', monthlyFen: 5000 } });
      const january = [0, -1, -2, -3, -4, -5, -6, -7, -8, -9, -10, -11].map(month).find((m) => m.endsWith('-01'))!;
      await admin.goto('/fees');
      await admin.getByRole('tab', { name: '账单', exact: true }).click();
      await admin.getByRole('tab', { name: '批量计费' }).click();
      await admin.getByTestId('run-scope').getByText('全部小区（2）').click();
      await selectOption(admin, admin.getByTestId('run-cycle'), '按年');
      await selectOption(admin, admin.getByTestId('run-period'), january);
      await admin.getByTestId('run-preview').click();
      const batch = admin.getByTestId('run-batch-table');
      await visible(batch.getByText('试算结果：2 个小区，1 笔，共 600.00 元（未写入）'));
      await visible(batch.getByRole('row', { name: /翠湖二期.*600\.00.*待计费/ }));
      await visible(batch.getByRole('row', { name: new RegExp(`${communities.items[0]!.name}.*无新增`) }));
      await screenshot(admin, 'fees-bill-run-batch-preview');
      await admin.getByTestId('run-confirm').click();
      await visible(batch.getByText('2 个小区已完成：新计费 1 笔，共 600.00 元'));
      await visible(batch.getByRole('row', { name: /翠湖二期.*已计费/ }));
      await screenshot(admin, 'fees-bill-run-batch-posted');
    } finally {
      await api(admin, 'POST', `/api/v1/communities/${second.id}/archive`, {});
    }
  }, 600_000);
});
