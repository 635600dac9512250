import { spawnSync } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../../e2e/support/browser';
import { startServer } from '../../e2e/support/server';
import { ROOT_DIR } from '../../src/server/config';
import { percentile, report, round } from '../lib/report';
import type { Benchmark } from '.';

// Time to a usable console page in a real browser, against the API time of the same data.
// "before" replays how the web files were served until issue #14: uncompressed, `max-age=0` (every
// file revalidated on every load); a proxy in front of the same server strips Accept-Encoding and
// rewrites Cache-Control of the web files. "after" is the server as it is (pre-compressed brotli,
// immutable hashed assets). Each on loopback and on a throttled office link.
// Besides full page loads it times the everyday case: moving inside the running console (menu →
// list, list → order), which fetches the page's data and, the first time, its code.
// BENCH_BROWSER_SERVING=after (default: before,after), BENCH_BROWSER_NETWORKS=loopback narrow a run.

const PASSWORD = 'demo12345';
const RUNS = Number(process.env.BENCH_BROWSER_RUNS ?? 5);
const SERVING = (process.env.BENCH_BROWSER_SERVING ?? 'before,after').split(',');
const ALL_NETWORKS = {
  loopback: null,
  // A busy office or 4G link: 40 ms round trip, 20 Mbit/s down, 5 up.
  'office 20 Mbit/s, 40 ms': { offline: false, latency: 40, downloadThroughput: 20e6 / 8, uploadThroughput: 5e6 / 8 },
} as const;
const NETWORKS = Object.fromEntries(
  Object.entries(ALL_NETWORKS).filter(([name]) => !process.env.BENCH_BROWSER_NETWORKS || process.env.BENCH_BROWSER_NETWORKS.split(',').some((n) => name.startsWith(n))),
) as Partial<typeof ALL_NETWORKS>;

/**
 * Recorded in the page from navigation start (performance.now()), when each watched element is
 * first in the document and laid out: the page's own clock, not Playwright's polling.
 */
const WATCH = ['.ant-table-row', '[data-testid="order-number"]'];
function watchUsable(selectors: string[]): void {
  const w = window as unknown as { __usable: Record<string, number> };
  w.__usable = {};
  const check = () => {
    for (const s of selectors) {
      if (w.__usable[s] !== undefined) continue;
      const el = document.querySelector(s);
      if (el && el.getBoundingClientRect().height > 0) w.__usable[s] = performance.now();
    }
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true });
}

