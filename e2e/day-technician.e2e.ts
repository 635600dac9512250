// The technician's working day (张强, demo-tech), in Chinese on a 390×844 phone.
// Issue 14 points met here:
//   11 the home page shows today's appointments, my overdue and my open orders, fitting 360 px (12);
//    1 accept; put on hold waiting for parts with the expected date (the clock stops, its own
//      review limit shows the date) and resume; hand an order back to dispatch with a reason;
//    4 a repair marked paid offers the quote or "free after all" with a reason before any start,
//      and the job card and the order page offer the same steps (from `allowedActions`);
//      book the visit, check in with a photo, quote from the price list, finish with photos;
//   14 no page shows an enum's code.
// The desk's calls, the dispatch and the owner's answer to the quote come through the API: the
// technician does not click them.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, PHONE, rawCodes, screenshot, visible, type TestPage } from './support/browser';
import {
  actionKeys,
  answer,
  cameraPhoto,
  checkQueueTiles,
  expectStatus,
  fillDateTime,
  nextStep,
  openQueue,
  overflowsHorizontally,
  Pages,
  shanghaiDay,
  SMALL_PHONE,
  StaffApi,
  submitStep,
  type ApiOrder,
} from './support/day';

let browser: Browser;
const baseURL = inject('baseURL');
const pages = new Pages(() => browser, baseURL);
let photo: Buffer;
let tech: TestPage;
let desk: StaffApi;
/** A paid repair taken the whole way, a paid one done free after all, one handed back. */
let paid: ApiOrder;
let freeAfterAll: ApiOrder;
let handBack: ApiOrder;

/** Opens an order's page from its job card on 我的工单. */
async function openFromCard(page: Page, number: string): Promise<void> {
  await page.goto('/work-orders/mine');
  await page.getByTestId(`job-${number}`).getByRole('link', { name: `详情 ${number}` }).click();
  await visible(page.getByTestId('order-page').getByTestId('order-number').filter({ hasText: number }));
}

/** Adds a photo to a photo record of the open step form and waits until it is uploaded. */
async function addPhoto(page: Page, record: string): Promise<void> {
  await page.getByTestId(`record-${record}`).setInputFiles({ name: `${record}.jpg`, mimeType: 'image/jpeg', buffer: photo });
  await visible(page.getByText('已有 1 张'));
}

beforeAll(async () => {
  browser = await launchBrowser();
  photo = await cameraPhoto();
  // This morning's calls at 6栋301, all dispatched to 张强; one he has already reached.
  desk = await StaffApi.login(baseURL, 'demo-desk');
  const dispatcher = await StaffApi.login(baseURL, 'demo-dispatcher');
  const api = await StaffApi.login(baseURL, 'demo-tech');
  const unit = await desk.unit('6栋301');
  paid = await desk.open(unit, { kind: 'repair', category: 'plumbing', paid: true, description: '洗手盆角阀漏水，业主同意有偿更换' });
  freeAfterAll = await desk.open(unit, { kind: 'repair', category: 'electrical', paid: true, description: '厨房插座发烫，业主以为要收费' });
  handBack = await desk.open(unit, { kind: 'repair', category: 'other', description: '阳台顶棚铝板松动，需要登高处理' });
  for (const order of [paid, freeAfterAll, handBack]) await dispatcher.act(order.id, 'dispatch', { technician: api.staffId });
  await api.act(freeAfterAll.id, 'accept');
  await api.act(freeAfterAll.id, 'arrive', { before: [await api.photo(photo)] });
});

afterAll(async () => {
  await pages.close();
  await browser?.close();
});

