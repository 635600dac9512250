import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { launchBrowser, openPage, rawCodes, screenshot, signIn, visible, type TestPage } from './support/browser';

const PASSWORD = 'demo12345';

let browser: Browser;
const baseURL = inject('baseURL');
const opened: TestPage[] = [];
let photo: Buffer;

async function open(options: { phone?: boolean } = {}): Promise<TestPage> {
  const testPage = await openPage(browser, baseURL, options);
  opened.push(testPage);
  return testPage;
}

/** A signed-in page of one demo account, in Chinese. */
async function as(username: string, options: { phone?: boolean } = {}): Promise<TestPage> {
  const testPage = await open(options);
  await testPage.page.goto('/login');
  await signIn(testPage.page, username, PASSWORD);
  await visible(testPage.page.getByTestId('greeting'));
  return testPage;
}

async function overflowsHorizontally(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
}

/** Clicks an option of the antd select popup that is open now. */
async function chooseOption(page: Page, text: string | RegExp): Promise<void> {
  const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first();
  await option.waitFor({ state: 'visible' });
  await option.click();
}

/** Sends the open step form and waits until it is gone (the server took the step). */
async function submitAction(page: Page): Promise<void> {
  await page.getByTestId('step-submit').click();
  await dialogClosed(page);
}

/** Waits until the step form (dialog, or sheet on a phone) has gone, or fails with the messages it shows. */
async function dialogClosed(page: Page): Promise<void> {
  await page.locator('[data-testid^="step-form-"]').waitFor({ state: 'detached', timeout: 15_000 }).catch(async () => {
    const error = await page.getByTestId('step-error').textContent().catch(() => null);
    const fields = await page.locator('.ant-form-item-explain-error').allTextContents();
    throw new Error(`the step form stayed open: ${error ?? ''} ${fields.join(' / ')}`);
  });
}

/** Picks an answer of a yes/no or choice record in the open step form. */
async function answer(page: Page, record: string, text: string): Promise<void> {
  await page.getByTestId(`record-${record}`).getByText(text, { exact: true }).click();
}

async function statusOf(page: Page): Promise<string> {
  return ((await page.getByTestId('order-status').textContent()) ?? '').trim();
}

async function expectStatus(page: Page, status: string): Promise<void> {
  await expect.poll(() => statusOf(page), { timeout: 15_000 }).toBe(status);
}

/** The technician's job card on the phone and its one big next-step button. */
async function nextStep(page: Page, number: string, label: string): Promise<Locator> {
  const card = page.getByTestId(`job-${number}`);
  await visible(card);
  const button = card.getByTestId('job-next-step');
  await expect.poll(async () => ((await button.textContent()) ?? '').replace(/\s/g, ''), { timeout: 15_000 }).toBe(label);
  return button;
}

/** Number of orders of a kind the page's user can see (through the API, with the page's cookie). */
async function orderCount(page: Page, kind: string): Promise<number> {
  return page.evaluate(async (k) => {
    const response = await fetch(`/api/v1/work-orders?kind=${k}&pageSize=1`);
    return ((await response.json()) as { total: number }).total;
  }, kind);
}

beforeAll(async () => {
  browser = await launchBrowser();
  // A real JPEG, as a phone camera would send (the server checks the content, not the name).
  photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#7a8fa6' } })
    .composite([{ input: Buffer.from('<svg width="640" height="480"><rect x="200" y="140" width="240" height="200" fill="#c9d6e3"/></svg>') }])
    .jpeg()
    .toBuffer();
});

afterAll(async () => {
  for (const { context } of opened) await context.close();
  await browser?.close();
});

