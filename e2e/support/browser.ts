import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { SCREENSHOT_DIR } from './paths';

/** Debian's chromium unless CHROMIUM_PATH points elsewhere. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches headless Chromium with the flags that work in containers and CI. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: apt-get install chromium, or set CHROMIUM_PATH`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

export const DESKTOP = { width: 1366, height: 860 };
export const PHONE = { width: 390, height: 844 };

/** A page in a fresh context (no cookies, no stored language) plus the errors it logs. */
export interface TestPage {
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions and console errors, except failed resource loads the app expects (401 probes). */
  errors: string[];
}

/** Opens a fresh browser context speaking `locale`, at desktop size unless `phone` is set. */
export async function openPage(
  browser: Browser,
  baseURL: string,
  options: { locale?: string; phone?: boolean } = {},
): Promise<TestPage> {
  const context = await browser.newContext({
    baseURL,
    locale: options.locale ?? 'zh-CN',
    viewport: options.phone ? PHONE : DESKTOP,
    isMobile: options.phone ?? false,
    hasTouch: options.phone ?? false,
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      errors.push(`console: ${message.text()}`);
    }
  });
  return { context, page, errors };
}

/** Saves a full-page screenshot as e2e/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  try {
    await page.screenshot({ path: file, fullPage: true, animations: 'disabled', timeout: 10_000 });
  } catch {
    // A full-page capture of a tall page can stall a loaded CI machine's compositor; the visible
    // part is still worth keeping, and a screenshot is evidence for people, not an assertion.
    await page.screenshot({ path: file, animations: 'disabled', timeout: 20_000 });
  }
  return file;
}

/** Waits until the locator is visible (fails the test with Playwright's message otherwise). */
export async function visible(locator: Locator, timeout = 15_000): Promise<Locator> {
  await locator.first().waitFor({ state: 'visible', timeout });
  return locator;
}

/** Signs in through the login form. `submitName` is the button's accessible name in the page's language. */
export async function signIn(
  page: Page,
  username: string,
  password: string,
  labels: { username: string; password: string; submit: RegExp } = {
    username: '用户名',
    password: '密码',
    submit: /^登\s?录$/,
  },
): Promise<void> {
  // Signing in with the Chinese form is a choice of Chinese: store it like the language switch
  // does, so the account's saved language (another test may have left it English) cannot win.
  if (labels.username === '用户名') await page.evaluate(() => window.localStorage.setItem('wuye.locale', 'zh-CN'));
  await page.getByLabel(labels.username, { exact: true }).fill(username);
  await page.getByLabel(labels.password, { exact: true }).fill(password);
  await page.getByRole('button', { name: labels.submit }).click();
}

/**
 * Picks a language from the header's language switch and waits until the page follows
 * (`<html lang>`). A click that lands while the dropdown is still opening on a loaded machine is
 * retried once; a switch that never takes effect still fails.
 */
export async function chooseLanguage(page: Page, name: 'English' | '中文'): Promise<void> {
  const lang = name === 'English' ? 'en-US' : 'zh-CN';
  for (let attempt = 0; attempt < 2; attempt += 1) {
    await page.getByTestId('language-switch').click();
    await page.getByRole('menuitem', { name }).click();
    try {
      await page.waitForFunction((expected) => document.documentElement.lang === expected, lang, { timeout: 5_000 });
      return;
    } catch (cause) {
      if (attempt === 1) throw cause;
      await page.keyboard.press('Escape');
    }
  }
}

/**
 * Opens an antd select and picks the option with `text`, then waits until the select shows it.
 * A click that lands while the popup (or the dialog around it) is still animating on a loaded
 * machine is retried; a choice that never takes still fails.
 */
export async function selectOption(page: Page, select: Locator, text: string | RegExp): Promise<void> {
  const popup = page.locator('.ant-select-dropdown:visible');
  for (let attempt = 0; attempt < 3; attempt += 1) {
    // Escape would close a dialog around the select, so this select's open popup is used as it is;
    // another select's popup that is still fading out does not count as this one's.
    if (!(await select.locator('[aria-expanded="true"]').count())) await select.click();
    const option = popup.locator('.ant-select-item-option').filter({ hasText: text }).first();
    await option.waitFor({ state: 'visible' });
    await option.click();
    try {
      await select.filter({ hasText: text }).waitFor({ state: 'visible', timeout: 5_000 });
      return;
    } catch (cause) {
      if (attempt === 2) throw cause;
    }
  }
}

/**
 * Codes of enums (`in_progress`, `walk_in`, `no_skill_match`) that a page shows instead of their
 * label: every snake_case word in the visible text. Inputs' values are not visible text.
 */
export async function rawCodes(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => document.body.innerText);
  return [...new Set(text.match(/\b[a-z]+(?:_[a-z0-9]+)+\b/g) ?? [])];
}

/**
 * After an owner signs in to the portal: accepts the privacy notice when the portal asks for it
 * (the first sign-in of the account in this run, whichever journey comes first), and says whether
 * it was asked. Waits until the sign-in page has gone, so it never races the navigation.
 */
export async function acceptPrivacyIfAsked(page: Page, screenshotName?: string): Promise<boolean> {
  await page.waitForFunction(() => {
    const title = document.querySelector('header.bar h1')?.textContent ?? '';
    return title !== '' && title !== '登录业主服务' && title !== 'Sign in';
  });
  const accept = page.getByTestId('privacy-accept');
  if ((await accept.count()) === 0) return false;
  if (screenshotName) await screenshot(page, screenshotName);
  await accept.click();
  await accept.waitFor({ state: 'detached' });
  return true;
}
