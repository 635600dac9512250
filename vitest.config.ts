import { defineConfig } from 'vitest/config';

// `*.pg.test.ts` need a real PostgreSQL server (several processes on one database); they run in
// the PostgreSQL pass of `npm test` only.
const postgres = process.env.WUYE_TEST_DB === 'postgres';
// Every test file copies its own database from the migrated template, so files run side by side.
// Vitest's default on a 2-core machine is one worker, which leaves a core idle while PGlite or the
// PostgreSQL server works; two workers use both (WUYE_TEST_WORKERS overrides).
const workers = Number(process.env.WUYE_TEST_WORKERS ?? 2);

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    exclude: ['**/node_modules/**', ...(postgres ? [] : ['src/**/*.pg.test.ts'])],
    environment: 'node',
    globalSetup: ['src/server/test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: workers,
  },
});
