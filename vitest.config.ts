import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Two sets of tests. `npm test` runs every test/**\/*.test.ts but the slow ones; those are named
 * *.full.test.ts and run by `npm run test:full` (vitest.full.config.ts), which CI runs after it.
 */
export const FULL_TESTS = 'test/**/*.full.test.ts';

export const shared = {
  // End-to-end tests typeset real PDFs with CJK fonts: seconds, not milliseconds.
  testTimeout: 120_000,
  hookTimeout: 120_000,
  pool: 'forks',
} as const;

export default defineConfig({
  test: {
    ...shared,
    include: ['test/**/*.test.ts'],
    exclude: [...configDefaults.exclude, FULL_TESTS],
  },
});
