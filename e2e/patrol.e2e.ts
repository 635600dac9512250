import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchBrowser, openPage, screenshot, signIn, visible, type TestPage } from './support/browser';

const PASSWORD = 'demo12345';
/** The demo route's checkpoint tags, in walking order (see src/server/modules/patrol/demo.ts). */
const TAGS = ['CH-01-EAST-GATE', 'CH-02-B1-EXIT', 'CH-03-GARAGE', 'CH-04-PUMP', 'CH-05-B3-ROOF', 'CH-06-WEST-GATE'];

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

/** Waits until an element inside an opening dialog has stopped zooming (it takes no pointer input before). */
async function standsStill(locator: Locator): Promise<void> {
  let still = 0;
  for (let i = 0; i < 50 && still < 4; i++) {
    const full = await locator.evaluate((el: HTMLElement) => Math.abs(el.getBoundingClientRect().width - el.offsetWidth) < 0.5);
    still = full ? still + 1 : 0;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(still).toBeGreaterThanOrEqual(4);
}

async function sign(page: Page): Promise<void> {
  const pad = page.getByTestId('signature-pad');
  await visible(pad);
  await pad.scrollIntoViewIfNeeded();
  await standsStill(pad);
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + 30, box.y + 110);
  await page.mouse.down();
  for (let i = 0; i <= 20; i++) await page.mouse.move(box.x + 30 + i * 14, box.y + 90 + Math.sin(i / 2.5) * 40, { steps: 2 });
  await page.mouse.up();
}

async function checkIn(page: Page, tag: string): Promise<void> {
  await inputOf(page.getByTestId('tag-input')).fill(tag);
  await page.getByTestId('check-in-submit').click();
}


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

