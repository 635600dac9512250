import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import { acceptPrivacyIfAsked, launchBrowser, openPage, screenshot, selectOption, signIn, visible, type TestPage } from './support/browser';

const PASSWORD = 'demo12345';
const OWNER_PHONE = '13912341202';
const SMALL_PHONE = { width: 360, height: 640 };

let browser: Browser;
const baseURL = inject('baseURL');
const opened: TestPage[] = [];
let photo: Buffer;

type Order = { id: string; status: string; statusName: Record<string, string>; allowedActions: string[]; standard: { versionId: string } };

/** A staff member driving the API directly (cookie and CSRF token), as the console would. */
class Staff {
  private cookie = '';
  private csrf = '';
  me!: { user: { staffId: string | null } };
  static async login(username: string): Promise<Staff> {
    const s = new Staff();
    const res = await fetch(`${baseURL}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
    expect(res.status).toBe(200);
    s.cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    const me = (await res.json()) as Staff['me'] & { csrfToken: string };
    s.me = me;
    s.csrf = me.csrfToken;
    return s;
  }
  async send(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
    const form = body instanceof FormData;
    const res = await fetch(`${baseURL}${path}`, {
      method,
      headers: { cookie: this.cookie, 'x-csrf-token': this.csrf, 'accept-language': 'zh-CN', ...(body && !form ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : form ? body : JSON.stringify(body),
    });
    return { status: res.status, json: await res.json().catch(() => null) };
  }
  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const { status, json } = await this.send(method, path, body);
    if (status >= 300) throw new Error(`${method} ${path}: ${status} ${JSON.stringify(json)}`);
    return json as T;
  }
  async act(id: string, action: string, body: Record<string, unknown> = {}): Promise<Order> {
    return this.call<Order>('POST', `/api/v1/work-orders/${id}/actions/${action}`, body);
  }
  async photo(): Promise<string> {
    const form = new FormData();
    form.append('kind', 'photo');
    form.append('file', new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }), 'site.jpg');
    return (await this.call<{ id: string }>('POST', '/api/v1/attachments', form)).id;
  }
}

beforeAll(async () => {
  browser = await launchBrowser();
  photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#7a8fa6' } }).jpeg().toBuffer();
});

afterAll(async () => {
  for (const { context } of opened) await context.close();
  await browser?.close();
});

describe('a company edits its repair standard', () => {
  it('adds a required field, a step with its own role and a new state name in the console; a new repair runs through them in the console and the owner portal, one opened before finishes under its old version', async () => {
    const desk = await Staff.login('demo-desk');
    const dispatcher = await Staff.login('demo-dispatcher');
    const tech = await Staff.login('demo-tech');
    const manager = await Staff.login('demo-manager');
    const lookup = await desk.call<{ units: { unitId: string; communityId: string; residents: { residentId: string }[] }[] }>('GET', '/api/v1/work-orders/intake-lookup?q=3%E6%A0%8B1202');
    const unit = lookup.units[0]!;
    const openRepair = (description: string) =>
      desk.call<Order>('POST', '/api/v1/work-orders', {
        kind: 'repair',
        communityId: unit.communityId,
        unitId: unit.unitId,
        reporterResidentId: unit.residents[0]?.residentId,
        channel: 'phone',
        category: 'plumbing',
        description,
      });
    const toSite = async (id: string) => {
      await dispatcher.act(id, 'dispatch', { technician: tech.me.user.staffId });
      await tech.act(id, 'accept');
      return tech.act(id, 'arrive', { before: [await tech.photo()] });
    };
    // A repair opened before the company's edit.
    const before = await openRepair('卫生间地漏返味，免费处理');

    // 1. The company admin adds a required number, 水表读数 (0–99999 吨), to the repair step 开始维修.
    const admin = await openPage(browser, baseURL);
    opened.push(admin);
    await admin.page.goto('/login');
    await signIn(admin.page, 'demo-admin', PASSWORD);
    await visible(admin.page.getByTestId('greeting'));
    await admin.page.goto('/standards/repair?community=company');
    await admin.page.getByTestId('edit-records').click();
    await selectOption(admin.page, admin.page.getByTestId('records-step'), '开始维修');
    const rows = admin.page.getByTestId('record-row');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(1);
    await admin.page.getByTestId('records-add').click();
    const row = rows.nth(1);
    await row.getByLabel('记录名').fill('water_meter');
    await selectOption(admin.page, row.locator('.ant-select').filter({ has: admin.page.getByLabel('类型') }), /^数字$/);
    await row.getByLabel('中文名称').fill('水表读数');
    await row.getByLabel('英文名称').fill('Water meter reading');
    await row.getByLabel('最小值').fill('0');
    await row.getByLabel('最大值').fill('99999');
    await row.getByLabel('单位（中文）').fill('吨');
    expect(await row.getByLabel('必填', { exact: true }).getAttribute('aria-checked')).toBe('true');
    // A new record is for the owner to see too unless marked staff-only.
    expect(await row.getByTestId('records-internal-1').getAttribute('aria-checked')).toBe('false');
    await admin.page.getByTestId('records-reason').fill('免费维修开工前记录水表读数');
    await screenshot(admin.page, 'step-records-01-editor-zh');
    await admin.page.getByTestId('records-save').click();
    await admin.page.getByTestId('records-form').waitFor({ state: 'detached', timeout: 15_000 });
    await visible(admin.page.getByTestId('saved-version'));

    // 2. Then a new step before 开始维修, taken by the project manager, and 已到场 renamed 师傅已到场.
    await admin.page.getByTestId('edit-steps').click();
    const arrived = admin.page.getByTestId('state-row-arrived');
    await arrived.getByLabel('中文名称').fill('师傅已到场');
    await arrived.getByLabel('英文名称').fill('Technician on site');
    await admin.page.getByTestId('steps-insert').click();
    const step = admin.page.getByTestId('new-step');
    await selectOption(admin.page, admin.page.getByTestId('steps-before'), '开始维修');
    await selectOption(admin.page, admin.page.getByTestId('steps-roles'), '项目经理');
    await step.getByLabel('步骤名称（中文）').fill('主管核准免费维修');
    await step.getByLabel('步骤名称（英文）').fill('Manager approves free work');
    await step.getByLabel('步骤代码').fill('approve-free');
    await step.getByLabel('新状态名称（中文）').fill('主管已核准');
    await step.getByLabel('新状态名称（英文）').fill('Approved by the manager');
    await step.getByLabel('新状态代码').fill('free_approved');
    await admin.page.getByTestId('steps-reason').fill('免费维修须经项目经理核准后开工');
    await screenshot(admin.page, 'step-records-02-steps-editor-zh');
    await admin.page.getByTestId('steps-save').click();
    await admin.page.getByTestId('steps-form').waitFor({ state: 'detached', timeout: 15_000 });
    await visible(admin.page.locator('svg').getByText('主管已核准'));
    await screenshot(admin.page, 'step-records-03-new-diagram-zh');

    // 3. A new repair pins the new version: at the site it reads 师傅已到场 and waits for the manager.
    const order = await openRepair('厨房水槽下水慢，免费疏通');
    expect(order.standard.versionId).not.toBe(before.standard.versionId);
    const onSite = await toSite(order.id);
    expect(onSite.status).toBe('arrived');
    expect(onSite.statusName['zh-CN']).toBe('师傅已到场');
    expect(onSite.allowedActions).not.toContain('start');
    expect((await tech.send('POST', `/api/v1/work-orders/${order.id}/actions/start`, { diagnosis: '下水管油污堵塞', water_meter: 1 })).status).toBe(409);

    // The project manager takes the new step in the console.
    const pm = await openPage(browser, baseURL);
    opened.push(pm);
    await pm.page.goto('/login');
    await signIn(pm.page, 'demo-manager', PASSWORD);
    await visible(pm.page.getByTestId('greeting'));
    await pm.page.goto(`/work-orders/${order.id}`);
    await expect.poll(async () => ((await pm.page.getByTestId('order-status').textContent()) ?? '').trim(), { timeout: 15_000 }).toBe('师傅已到场');
    await pm.page.getByTestId('action-approve-free').click();
    // The new step asks for no record, so its form is empty: the dialog's submit button shows it opened.
    await visible(pm.page.getByTestId('step-submit'));
    await screenshot(pm.page, 'step-records-04-new-step-manager-zh');
    await pm.page.getByTestId('step-submit').click();
    await expect.poll(async () => ((await pm.page.getByTestId('order-status').textContent()) ?? '').trim(), { timeout: 15_000 }).toBe('主管已核准');

    // The API refuses 开始维修 without the new record, naming it.
    const refused = await tech.send('POST', `/api/v1/work-orders/${order.id}/actions/start`, { diagnosis: '下水管油污堵塞' });
    expect(refused.status).toBe(400);
    expect(Object.keys((refused.json as { error: { fields: Record<string, string> } }).error.fields)).toContain('water_meter');

    // 4. The technician on the phone: the form of 开始维修 shows the new field and will not go without it.
    const phone = await openPage(browser, baseURL, { phone: true });
    opened.push(phone);
    const page = phone.page;
    await page.goto('/login');
    await signIn(page, 'demo-tech', PASSWORD);
    await visible(page.getByTestId('greeting'));
    await page.goto(`/work-orders/${order.id}`);
    await page.getByTestId('action-start').click();
    const form = page.getByTestId('step-form-start');
    await visible(form.getByText('水表读数'));
    await visible(form.getByText('吨'));
    await form.getByLabel('故障原因').fill('下水管油污堵塞');
    await page.getByTestId('step-submit').click();
    await visible(form.locator('.ant-form-item').filter({ hasText: '水表读数' }).getByText('请填写此项'));
    await screenshot(page, 'step-records-05-refused-phone-zh');
    expect(await form.count()).toBe(1);

    await form.getByLabel('水表读数').fill('1234');
    await page.getByTestId('step-submit').click();
    await form.waitFor({ state: 'detached', timeout: 15_000 });
    await expect.poll(async () => ((await page.getByTestId('order-status').textContent()) ?? '').trim(), { timeout: 15_000 }).toBe('维修中');
    await screenshot(page, 'step-records-06-started-phone-zh');
    await tech.act(order.id, 'complete', { work_done: '疏通下水管，放水测试通畅', after: [await tech.photo()], materials: [] });

    // 5. The owner accepts with a signature and rates it in the portal, on a small phone.
    const owner = await openPage(browser, baseURL, { phone: true });
    opened.push(owner);
    const m = owner.page;
    await m.setViewportSize(SMALL_PHONE);
    await m.goto('/m/');
    await m.getByRole('radio', { name: '密码登录' }).click();
    await m.getByLabel('手机号').fill(OWNER_PHONE);
    await m.getByLabel('密码').fill(PASSWORD);
    await m.getByRole('button', { name: '登录' }).click();
    await acceptPrivacyIfAsked(m);
    await visible(m.getByText('林晓梅，您好'));
    await m.goto(`/m/requests/${order.id}`);
    await visible(m.getByRole('heading', { name: '业主验收' }));
    await m.getByRole('radiogroup', { name: '是否验收通过' }).getByRole('radio', { name: '是' }).click();
    const pad = m.getByTestId('signature-pad');
    await pad.scrollIntoViewIfNeeded();
    const box = (await pad.boundingBox())!;
    await m.mouse.move(box.x + 30, box.y + box.height / 2);
    await m.mouse.down();
    for (let i = 1; i <= 12; i++) await m.mouse.move(box.x + 20 + i * 18, box.y + box.height / 2 + (i % 2 ? -25 : 25));
    await m.mouse.up();
    await screenshot(m, 'step-records-07-owner-accepts-360-zh');
    await m.getByRole('button', { name: '提交：业主验收' }).click();
    await visible(m.getByRole('heading', { name: '回访' }));
    await m.getByRole('radio', { name: '5 星' }).click();
    await m.getByRole('button', { name: '提交：回访' }).click();
    await visible(m.getByText('谢谢您的评价：5 星'));
    await expect.poll(async () => ((await m.locator('.card .badge').first().textContent()) ?? '').trim(), { timeout: 15_000 }).toBe('已关闭');
    await screenshot(m, 'step-records-08-owner-closed-360-zh');
    expect(await m.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1)).toBe(false);

    // 6. The repair opened before the edit finishes under its old version: 已到场, no manager step, no meter reading.
    const old = await toSite(before.id);
    expect(old.statusName['zh-CN']).toBe('已到场');
    expect(old.allowedActions).toContain('start');
    expect((await manager.send('POST', `/api/v1/work-orders/${before.id}/actions/approve-free`, {})).status).toBe(409);
    await tech.act(before.id, 'start', { diagnosis: '地漏存水弯干涸' });
    await tech.act(before.id, 'complete', { work_done: '更换防臭地漏芯', after: [await tech.photo()], materials: [] });
    await desk.act(before.id, 'confirm', { approved: true, channel: 'phone', call_note: '业主电话确认已无异味' });
    expect((await desk.act(before.id, 'return-visit', { satisfaction: 5, channel: 'phone' })).status).toBe('closed');

    for (const { errors } of opened) expect(errors).toEqual([]);
    // Four people in turn (admin, manager, technician, owner): longer than one role's journey.
  }, 300_000);
});
