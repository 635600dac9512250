#!/usr/bin/env node
// `npm test`: typecheck, lint, API/unit tests on PGlite, the same tests on PostgreSQL, and the
// browser tests. Under CI=true a missing PostgreSQL or Chromium fails the run; elsewhere it is
// reported in one line and the rest runs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import pg from 'pg';

const CI = process.env.CI === 'true' || process.env.CI === '1';
const PG_URL = process.env.WUYE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:54329/postgres';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const only = process.argv.slice(2); // e.g. `npm test -- unit pg` runs only those steps
const want = (step) => only.length === 0 || only.includes(step);

mkdirSync('.tmp', { recursive: true });
let passed = 0;
let failed = 0;
const problems = [];

function run(name, cmd, args, env = {}) {
  console.log(`\n=== ${name} ===`);
  const res = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (res.status !== 0) problems.push(name);
  return res.status === 0;
}

function vitest(name, config, env = {}) {
  const out = `.tmp/vitest-${name}.json`;
  run(name, 'npx', ['vitest', 'run', '--config', config, '--reporter=default', '--reporter=json', `--outputFile=${out}`], env);
  if (existsSync(out)) {
    const r = JSON.parse(readFileSync(out, 'utf8'));
    passed += r.numPassedTests;
    failed += r.numFailedTests;
  }
}

async function postgresReachable() {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

function missing(what, hint) {
  if (CI) {
    console.error(`\nFAIL: ${what} is required under CI. ${hint}`);
    problems.push(what);
  } else {
    console.log(`\nSkipping ${what} tests: not available here. ${hint}`);
  }
}

if (want('typecheck')) run('typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
if (want('lint')) run('lint', 'npx', ['eslint', '.', '--max-warnings=0']);
if (want('unit')) vitest('pglite', 'vitest.config.ts');
if (want('pg')) {
  let ok = await postgresReachable();
  if (!ok && existsSync('/usr/lib/postgresql')) {
    // Start the throwaway test cluster when PostgreSQL is installed but not running.
    spawnSync('bash', ['scripts/pg-test-cluster.sh', 'start'], { stdio: 'inherit' });
    ok = await postgresReachable();
  }
  if (ok) vitest('postgres', 'vitest.config.ts', { WUYE_TEST_DB: 'postgres', WUYE_TEST_PG_URL: PG_URL });
  else missing('PostgreSQL', `Install it with: apt-get install -y postgresql (tests use ${PG_URL}).`);
}
if (want('e2e')) {
  if (existsSync(CHROMIUM)) vitest('e2e', 'vitest.e2e.config.ts');
  else missing('browser (Chromium)', 'Install it with: apt-get install -y chromium fonts-wqy-microhei');
}

console.log(`\n${problems.length ? `Failed steps: ${problems.join(', ')}` : 'All steps passed.'}`);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(problems.length || failed ? 1 : 0);
