import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { launchBrowser, screenshot, selectOption, signIn, visible } from './support/browser';

const PASSWORD = 'demo12345';
/** The inspector's place for this journey, so its rectifications are told from the demo month's. */
const PLACE = '南门岗（巡检演示）';
/** A photo as a phone's camera would hand it over. */
let PHOTO: Buffer;

let browser: Browser;
const baseURL = inject('baseURL');
const contexts: BrowserContext[] = [];

/** A signed-in 360×640 phone of one demo account, in Chinese. */
async function onPhone(username: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ baseURL, locale: 'zh-CN', viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, timezoneId: 'Asia/Shanghai' });
  contexts.push(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  await page.goto('/login');
  await signIn(page, username, PASSWORD);
  await visible(page.getByTestId('greeting'));
  return { page, errors };
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
    const inspector = await onPhone('demo-inspector');
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

    await failWithPhoto(page);
    await screenshot(page, 'quality-02-item-failed-zh');
    await page.getByTestId('inspect-next').click();
    await failWithPhoto(page);
    await page.getByTestId('inspect-next').click();
    // A reload keeps what was answered and where the inspector was.
    await page.reload();
    await visible(page.getByTestId('inspect-progress').filter({ hasText: '第 3 /' }));

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
    await page.getByTestId('inspect-submit').click();
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

    for (const p of [inspector, guard, manager]) expect(p.errors).toEqual([]);
  });
});
