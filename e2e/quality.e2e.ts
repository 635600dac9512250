import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { acceptPrivacyIfAsked, launchBrowser, screenshot, selectOption, signIn, visible } from './support/browser';

const PASSWORD = 'demo12345';
/** A demo owner with an approved home. */
const OWNER_PHONE = '13912341202';
/** The inspector's place for this run, so its rectifications are told from the demo month's and an earlier run's. */
const PLACE = `南门岗（巡检演示${Date.now() % 10_000}）`;
/** A photo as a phone's camera would hand it over. */
let PHOTO: Buffer;

let browser: Browser;
const baseURL = inject('baseURL');
const contexts: BrowserContext[] = [];

/** A signed-in phone (360×640 unless told) of one demo account, in Chinese. */
async function onPhone(username: string, viewport = { width: 360, height: 640 }): Promise<{ page: Page; context: BrowserContext; errors: string[] }> {
  const context = await browser.newContext({ baseURL, locale: 'zh-CN', viewport, isMobile: true, hasTouch: true, timezoneId: 'Asia/Shanghai' });
  contexts.push(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  await page.goto('/login');
  await signIn(page, username, PASSWORD);
  await visible(page.getByTestId('greeting'));
  return { page, context, errors };
}

async function sign(page: Page): Promise<void> {
  const pad = page.getByTestId('signature-pad');
  await visible(pad);
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + 20, box.y + 100);
  await page.mouse.down();
  for (let i = 0; i <= 16; i++) await page.mouse.move(box.x + 20 + i * 16, box.y + 80 + Math.sin(i / 2.5) * 40, { steps: 2 });
  await page.mouse.up();
}

/** Fails the item on screen with a photo from the "camera". */
async function failWithPhoto(page: Page): Promise<void> {
  await page.getByTestId('answer-fail').click();
  await page.getByTestId('fail-photo').setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: PHOTO });
  await visible(page.getByTestId('inspect-item').locator('.ant-image img'));
}

beforeAll(async () => {
  browser = await launchBrowser();
  PHOTO = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#9a8f7a' } }).jpeg().toBuffer();
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
});

