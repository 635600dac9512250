#!/usr/bin/env node
// Runs the browser tests (e2e/**/*.e2e.ts) with vitest.e2e.config.ts; extra arguments go to vitest.
// Without Chromium the run is skipped with one line, except under CI, where that is a failure.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const inCI = Boolean(process.env.CI) && process.env.CI !== 'false';

if (!existsSync(chromium)) {
  const line = `browser tests: Chromium not found at ${chromium} (apt-get install chromium fonts-wqy-microhei, or set CHROMIUM_PATH)`;
  if (inCI) {
    console.error(`${line}; failing because CI is set`);
    process.exit(1);
  }
  console.log(`${line}; skipped`);
  process.exit(0);
}

const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
const result = spawnSync(process.execPath, [vitest, 'run', '--config', 'vitest.e2e.config.ts', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
