import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync, closeSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEV_OUTBOX_FILE, ROOT, TMP_DIR } from './paths';

/** A running Wuye server started for the tests. */
export interface TestServer {
  url: string;
  dataDir: string;
  logFile: string;
  stop: () => Promise<void>;
}

/** Asks the OS for a port nobody is listening on. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function tail(file: string, lines = 40): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no server log)';
  }
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Polls GET /api/health until it answers 200, the server dies, or the time is up. */
async function waitForHealth(url: string, child: ChildProcess, logFile: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`wuye serve exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${tail(logFile)}`);
    }
    try {
      const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`wuye serve was not healthy within ${timeoutMs / 1000}s:\n${tail(logFile)}`);
}

/**
 * Starts `node bin/wuye.js serve` on a free port with a fresh embedded database under
 * e2e/.tmp/ (seeded with the demo data on first start) and waits until /api/health is ok.
 */
export async function startServer(options: { readyTimeoutMs?: number } = {}): Promise<TestServer> {
  mkdirSync(TMP_DIR, { recursive: true });
  const port = await freePort();
  const dataDir = path.join(TMP_DIR, `data-${process.pid}-${Date.now()}`);
  const logFile = path.join(TMP_DIR, 'server.log');
  mkdirSync(dataDir, { recursive: true });
  rmSync(DEV_OUTBOX_FILE, { force: true });
  const log = openSync(logFile, 'w');
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'wuye.js'), 'serve'], {
    cwd: ROOT,
    // Text messages in full (sign-in codes included) go to a file only tests read, never to the log.
    env: { ...process.env, PORT: String(port), WUYE_DATA_DIR: dataDir, WUYE_DEV_OUTBOX_FILE: DEV_OUTBOX_FILE },
    stdio: ['ignore', log, log],
    // Own process group, so stop() also ends anything the CLI spawns.
    detached: true,
  });
  closeSync(log);
  const url = `http://127.0.0.1:${port}`;

  const stop = async () => {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      const pid = child.pid;
      killGroup(pid, 'SIGTERM');
      const done = await Promise.race([exited(child).then(() => true), sleep(10_000).then(() => false)]);
      if (!done) {
        killGroup(pid, 'SIGKILL');
        await exited(child);
      }
    }
    if (!process.env.E2E_KEEP_DATA) rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitForHealth(url, child, logFile, options.readyTimeoutMs ?? 120_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, dataDir, logFile, stop };
}