describe('品质检查（手机）', () => {
  it('品质专员检查门岗两项不合格，保安整改，项目经理复检后得分提高', async () => {
    // The inspector's phone is a 390×844 one; the network drops halfway.
    const inspector = await onPhone('demo-inspector', { width: 390, height: 844 });
    const page = inspector.page;
    await page.goto('/quality');
    await visible(page.getByRole('heading', { name: '品质检查' }));
    await selectOption(page, page.getByTestId('spot-template'), '门岗检查');
    await page.getByTestId('spot-place').fill(PLACE);
    await screenshot(page, 'quality-01-start-zh');
    await page.getByTestId('spot-start').click();
    await visible(page.getByTestId('inspect-item'));
    // Targets a gloved thumb hits.
    expect((await page.getByTestId('answer-pass').boundingBox())!.height).toBeGreaterThanOrEqual(48);

    // Without network the answers and photos stay on the phone (IndexedDB).
    await inspector.context.setOffline(true);
    await visible(page.getByTestId('inspect-offline'));
    await failWithPhoto(page);
    await visible(page.getByTestId('draft-status').getByText('已保存在本机'));
    await screenshot(page, 'quality-02-item-failed-offline-zh');
    await page.getByTestId('inspect-next').click();
    await failWithPhoto(page);
    await page.getByTestId('inspect-next').click();
    // A reload (the page needs the network to load) keeps what was answered, the photos and where the inspector was.
    await inspector.context.setOffline(false);
    await page.reload();
    await visible(page.getByTestId('inspect-progress').filter({ hasText: '第 3 /' }));
    await page.getByRole('button', { name: '上一项' }).click();
    await visible(page.getByTestId('inspect-item').locator('.ant-image img'));
    await page.getByTestId('inspect-next').click();

    for (let i = 0; i < 80 && !(await page.getByTestId('inspect-summary').isVisible()); i++) {
      if (await page.getByTestId('rest-pass').isVisible()) await page.getByTestId('rest-pass').click();
      else await page.getByTestId('answer-na').click();
      await page.getByTestId('inspect-next').click();
    }
    await visible(page.getByTestId('inspect-summary'));
    await visible(page.getByText('不合格 2 项'));
    await selectOption(page, page.getByTestId('record-inspected_staff'), '何勇');
    await sign(page);
    await screenshot(page, 'quality-03-sign-zh');
    // Submitted without network it waits on the phone, and goes by itself once the phone is back online.
    await inspector.context.setOffline(true);
    await page.getByTestId('inspect-submit').click();
    await visible(page.getByTestId('inspect-queued'));
    await screenshot(page, 'quality-03b-queued-offline-zh');
    await inspector.context.setOffline(false);
    await visible(page.getByText(/检查已提交，得分 \d/).or(page.getByTestId('inspect-error')));
    expect(await page.getByTestId('inspect-error').count(), await page.getByTestId('inspect-error').allInnerTexts().then((x) => x.join())).toBe(0);
    const before = Number(/得分 ([\d.]+)/.exec(await page.getByTestId('inspection-score').innerText())![1]);
    expect(before).toBeLessThan(100);
    await screenshot(page, 'quality-04-submitted-zh');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);

    // The two failures are on the responsible guard's phone.
    const guard = await onPhone('demo-guard');
    await guard.page.goto('/quality/rectifications');
    const cards = guard.page.getByTestId('rect-card').filter({ hasText: PLACE });
    await expect.poll(() => cards.count(), { timeout: 15_000 }).toBe(2);
    await visible(cards.first().getByTestId('due-time'));
    await screenshot(guard.page, 'quality-05-guard-list-zh');
    await cards.first().click();
    await guard.page.getByRole('button', { name: '完成整改' }).click();
    await guard.page.getByTestId('record-after_photos').setInputFiles({ name: 'after.jpg', mimeType: 'image/jpeg', buffer: PHOTO });
    await visible(guard.page.getByTestId('step-sheet').locator('.ant-image img'));
    await guard.page.getByTestId('record-note').fill('已更换并整理');
    await guard.page.getByTestId('step-submit').click();
    await visible(guard.page.getByTestId('rect-detail').getByText('待复检'));
    await screenshot(guard.page, 'quality-06-guard-rectified-zh');

    // Another person re-inspects it; the inspection's score goes up.
    const manager = await onPhone('demo-manager');
    await manager.page.goto('/quality/rectifications');
    await manager.page.getByTestId('rect-tabs').getByText('待复检').click();
    const waiting = manager.page.getByTestId('rect-card').filter({ hasText: PLACE });
    await expect.poll(() => waiting.count(), { timeout: 15_000 }).toBe(1);
    await waiting.first().click();
    await visible(manager.page.getByTestId('rect-detail'));
    await manager.page.getByRole('button', { name: /^复\s?检$/ }).click();
    await manager.page.getByTestId('record-passed').getByText('是').click();
    await manager.page.getByTestId('step-submit').click();
    await visible(manager.page.getByTestId('rect-detail').getByText('已关闭'));
    await expect
      .poll(async () => Number(/得分 ([\d.]+)/.exec(await manager.page.getByTestId('inspection-score').innerText())?.[1] ?? 0), { timeout: 15_000 })
      .toBeGreaterThan(before);
    await visible(manager.page.getByText(/复检合格，得分/));
    await screenshot(manager.page, 'quality-07-reinspected-zh');

    // The manager publishes quality to owners (the report's switch) and sees the charts; an owner reads it in the portal.
    await manager.page.setViewportSize({ width: 1280, height: 900 });
    await manager.page.goto('/quality/report');
    await visible(manager.page.getByTestId('chart-trend').locator('svg'));
    await visible(manager.page.getByTestId('chart-heatmap').locator('svg'));
    const publish = manager.page.getByTestId('publish-to-owners');
    if ((await publish.count()) === 0) await selectOption(manager.page, manager.page.getByLabel('项目'), /.+/);
    if ((await publish.getAttribute('aria-checked')) !== 'true') await publish.click();
    await expect.poll(() => publish.getAttribute('aria-checked')).toBe('true');
    await screenshot(manager.page, 'quality-08-report-charts-zh');
    const owner = await browser.newContext({ baseURL, locale: 'zh-CN', viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, timezoneId: 'Asia/Shanghai' });
    contexts.push(owner);
    const phone = await owner.newPage();
    await phone.goto('/m/sign-in');
    await phone.getByRole('radio', { name: '密码登录' }).click();
    await phone.getByLabel('手机号').fill(OWNER_PHONE);
    await phone.getByLabel('密码').fill(PASSWORD);
    await phone.getByRole('button', { name: '登录' }).click();
    await acceptPrivacyIfAsked(phone);
    await phone.getByRole('link', { name: '服务品质' }).click();
    await visible(phone.getByTestId('quality-score').or(phone.getByTestId('quality-unpublished')).first());
    await screenshot(phone, 'quality-09-owner-portal-360');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);

    for (const p of [inspector, guard, manager]) expect(p.errors).toEqual([]);
  }, 300_000);
});
