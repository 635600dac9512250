import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { existsSync, readFileSync } from 'node:fs';
import sharp from 'sharp';
import { DEV_OUTBOX_FILE } from './support/paths';
import { acceptPrivacyIfAsked, launchBrowser, openPage, rawCodes, screenshot, visible, type TestPage } from './support/browser';

const PASSWORD = 'demo12345';
const OWNER_PHONE = '13912341202';
const SMALL_PHONE = { width: 360, height: 640 };

let browser: Browser;
const baseURL = inject('baseURL');
const opened: TestPage[] = [];
let photo: Buffer;

/** A staff member driving the API directly (cookie and CSRF token), as the console would. */
/** The code of the latest text to a phone, from the server's development outbox file. */
async function codeFromOutboxFile(phone: string): Promise<string> {
  let code: string | undefined;
  await expect
    .poll(
      () => {
        const lines = existsSync(DEV_OUTBOX_FILE) ? readFileSync(DEV_OUTBOX_FILE, 'utf8').trim().split('\n') : [];
        const texts = lines.filter(Boolean).map((l) => JSON.parse(l) as { to: string; body: string });
        code = /(\d{6})/.exec(texts.filter((m) => m.to === phone).at(-1)?.body ?? '')?.[1];
        return code;
      },
      { timeout: 10_000 },
    )
    .toBeTruthy();
  return code!;
}