describe('the technician’s working day, on a phone', () => {
  it('starts on today’s appointments and open orders, fitting a 360 px phone', async () => {
    tech = await pages.as('demo-tech', { phone: true });
    const { page } = tech;
    const counts = await checkQueueTiles(page, ['appointments_today', 'my_overdue', 'mine']);
    expect(counts.mine).toBeGreaterThanOrEqual(3);
    expect(await overflowsHorizontally(page)).toBe(false);
    expect(await rawCodes(page)).toEqual([]);
    await screenshot(page, 'day-technician-01-home');
    await page.setViewportSize(SMALL_PHONE);
    expect(await overflowsHorizontally(page)).toBe(false);
    await screenshot(page, 'day-technician-02-home-360');
    await openQueue(page, 'mine', counts.mine!, '我的在办');
    expect(await overflowsHorizontally(page)).toBe(false);
    await screenshot(page, 'day-technician-03-mine-list-360');
    await page.setViewportSize(PHONE);
  });

  it('accepts a job, puts it on hold waiting for parts until a given day, and resumes it', async () => {
    const { page } = tech;
    await page.goto('/work-orders/mine');
    await (await nextStep(page, paid.number, '接单')).click();
    await nextStep(page, paid.number, '预约上门');
    expect(await overflowsHorizontally(page)).toBe(false);
    expect(await rawCodes(page)).toEqual([]);
    await screenshot(page, 'day-technician-04-mine');

    await openFromCard(page, paid.number);
    await expectStatus(page, '已接单');
    await page.getByTestId('action-pause').click();
    await answer(page, 'hold_reason', '等待配件');
    const resumeDay = shanghaiDay(2);
    await fillDateTime(page, 'resume_at', `${resumeDay} 09:00`);
    await page.getByTestId('record-note').fill('角阀型号特殊，已向供应商订货');
    await screenshot(page, 'day-technician-05-pause');
    await submitStep(page);
    await expectStatus(page, '暂停（待上门）');
    // The order's clocks stop; its review on hold falls due on the day given.
    const review = page.getByTestId('order-timers').getByTestId('due-time').filter({ hasText: '暂停到期复核' });
    const [, month, day] = resumeDay.split('-').map(Number);
    await visible(review.locator('strong').filter({ hasText: new RegExp(`(明天|${month}月${day}日) 09:00`) }));
    await visible(page.getByTestId('order-timers').getByText(/已暂停/).first());
    expect(await rawCodes(page)).toEqual([]);
    await screenshot(page, 'day-technician-06-on-hold');

    // The part came early: resume, and the job is back to booking the visit.
    await page.getByTestId('action-resume').click();
    await submitStep(page);
    await expectStatus(page, '已接单');
  });

  it('books the visit, checks in with a photo and quotes the paid repair: card and page offer the same steps', async () => {
    const { page } = tech;
    await page.goto('/work-orders/mine');
    await (await nextStep(page, paid.number, '预约上门')).click();
    await fillDateTime(page, 'appointment_at', `${shanghaiDay(1)} 10:00`);
    // The hold told the owner when work resumes; moving that time needs a reason.
    await page.getByTestId('record-reason').fill('配件提前到货，改约明天上门');
    await submitStep(page);
    await visible(page.getByTestId(`job-${paid.number}`).getByText(/预约 (\d+月\d+日|明天) 10:00/));
    await (await nextStep(page, paid.number, '到场签到')).click();
    await addPhoto(page, 'before');
    await screenshot(page, 'day-technician-07-arrive-photo');
    await submitStep(page);

    // Paid work does not start before the owner agrees to a quote: the card offers the quote, and
    // the order page the quote or free work with a reason, never a plain start.
    await nextStep(page, paid.number, '报价');
    await openFromCard(page, paid.number);
    const offered = await actionKeys(page);
    expect(offered).toEqual(expect.arrayContaining(['quote', 'start-free']));
    expect(offered).not.toContain('start');
    expect(((await page.getByTestId(`action-${offered[0]}`).textContent()) ?? '').replace(/\s/g, '')).toBe('报价');
    await screenshot(page, 'day-technician-08-paid-order-steps');

    await page.goto('/work-orders/mine');
    await (await nextStep(page, paid.number, '报价')).click();
    await page.getByLabel('故障原因').fill('洗手盆角阀阀芯老化，关不严');
    await page.getByTestId('quote-price-item').click();
    const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '更换角阀' }).first();
    await option.waitFor({ state: 'visible' });
    await option.click();
    await visible(page.getByTestId('quote-total').filter({ hasText: '¥45.00' }));
    await screenshot(page, 'day-technician-09-quote');
    await submitStep(page);
    await visible(page.getByTestId(`job-${paid.number}`).getByText('待业主确认报价'));
  });

  it('finishes the repair with photos once the owner has agreed', async () => {
    // The owner agrees on the phone; the desk records it.
    await desk.act(paid.id, 'consent', { approved: true, channel: 'phone' });
    const { page } = tech;
    await page.goto('/work-orders/mine');
    await (await nextStep(page, paid.number, '完工')).click();
    await page.getByTestId('record-work_done').fill('更换洗手盆角阀，通水测试无渗漏');
    // The sheet may still be opening when the first tap lands: tap again only if no row came.
    const materialName = page.getByPlaceholder('名称');
    for (let attempt = 0; attempt < 3 && (await materialName.count()) === 0; attempt++) {
      await page.getByRole('button', { name: '添加一行' }).click();
      await materialName.first().waitFor({ state: 'visible', timeout: 5_000 }).catch(() => undefined);
    }
    await materialName.fill('角阀');
    await addPhoto(page, 'after');
    await screenshot(page, 'day-technician-10-complete');
    await submitStep(page);
    await visible(page.getByTestId(`job-${paid.number}`).getByText('待业主验收'));
    expect(await rawCodes(page)).toEqual([]);
  });

  it('does a repair marked paid for free after all, with the reason', async () => {
    const { page } = tech;
    await page.goto('/work-orders/mine');
    // The card and the order page agree: the quote first.
    await nextStep(page, freeAfterAll.number, '报价');
    await openFromCard(page, freeAfterAll.number);
    const offered = await actionKeys(page);
    expect(offered).toEqual(expect.arrayContaining(['quote', 'start-free']));
    expect(offered).not.toContain('start');
    await page.getByTestId('action-start-free').click();
    await page.getByLabel('故障原因').fill('插座内部接线端子松动发热');
    await page.getByTestId('record-free_reason').fill('插座为交房时原装，仍在保修期内');
    await screenshot(page, 'day-technician-11-start-free');
    await submitStep(page);
    await expectStatus(page, '维修中');
    await visible(page.getByText(/仍在保修期内/).first());
    expect(await rawCodes(page)).toEqual([]);
    await screenshot(page, 'day-technician-12-started-free');
  });

  it('hands a job he cannot do back to dispatch, with the reason', async () => {
    const { page } = tech;
    await openFromCard(page, handBack.number);
    await expectStatus(page, '已派单');
    await page.getByTestId('action-return').click();
    await page.getByTestId('record-reason').fill('需要登高作业证，我没有，请改派持证同事');
    await screenshot(page, 'day-technician-13-hand-back');
    await submitStep(page);
    await expectStatus(page, '已受理');
    await page.goto('/work-orders/mine');
    await visible(page.getByTestId(`job-${paid.number}`));
    expect(await page.getByTestId(`job-${handBack.number}`).count()).toBe(0);
    expect(await overflowsHorizontally(page)).toBe(false);
    await screenshot(page, 'day-technician-14-mine-end-of-day');
  });

  it('logged no error on any page', () => {
    expect(pages.errors()).toEqual([]);
  });
});
