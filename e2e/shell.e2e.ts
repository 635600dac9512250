import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Me } from '../src/web/api/auth';
import { chooseLanguage, launchBrowser, openPage, screenshot, signIn, visible, type TestPage } from './support/browser';

const PASSWORD = 'demo12345';
const ENGLISH = { username: 'Username', password: 'Password', submit: /^Sign in$/ };

let browser: Browser;
const baseURL = inject('baseURL');
const opened: TestPage[] = [];

async function open(options: { locale?: string; phone?: boolean } = {}): Promise<TestPage> {
  const testPage = await openPage(browser, baseURL, options);
  opened.push(testPage);
  return testPage;
}

/** The session as the API sees it, fetched with the page's own cookie. */
async function currentMe(page: Page): Promise<Me | null> {
  return page.evaluate(async () => {
    const response = await fetch('/api/v1/auth/me');
    return response.ok ? ((await response.json()) as Me) : null;
  });
}

async function waitForServerLocale(page: Page, locale: string): Promise<void> {
  await expect.poll(async () => (await currentMe(page))?.user.locale, { timeout: 10_000 }).toBe(locale);
}

/** Whether anything sticks out sideways (the page scrolls horizontally). */
async function overflowsHorizontally(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
}

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const { context } of opened) await context.close();
  await browser?.close();
});

