import { readFileSync, rmSync } from 'node:fs';
import { findPersonalData } from '../src/server/logging';
import type { TestProject } from 'vitest/node';
import { SCREENSHOT_DIR } from './support/paths';
import { startServer } from './support/server';
import { ensureWebBuild } from './support/web-build';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the server under test listens, e.g. http://127.0.0.1:41234. */
    baseURL: string;
  }
}

/**
 * One server for the whole run: clears e2e/screenshots, builds the web app if needed, starts
 * `wuye serve` on a fresh embedded database and hands its URL to the tests. E2E_BASE_URL runs
 * against a server that is already up instead.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Only this run's screenshots, so nobody reviews a stale picture.
  rmSync(SCREENSHOT_DIR, { recursive: true, force: true });
  const external = process.env.E2E_BASE_URL;
  if (external) {
    project.provide('baseURL', external.replace(/\/$/, ''));
    return async () => {};
  }
  ensureWebBuild();
  const started = Date.now();
  const server = await startServer();
  console.log(`[e2e] server ready at ${server.url} in ${((Date.now() - started) / 1000).toFixed(1)}s (log: ${server.logFile})`);
  project.provide('baseURL', server.url);
  return async () => {
    await server.stop();
    // After every browser journey: the server's log must hold no personal data or secret
    // (docs/security.md, the log redaction policy). The findings are printed masked.
    const found = findPersonalData(readFileSync(server.logFile, 'utf8'));
    if (found.length) throw new Error(`the server log holds personal data or secrets (${server.logFile}): ${[...new Set(found)].slice(0, 20).join('; ')}`);
  };
}
