import { configDefaults, defineConfig } from 'vitest/config';
import { FULL_TESTS, shared } from './vitest.config.js';

/** `npm run test:full`: only the slow tests, *.full.test.ts — corpora, large inputs, packaging. */
export default defineConfig({
  test: {
    ...shared,
    include: [FULL_TESTS],
    exclude: configDefaults.exclude,
  },
});