describe('web shell', () => {
  it('service desk signs in in Chinese, switches to English, keeps it after reload, sees 404 and signs out', async () => {
    const { page, errors } = await open();

    await page.goto('/');
    await visible(page.getByRole('heading', { name: '登录' }));
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    await screenshot(page, 'shell-01-login-zh');

    await signIn(page, 'demo-desk', PASSWORD);
    await visible(page.getByTestId('greeting').filter({ hasText: '您好' }));
    expect(new URL(page.url()).pathname).toBe('/');

    // The workspace shows the real session: organization, communities and roles.
    const me = await currentMe(page);
    expect(me?.roles).toContain('service_desk');
    expect(await page.getByTestId('greeting').textContent()).toContain(me?.user.displayName);
    if (me?.organization) {
      expect(await page.getByTestId('organization-name').textContent()).toBe(me.organization.name);
      expect(await page.getByTestId('home-organization').textContent()).toBe(me.organization.name);
    }
    for (const community of me?.communities ?? []) {
      await visible(page.getByTestId('home-communities').getByText(community.name, { exact: true }));
    }
    await visible(page.getByTestId('home-roles').getByText('客服', { exact: true }));
    const menu = page.getByRole('navigation');
    await visible(menu.getByRole('menuitem', { name: '工作台' }));
    expect(await menu.getByRole('menuitem', { name: '审计日志' }).count()).toBe(0);
    await screenshot(page, 'shell-02-workspace-zh');

    // Switch to English: texts, html lang and the account's saved language all follow.
    await chooseLanguage(page, 'English');
    await visible(page.getByTestId('greeting').filter({ hasText: `Hello, ${me?.user.displayName}` }));
    await visible(menu.getByRole('menuitem', { name: 'Workspace' }));
    await visible(page.getByText('My communities'));
    await visible(page.getByTestId('home-roles').getByText('Service desk', { exact: true }));
    expect(await page.getAttribute('html', 'lang')).toBe('en-US');
    expect(await page.title()).toBe('Workspace · Wuye Property Services');
    await waitForServerLocale(page, 'en-US');
    await screenshot(page, 'shell-03-workspace-en');

    await page.getByTestId('user-menu').click();
    await visible(page.getByTestId('user-roles').filter({ hasText: 'Roles: Service desk' }));
    await visible(page.getByRole('menuitem', { name: 'Log out' }));
    await screenshot(page, 'shell-04-user-menu-en');
    await page.keyboard.press('Escape');

    await page.reload();
    await visible(page.getByTestId('greeting').filter({ hasText: 'Hello' }));
    expect(await page.getAttribute('html', 'lang')).toBe('en-US');

    // A page the role may not open, and one that does not exist.
    await page.goto('/audit');
    await visible(page.getByText('No access', { exact: true }));
    await screenshot(page, 'shell-05-forbidden-en');
    await page.goto('/no-such-page');
    await visible(page.getByText('Page not found', { exact: true }));
    await screenshot(page, 'shell-06-not-found-en');
    await page.getByRole('button', { name: 'Back to workspace' }).click();
    await visible(page.getByTestId('greeting').filter({ hasText: 'Hello' }));

    // Back to Chinese, then sign out through the user menu.
    await chooseLanguage(page, '中文');
    await visible(page.getByTestId('greeting').filter({ hasText: '您好' }));
    await waitForServerLocale(page, 'zh-CN');
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: '退出登录' }).click();
    await visible(page.getByRole('heading', { name: '登录' }));
    expect(await currentMe(page)).toBeNull();
    await page.goto('/');
    await visible(page.getByRole('heading', { name: '登录' }));
    await screenshot(page, 'shell-07-signed-out-zh');

    expect(errors).toEqual([]);
  });

  it('shows why a sign-in failed, in Chinese', async () => {
    const { page, errors } = await open();
    await page.goto('/login');
    await visible(page.getByRole('heading', { name: '登录' }));

    await page.getByRole('button', { name: /^登\s?录$/ }).click();
    await visible(page.getByText('请输入用户名'));
    await visible(page.getByText('请输入密码'));
    await screenshot(page, 'shell-08-login-required-zh');

    await signIn(page, 'demo-desk', 'not-the-password');
    const alert = page.getByTestId('login-error');
    await visible(alert);
    const message = (await alert.textContent()) ?? '';
    expect(message).toMatch(/[\u4e00-\u9fff]/);
    expect(new URL(page.url()).pathname).toBe('/login');
    await screenshot(page, 'shell-09-login-failed-zh');

    // Editing the form clears the old error.
    await page.getByLabel('密码', { exact: true }).fill('x');
    await alert.waitFor({ state: 'detached' });

    // The server answers in the language the page asks for (Accept-Language follows the switch).
    await chooseLanguage(page, 'English');
    await visible(page.getByRole('heading', { name: 'Sign in' }));
    await signIn(page, 'demo-desk', 'not-the-password', ENGLISH);
    await visible(alert);
    const english = (await alert.textContent()) ?? '';
    expect(english).not.toMatch(/[\u4e00-\u9fff]/);
    expect(english).not.toBe('');
    await screenshot(page, 'shell-10-login-failed-en');

    expect(errors).toEqual([]);
  });

  it('company admin opens the audit log, pages and filters it', async () => {
    const { page, errors } = await open();
    await page.goto('/');
    await visible(page.getByRole('heading', { name: '登录' }));
    await signIn(page, 'demo-admin', PASSWORD);
    await visible(page.getByTestId('greeting'));

    await page.getByRole('navigation').getByRole('menuitem', { name: '审计日志' }).click();
    await visible(page.getByRole('heading', { name: '审计日志' }));
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await visible(rows);
    expect(await rows.count()).toBeGreaterThan(0);
    await visible(page.getByText(/^共 \d+ 条$/));
    await screenshot(page, 'shell-11-audit-zh');

    // Expand the first entry that has a before/after summary.
    const expander = page.locator('.ant-table-row-expand-icon-collapsed').first();
    if ((await expander.count()) > 0) {
      await expander.click();
      await visible(page.locator('.ant-table-expanded-row').getByText('变更后'));
      await screenshot(page, 'shell-12-audit-expanded-zh');
    }

    // Filter by an entity type the demo seed wrote (other browser tests add newer records of
    // other types): the request, the address and every row follow.
    const entityTypes = () => rows.locator('td:nth-child(4) .ant-tag').evaluateAll((tags) => tags.map((tag) => tag.getAttribute('data-code')));
    const entityType = 'community';
    const typeFilter = page.getByLabel('对象类型');
    await typeFilter.click();
    await typeFilter.fill(entityType);
    await page.keyboard.press('Enter');
    const filtered = page.waitForResponse(
      (response) => response.url().includes('/api/v1/audit?') && new URL(response.url()).searchParams.get('entityType') === entityType,
    );
    await page.getByRole('button', { name: /查\s?询/ }).click();
    expect((await filtered).status()).toBe(200);
    expect(new URL(page.url()).searchParams.get('entityType')).toBe(entityType);
    await expect.poll(async () => [...new Set(await entityTypes())]).toEqual([entityType]);
    // Seeded records were written by the system, which has a name in each language.
    await visible(rows.getByText('系统', { exact: true }));
    await screenshot(page, 'shell-13-audit-filtered-zh');

    await page.getByRole('button', { name: /重\s?置/ }).click();
    await page.waitForURL((url) => !url.searchParams.has('entityType'));

    expect(errors).toEqual([]);
  });

  it('shows the error page when a page cannot load, and recovers on reload', async () => {
    const { page, context } = await open();
    await page.goto('/');
    await signIn(page, 'demo-admin', PASSWORD);
    await visible(page.getByTestId('greeting'));

    // The audit page's code fails to download, as after a deploy or on a dropped connection.
    await context.route(/\/assets\/audit-page-[^/]*\.js$/, (route) => route.abort());
    await page.getByRole('navigation').getByRole('menuitem', { name: '审计日志' }).click();
    await visible(page.getByText('页面出错了', { exact: true }));
    await visible(page.getByRole('navigation').getByRole('menuitem', { name: '工作台' }));
    await screenshot(page, 'shell-14-error-page-zh');

    await context.unroute(/\/assets\/audit-page-[^/]*\.js$/);
    await page.getByRole('button', { name: '刷新页面' }).click();
    await visible(page.getByRole('heading', { name: '审计日志' }));
  });

  it('works on a 390×844 phone: login, workspace, drawer menu and audit log', async () => {
    const { page, errors } = await open({ phone: true, locale: 'en-US' });
    await page.goto('/login');
    await visible(page.getByRole('heading', { name: '登录' }));
    expect(await overflowsHorizontally(page)).toBe(false);
    await screenshot(page, 'shell-15-phone-login-zh');

    // Switching language on the login page works before signing in, too.
    await chooseLanguage(page, 'English');
    await visible(page.getByRole('heading', { name: 'Sign in' }));
    await signIn(page, 'demo-admin', PASSWORD, ENGLISH);
    await visible(page.getByTestId('greeting').filter({ hasText: 'Hello' }));
    // The choice made before signing in is saved to the account.
    await waitForServerLocale(page, 'en-US');
    expect(await overflowsHorizontally(page)).toBe(false);
    await screenshot(page, 'shell-16-phone-workspace-en');

    await page.getByTestId('open-menu').click();
    const drawerMenu = page.locator('.ant-drawer').getByRole('menuitem', { name: 'Audit log' });
    await visible(drawerMenu);
    await screenshot(page, 'shell-17-phone-menu-en');
    await drawerMenu.click();
    await visible(page.getByRole('heading', { name: 'Audit log' }));
    // On a phone each entry is one stacked cell: type, action, time and who, then the changes.
    const firstEntry = page.locator('.ant-table-tbody tr.ant-table-row').first();
    await visible(firstEntry.locator('.ant-tag[data-code]'));
    expect(await firstEntry.locator('td').last().textContent()).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
    expect(await overflowsHorizontally(page)).toBe(false);
    await screenshot(page, 'shell-18-phone-audit-en');

    expect(errors).toEqual([]);
  });
});
