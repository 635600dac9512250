import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, screenshot, visible, type TestPage, acceptPrivacyIfAsked } from './support/browser';

const PASSWORD = 'demo12345';
const OWNER_PHONE = '13912341202';

let browser: Browser;
const baseURL = inject('baseURL');
const opened: TestPage[] = [];

/** The demo guard driving the gate API directly (cookie and CSRF token), as the post screen does. */
async function guard() {
  const res = await fetch(`${baseURL}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'demo-guard', password: PASSWORD }) });
  expect(res.status).toBe(200);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return async <T>(path: string, body: unknown): Promise<T> => {
    const r = await fetch(`${baseURL}${path}`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const text = await r.text();
    if (!r.ok) throw new Error(`POST ${path}: ${r.status} ${text}`);
    return JSON.parse(text) as T;
  };
}

async function fresh(): Promise<TestPage> {
  const testPage = await openPage(browser, baseURL, { phone: true });
  opened.push(testPage);
  return testPage;
}

async function overflows(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
}

/** Interactive elements smaller than 44 px (the portal's touch-target rule). */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('button, a, input, select, textarea, [role=radio]')]
      .filter((el) => el.offsetParent !== null)
      .map((el) => ({ el, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.height < 44 || r.width < 44)
      .map(({ el, r }) => `${el.tagName} "${(el.textContent ?? '').trim().slice(0, 20)}" ${Math.round(r.width)}x${Math.round(r.height)}`),
  );
}

/** Whether the QR image on the page has loaded from the API. */
async function qrLoaded(page: Page): Promise<boolean> {
  const qr = page.getByTestId('qr');
  await visible(qr);
  return qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0);
}

const badge = (page: Page) => page.locator('.pass-card .badge').first();

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const { context } of opened) await context.close();
  await browser?.close();
});

describe('owner portal: visitor passes and goods release', () => {
  it('invites a visitor, shares the pass, sees it used after the guard admits it, and issues a release slip', async () => {
    const { page, errors, context } = await fresh();
    await page.goto('/m/sign-in');
    await page.getByRole('radio', { name: '密码登录' }).click();
    await page.getByLabel('手机号').fill(OWNER_PHONE);
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await acceptPrivacyIfAsked(page);
    await visible(page.getByText('林晓梅，您好'));
    await page.getByRole('link', { name: /访客通行/ }).click();
    await visible(page.getByRole('heading', { name: '访客通行' }));
    await page.getByRole('link', { name: /邀请访客/ }).click();

    // Field errors from the API, in Chinese, under the field they concern.
    await page.getByLabel('访客姓名').fill('王建国');
    await page.getByLabel('访客手机号（可不填）').fill('1381234');
    await page.getByLabel('车牌号（可不填）').fill('浙A1');
    await page.getByRole('button', { name: '生成通行证' }).click();
    await visible(page.locator('.field-error').filter({ hasText: '访客手机号' }).locator('.field-message'));
    await visible(page.locator('.field-error').filter({ hasText: '车牌号' }).locator('.field-message'));
    await screenshot(page, 'portal-gate-01-invite-errors-zh');
    expect(await overflows(page)).toBe(false);
    expect(await smallTargets(page)).toEqual([]);

    await page.getByLabel('访客手机号（可不填）').fill('13812345678');
    await page.getByLabel('车牌号（可不填）').fill('浙a12345');
    await page.getByRole('button', { name: '生成通行证' }).click();
    await visible(page.getByText('通行证已生成，请发给访客'));
    expect(await badge(page).textContent()).toBe('待入园');
    expect(await qrLoaded(page)).toBe(true);
    const code = ((await page.getByTestId('short-code').textContent()) ?? '').trim();
    expect(code).toMatch(/^[2-9A-Z]{6}$/);
    await visible(page.getByText('车牌 浙A12345'));
    await screenshot(page, 'portal-gate-02-pass-zh');

    // No share sheet in headless Chromium: the link is copied and shown.
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.evaluate(() => Object.defineProperty(navigator, 'share', { value: undefined, configurable: true }));
    await page.getByRole('button', { name: '发给访客' }).click();
    await visible(page.getByText('链接已复制'));
    const link = ((await page.getByTestId('share-link').textContent()) ?? '').trim();
    expect(link).toMatch(/\/m\/pass\/[A-Za-z0-9_-]{16,}$/);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain(link);
    expect(await overflows(page)).toBe(false);

    // The visitor opens the link on another phone, signed out.
    const visitor = await fresh();
    await visitor.page.setViewportSize({ width: 360, height: 640 });
    await visitor.page.goto(link);
    await visible(visitor.page.getByText('请到门岗出示此二维码'));
    await visible(visitor.page.getByText('翠湖花园'));
    await visible(visitor.page.getByText('访客 王*'));
    expect(((await visitor.page.getByTestId('short-code').textContent()) ?? '').trim()).toBe(code);
    expect(await qrLoaded(visitor.page)).toBe(true);
    expect(await overflows(visitor.page)).toBe(false);
    await screenshot(visitor.page, 'portal-gate-03-shared-pass-signed-out-360-zh');

    // The guard scans the QR content and records the entry; the owner sees the pass used.
    const post = await guard();
    const token = link.split('/').pop()!;
    const found = await post<{ passes: { id: string; code: string; verdict: { ok: boolean } }[] }>('/api/v1/gate/lookup', { q: `WYP:${token}` });
    expect(found.passes.map((p) => [p.code, p.verdict.ok])).toEqual([[code, true]]);
    await post(`/api/v1/gate/passes/${found.passes[0]!.id}/actions/enter`, {});
    await page.reload();
    await expect.poll(async () => (await badge(page).textContent())?.trim(), { timeout: 15_000 }).toBe('在园内');
    await visible(page.getByText(/已进门/));
    expect(await page.getByTestId('step-open-cancel').count()).toBe(0);
    await screenshot(page, 'portal-gate-04-pass-used-zh');
    await visitor.page.reload();
    await visible(visitor.page.getByTestId('verdict'));
    // The visitor leaves (so the demo post board is as it was); the owner's list says so.
    await post(`/api/v1/gate/passes/${found.passes[0]!.id}/actions/exit`, {});
    await page.goto('/m/passes');
    await visible(page.getByTestId(`pass-${code}`).getByText('已离开'));
    await screenshot(page, 'portal-gate-05-pass-list-zh');

    // A release slip with two items (one row added, one added and removed again).
    await page.goto('/m/');
    await page.getByRole('link', { name: /物品放行/ }).click();
    await page.getByRole('link', { name: /开具放行条/ }).click();
    await page.getByRole('button', { name: '开具放行条' }).click();
    await visible(page.getByText('请填写此项').first());
    await page.getByLabel('物品名称').fill('旧冰箱');
    await page.getByLabel('搬运人姓名').fill('刘师傅');
    expect(await page.getByText('请填写此项').count()).toBe(0);
    await page.getByRole('button', { name: '＋ 再加一件' }).click();
    await page.getByRole('button', { name: '＋ 再加一件' }).click();
    await page.locator('fieldset').nth(1).getByLabel('物品名称').fill('纸箱');
    await page.locator('fieldset').nth(1).getByLabel('数量').fill('6');
    await page.locator('fieldset').nth(1).getByLabel('备注（可不填）').fill('书和衣物');
    await page.locator('fieldset').nth(2).getByRole('button', { name: '删除这件' }).click();
    expect(await page.locator('fieldset').count()).toBe(2);
    await page.getByLabel('搬运人姓名').fill('刘师傅');
    await page.getByLabel('搬运人手机号（可不填）').fill('13698765432');
    await screenshot(page, 'portal-gate-06-new-slip-zh');
    expect(await overflows(page)).toBe(false);
    expect(await smallTargets(page)).toEqual([]);
    await page.getByRole('button', { name: '开具放行条' }).click();
    await visible(page.getByText('放行条已开好'));
    expect(await badge(page).textContent()).toBe('待放行');
    expect(await qrLoaded(page)).toBe(true);
    await visible(page.getByText('书和衣物'));
    await screenshot(page, 'portal-gate-07-slip-zh');
    const slipCode = ((await page.getByTestId('short-code').textContent()) ?? '').trim();
    await page.goto('/m/slips');
    const card = page.getByTestId(`slip-${slipCode}`);
    await visible(card.getByText('旧冰箱×1、纸箱×6'));
    await visible(card.getByText('待放行'));
    await screenshot(page, 'portal-gate-08-slip-list-zh');
    expect(errors).toEqual([]);
  });

  it('shows a cancelled pass as cancelled on the shared link, and an unknown link plainly', async () => {
    const { page } = await fresh();
    await page.goto('/m/sign-in');
    await page.getByRole('radio', { name: '密码登录' }).click();
    await page.getByLabel('手机号').fill(OWNER_PHONE);
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await acceptPrivacyIfAsked(page);
    await visible(page.getByText('林晓梅，您好'));
    await page.goto('/m/passes/new');
    await page.getByLabel('访客姓名').fill('赵敏');
    await page.getByRole('button', { name: '生成通行证' }).click();
    await visible(page.getByText('通行证已生成'));
    const token = await page.evaluate(async (id) => ((await (await fetch(`/api/v1/gate/passes/${id}`)).json()) as { token: string }).token, /passes\/([0-9a-f-]{36})/.exec(page.url())![1]!);

    // The cancel step of the visitor standard, its reason optional for the owner.
    await page.getByTestId('step-open-cancel').click();
    await page.getByTestId('step-submit-cancel').click();
    await expect.poll(async () => (await badge(page).textContent())?.trim(), { timeout: 15_000 }).toBe('已取消');
    expect(await page.getByRole('button', { name: '发给访客' }).count()).toBe(0);

    const visitor = await fresh();
    await visitor.page.goto(`/m/pass/${token}`);
    await visible(visitor.page.getByTestId('verdict'));
    expect(await visitor.page.getByTestId('verdict').textContent()).toMatch(/取消/);
    expect(await visitor.page.getByText('请到门岗出示此二维码').count()).toBe(0);
    await screenshot(visitor.page, 'portal-gate-09-shared-cancelled-zh');

    // The demo pass of two days ago (陈晓东) ran out: its link says so, and so does the owner's list.
    const expired = await page.evaluate(async () => ((await (await fetch('/api/v1/gate/passes?q=%E9%99%88%E6%99%93%E4%B8%9C')).json()) as { items: { token: string; code: string }[] }).items[0]!);
    await visitor.page.goto(`/m/pass/${expired.token}`);
    await visible(visitor.page.getByTestId('verdict'));
    expect(await visitor.page.getByTestId('verdict').textContent()).toMatch(/过期/);
    await visible(visitor.page.getByText('已过期'));
    await screenshot(visitor.page, 'portal-gate-10-shared-expired-zh');
    await page.goto('/m/passes');
    await visible(page.getByTestId(`pass-${expired.code}`).getByText('已过期'));

    // Large text and English on the owner's phone: still no sideways scrolling, still 44 px targets.
    await page.evaluate(() => localStorage.setItem('wuye.portal.prefs', JSON.stringify({ locale: 'en-US', largeText: true, contrast: true })));
    await page.goto('/m/passes');
    await visible(page.getByRole('heading', { name: 'Visitor passes' }));
    await visible(page.getByTestId(`pass-${expired.code}`).getByText('Expired'));
    expect(await overflows(page)).toBe(false);
    expect(await smallTargets(page)).toEqual([]);
    await screenshot(page, 'portal-gate-11-passes-large-contrast-en');

    await visitor.page.goto('/m/pass/AAAAAAAAAAAAAAAAAAAAAAAA');
    await visible(visitor.page.getByText('找不到这张通行证'));
  });
});
