import { defineConfig } from 'vitest/config';

// `*.pg.test.ts` need a real PostgreSQL server (several processes on one database); they run in
// the PostgreSQL pass of `npm test` only.
const postgres = process.env.WUYE_TEST_DB === 'postgres';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    exclude: ['**/node_modules/**', ...(postgres ? [] : ['src/**/*.pg.test.ts'])],
    environment: 'node',
    globalSetup: ['src/server/test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
