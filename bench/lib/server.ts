import { readFileSync } from 'node:fs';
import { ServerProcess, freePort } from '../../src/server/test/server-process';

/** Resident set size of a process in kB: current (VmRSS) and peak since start (VmHWM). */
export function rssOf(pid: number): { rssKb: number; peakKb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { rssKb: kb('VmRSS'), peakKb: kb('VmHWM') };
}

/** A `wuye serve` process for a benchmark (no rate limit, sweeper off unless asked), with its memory. */
export class BenchServer {
  readonly process: ServerProcess;
  private constructor(process: ServerProcess) {
    this.process = process;
  }

  static async start(env: Record<string, string>, extra: Record<string, string> = {}): Promise<BenchServer> {
    const p = new ServerProcess(await freePort(), { WUYE_RATE_LIMIT: '0', WUYE_SWEEP_SECONDS: '3600', ...env, ...extra });
    await p.start(300_000);
    return new BenchServer(p);
  }

  get url(): string {
    return this.process.url;
  }

  /** Peak RSS of the server so far, in MB. */
  peakRssMb(): number {
    return Math.round(rssOf(this.process.pid!).peakKb / 1024);
  }

  async stop(): Promise<void> {
    await this.process.kill('SIGTERM');
  }
}

/** Signs in over HTTP; returns the cookie and CSRF headers for later requests. */
export async function signIn(url: string, username: string, password: string): Promise<Record<string, string>> {
  const res = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { csrfToken: string };
  return { cookie: res.headers.get('set-cookie')!.split(';')[0]!, 'x-csrf-token': body.csrfToken };
}

/** Times `n` sequential GETs of a path (after `warm` unmeasured ones); latencies in ms. */
export async function timeGets(url: string, path: string, headers: Record<string, string>, n: number, warm = 2): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n + warm; i++) {
    const t0 = performance.now();
    const res = await fetch(url + path, { headers });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`GET ${path}: ${res.status}`);
    if (i >= warm) out.push(performance.now() - t0);
  }
  return out;
}
