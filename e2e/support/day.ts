import { expect } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { openPage, signIn, visible, type TestPage } from './browser';

// Shared by the working-day journeys (e2e/day-*.e2e.ts): a role signed in at its real viewport,
// the step form of a work order, and the API client that sets up what the role finds at work.

/** The demo accounts' password (src/server/seed/demo.ts). */
export const DEMO_PASSWORD = 'demo12345';
/** The console's real viewport. */
export const CONSOLE = { width: 1440, height: 900 };
/** The smallest phone field staff carry. */
export const SMALL_PHONE = { width: 360, height: 640 };

/** Opens pages for one file and closes them all at its end. */
export class Pages {
  private readonly opened: TestPage[] = [];
  constructor(
    private readonly browser: () => Browser,
    private readonly baseURL: string,
  ) {}

  /** A fresh page in Chinese: the console at 1440×900, or a 390×844 phone. */
  async open(options: { phone?: boolean } = {}): Promise<TestPage> {
    const testPage = await openPage(this.browser(), this.baseURL, options);
    if (!options.phone) await testPage.page.setViewportSize(CONSOLE);
    this.opened.push(testPage);
    return testPage;
  }

  /** A demo account signed in through the login form, on its home page. */
  async as(username: string, options: { phone?: boolean; password?: string } = {}): Promise<TestPage> {
    const testPage = await this.open(options);
    await testPage.page.goto('/login');
    await signIn(testPage.page, username, options.password ?? DEMO_PASSWORD);
    await visible(testPage.page.getByTestId('greeting'));
    return testPage;
  }

  /** Errors logged by every page this file opened. */
  errors(): string[] {
    return this.opened.flatMap((p) => p.errors);
  }

  async close(): Promise<void> {
    for (const { context } of this.opened) await context.close();
  }
}

/** A real JPEG, as a phone camera would send (the server checks the content, not the name). */
export async function cameraPhoto(): Promise<Buffer> {
  return sharp({ create: { width: 640, height: 480, channels: 3, background: '#7a8fa6' } })
    .composite([{ input: Buffer.from('<svg width="640" height="480"><rect x="200" y="140" width="240" height="200" fill="#c9d6e3"/></svg>') }])
    .jpeg()
    .toBuffer();
}

/** Whether the page scrolls sideways (it must not, on any phone). */
export function overflowsHorizontally(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
}

/** Waits until the step form (dialog, or sheet on a phone) has gone, or fails with the messages it shows. */
export async function dialogClosed(page: Page): Promise<void> {
  await page
    .locator('[data-testid^="step-form-"]')
    .waitFor({ state: 'detached', timeout: 15_000 })
    .catch(async () => {
      const error = await page.getByTestId('step-error').textContent().catch(() => null);
      const fields = await page.locator('.ant-form-item-explain-error').allTextContents();
      throw new Error(`the step form stayed open: ${error ?? ''} ${fields.join(' / ')}`);
    });
}

/** Sends the open step form and waits until it is gone (the server took the step). */
export async function submitStep(page: Page): Promise<void> {
  await page.getByTestId('step-submit').click();
  await dialogClosed(page);
}

/** Picks an answer of a yes/no or choice record in the open step form. */
export async function answer(page: Page, record: string, text: string): Promise<void> {
  await page.getByTestId(`record-${record}`).getByText(text, { exact: true }).click();
}

/** Types a time into a datetime record of the open step form ("2026-12-04 10:00") and takes it. */
export async function fillDateTime(page: Page, record: string, value: string): Promise<void> {
  const input = page.locator(`input[data-testid="record-${record}"], [data-testid="record-${record}"] input`).first();
  await input.click();
  await input.fill(value);
  // Enter takes the typed time; the step's button sends the form.
  await input.press('Enter');
}

/** The state an order page shows. */
export async function statusOf(page: Page): Promise<string> {
  return ((await page.getByTestId('order-status').textContent()) ?? '').trim();
}

export async function expectStatus(page: Page, status: string): Promise<void> {
  await expect.poll(() => statusOf(page), { timeout: 15_000 }).toBe(status);
}

/** The keys of the step buttons an order page offers, in their order. */
export async function actionKeys(page: Page): Promise<string[]> {
  await visible(page.getByTestId('order-actions'));
  const ids = await page.getByTestId('order-actions').locator('[data-testid^="action-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''));
  return ids.map((id) => id.replace(/^action-/, ''));
}

/** The technician's job card on the phone and its one big next-step button, once it reads `label`. */
export async function nextStep(page: Page, number: string, label: string): Promise<Locator> {
  const card = page.getByTestId(`job-${number}`);
  await visible(card);
  const button = card.getByTestId('job-next-step');
  await expect.poll(async () => ((await button.textContent()) ?? '').replace(/\s/g, ''), { timeout: 15_000 }).toBe(label);
  return button;
}

/** "YYYY-MM-DD" of the day `days` from now on the community's clock (Asia/Shanghai). */
export function shanghaiDay(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + days * 86_400_000));
}

