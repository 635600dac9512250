import { defineConfig } from 'vitest/config';

// Browser tests: one server for the run (globalSetup), files one after another in one fork,
// long timeouts because the first start seeds the demo data.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['e2e/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
