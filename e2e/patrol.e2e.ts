import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchBrowser, openPage, screenshot, signIn, visible, type TestPage } from './support/browser';

const PASSWORD = 'demo12345';

let browser: Browser;
const baseURL = inject('baseURL');
const opened: TestPage[] = [];

/** A signed-in phone page of one demo account, in Chinese. */
async function onPhone(username: string): Promise<TestPage> {
  const testPage = await openPage(browser, baseURL, { phone: true });
  opened.push(testPage);
  await testPage.page.goto('/login');
  await signIn(testPage.page, username, PASSWORD);
  await visible(testPage.page.getByTestId('greeting'));
  return testPage;
}

async function overflowsHorizontally(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
}

/** The <input> of an antd field, whether the test id sits on the input or on its wrapper. */
const inputOf = (locator: Locator) => locator.locator('xpath=descendant-or-self::input').first();

/**
 * Calls the API with the page's session (CSRF token from /auth/me); a drawn signature is made on a
 * canvas and uploaded first when `sign` is set. Used to put the demo data back as the test found it.
 */
async function apiAs(page: Page, method: string, url: string, body: Record<string, unknown>, sign = false): Promise<number> {
  return page.evaluate(
    async ({ method, url, body, sign }) => {
      const me = (await (await fetch('/api/v1/auth/me')).json()) as { csrfToken: string };
      const headers = { 'X-CSRF-Token': me.csrfToken };
      if (sign) {
        const canvas = document.createElement('canvas');
        canvas.width = 300;
        canvas.height = 120;
        const ctx = canvas.getContext('2d')!;
        ctx.fillStyle = '#fff';
        ctx.fillRect(0, 0, 300, 120);
        ctx.beginPath();
        ctx.moveTo(20, 80);
        ctx.bezierCurveTo(90, 10, 160, 110, 280, 40);
        ctx.stroke();
        const png = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
        const form = new FormData();
        form.append('kind', 'signature');
        form.append('file', png, 'signature.png');
        const uploaded = (await (await fetch('/api/v1/attachments', { method: 'POST', headers, body: form })).json()) as { id: string };
        body = { ...body, signatureId: uploaded.id };
      }
      const res = await fetch(url, { method, headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      return res.status;
    },
    { method, url, body, sign },
  );
}

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const { context } of opened) await context.close();
  await browser?.close();
});

// The guard's round, incident and shift handover are walked in day-guard.e2e.ts; here the manager sets them up.
describe('巡更与岗位设置（项目经理，手机）', () => {
  it('项目经理新建巡更路线（先看到缺标签编号的提示）和巡更计划，两者都列在巡更报告页', async () => {
    const { page, errors } = await onPhone('demo-manager');
    const stamp = Date.now().toString(36).toUpperCase();
    await page.goto('/patrol/report');
    await page.getByTestId('new-route').click();
    const form = page.getByTestId('route-form');
    await inputOf(form.getByTestId('route-name')).fill('地库夜巡路线');
    await inputOf(form.getByTestId('point-0-name')).fill('B1 车库入口');
    await inputOf(form.getByTestId('point-0-tag')).fill(`E2E-${stamp}-1`);
    await inputOf(form.getByTestId('point-1-name')).fill('B2 消防泵房');
    await form.getByTestId('route-submit').click();
    // The API refuses the checkpoint without a tag id; its message stands under that field.
    await visible(form.getByTestId('point-1').getByText('必填'));
    expect(await overflowsHorizontally(page)).toBe(false);
    await screenshot(page, 'patrol-10-route-field-error-zh');
    await inputOf(form.getByTestId('point-1-tag')).fill(`E2E-${stamp}-2`);
    await form.getByTestId('route-submit').click();
    await visible(page.getByText('已新建巡更路线：地库夜巡路线'));
    const card = page.getByTestId('routes-card');
    await visible(card.getByText(`标签 E2E-${stamp}-2`));

    await page.getByTestId('new-plan').click();
    const plan = page.getByTestId('plan-form');
    await plan.getByTestId('plan-route').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '地库夜巡路线' }).click();
    await inputOf(plan.getByTestId('plan-name')).fill('地库夜巡');
    for (const [id, value] of [['startTime', '23:00'], ['endTime', '23:30']] as const) {
      await page.locator(`#${id}`).fill(value);
      await page.locator(`#${id}`).press('Tab');
    }
    await inputOf(plan.locator('#everyMinutes')).fill('30');
    await screenshot(page, 'patrol-11-new-plan-zh');
    await plan.getByTestId('plan-submit').click();
    await visible(page.getByText('已新建巡更计划：地库夜巡', { exact: false }));
    await visible(card.getByText('地库夜巡：23:00–23:30 每 30 分钟'));
    expect(await overflowsHorizontally(page)).toBe(false);
    await screenshot(page, 'patrol-12-route-and-plan-zh');
    expect(errors).toEqual([]);
    // Paused again, so the guards' rounds of later tests come from the demo plan only.
    const id = await page.evaluate(async () => ((await (await fetch('/api/v1/patrol/plans')).json()) as { items: { id: string; name: string }[] }).items.find((p) => p.name === '地库夜巡')?.id ?? '');
    expect(await apiAs(page, 'PATCH', `/api/v1/patrol/plans/${id}`, { active: false })).toBe(200);
  });
  it('项目经理新建岗位并修改交接清点物品，保安看不到这些按钮', async () => {
    const { page, errors } = await onPhone('demo-manager');
    await page.goto('/handover');
    await page.getByTestId('post-new').click();
    const form = page.getByTestId('post-form');
    await inputOf(form.getByTestId('post-name')).fill('北门岗');
    await form.getByPlaceholder('如：对讲机').fill('对讲机');
    await form.getByTestId('post-submit').click();
    await visible(page.getByText('已新建岗位：北门岗'));
    const card = page.getByTestId('post-北门岗');
    await card.getByTestId('post-edit').click();
    const edit = page.getByTestId('post-form');
    await edit.getByText('添加清点物品').click();
    await edit.getByPlaceholder('如：对讲机').nth(1).fill('手电筒');
    await screenshot(page, 'patrol-13-edit-post-zh');
    await edit.getByTestId('post-submit').click();
    await visible(page.getByText('岗位已保存：北门岗'));
    const saved = await page.evaluate(async () => ((await (await fetch('/api/v1/duty-posts')).json()) as { items: { name: string; checklist: { name: string }[] }[] }).items.find((p) => p.name === '北门岗'));
    expect(saved?.checklist.map((c) => c.name)).toEqual(['对讲机', '手电筒']);
    expect(await overflowsHorizontally(page)).toBe(false);
    await screenshot(page, 'patrol-14-posts-manager-zh');
    expect(errors).toEqual([]);

    const guard = await onPhone('demo-guard');
    await guard.page.goto('/handover');
    await visible(guard.page.getByTestId('post-北门岗'));
    expect(await guard.page.getByTestId('post-new').count()).toBe(0);
    expect(await guard.page.getByTestId('post-edit').count()).toBe(0);
  });
});