describe('work orders', () => {
  it('takes a paid repair from phone intake through dispatch, quote and consent, completion, signed acceptance and return visit to closed', async () => {
    // 1. The desk takes the call: unit 3栋1202, a blocked drain, paid work.
    const desk = await as('demo-desk');
    await desk.page.goto('/work-orders/new');
    const lookup = desk.page.getByTestId('intake-lookup');
    await visible(lookup);
    expect(await desk.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('intake-lookup');
    await lookup.fill('3栋1202');
    await chooseOption(desk.page, /3栋 1202.*林晓梅/);
    await visible(desk.page.getByTestId('intake-picked').filter({ hasText: '林晓梅' }));
    await desk.page.getByTestId('intake-category').click();
    await desk.page.keyboard.type('给排水');
    await desk.page.keyboard.press('Enter');
    await desk.page.getByTestId('intake-paid').check();
    await desk.page.getByTestId('intake-description').fill('卫生间下水道堵塞，水排不下去，业主同意有偿疏通');
    await screenshot(desk.page, 'work-orders-01-intake-repair-zh');
    await desk.page.getByTestId('intake-description').press('Enter');

    const readBack = desk.page.getByTestId('read-back');
    await visible(readBack);
    const number = /BX\d{8}-\d{4}/.exec((await readBack.textContent()) ?? '')?.[0];
    expect(number).toBeTruthy();
    const script = (await desk.page.getByTestId('read-back-script').textContent()) ?? '';
    expect(script).toContain('林晓梅');
    expect(script).toContain(number!);
    expect(await desk.page.getByTestId('read-back-promises').locator('li').count()).toBeGreaterThan(0);
    // Each promise reads as a wall-clock time on the community's clock and the time left.
    const promised = await desk.page.getByTestId('read-back-promises').getByTestId('due-time').allTextContents();
    for (const line of promised) expect(line).toMatch(/(今天|明天|\d+月\d+日) \d\d:\d\d · (按服务时间计，)?(剩|已超时) /);
    expect(script).toMatch(/(今天|明天|\d+月\d+日) \d\d:\d\d 前/);
    expect(await rawCodes(desk.page)).toEqual([]);
    await screenshot(desk.page, 'work-orders-02-read-back-zh');
    const orderPath = await readBack.getByRole('link', { name: '查看工单' }).getAttribute('href');
    expect(orderPath).toMatch(/^\/work-orders\/[0-9a-f-]{36}$/);

    // 2. The dispatcher assigns it to 张强 from the board, with the suggestions and their reasons.
    const dispatcher = await as('demo-dispatcher');
    await dispatcher.page.goto('/work-orders/board');
    const card = dispatcher.page.getByTestId(`board-card-${number!}`);
    await visible(card);
    expect(await rawCodes(dispatcher.page)).toEqual([]);
    await screenshot(dispatcher.page, 'work-orders-03-board-zh');
    await card.getByTestId('board-dispatch').click();
    const picker = dispatcher.page.getByTestId('assignee-picker');
    await visible(picker.getByText('技能匹配').first());
    await picker.getByTestId('assignee-张强').click();
    // Skills and the reasons of a suggestion are words, not codes (plumbing, skill_match).
    expect(await rawCodes(dispatcher.page)).toEqual([]);
    await screenshot(dispatcher.page, 'work-orders-04-dispatch-suggestions-zh');
    await submitAction(dispatcher.page);
    await visible(card.getByText('维修：张强'));

    // 3. 张强 on his phone: accept, book the visit, check in with a photo, quote from the price list.
    const tech = await as('demo-tech', { phone: true });
    await tech.page.goto('/work-orders/mine');
    await (await nextStep(tech.page, number!, '接单')).click();
    await screenshot(tech.page, 'work-orders-05-mine-phone-zh');
    expect(await overflowsHorizontally(tech.page)).toBe(false);
    expect(await rawCodes(tech.page)).toEqual([]);
    await (await nextStep(tech.page, number!, '预约上门')).click();
    const tomorrow = new Date(Date.now() + 24 * 3_600_000);
    const day = `${tomorrow.getFullYear()}-${String(tomorrow.getMonth() + 1).padStart(2, '0')}-${String(tomorrow.getDate()).padStart(2, '0')}`;
    const at = tech.page.locator('input[data-testid="record-appointment_at"], [data-testid="record-appointment_at"] input').first();
    await at.click();
    await at.fill(`${day} 10:00`);
    // Enter takes the typed time; the button sends the form.
    await at.press('Enter');
    await submitAction(tech.page);
    await visible(tech.page.getByTestId(`job-${number!}`).getByText(/预约 \d+月\d+日 10:00/));
    await (await nextStep(tech.page, number!, '到场签到')).click();
    await tech.page.getByTestId('record-before').setInputFiles({ name: 'before.jpg', mimeType: 'image/jpeg', buffer: photo });
    await visible(tech.page.getByText('已有 1 张'));
    await screenshot(tech.page, 'work-orders-06-arrive-photo-phone-zh');
    await submitAction(tech.page);
    await (await nextStep(tech.page, number!, '报价')).click();
    await tech.page.getByLabel('故障原因').fill('主下水管弯头处有头发和油污堵塞');
    await tech.page.getByTestId('quote-price-item').click();
    await chooseOption(tech.page, '疏通下水道');
    await visible(tech.page.getByTestId('quote-total').filter({ hasText: '¥120.00' }));
    await screenshot(tech.page, 'work-orders-07-quote-phone-zh');
    await submitAction(tech.page);
    await visible(tech.page.getByTestId(`job-${number!}`).getByText('待业主确认报价'));

    // 4. The desk records the owner's consent, given by phone (the standard asks the desk how).
    await desk.page.goto(orderPath!);
    await expectStatus(desk.page, '待业主确认报价');
    await desk.page.getByTestId('action-consent').click();
    await visible(desk.page.getByText('报价合计 ¥120.00'));
    await answer(desk.page, 'approved', '是');
    await answer(desk.page, 'channel', '电话');
    await screenshot(desk.page, 'work-orders-08-consent-zh');
    await submitAction(desk.page);
    await expectStatus(desk.page, '维修中');

    // 5. The technician finishes, with the work done, the material and a photo after.
    await tech.page.reload();
    await (await nextStep(tech.page, number!, '完工')).click();
    await tech.page.getByTestId('record-work_done').fill('疏通主下水管并清理弯头，放水测试通畅');
    // The dialog may still be opening when the first click lands: click again only if no row came.
    const materialName = tech.page.getByPlaceholder('名称');
    for (let attempt = 0; attempt < 3 && (await materialName.count()) === 0; attempt++) {
      await tech.page.getByRole('button', { name: '添加一行' }).click();
      await materialName.first().waitFor({ state: 'visible', timeout: 5_000 }).catch(() => undefined);
    }
    await materialName.fill('疏通剂');
    await tech.page.getByTestId('record-after').setInputFiles({ name: 'after.jpg', mimeType: 'image/jpeg', buffer: photo });
    await visible(tech.page.getByText('已有 1 张'));
    await screenshot(tech.page, 'work-orders-09-complete-phone-zh');
    await submitAction(tech.page);

    // 6. The owner accepts by phone: the desk records the channel and what was said, no signature
    //    (the owner signs only where they can: in the app or on site).
    await desk.page.reload();
    await expectStatus(desk.page, '待业主验收');
    await desk.page.getByTestId('action-confirm').click();
    await answer(desk.page, 'approved', '是');
    await answer(desk.page, 'channel', '电话');
    await visible(desk.page.getByTestId('record-call_note'));
    expect(await desk.page.getByTestId('signature-pad').count()).toBe(0);
    await desk.page.getByTestId('record-call_note').fill('业主电话确认下水已通畅');
    await screenshot(desk.page, 'work-orders-10-accept-by-phone-zh');
    await submitAction(desk.page);
    await expectStatus(desk.page, '已验收待回访');
    await visible(desk.page.getByText('业主电话确认下水已通畅').first());

    // 7. The return visit with five stars closes the order.
    await desk.page.getByTestId('action-return-visit').click();
    await desk.page.getByLabel('满意度（1–5）').fill('5');
    await desk.page.getByLabel('评价').fill('业主表示下水通畅，对上门服务满意');
    await answer(desk.page, 'channel', '电话');
    await submitAction(desk.page);
    await expectStatus(desk.page, '已关闭');
    expect(await desk.page.getByTestId('order-actions').count()).toBe(0);
    const timeline = desk.page.getByTestId('timeline');
    for (const step of ['受理登记', '派单', '接单', '预约上门', '到场签到', '报价', '业主确认报价', '完工', '业主验收', '回访']) {
      await visible(timeline.getByText(step, { exact: true }).first());
    }
    await screenshot(desk.page, 'work-orders-11-closed-zh');

    // The printable dispatch slip with its QR code.
    await desk.page.goto(`${orderPath!}/print`);
    await visible(desk.page.getByTestId('print-qr'));
    await visible(desk.page.getByText(number!));
    await screenshot(desk.page, 'work-orders-12-print-slip-zh');

    // The list finds it by number.
    await desk.page.goto(`/work-orders?q=${number!}`);
    await visible(desk.page.getByRole('link', { name: number! }));
    await screenshot(desk.page, 'work-orders-13-list-zh');

    for (const { errors } of [desk, dispatcher, tech]) expect(errors).toEqual([]);
    // Eleven steps through three people's forms: more than the default two minutes on a busy machine.
  }, 300_000);

  it('takes a complaint from intake through reply and resolution to closed, and a double click opens one order', async () => {
    const desk = await as('demo-desk');
    await desk.page.goto('/work-orders/new');
    await visible(desk.page.getByTestId('intake-lookup'));
    const before = await orderCount(desk.page, 'complaint');

    // Alt+2 switches to a complaint from the keyboard.
    await desk.page.keyboard.press('Alt+2');
    await visible(desk.page.getByLabel('投诉类型'));
    await desk.page.getByTestId('intake-lookup').fill('1202');
    await chooseOption(desk.page, /3栋 1202.*林晓梅/);
    await desk.page.getByTestId('intake-category').click();
    await desk.page.keyboard.type('服务态度');
    await desk.page.keyboard.press('Enter');
    await desk.page.getByTestId('intake-description').fill('前台工作人员接电话时态度生硬，没有说明处理时间');
    await screenshot(desk.page, 'work-orders-14-intake-complaint-zh');
    await desk.page.getByTestId('intake-submit').dblclick();
    const readBack = desk.page.getByTestId('read-back');
    await visible(readBack);
    const number = /TS\d{8}-\d{4}/.exec((await readBack.textContent()) ?? '')?.[0];
    expect(number).toBeTruthy();
    expect(await orderCount(desk.page, 'complaint')).toBe(before + 1);
    await screenshot(desk.page, 'work-orders-15-read-back-complaint-zh');
    // The first reply runs on desk hours: the read-back, the order page and the list read it the same way.
    const firstReply = readBack.getByTestId('due-time').filter({ hasText: '首次答复' });
    const promisedWhen = (await firstReply.locator('strong').textContent())!;
    expect(await firstReply.textContent()).toContain('按服务时间计');

    await readBack.getByRole('link', { name: '查看工单' }).click();
    await expectStatus(desk.page, '已受理');
    const onPage = desk.page.getByTestId('order-page').getByTestId('due-time').filter({ hasText: '首次答复' });
    expect(await onPage.locator('strong').textContent()).toBe(promisedWhen);
    expect(await onPage.textContent()).toContain('按服务时间计');
    expect(await rawCodes(desk.page)).toEqual([]);
    await screenshot(desk.page, 'work-orders-15b-complaint-due-zh');
    const orderUrl = desk.page.url();
    await desk.page.goto(`/work-orders?kind=complaint&q=${number!}`);
    const row = desk.page.locator('tr').filter({ hasText: number! });
    await visible(row.getByTestId('due-time'));
    expect(await row.getByTestId('due-time').locator('strong').textContent()).toMatch(/^(今天|明天|\d+月\d+日) \d\d:\d\d$/);
    expect(await rawCodes(desk.page)).toEqual([]);
    await screenshot(desk.page, 'work-orders-15c-complaint-list-zh');
    await desk.page.goto(orderUrl);
    await expectStatus(desk.page, '已受理');
    await desk.page.getByTestId('action-reply').click();
    await desk.page.getByLabel('答复内容').fill('已向您致歉，我们将核实当班人员情况，今天内回复处理结果');
    await answer(desk.page, 'channel', '电话');
    await submitAction(desk.page);
    await expectStatus(desk.page, '已答复处理中');

    // The findings are required: without them the form does not go out and the order stays as it was.
    await desk.page.getByTestId('action-resolve').click();
    await desk.page.getByLabel('处理结果').fill('已对当班人员进行服务规范培训');
    await desk.page.getByTestId('step-submit').click();
    await visible(desk.page.getByText('请填写此项').first());
    await desk.page.getByLabel('调查结果').fill('当班人员未按接听规范说明处理时限');
    await submitAction(desk.page);
    await expectStatus(desk.page, '已解决待回访');

    await desk.page.getByTestId('action-return-visit').click();
    await answer(desk.page, 'satisfied', '是');
    await desk.page.getByLabel('评价').fill('投诉人对处理结果表示满意');
    await answer(desk.page, 'channel', '电话');
    await screenshot(desk.page, 'work-orders-16-complaint-visit-zh');
    await submitAction(desk.page);
    await expectStatus(desk.page, '已回访待关闭');
    await desk.page.getByTestId('action-close').click();
    await submitAction(desk.page);
    await expectStatus(desk.page, '已关闭');
    await screenshot(desk.page, 'work-orders-17-complaint-closed-zh');

    expect(desk.errors).toEqual([]);
  });

  it('warns the desk of an open order of the same unit and category, and adds the call to it instead of a duplicate', async () => {
    const desk = await as('demo-desk');
    await desk.page.goto('/work-orders/new');
    const before = await orderCount(desk.page, 'repair');
    await desk.page.getByTestId('intake-lookup').fill('3栋1202');
    await chooseOption(desk.page, /3栋 1202.*林晓梅/);
    const panel = desk.page.getByTestId('intake-open-orders');
    await visible(panel);
    await desk.page.getByTestId('intake-category').click();
    await desk.page.keyboard.type('门窗锁具');
    await desk.page.keyboard.press('Enter');
    // The order of the same category is marked; each row shows number, category, state and age.
    const same = panel.locator('[data-same-category]').first();
    await visible(same.getByText('同类问题'));
    await visible(same.getByText('门窗锁具'));
    await visible(same.getByText(/前受理/));
    const number = /BX\d{8}-\d{4}/.exec((await same.textContent()) ?? '')![0];
    await desk.page.getByTestId('intake-description').fill('业主来电询问师傅几点到');
    expect(await rawCodes(desk.page)).toEqual([]);
    await screenshot(desk.page, 'work-orders-20-intake-open-orders-zh');
    await same.getByTestId('open-order-add-call').click();
    await visible(desk.page.getByText(`已将本次来电记入 ${number}`));
    await visible(desk.page.getByTestId('order-page').getByText(number));
    await visible(desk.page.getByText('来电补充（电话）：业主来电询问师傅几点到'));
    // The history names each state from the server's answer, never by its key while the standard loads.
    expect(await rawCodes(desk.page)).toEqual([]);
    await screenshot(desk.page, 'work-orders-21-call-added-zh');
    expect(await orderCount(desk.page, 'repair')).toBe(before);
    expect(desk.errors).toEqual([]);
  });

  it('shows the order page and the board in English too', async () => {
    const manager = await as('demo-manager');
    await manager.page.getByTestId('language-switch').click();
    await manager.page.getByRole('menuitem', { name: 'English' }).click();
    await manager.page.goto('/work-orders/board');
    await visible(manager.page.getByText('To dispatch / to accept'));
    await screenshot(manager.page, 'work-orders-18-board-en');
    await manager.page.goto('/work-orders?kind=repair');
    await visible(manager.page.getByText('Work orders').first());
    const first = manager.page.locator('a[href^="/work-orders/"]').filter({ hasText: /^BX/ }).first();
    await first.click();
    await visible(manager.page.getByTestId('order-page'));
    await visible(manager.page.getByText('History'));
    await screenshot(manager.page, 'work-orders-19-order-en');
    // Leave the account in Chinese for the other browser tests of this run.
    await manager.page.getByTestId('language-switch').click();
    await manager.page.getByRole('menuitem', { name: '中文' }).click();
    await visible(manager.page.getByText('处理过程'));
    expect(manager.errors).toEqual([]);
  });
});
