import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Tests that need a network or a key are *.int.test.ts and run only with `npm run test:int`.
    exclude: ['**/node_modules/**', 'test/**/*.int.test.ts'],
    testTimeout: 30000,
    hookTimeout: 60000,
    pool: 'forks',
    // The PostgreSQL server of the PG store's tests (DTE_TEST_PG_URL, else a throwaway cluster).
    globalSetup: ['test/support/pg-global-setup.ts'],
  },
});