/** The old way of serving web files, in front of the real server. */
async function servedAsBefore(target: string): Promise<{ url: string; close(): Promise<void> }> {
  const upstream = new URL(target);
  const server = http.createServer((req, res) => {
    // Host stays the proxy's, so the server's same-origin checks see what the browser sent.
    const headers = { ...req.headers };
    delete headers['accept-encoding'];
    const out = http.request({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers }, (answer) => {
      const h = { ...answer.headers };
      if (!req.url?.startsWith('/api')) h['cache-control'] = 'public, max-age=0';
      res.writeHead(answer.statusCode ?? 502, h);
      answer.pipe(res);
    });
    out.on('error', () => res.destroy());
    req.pipe(out);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const median = (xs: number[]) => percentile(xs, 50);

/** Milliseconds from navigation start to the element being in the page, by the page's clock. */
async function timeTo(page: Page, url: string, ready: string): Promise<number> {
  const started = Date.now();
  await page.goto(url, { waitUntil: 'commit' });
  await page.locator(ready).first().waitFor({ state: 'visible', timeout: 120_000 });
  const inPage = await page.evaluate((s) => (window as unknown as { __usable?: Record<string, number> }).__usable?.[s], ready);
  return inPage ?? Date.now() - started;
}

/** Milliseconds from a click inside the running console to the element being in the page. */
async function timeClick(page: Page, click: string, ready: string): Promise<number> {
  // No named functions inside: tsx wraps them in `__name`, which the page does not have.
  return page.evaluate(
    async ([c, r]) => {
      const target = document.querySelector<HTMLElement>(c!);
      if (!target) throw new Error(`nothing to click: ${c}`);
      const t0 = performance.now();
      target.click();
      for (;;) {
        const el = document.querySelector(r!);
        if (el && el.getBoundingClientRect().height > 0) return performance.now() - t0;
        if (performance.now() - t0 > 120_000) throw new Error(`not usable: ${r}`);
        await new Promise((done) => requestAnimationFrame(done));
      }
    },
    [click, ready],
  );
}

/** Milliseconds of the API call alone, made by the page (same cookies, same network). */
async function apiTime(page: Page, url: string): Promise<number> {
  return page.evaluate(async (u) => {
    const t0 = performance.now();
    const res = await fetch(u, { headers: { 'accept-language': 'zh-CN' } });
    await res.json();
    return performance.now() - t0;
  }, url);
}

async function measure(context: BrowserContext, base: string, network: (typeof NETWORKS)[keyof typeof NETWORKS]) {
  const page = await context.newPage();
  await page.addInitScript(watchUsable, WATCH);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await page.goto(`${base}/login`);
  await page.evaluate(() => window.localStorage.setItem('wuye.locale', 'zh-CN'));
  await page.getByLabel('用户名', { exact: true }).fill('demo-admin');
  await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: /^登\s?录$/ }).click();
  await page.getByTestId('greeting').waitFor({ state: 'visible', timeout: 60_000 });
  if (network) await cdp.send('Network.emulateNetworkConditions', network);
  const listApi = '/api/v1/work-orders?page=1&pageSize=20';
  const first = (await page.evaluate(async (u) => (await (await fetch(u)).json()) as { items: { id: string }[] }, listApi)).items[0];
  if (!first) throw new Error('the demo company has no work orders');
  const orderApi = `/api/v1/work-orders/${first.id}`;
  const pages = [
    { what: 'work-order list', url: `${base}/work-orders`, ready: '.ant-table-row', api: listApi },
    { what: 'order page', url: `${base}/work-orders/${first.id}`, ready: '[data-testid="order-number"]', api: orderApi },
  ];
  const rows = [];
  for (const p of pages) {
    const cold: number[] = [];
    const warm: number[] = [];
    const api: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      await cdp.send('Network.clearBrowserCache');
      cold.push(await timeTo(page, p.url, p.ready));
      warm.push(await timeTo(page, p.url, p.ready));
      api.push(await apiTime(page, p.api));
    }
    rows.push({ what: p.what, cold: median(cold), warm: median(warm), api: median(api) });
  }
  // Inside the running console: the menu to the list, then the list's first order. "cold" is the
  // first time in this page (the code of the page is fetched), "warm" the median of the next runs.
  const navs = [
    { what: 'work-order list (in-app)', from: `${base}/`, fromReady: '[data-testid="greeting"]', click: 'li[data-menu-id$="-/work-orders"]', ready: '.ant-table-row', api: listApi },
    { what: 'order page (in-app)', from: `${base}/work-orders`, fromReady: '.ant-table-row', click: '.ant-table-row a[href^="/work-orders/"]', ready: '[data-testid="order-number"]', api: orderApi },
  ];
  for (const n of navs) {
    await page.goto(n.from);
    await page.locator(n.fromReady).first().waitFor({ state: 'visible', timeout: 120_000 });
    const times: number[] = [];
    const api: number[] = [];
    for (let i = 0; i <= RUNS; i += 1) {
      times.push(await timeClick(page, n.click, n.ready));
      api.push(await apiTime(page, n.api));
      await page.goBack();
      await page.locator(n.fromReady).first().waitFor({ state: 'visible', timeout: 120_000 });
    }
    rows.push({ what: n.what, cold: times[0]!, warm: median(times.slice(1)), api: median(api) });
  }
  await page.close();
  return rows;
}

/** Time to a usable work-order list and order page, before and after compressed, cached web files. */
export const browser: Benchmark = {
  needsDataset: false,
  async run({ log }) {
    log('building the web app (vite build, production)');
    const build = spawnSync('npx', ['vite', 'build'], { cwd: ROOT_DIR, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
    if (build.status !== 0) throw new Error('vite build failed');
    log('starting wuye serve on a fresh embedded database with the demo data');
    const server = await startServer({ readyTimeoutMs: 1_200_000 });
    const before = await servedAsBefore(server.url);
    const chromium = await launchBrowser();
    const rows: Record<string, unknown>[] = [];
    try {
      for (const [network, conditions] of Object.entries(NETWORKS)) {
        for (const [mode, base] of ([['before', before.url], ['after', server.url]] as const).filter(([m]) => SERVING.includes(m))) {
          log(`${mode}, ${network}`);
          const context = await chromium.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 }, timezoneId: 'Asia/Shanghai' });
          for (const r of await measure(context, base, conditions)) {
            rows.push({
              network,
              serving: mode,
              page: r.what,
              'cold ms': round(r.cold, 0),
              'warm ms': round(r.warm, 0),
              'API ms': round(r.api, 0),
              'warm / API': round(r.warm / r.api, 1),
              'cold / API': round(r.cold / r.api, 1),
            });
          }
          await context.close();
        }
      }
    } finally {
      await chromium.close();
      await before.close();
      await server.stop();
    }
    report('browser', rows, { runs: RUNS });
  },
};
