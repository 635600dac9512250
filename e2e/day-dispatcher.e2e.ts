// The dispatcher's working day (吴磊, demo-dispatcher), in Chinese on the console at 1440×900.
// Issue 14 points met here:
//   11 the home page shows what waits for dispatch and what is overdue, each count opening the list
//      of exactly those orders;
//    5 a due time reads one way on the list and on the order page (the wall-clock time and the
//      time left, with the desk-hours hint where the clock runs on desk hours);
//   14 the dispatch dialog names skills and the reasons of a suggestion in Chinese, no raw codes;
//    1 an accepted order is reassigned with a reason (a standard step, not "cancel");
//      the printed dispatch slip carries the order's QR code.
// The desk's calls and the technician's acceptance come through the API: the dispatcher does not
// click them.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, rawCodes, screenshot, visible, type TestPage } from './support/browser';
import { actionKeys, checkQueueTiles, expectStatus, openQueue, Pages, StaffApi, submitStep, type ApiOrder } from './support/day';

let browser: Browser;
const baseURL = inject('baseURL');
const pages = new Pages(() => browser, baseURL);
let dispatcher: TestPage;
/** A new repair to dispatch, an accepted one to reassign, a complaint whose first reply runs on desk hours. */
let toDispatch: ApiOrder;
let accepted: ApiOrder;
let complaint: ApiOrder;

beforeAll(async () => {
  browser = await launchBrowser();
  // The desk took these calls this morning; 张强 accepted one of them.
  const desk = await StaffApi.login(baseURL, 'demo-desk');
  const api = await StaffApi.login(baseURL, 'demo-dispatcher');
  const tech = await StaffApi.login(baseURL, 'demo-tech');
  const unit = await desk.unit('2栋704');
  toDispatch = await desk.open(unit, { kind: 'repair', category: 'plumbing', description: '厨房下水管接口漏水，橱柜底板已泡湿' });
  accepted = await desk.open(unit, { kind: 'repair', category: 'other', description: '阳台晾衣架摇杆卡住，放不下来' });
  await api.act(accepted.id, 'dispatch', { technician: tech.staffId });
  await tech.act(accepted.id, 'accept');
  complaint = await desk.open(unit, { kind: 'complaint', category: 'environment', source: 'hotline', description: '楼道堆放杂物多日无人清理' });
});

afterAll(async () => {
  await pages.close();
  await browser?.close();
});