class Staff {
  private cookie = '';
  private csrf = '';
  me!: { user: { staffId: string | null } };
  static async login(username: string): Promise<Staff> {
    const s = new Staff();
    const res = await fetch(`${baseURL}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
    expect(res.status).toBe(200);
    s.cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    s.me = (await res.json()) as Staff['me'] & { csrfToken: string };
    s.csrf = (s.me as unknown as { csrfToken: string }).csrfToken;
    return s;
  }
  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const form = body instanceof FormData;
    const res = await fetch(`${baseURL}${path}`, {
      method,
      headers: { cookie: this.cookie, 'x-csrf-token': this.csrf, ...(body && !form ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : form ? body : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return JSON.parse(text) as T;
  }
  act(orderId: string, action: string, body: Record<string, unknown> = {}) {
    return this.call<{ status: string }>('POST', `/api/v1/work-orders/${orderId}/actions/${action}`, body);
  }
  async photo(): Promise<string> {
    const form = new FormData();
    form.append('kind', 'photo');
    form.append('file', new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }), 'site.jpg');
    return (await this.call<{ id: string }>('POST', '/api/v1/attachments', form)).id;
  }
}

async function phone(size?: { width: number; height: number }): Promise<Page> {
  const testPage = await openPage(browser, baseURL, { phone: true });
  if (size) await testPage.page.setViewportSize(size);
  opened.push(testPage);
  return testPage.page;
}

async function overflows(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
}

/** Interactive elements smaller than 44 px in either direction (the portal's touch-target rule). */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('button, a, input:not([type=file]), select, textarea, [role=radio]')]
      .filter((el) => el.offsetParent !== null)
      .map((el) => ({ el, r: el.getBoundingClientRect() }))
      .filter(({ el, r }) => (r.height < 44 || r.width < 44) && !(el instanceof HTMLInputElement && el.type === 'checkbox'))
      .map(({ el, r }) => `${el.tagName} "${(el.textContent ?? '').trim().slice(0, 20)}" ${Math.round(r.width)}x${Math.round(r.height)}`),
  );
}

async function statusText(page: Page): Promise<string> {
  return ((await page.locator('.card .badge').first().textContent()) ?? '').trim();
}

beforeAll(async () => {
  browser = await launchBrowser();
  photo = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#8aa1b8' } }).jpeg().toBuffer();
});

afterAll(async () => {
  for (const { context } of opened) await context.close();
  await browser?.close();
});

describe('owner portal', () => {
  it('lets the demo owner file a repair with a photo, approve the quote, accept with a signature and rate it', async () => {
    const page = await phone();
    await page.goto('/m/');
    await visible(page.getByRole('heading', { name: '登录业主服务' }));
    await screenshot(page, 'portal-01-sign-in-phone-zh');
    expect(await smallTargets(page)).toEqual([]);
    await page.getByRole('radio', { name: '密码登录' }).click();
    await page.getByLabel('手机号').fill(OWNER_PHONE);
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    // The first sign-in of the account in this run asks for the privacy notice (whichever owner journey runs first).
    await acceptPrivacyIfAsked(page, 'portal-01b-privacy-consent-phone-zh');
    await visible(page.getByText('林晓梅，您好'));
    await visible(page.getByText('3栋 1202'));
    await visible(page.getByText('已认证'));
    await screenshot(page, 'portal-02-home-phone-zh');
    expect(await overflows(page)).toBe(false);
    expect(await rawCodes(page)).toEqual([]);

    // File a repair: category from the standard, a description, a photo and a preferred time.
    await page.getByRole('link', { name: /我要报修/ }).click();
    // The gas-leak prompt names the community's hotline, tap-to-call.
    await page.getByRole('radio', { name: '燃气异味（紧急）' }).click();
    expect(await page.getByTestId('call-hotline').getAttribute('href')).toBe('tel:057188886666');
    await screenshot(page, 'portal-03a-emergency-hotline-phone-zh');
    await page.getByRole('radio', { name: '给排水' }).click();
    expect(await page.getByTestId('call-hotline').count()).toBe(0);
    await page.getByLabel('请描述一下情况').fill('厨房水龙头关不紧，一直滴水');
    await page.locator('input[type=file]').setInputFiles({ name: 'tap.jpg', mimeType: 'image/jpeg', buffer: photo });
    await visible(page.locator('.photo img'));
    const tomorrow = new Date(Date.now() + 24 * 3_600_000);
    const day = `${tomorrow.getFullYear()}-${String(tomorrow.getMonth() + 1).padStart(2, '0')}-${String(tomorrow.getDate()).padStart(2, '0')}`;
    await page.getByLabel('希望上门时间（可不填）').fill(`${day}T09:30`);
    await page.getByText('这是户内的有偿维修').click();
    await screenshot(page, 'portal-03-new-repair-phone-zh');
    expect(await overflows(page)).toBe(false);
    await page.getByRole('button', { name: '提交', exact: true }).click();
    await visible(page.getByText(/已提交，编号 BX\d{8}-\d{4}/));
    const orderId = /requests\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    await visible(page.getByText(/希望上门：/).first());
    await visible(page.getByText('您提交了报修'));
    await screenshot(page, 'portal-04-request-filed-phone-zh');

    // Staff move it along through the API: dispatch, accept, check in with a photo, quote.
    const dispatcher = await Staff.login('demo-dispatcher');
    const tech = await Staff.login('demo-tech');
    await dispatcher.act(orderId, 'dispatch', { technician: tech.me.user.staffId });
    await tech.act(orderId, 'accept');
    await tech.act(orderId, 'arrive', { before: [await tech.photo()] });
    await tech.act(orderId, 'quote', { diagnosis: '阀芯老化磨损', items: [{ name: '更换水龙头阀芯', quantity: 1, amount: 8000 }], price_basis: '公示价目表' });

    await page.reload();
    // The step, its question and its answers come from the repair standard.
    await visible(page.getByRole('heading', { name: '业主确认报价' }));
    await visible(page.getByText('合计 80.00 元'));
    await visible(page.getByText(/由 张强 师傅负责/));
    await page.getByRole('radiogroup', { name: '是否同意报价' }).getByRole('radio', { name: '是' }).click();
    await screenshot(page, 'portal-05-quote-phone-zh');
    expect(await smallTargets(page)).toEqual([]);
    await page.getByRole('button', { name: '提交：业主确认报价' }).click();
    await expect.poll(() => statusText(page), { timeout: 15_000 }).toBe('维修中');

    await tech.act(orderId, 'complete', { work_done: '更换阀芯并试水，不再滴水', after: [await tech.photo()], materials: [{ name: '阀芯', quantity: 1 }] });
    await page.reload();
    await visible(page.getByRole('heading', { name: '业主验收' }));
    await visible(page.getByText('维修内容：更换阀芯并试水，不再滴水'));
    // Accepting asks for the owner's signature (the standard's record for an approval); without it the form says so.
    await page.getByRole('radiogroup', { name: '是否验收通过' }).getByRole('radio', { name: '是' }).click();
    await page.getByRole('button', { name: '提交：业主验收' }).click();
    await visible(page.locator('.field-error').filter({ hasText: '业主签字' }).getByText('请填写此项'));
    const pad = page.getByTestId('signature-pad');
    await pad.scrollIntoViewIfNeeded();
    const box = (await pad.boundingBox())!;
    await page.mouse.move(box.x + 30, box.y + box.height / 2);
    await page.mouse.down();
    for (let i = 1; i <= 12; i++) await page.mouse.move(box.x + 30 + i * 20, box.y + box.height / 2 + (i % 2 ? -25 : 25));
    await page.mouse.up();
    await screenshot(page, 'portal-06-accept-signature-phone-zh');
    await page.getByRole('button', { name: '提交：业主验收' }).click();
    await visible(page.getByRole('heading', { name: '回访' }));
    // The owner reads the standard's owner-facing name of the state, not the desk's to-do (已验收待回访).
    expect(await statusText(page)).toBe('已验收');

    // The owner's rating is the return visit the standard asks for: a 1–5 number, tapped as stars.
    await page.getByRole('button', { name: '提交：回访' }).click();
    await visible(page.locator('.field-error').filter({ hasText: '满意度（1–5）' }).getByText('请填写此项'));
    await page.getByRole('radio', { name: '5 星' }).click();
    await page.getByLabel('评价').fill('师傅很准时，修得很好');
    await page.getByRole('button', { name: '提交：回访' }).click();
    await visible(page.getByText('谢谢您的评价：5 星'));
    await expect.poll(() => statusText(page), { timeout: 15_000 }).toBe('已关闭');
    await visible(page.getByText('评分：5 星'));
    expect(await rawCodes(page)).toEqual([]);
    await screenshot(page, 'portal-07-rated-closed-phone-zh');

    // Large text and high contrast, kept on the phone; still no sideways scrolling.
    await page.goto('/m/settings');
    await page.getByRole('radiogroup', { name: '大字模式' }).getByRole('radio', { name: '开' }).click();
    await page.getByRole('radiogroup', { name: '高对比度' }).getByRole('radio', { name: '开' }).click();
    await screenshot(page, 'portal-08-settings-large-phone-zh');
    await page.goto(`/m/requests/${orderId}`);
    await visible(page.getByText('谢谢您的评价：5 星'));
    expect(await page.evaluate(() => document.documentElement.classList.contains('large-text'))).toBe(true);
    expect(await overflows(page)).toBe(false);
    await screenshot(page, 'portal-09-request-large-text-phone-zh');
    expect(await smallTargets(page)).toEqual([]);

    // In English, then back to Chinese (the choice is also saved on the account).
    await page.goto('/m/settings');
    await page.getByRole('radio', { name: 'English' }).click();
    await page.getByRole('radiogroup', { name: 'Large text' }).getByRole('radio', { name: 'Off' }).click();
    await page.getByRole('radiogroup', { name: 'High contrast' }).getByRole('radio', { name: 'Off' }).click();
    await page.goto('/m/');
    await visible(page.getByText('Hello, 林晓梅'));
    await visible(page.getByRole('link', { name: /Report a repair/ }));
    expect(await overflows(page)).toBe(false);
    await screenshot(page, 'portal-10-home-phone-en');
    await page.goto('/m/settings');
    await page.getByRole('radio', { name: '中文' }).click();
    await visible(page.getByRole('heading', { name: '设置' }));
  });

  it('signs a new phone in by code (read from the development outbox file), registers a home and shows it once the desk approves', async () => {
    const newPhone = `137${String(Date.now()).slice(-8)}`;
    const page = await phone(SMALL_PHONE);
    await page.goto('/m/requests');
    await visible(page.getByRole('heading', { name: '登录业主服务' }));
    await page.getByLabel('手机号').fill(newPhone);
    await page.getByRole('button', { name: '获取验证码' }).click();
    await visible(page.getByText(/验证码已发送到 137\*\*\*\*\d{4}/));
    await visible(page.getByRole('button', { name: /秒后重发/ }));

    // Staff see the message with the code masked; only the developer's outbox file has it.
    const admin = await Staff.login('demo-admin');
    const outbox = await admin.call<{ items: { to: string; body: string }[] }>('GET', '/api/v1/outbox?pageSize=50');
    expect(outbox.items.find((m) => m.to === newPhone)!.body).toContain('******');
    const code = await codeFromOutboxFile(newPhone);
    await page.getByLabel('验证码').fill(code);
    await page.getByRole('button', { name: '登录' }).click();

    // A first sign-in: nothing but the privacy notice until it is accepted, and it fits 360 px.
    await visible(page.getByTestId('privacy-notice'));
    expect(await overflows(page)).toBe(false);
    await screenshot(page, 'portal-10b-privacy-consent-360-zh');
    expect(await acceptPrivacyIfAsked(page)).toBe(true);

    await visible(page.getByRole('heading', { name: '登记我的房屋' }));
    await page.getByLabel('您的姓名').fill('周新邻');
    await page.getByLabel('小区').selectOption({ label: '翠湖花园' });
    await page.getByLabel('楼栋').selectOption({ label: '6栋' });
    await expect.poll(() => page.getByLabel('房号').locator('option').count(), { timeout: 15_000 }).toBeGreaterThan(1);
    await page.getByLabel('房号').selectOption({ index: 1 });
    await page.getByRole('radio', { name: '租户' }).click();
    await screenshot(page, 'portal-11-register-360-zh');
    expect(await overflows(page)).toBe(false);
    await page.getByRole('button', { name: '提交审核' }).click();
    await visible(page.getByText('周新邻，您好'));
    await visible(page.getByText('审核中'));
    await visible(page.getByText('您的房屋正在审核'));
    expect(await page.getByRole('link', { name: /我要报修/ }).count()).toBe(0);
    await screenshot(page, 'portal-12-pending-360-zh');

    // The desk approves it on the console's review page.
    const deskPage = await openPage(browser, baseURL);
    opened.push(deskPage);
    await deskPage.page.goto('/login');
    await deskPage.page.evaluate(() => window.localStorage.setItem('wuye.locale', 'zh-CN'));
    await deskPage.page.getByLabel('用户名', { exact: true }).fill('demo-desk');
    await deskPage.page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await deskPage.page.getByRole('button', { name: /^登\s?录$/ }).click();
    await deskPage.page.getByRole('menuitem', { name: '住户认证审核' }).click();
    const row = deskPage.page.locator('tr').filter({ hasText: '周新邻' });
    await visible(row);
    await screenshot(deskPage.page, 'portal-13-desk-review-zh');
    await row.getByRole('button', { name: /^通\s?过$/ }).click();
    await deskPage.page.locator('.ant-popconfirm').getByRole('button', { name: /^通\s?过$/ }).click();
    await visible(deskPage.page.getByText('已通过，已短信告知业主'));
    await visible(deskPage.page.getByText('没有待审核的申请'));

    await page.reload();
    await visible(page.getByText('已认证'));
    await visible(page.getByRole('link', { name: /我要报修/ }));
    await screenshot(page, 'portal-14-approved-360-zh');

    // A complaint filed and withdrawn while it is still open.
    await page.getByRole('link', { name: /我要投诉/ }).click();
    await page.getByRole('radio', { name: '噪音扰民' }).click();
    await page.getByLabel('请描述一下情况').fill('楼下商铺晚上十一点后还在放音乐');
    await page.getByRole('button', { name: '提交', exact: true }).click();
    await visible(page.getByText(/已提交，编号 TS\d{8}-\d{4}/));
    await page.getByRole('button', { name: '撤回投诉' }).click();
    await page.getByRole('button', { name: '提交：撤回投诉' }).click();
    await visible(page.getByText('请填写此项'));
    await page.getByLabel('撤回原因').fill('商铺已经关门了');
    await page.getByRole('button', { name: '提交：撤回投诉' }).click();
    await expect.poll(() => statusText(page), { timeout: 15_000 }).toBe('已撤回');
    await visible(page.getByText('您在手机上完成：撤回投诉'));
    expect(await overflows(page)).toBe(false);
    await screenshot(page, 'portal-15-complaint-withdrawn-360-zh');
  });
});
