import { defineConfig } from 'vitest/config';

// Tests that need a network or a key (*.int.test.ts); each skips itself when its environment is missing.
export default defineConfig({
  test: {
    include: ['test/**/*.int.test.ts'],
    testTimeout: 120000,
  },
});
