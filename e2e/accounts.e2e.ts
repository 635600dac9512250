import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage, screenshot, selectOption, signIn, visible, type TestPage } from './support/browser';

// demo-inspector (许婷婷) is used by no other browser test, so resetting it disturbs nothing.
const TARGET = { username: 'demo-inspector', name: '许婷婷' };
const NEW_PASSWORD = 'Quiet-harbor-2026-lamp';

let browser: Browser;
const baseURL = inject('baseURL');
const opened: TestPage[] = [];

async function desk(): Promise<TestPage> {
  const testPage = await openPage(browser, baseURL);
  await testPage.page.setViewportSize({ width: 1440, height: 900 });
  opened.push(testPage);
  return testPage;
}

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const p of opened) await p.context.close();
  await browser?.close();
});

describe('staff accounts in the console', () => {
  it('an admin resets a password, the person must change it, and the admin disables and enables the account', async () => {
    const { page: admin, errors } = await desk();
    await admin.goto('/login');
    await signIn(admin, 'demo-admin', 'demo12345');
    await visible(admin.getByTestId('greeting'));
    await admin.goto('/staff');
    await admin.getByTestId('staff-link').filter({ hasText: TARGET.name }).first().click();
    const card = admin.getByTestId('staff-account');
    await visible(card.getByText(TARGET.username));
    await expect.poll(() => card.getByTestId('account-state').textContent(), { timeout: 15_000 }).toBe('正常');

    await card.getByRole('button', { name: /重置密码/ }).click();
    await admin.getByRole('button', { name: /^确\s?定$/ }).click();
    const shown = await visible(admin.getByTestId('temporary-password'));
    const temporary = ((await shown.first().textContent()) ?? '').trim();
    expect(temporary).toMatch(/^\w{4}-\w{4}-\w{4}-\w{4}$/);
    await screenshot(admin, 'accounts-01-temporary-password');
    await admin.getByRole('button', { name: '我已记下' }).click();
    await visible(card.getByText('待修改临时密码'));

    // The person signs in with the temporary password and can only set a new one.
    const { page: person } = await desk();
    await person.goto('/login');
    await signIn(person, TARGET.username, temporary);
    await visible(person.getByTestId('forced-change'));
    expect(new URL(person.url()).pathname).toBe('/password');
    await screenshot(person, 'accounts-02-forced-change');
    await person.getByLabel('临时密码').fill(temporary);
    await person.getByLabel('新密码', { exact: true }).fill('12345678');
    await person.getByLabel('再次输入新密码').fill('12345678');
    await person.getByRole('button', { name: '保存新密码' }).click();
    await visible(person.getByText('密码至少需要 10 个字符'));
    await person.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD);
    await person.getByLabel('再次输入新密码').fill(NEW_PASSWORD);
    await person.getByRole('button', { name: '保存新密码' }).click();
    await visible(person.getByTestId('greeting'));

    // Disabling ends the person's session at once; enabling lets them back in.
    await admin.reload();
    await card.getByRole('button', { name: /停用账号/ }).click();
    await admin.getByRole('button', { name: /^确\s?定$/ }).click();
    await expect.poll(() => card.getByTestId('account-state').textContent(), { timeout: 15_000 }).toBe('已停用');
    await screenshot(admin, 'accounts-03-disabled');
    await person.reload();
    await visible(person.getByRole('button', { name: /^登\s?录$/ }));
    await card.getByRole('button', { name: /启用账号/ }).click();
    await admin.getByRole('button', { name: /^确\s?定$/ }).click();
    await expect.poll(() => card.getByTestId('account-state').textContent(), { timeout: 15_000 }).toBe('正常');
    await signIn(person, TARGET.username, NEW_PASSWORD);
    await visible(person.getByTestId('greeting'));
    expect(errors).toEqual([]);
  });

  it('an admin adds a staff member, opens a sign-in account with two roles, and changes the roles', async () => {
    const { page: admin, errors } = await desk();
    await admin.goto('/login');
    await signIn(admin, 'demo-admin', 'demo12345');
    await visible(admin.getByTestId('greeting'));
    await admin.goto('/staff/new');
    const phone = `139${String(Date.now()).slice(-8)}`;
    await admin.getByLabel('姓名').fill('韩晓东');
    await admin.getByLabel('手机号').fill(phone);
    await selectOption(admin, admin.locator('.ant-select').filter({ has: admin.getByLabel('岗位') }), '客服前台');
    await admin.getByRole('button', { name: /^保\s?存$/ }).click();
    const card = admin.getByTestId('staff-account');
    await visible(card.getByText('该员工没有登录账号'));

    await card.getByRole('button', { name: '开通登录账号' }).click();
    const form = admin.getByTestId('account-form');
    await form.getByLabel('用户名').fill(`desk-${phone.slice(-6)}`);
    await form.getByLabel('客服').check();
    await form.getByLabel('调度员').check();
    await screenshot(admin, 'accounts-04-create-account');
    await admin.getByRole('button', { name: /^保\s?存$/ }).last().click();
    const shown = await visible(admin.getByTestId('temporary-password'));
    expect(((await shown.first().textContent()) ?? '').trim()).toMatch(/^\w{4}-\w{4}-\w{4}-\w{4}$/);
    await admin.getByRole('button', { name: '我已记下' }).click();
    await expect.poll(() => card.getByTestId('account-roles').textContent(), { timeout: 15_000 }).toBe('客服调度员');

    await card.getByRole('button', { name: /修改角色/ }).click();
    await form.getByLabel('调度员').uncheck();
    await form.getByLabel('客服').uncheck();
    await admin.getByRole('button', { name: /^保\s?存$/ }).last().click();
    await visible(form.getByText('请至少选择一个角色'));
    await form.getByLabel('秩序维护员').check();
    await admin.getByRole('button', { name: /^保\s?存$/ }).last().click();
    await expect.poll(() => card.getByTestId('account-roles').textContent(), { timeout: 15_000 }).toBe('秩序维护员');
    await screenshot(admin, 'accounts-05-roles-changed');
    expect(errors).toEqual([]);
  });
});
