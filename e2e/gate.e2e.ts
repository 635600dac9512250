import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
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

/** The demo guard on a phone, signed in, in Chinese. */
async function guardOnPhone(): Promise<TestPage> {
  const testPage = await openPage(browser, baseURL, { phone: true });
  opened.push(testPage);
  await testPage.page.goto('/login');
  await signIn(testPage.page, 'demo-guard', PASSWORD);
  await visible(testPage.page.getByTestId('greeting'));
  return testPage;
}

/** A demo record as the guard's session reads it through the API (to learn its code and token). */
async function record<T>(page: Page, path: string): Promise<T> {
  return page.evaluate(async (p) => (await (await fetch(p, { credentials: 'same-origin' })).json()) as T, path);
}

async function overflows(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
}

async function scan(page: Page, text: string): Promise<void> {
  const input = page.getByTestId('scan-input');
  await input.fill(text);
  // A keyboard-wedge scanner ends what it read with Enter.
  await input.press('Enter');
}

async function standsStill(locator: Locator): Promise<void> {
  let still = 0;
  for (let i = 0; i < 50 && still < 4; i++) {
    const full = await locator.evaluate((el: HTMLElement) => Math.abs(el.getBoundingClientRect().width - el.offsetWidth) < 0.5);
    still = full ? still + 1 : 0;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface Pass {
  id: string;
  code: string;
  token: string;
  visitorName: string;
}

describe('the guard at the gate post, on a phone', () => {
  it('admits a pre-registered visitor by the QR content, and refuses an expired pass with the reason', async () => {
    const { page, errors } = await guardOnPhone();
    await page.goto('/gate');
    // One tab per task: the post opens on verification, the expected visitors wait on their tab.
    await visible(page.getByTestId('post-card-scan'));
    expect(await page.getByTestId('post-card-expected').count()).toBe(0);
    expect(await overflows(page)).toBe(false);
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThan(1200);
    await screenshot(page, 'gate-01-post-phone-zh');
    await page.getByTestId('post-tab-visitors').click();
    await visible(page.getByTestId('post-card-expected').getByText('周建华'));
    expect(await overflows(page)).toBe(false);
    expect(await rawCodes(page)).toEqual([]);
    await screenshot(page, 'gate-01b-visitors-phone-zh');
    await page.getByTestId('post-tab-verify').click();

    const visitors = await record<{ items: Pass[] }>(page, '/api/v1/gate/passes?q=%E5%91%A8%E5%BB%BA%E5%8D%8E');
    const visitor = visitors.items[0]!;
    await scan(page, `WYP:${visitor.token}`);
    const card = page.getByTestId('post-card-scan').getByTestId(`pass-${visitor.code}`);
    await visible(card.getByText('可以通行'));
    await visible(card.getByText('3栋 1202'));
    await screenshot(page, 'gate-02-scanned-phone-zh');
    await card.getByRole('button', { name: '登记入园' }).click();
    await visible(page.getByText('登记入园：周建华，现为“在园内”'));
    await visible(card.getByText('在园内'));
    await visible(card.getByTestId('pass-done').getByText(/已入园：/));
    await page.getByTestId('post-tab-visitors').click();
    await visible(page.getByTestId('post-card-inside').getByText('周建华'));
    await page.getByTestId('post-tab-verify').click();

    const expired = (await record<{ items: Pass[] }>(page, '/api/v1/gate/passes?q=%E9%99%88%E6%99%93%E4%B8%9C')).items[0]!;
    await scan(page, expired.code.toLowerCase());
    const refused = page.getByTestId('post-card-scan').getByTestId(`pass-${expired.code}`);
    await visible(refused.getByTestId('pass-refusal').getByText(/不予通行：已过期（有效期至 .+）/));
    await visible(refused.getByText('已过期', { exact: true }));
    expect(await refused.getByRole('button', { name: '登记入园' }).count()).toBe(0);
    await screenshot(page, 'gate-03-expired-phone-zh');
    expect(errors).toEqual([]);
  });

  it('releases goods against a slip exactly once', async () => {
    const { page, errors } = await guardOnPhone();
    await page.goto('/gate');
    const slips = await record<{ items: { id: string; code: string }[] }>(page, '/api/v1/gate/slips?q=%E7%8E%8B%E5%B8%88%E5%82%85');
    const slip = slips.items[0]!;
    await scan(page, slip.code);
    const card = page.getByTestId('post-card-scan').getByTestId(`slip-${slip.code}`);
    await visible(card.getByText('可以放行'));
    await card.getByRole('button', { name: '核对放行' }).click();
    // The step form of the slip's standard, on a phone a full-height sheet: the goods to check
    // against, the consent and the signature the release step names.
    const dialog = page.getByTestId('step-sheet');
    await visible(dialog.getByTestId('slip-goods').getByText('旧布艺沙发 × 1'));
    const release = dialog.getByTestId('step-submit');
    await release.click();
    // Nothing is sent without the consent and the signature.
    await visible(dialog.locator('.ant-form-item-explain-error').first());
    await dialog.getByText('物品与放行条核对一致').click();
    const pad = dialog.getByTestId('signature-pad');
    await standsStill(pad);
    const box = (await pad.boundingBox())!;
    await page.mouse.move(box.x + 30, box.y + 80);
    await page.mouse.down();
    for (let i = 0; i <= 16; i++) await page.mouse.move(box.x + 30 + i * 15, box.y + 70 + Math.sin(i / 2) * 30, { steps: 2 });
    await page.mouse.up();
    await screenshot(page, 'gate-04-release-phone-zh');
    await release.click();
    await visible(page.getByText(/核对放行：.+，现为“已放行”/));
    // The card answers the release just made: released, by whom, when; not a refusal of it.
    await visible(card.getByTestId('slip-done').getByText(/已放行：.+，/));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await card.getByTestId('slip-refusal').count()).toBe(0);
    expect(await card.getByRole('button', { name: '核对放行' }).count()).toBe(0);
    expect(await rawCodes(page)).toEqual([]);
    await screenshot(page, 'gate-05-released-phone-zh');
    // Shown again, the same slip is a reuse: a new scan refuses it with the reason.
    await scan(page, slip.code);
    await visible(card.getByTestId('slip-refusal').getByText(/不予放行：放行条已于 .+ 使用，每张只能使用一次/));

    // A second release is refused by the server too, whatever the screen shows.
    const second = await page.evaluate(async (id) => {
      const me = await (await fetch('/api/v1/auth/me')).json();
      const res = await fetch(`/api/v1/gate/slips/${id}/actions/release`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({ goods_checked: true }),
      });
      return { status: res.status, body: await res.json() };
    }, slip.id);
    expect(second.status).toBe(409);
    expect(second.body.error.message).toContain('每张只能使用一次');
    await screenshot(page, 'gate-05b-reused-phone-zh');

    await page.goto(`/gate/slips/${slip.id}/print`);
    await visible(page.getByTestId('slip-sheet').getByText('物品放行条'));
    // The guard's signature is linked to the slip: the printed slip shows it (a loaded image, not a broken one).
    const signature = page.getByTestId('slip-sheet').locator('.gate-sign img');
    await visible(signature);
    await expect.poll(() => signature.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), { timeout: 15_000 }).toBe(true);
    await screenshot(page, 'gate-06-slip-print-zh');
    expect(errors).toEqual([]);
  });

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
