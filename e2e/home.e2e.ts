import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, screenshot, signIn, visible, type TestPage } from './support/browser';

// Each role's home page at its real viewport: the counts come from GET /api/v1/work-orders/queues
// (or the guard's post board), and each count opens the order list filtered to exactly those orders.

const PASSWORD = 'demo12345';
const CONSOLE = { width: 1440, height: 900 };
const SMALL_PHONE = { width: 360, height: 640 };
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

async function home(user: string, phone = false): Promise<TestPage> {
  const tp = await openPage(browser, baseURL, { phone });
  opened.push(tp);
  if (!phone) await tp.page.setViewportSize(CONSOLE);
  await tp.page.goto('/');
  await signIn(tp.page, user, PASSWORD);
  await visible(tp.page.getByTestId('greeting'));
  return tp;
}

/** The caller's queue counts as the API gives them. */
async function apiQueues(page: Page): Promise<Record<string, number>> {
  const body = await page.evaluate(async () => (await fetch('/api/v1/work-orders/queues')).json());
  return Object.fromEntries((body as { queues: { queue: string; count: number }[] }).queues.map((q) => [q.queue, q.count]));
}

/** Every tile shows its API count; the first non-empty one opens the list holding exactly that many orders. */
async function checkTiles(page: Page, expected: string[]): Promise<void> {
  const counts = await apiQueues(page);
  expect(Object.keys(counts)).toEqual(expected);
  for (const queue of expected) {
    await visible(page.getByTestId(`queue-${queue}`).filter({ hasText: String(counts[queue]) }));
  }
}

async function openQueue(page: Page, queue: string, count: number, name: string): Promise<void> {
  await page.getByTestId(`queue-${queue}`).click();
  await page.waitForURL((url) => url.pathname === '/work-orders' && url.searchParams.get('queue') === queue);
  await visible(page.getByTestId('list-queue').getByText(name, { exact: true }));
  if (count > 0) await visible(page.getByText(`共 ${count} 单`));
  else await visible(page.getByText('没有符合条件的工单'));
}

const overflows = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);

describe('home page per role', () => {
  it('desk: today’s queue with new, waiting for a reply, acceptance and return visits, overdue', async () => {
    const { page, errors } = await home('demo-desk');
    await checkTiles(page, ['new_today', 'awaiting_reply', 'after_completion', 'overdue']);
    expect(await page.getByTestId('home-stats').count()).toBe(0);
    await screenshot(page, 'home-01-desk');
    const counts = await apiQueues(page);
    await openQueue(page, 'after_completion', counts.after_completion!, '待验收/回访');
    await screenshot(page, 'home-02-desk-queue-list');
    expect(errors).toEqual([]);
  });

  it('dispatcher: unassigned and overdue', async () => {
    const { page, errors } = await home('demo-dispatcher');
    await checkTiles(page, ['unassigned', 'overdue']);
    await screenshot(page, 'home-03-dispatcher');
    const counts = await apiQueues(page);
    await openQueue(page, 'unassigned', counts.unassigned!, '待派单');
    expect(errors).toEqual([]);
  });

  it('technician on a phone: today’s appointments, open and overdue orders; fits 360 px', async () => {
    const { page, errors } = await home('demo-tech', true);
    await checkTiles(page, ['appointments_today', 'my_overdue', 'mine']);
    expect(await overflows(page)).toBe(false);
    await screenshot(page, 'home-04-technician-phone');
    await page.setViewportSize(SMALL_PHONE);
    expect(await overflows(page)).toBe(false);
    await screenshot(page, 'home-05-technician-360');
    const counts = await apiQueues(page);
    await openQueue(page, 'mine', counts.mine!, '我的在办');
    expect(await overflows(page)).toBe(false);
    await screenshot(page, 'home-06-technician-360-list');
    expect(errors).toEqual([]);
  });

  it('guard on a phone: the post (visitors expected and inside, slips, the patrol round); fits 360 px', async () => {
    const { page, errors } = await home('demo-guard', true);
    const post = page.getByTestId('home-post');
    await visible(post.getByText('预约访客'));
    const board = (await page.evaluate(async () => (await fetch('/api/v1/gate/board')).json())) as { expected: unknown[]; inside: unknown[]; slips: unknown[] };
    await visible(page.getByTestId('post-expected').filter({ hasText: String(board.expected.length) }));
    await visible(page.getByTestId('post-slips').filter({ hasText: String(board.slips.length) }));
    await visible(page.getByTestId('post-round').getByText('巡更'));
    expect(await page.getByTestId('home-queues').count()).toBe(0);
    await screenshot(page, 'home-07-guard-phone');
    await page.setViewportSize(SMALL_PHONE);
    expect(await overflows(page)).toBe(false);
    await screenshot(page, 'home-08-guard-360');
    await page.getByTestId('post-slips').click();
    await page.waitForURL((url) => url.pathname === '/gate');
    expect(errors).toEqual([]);
  });

  it('manager: overdue and low ratings with counts, next to the 30-day statistics', async () => {
    const { page, errors } = await home('demo-manager');
    await checkTiles(page, ['overdue', 'low_rating', 'after_completion']);
    await visible(page.getByTestId('home-stats').getByText('近 30 天工单'));
    await screenshot(page, 'home-09-manager');
    const counts = await apiQueues(page);
    await openQueue(page, 'overdue', counts.overdue!, '已超时');
    await screenshot(page, 'home-10-manager-overdue-list');

    // Checkpoint QR tags print in A4 sheets: one tag (name, QR, id) per checkpoint, print-only sheet.
    await page.goto('/patrol/report');
    await page.getByTestId('open-tag-sheet').first().click();
    const sheet = page.getByTestId('tag-sheet');
    await visible(sheet.locator('.patrol-tag svg'));
    expect(await sheet.locator('.patrol-tag').count()).toBeGreaterThan(1);
    await screenshot(page, 'home-11-manager-tag-sheet');
    await page.emulateMedia({ media: 'print' });
    // On paper only the sheet: every tag of the route, from the top of the page.
    expect(await page.locator('body > .patrol-tag-print .patrol-tag').count()).toBe(await sheet.locator('.patrol-tag').count());
    expect(await page.locator('body > .patrol-tag-print').evaluate((el) => el.getBoundingClientRect().top)).toBeLessThan(50);
    await screenshot(page, 'home-12-manager-tag-sheet-print');
    await page.emulateMedia({ media: 'screen' });
    expect(errors).toEqual([]);
  });
});
