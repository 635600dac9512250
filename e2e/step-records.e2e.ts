import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import { launchBrowser, openPage, screenshot, selectOption, signIn, visible, type TestPage } from './support/browser';

const PASSWORD = 'demo12345';

let browser: Browser;
const baseURL = inject('baseURL');
const opened: TestPage[] = [];
let photo: Buffer;

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

describe('typed step records', () => {
  it('a required field a company admin adds to a repair step appears in the step form, is refused while empty and taken once filled', async () => {
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
    expect(await row.getByRole('switch').getAttribute('aria-checked')).toBe('true');
    await admin.page.getByTestId('records-reason').fill('免费维修开工前记录水表读数');
    await screenshot(admin.page, 'step-records-01-editor-zh');
    await admin.page.getByTestId('records-save').click();
    await visible(admin.page.getByTestId('saved-version'));

    // 2. A new free repair, dispatched, accepted and checked in through the API.
    const desk = await Staff.login('demo-desk');
    const dispatcher = await Staff.login('demo-dispatcher');
    const tech = await Staff.login('demo-tech');
    const lookup = await desk.call<{ units: { unitId: string; communityId: string; residents: { residentId: string }[] }[] }>('GET', '/api/v1/work-orders/intake-lookup?q=3%E6%A0%8B1202');
    const unit = lookup.units[0]!;
    const order = await desk.call<{ id: string; number: string }>('POST', '/api/v1/work-orders', {
      kind: 'repair',
      communityId: unit.communityId,
      unitId: unit.unitId,
      reporterResidentId: unit.residents[0]?.residentId,
      channel: 'phone',
      category: 'plumbing',
      description: '厨房水槽下水慢，免费疏通',
    });
    await dispatcher.call('POST', `/api/v1/work-orders/${order.id}/actions/dispatch`, { technician: tech.me.user.staffId });
    await tech.call('POST', `/api/v1/work-orders/${order.id}/actions/accept`, {});
    await tech.call('POST', `/api/v1/work-orders/${order.id}/actions/arrive`, { before: [await tech.photo()] });

    // The API refuses the step without the new record, naming it.
    const refused = await tech.send('POST', `/api/v1/work-orders/${order.id}/actions/start`, { diagnosis: '下水管油污堵塞' });
    expect(refused.status).toBe(400);
    expect(Object.keys((refused.json as { error: { fields: Record<string, string> } }).error.fields)).toContain('water_meter');

    // 3. The technician on the phone: the form of 开始维修 shows the new field and will not go without it.
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
    await screenshot(page, 'step-records-02-refused-phone-zh');
    expect(await form.count()).toBe(1);

    await form.getByLabel('水表读数').fill('1234');
    await page.getByTestId('step-submit').click();
    await form.waitFor({ state: 'detached', timeout: 15_000 });
    await expect.poll(async () => ((await page.getByTestId('order-status').textContent()) ?? '').trim(), { timeout: 15_000 }).toBe('维修中');
    await screenshot(page, 'step-records-03-started-phone-zh');

    for (const { errors } of opened) expect(errors).toEqual([]);
  });
});