describe('巡更与交接班（手机）', () => {
  it('保安完成一轮巡更，漏检的巡更点报告给项目经理', async () => {
    const { page, errors } = await onPhone('demo-guard');
    await page.goto('/patrol');
    await visible(page.getByRole('heading', { name: '我的巡更' }));
    await page.getByTestId('extra-round-start').click();
    await visible(page.getByTestId('next-checkpoint-name').filter({ hasText: '东门岗亭' }));
    await screenshot(page, 'patrol-01-round-start-zh');

    // A tag that is not on the route is refused at the field.
    await checkIn(page, 'CH-99-NOWHERE');
    await visible(page.getByText('不是本次巡更路线上的巡更点'));

    for (const tag of TAGS.slice(0, 3)) {
      await checkIn(page, tag);
      await expect.poll(async () => (await inputOf(page.getByTestId('tag-input')).inputValue()) === '', { timeout: 15_000 }).toBe(true);
    }
    // The fourth point has a hazard, handed on as a repair in the same step.
    await page.getByText('备注、拍照或上报隐患').click();
    await page.getByTestId('hazard-kind').getByText('报修').click();
    await page.getByTestId('hazard-description').fill('水泵房地面有积水，疑似管道渗漏');
    await screenshot(page, 'patrol-02-hazard-zh');
    await checkIn(page, TAGS[3]!);
    await visible(page.getByText('已生成报修工单'));
    // The roof (5) is skipped; the west gate (6) is checked in.
    await visible(page.getByTestId('next-checkpoint-name').filter({ hasText: '3栋楼顶天台门' }));
    await checkIn(page, TAGS[5]!);
    await expect.poll(() => page.getByTestId('round-progress').textContent(), { timeout: 15_000 }).toContain('已签到 5 / 共 6');
    expect(await overflowsHorizontally(page)).toBe(false);
    await screenshot(page, 'patrol-03-one-left-zh');

    // Ending early is the standard's finish step, drawn by the shared step form from `actions`.
    await page.getByTestId('round-step-finish').click();
    await visible(page.getByText('还有 1 个巡更点未签到'));
    await screenshot(page, 'patrol-03b-finish-form-zh');
    await page.getByLabel('提前结束原因').fill('天台门锁坏无法进入，已报修');
    await page.getByTestId('step-submit').click();
    await visible(page.getByTestId('round-summary'));
    expect(await page.getByTestId('round-summary').textContent()).toContain('漏检 1');
    await visible(page.getByText('漏检的巡更点已报告项目经理'));
    await visible(page.getByTestId('visit-5').getByText('漏检'));
    await screenshot(page, 'patrol-04-round-over-zh');
    expect(errors).toEqual([]);

    // The project manager hears of the missed checkpoint and sees it in the report.
    const manager = await onPhone('demo-manager');
    const inbox = await manager.page.evaluate(async () => (await (await fetch('/api/v1/notifications?pageSize=50')).json()) as { items: { message: string }[] });
    expect(inbox.items.map((n) => n.message)).toEqual(expect.arrayContaining([expect.stringContaining('3栋楼顶天台门')]));
    await manager.page.goto('/patrol/report');
    await visible(manager.page.getByRole('heading', { name: '巡更报告' }));
    await visible(manager.page.getByTestId('report-rounds').getByText('漏检 1').first());
    // The route with each checkpoint's tag id, for printing the QR codes, and the plan making the rounds.
    await visible(manager.page.getByTestId('routes-card').getByText('标签 CH-05-B3-ROOF'));
    expect(await overflowsHorizontally(manager.page)).toBe(false);
    await screenshot(manager.page, 'patrol-05-report-zh');
    expect(manager.errors).toEqual([]);
  });

  it('交班人清点签名后，接班人清点、说明差异并签名，岗位才交给接班人', async () => {
    const outgoing = await onPhone('demo-guard');
    const { page } = outgoing;
    await page.goto('/handover');
    const east = page.getByTestId('post-东门岗');
    await visible(east.getByText('当班：何勇'));
    await east.getByTestId('post-hand-over').click();
    const form = page.getByTestId('handover-form-out');
    await visible(form);
    for (const [key, count] of [['1', 1], ['2', 1], ['3', 5], ['4', 1], ['5', 1]] as const) await inputOf(form.getByTestId(`count-${key}`)).fill(String(count));
    // One radio short of two: the count needs a note.
    await inputOf(form.getByTestId('note-1')).fill('一台送修');
    await form.getByTestId('open-matters').fill('3栋 1202 装修垃圾明早 8 点清运，需放行');
    await sign(page);
    await screenshot(page, 'patrol-06-hand-over-zh');
    await form.getByTestId('handover-submit').click();
    await visible(east.getByText('已于'));
    expect(await overflowsHorizontally(page)).toBe(false);

    const incoming = await onPhone('demo-guard2');
    const p2 = incoming.page;
    await p2.goto('/handover');
    const east2 = p2.getByTestId('post-东门岗');
    // The post is still held: no start-duty, only taking over.
    await visible(east2.getByTestId('post-take-over'));
    expect(await east2.getByTestId('post-start').count()).toBe(0);
    await east2.getByTestId('post-take-over').click();
    const takeForm = p2.getByTestId('handover-form-in');
    await visible(p2.getByTestId('handover-matters').filter({ hasText: '装修垃圾' }));
    for (const [key, count] of [['1', 1], ['2', 1], ['3', 4], ['4', 1], ['5', 1]] as const) await inputOf(takeForm.getByTestId(`count-${key}`)).fill(String(count));
    await sign(p2);
    await takeForm.getByTestId('handover-submit').click();
    // Four cards where five were handed over: refused until the difference is explained.
    await visible(takeForm.getByText('数量不一致，请说明原因'));
    await inputOf(takeForm.getByTestId('note-3')).fill('少一张，何勇确认借给保洁未还');
    await screenshot(p2, 'patrol-07-take-over-zh');
    await takeForm.getByTestId('handover-submit').click();
    await visible(east2.getByText('当班：罗军'));
    await visible(east2.getByText('我在岗'));
    await east2.getByTestId('post-history').click();
    await visible(p2.getByTestId('handover-history').getByText('何勇 → 罗军'));
    expect(await overflowsHorizontally(p2)).toBe(false);
    await screenshot(p2, 'patrol-08-history-zh');
    expect([...outgoing.errors, ...incoming.errors]).toEqual([]);

    // The post goes back to demo-guard the same way, so the demo data is as this test found it.
    const postId = await p2.evaluate(async () => ((await (await fetch('/api/v1/duty-posts')).json()) as { items: { id: string; name: string }[] }).items.find((x) => x.name === '东门岗')!.id);
    const full = ['1', '2', '3', '4', '5'].map((key) => ({ key, count: key === '3' ? 4 : 1 }));
    const notes = full.map((c) => (c.key === '1' ? { ...c, note: '一台送修' } : c));
    expect(await apiAs(p2, 'POST', `/api/v1/duty-posts/${postId}/handovers`, { counts: notes.map((c) => (c.key === '3' ? { ...c, note: '少一张，已登记' } : c)) }, true)).toBe(201);
    const handoverId = await page.evaluate(async (id) => ((await (await fetch(`/api/v1/duty-posts/${id}`)).json()) as { openHandover: { id: string } }).openHandover.id, postId);
    expect(await apiAs(page, 'POST', `/api/v1/shift-handovers/${handoverId}/take-over`, { counts: full }, true)).toBe(200);
  });

  it('保安登记事件，按应急预案逐步勾选处置步骤', async () => {
    const { page, errors } = await onPhone('demo-guard');
    await page.goto('/incidents');
    await visible(page.getByRole('heading', { name: '事件与应急' }));
    // The demo's closed lift entrapment is in the log.
    await visible(page.getByTestId('incident-item').filter({ hasText: '电梯困人' }));
    await page.getByTestId('incident-new').click();
    await page.getByTestId('incident-type').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '停电' }).first().click();
    await page.getByTestId('incident-place').fill('5栋配电房');
    await page.getByTestId('incident-description').fill('5栋整栋停电，电梯停运');
    await page.getByTestId('incident-save').click();
    const detail = page.getByTestId('incident-detail');
    await visible(detail.getByText('应急预案：停电应急预案'));
    const step = detail.getByTestId('plan-step-1');
    // A tap while the detail still slides in is lost: tap again only while the box is unticked.
    for (let i = 0; i < 3 && !(await step.getByRole('checkbox').isChecked()); i++) {
      await step.locator('.ant-checkbox').click();
      await page.waitForTimeout(1_000);
    }
    await visible(step.getByText('何勇'));
    expect(await overflowsHorizontally(page)).toBe(false);
    await screenshot(page, 'patrol-09-incident-zh');
    expect(errors).toEqual([]);
    // Closed again, so later tests find only the demo's incidents open.
    const id = await page.evaluate(async () => ((await (await fetch('/api/v1/incidents?status=open')).json()) as { items: { id: string; place: string }[] }).items.find((i) => i.place === '5栋配电房')!.id);
    expect(await apiAs(page, 'PATCH', `/api/v1/incidents/${id}`, { outcome: '供电局抢修后恢复供电', close: true })).toBe(200);
  });
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
