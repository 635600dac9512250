// The guard's home page on a phone: the post, not a work-order queue. The other roles' home
// pages are walked in their working days (e2e/day-*.e2e.ts); the guard's day lives with the gate
// and patrol journeys, where this check can move.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshot, visible } from './support/browser';
import { overflowsHorizontally, Pages, SMALL_PHONE } from './support/day';

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

describe('home page of the guard', () => {
  it('on a phone: the post (visitors expected and inside, slips, the patrol round); fits 360 px', async () => {
    const { page, errors } = await pages.as('demo-guard', { phone: true });
    const post = page.getByTestId('home-post');
    await visible(post.getByText('预约访客'));
    const board = (await page.evaluate(async () => (await fetch('/api/v1/gate/board')).json())) as { expected: unknown[]; inside: unknown[]; slips: unknown[] };
    await visible(page.getByTestId('post-expected').filter({ hasText: String(board.expected.length) }));
    await visible(page.getByTestId('post-slips').filter({ hasText: String(board.slips.length) }));
    await visible(page.getByTestId('post-round').getByText('巡更'));
    expect(await page.getByTestId('home-queues').count()).toBe(0);
    await screenshot(page, 'home-01-guard-phone');
    await page.setViewportSize(SMALL_PHONE);
    expect(await overflowsHorizontally(page)).toBe(false);
    await screenshot(page, 'home-02-guard-360');
    await page.getByTestId('post-slips').click();
    await page.waitForURL((url) => url.pathname === '/gate');
    expect(errors).toEqual([]);
  });
});