describe('the dispatcher’s working day', () => {
  it('starts on what waits for dispatch and what is overdue', async () => {
    dispatcher = await pages.as('demo-dispatcher');
    const { page } = dispatcher;
    const counts = await checkQueueTiles(page, ['unassigned', 'overdue']);
    expect(counts.unassigned).toBeGreaterThan(0);
    expect(await rawCodes(page)).toEqual([]);
    await screenshot(page, 'day-dispatcher-01-home');
    await openQueue(page, 'unassigned', counts.unassigned!, '待派单');
    await visible(page.getByRole('link', { name: toDispatch.number }));
    expect(await rawCodes(page)).toEqual([]);
    await screenshot(page, 'day-dispatcher-02-unassigned');
  });

  it('reads a due time one way on the list and on the order page', async () => {
    const { page } = dispatcher;
    // The repair: the list's next due time is one of the order page's limits, word for word.
    await page.goto(`/work-orders?q=${toDispatch.number}`);
    const row = page.locator('tr').filter({ hasText: toDispatch.number });
    const listed = row.getByTestId('due-time');
    await visible(listed);
    const listedWhen = ((await listed.locator('strong').textContent()) ?? '').trim();
    expect(listedWhen).toMatch(/^(今天|明天|\d+月\d+日) \d\d:\d\d$/);
    expect(await listed.textContent()).toMatch(/ · (按服务时间计，)?(剩|已超时) /);
    await row.getByRole('link', { name: toDispatch.number }).click();
    await expectStatus(page, '已受理');
    const limits = page.getByTestId('order-timers').getByTestId('due-time');
    await visible(limits);
    expect((await limits.locator('strong').allTextContents()).map((s) => s.trim())).toContain(listedWhen);

    // The complaint's first reply runs on desk hours: both pages say so, at the same time.
    await page.goto(`/work-orders?kind=complaint&q=${complaint.number}`);
    const complaintRow = page.locator('tr').filter({ hasText: complaint.number });
    const due = complaintRow.getByTestId('due-time');
    await visible(due);
    const when = ((await due.locator('strong').textContent()) ?? '').trim();
    expect(await due.textContent()).toContain('按服务时间计');
    expect(await rawCodes(page)).toEqual([]);
    await screenshot(page, 'day-dispatcher-03-complaint-list-due');
    await complaintRow.getByRole('link', { name: complaint.number }).click();
    const firstReply = page.getByTestId('order-page').getByTestId('due-time').filter({ hasText: '首次答复' });
    await visible(firstReply);
    expect(((await firstReply.locator('strong').textContent()) ?? '').trim()).toBe(when);
    expect(await firstReply.textContent()).toContain('按服务时间计');
    expect(await rawCodes(page)).toEqual([]);
    await screenshot(page, 'day-dispatcher-04-complaint-order-due');
  });

  it('dispatches from the board with the suggestions and their reasons in words, and prints the slip', async () => {
    const { page } = dispatcher;
    await page.goto('/work-orders/board');
    const card = page.getByTestId(`board-card-${toDispatch.number}`);
    await visible(card);
    expect(await rawCodes(page)).toEqual([]);
    await screenshot(page, 'day-dispatcher-05-board');
    await card.getByTestId('board-dispatch').click();
    const picker = page.getByTestId('assignee-picker');
    await visible(picker.getByText('技能匹配').first());
    // Skills are words (给排水, 电气), never their codes (plumbing, hvac).
    await visible(picker.getByText(/技能：.*水暖/).first());
    await picker.getByTestId('assignee-张强').click();
    expect(await rawCodes(page)).toEqual([]);
    await screenshot(page, 'day-dispatcher-06-dispatch-suggestions');
    await submitStep(page);
    await visible(card.getByText('维修：张强'));

    // The slip the technician takes along, with the order's QR code.
    await page.goto(`/work-orders/${toDispatch.id}/print`);
    await visible(page.getByTestId('print-qr'));
    await visible(page.getByText(toDispatch.number));
    await screenshot(page, 'day-dispatcher-07-print-slip');
  });

  it('reassigns an accepted order with the reason: 张强 is tied up, 孙建国 takes it over', async () => {
    const { page } = dispatcher;
    await page.goto(`/work-orders/${accepted.id}`);
    await expectStatus(page, '已接单');
    // More than "cancel": reassigning and putting on hold are steps of the standard.
    const offered = await actionKeys(page);
    expect(offered).toEqual(expect.arrayContaining(['reassign', 'pause', 'cancel']));
    await page.getByTestId('action-reassign').click();
    const picker = page.getByTestId('assignee-picker');
    await visible(picker);
    await picker.getByTestId('assignee-孙建国').click();
    await page.getByTestId('record-reason').fill('张强在5栋处理紧急漏水，今天排不开，改派孙建国');
    expect(await rawCodes(page)).toEqual([]);
    await screenshot(page, 'day-dispatcher-08-reassign');
    await submitStep(page);
    await expectStatus(page, '已派单');
    await visible(page.getByText('孙建国').first());
    const timeline = page.getByTestId('timeline');
    await visible(timeline.getByText('改派', { exact: true }).first());
    await visible(timeline.getByText(/张强在5栋处理紧急漏水/).first());
    expect(await rawCodes(page)).toEqual([]);
    await screenshot(page, 'day-dispatcher-09-reassigned');
  });

  it('logged no error on any page', () => {
    expect(pages.errors()).toEqual([]);
  });
});