/** The caller's home-page queue counts as the API gives them. */
export async function apiQueues(page: Page): Promise<Record<string, number>> {
  const body = await page.evaluate(async () => (await fetch('/api/v1/work-orders/queues')).json());
  return Object.fromEntries((body as { queues: { queue: string; count: number }[] }).queues.map((q) => [q.queue, q.count]));
}

/** The home page shows exactly these queues, in this order, each with the count the API gives. */
export async function checkQueueTiles(page: Page, expected: string[]): Promise<Record<string, number>> {
  const counts = await apiQueues(page);
  expect(Object.keys(counts)).toEqual(expected);
  for (const queue of expected) await visible(page.getByTestId(`queue-${queue}`).filter({ hasText: String(counts[queue]) }));
  return counts;
}

/** Opens a queue from its home tile: the order list filtered to exactly its `count` orders. */
export async function openQueue(page: Page, queue: string, count: number, name: string): Promise<void> {
  await page.getByTestId(`queue-${queue}`).click();
  await page.waitForURL((url) => url.pathname === '/work-orders' && url.searchParams.get('queue') === queue);
  await visible(page.getByTestId('list-queue').getByText(name, { exact: true }));
  if (count > 0) await visible(page.getByText(`共 ${count} 单`));
  else await visible(page.getByText('没有符合条件的工单'));
}

/** A work order as the API answers. */
export interface ApiOrder {
  id: string;
  number: string;
  status: string;
  allowedActions: string[];
}

/** A unit found by the desk's intake lookup, with its first resident. */
export interface LookedUpUnit {
  unitId: string;
  communityId: string;
  residentId?: string;
}

/**
 * A demo account driving the API directly (cookie and CSRF token), as the console would: sets up
 * what a role finds when its day starts, where clicking there is not what that role does.
 */
export class StaffApi {
  private cookie = '';
  private csrf = '';
  staffId: string | null = null;
  private constructor(private readonly baseURL: string) {}

  static async login(baseURL: string, username: string): Promise<StaffApi> {
    const api = new StaffApi(baseURL);
    const res = await fetch(`${baseURL}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
    if (res.status !== 200) throw new Error(`sign-in of ${username}: ${res.status}`);
    api.cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    const me = (await res.json()) as { csrfToken: string; user: { staffId: string | null } };
    api.csrf = me.csrfToken;
    api.staffId = me.user.staffId;
    return api;
  }

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const form = body instanceof FormData;
    const res = await fetch(`${this.baseURL}${path}`, {
      method,
      headers: { cookie: this.cookie, 'x-csrf-token': this.csrf, 'accept-language': 'zh-CN', ...(body && !form ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : form ? body : JSON.stringify(body),
    });
    const json = await res.json().catch(() => null);
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json as T;
  }

  /** A unit by the words the desk types ("3栋1202"). */
  async unit(q: string): Promise<LookedUpUnit> {
    const found = await this.call<{ units: { unitId: string; communityId: string; residents: { residentId: string }[] }[] }>('GET', `/api/v1/work-orders/intake-lookup?q=${encodeURIComponent(q)}`);
    const unit = found.units[0];
    if (!unit) throw new Error(`no unit ${q}`);
    return { unitId: unit.unitId, communityId: unit.communityId, residentId: unit.residents[0]?.residentId };
  }

  /** Opens an order for a unit, by phone, as the desk takes a call. */
  async open(unit: LookedUpUnit, body: { kind: 'repair' | 'complaint'; category: string; description: string; paid?: boolean; source?: string }): Promise<ApiOrder> {
    return this.call<ApiOrder>('POST', '/api/v1/work-orders', {
      communityId: unit.communityId,
      unitId: unit.unitId,
      reporterResidentId: unit.residentId,
      channel: 'phone',
      ...body,
    });
  }

  async act(id: string, action: string, body: Record<string, unknown> = {}): Promise<ApiOrder> {
    return this.call<ApiOrder>('POST', `/api/v1/work-orders/${id}/actions/${action}`, body);
  }

  /** Uploads a photo and answers its attachment id. */
  async photo(jpeg: Buffer): Promise<string> {
    const form = new FormData();
    form.append('kind', 'photo');
    form.append('file', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'site.jpg');
    return (await this.call<{ id: string }>('POST', '/api/v1/attachments', form)).id;
  }
}
