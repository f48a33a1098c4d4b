import { defineConfig } from 'vitest/config';

/**
 * `npm run test:faults`: tests that kill, cut and restart real processes (the platform, Redis, a
 * PostgreSQL link). One file at a time: they measure recovery, which a loaded machine would blur.
 */
// eslint-disable-next-line no-restricted-exports -- vitest reads the default export
export default defineConfig({
  test: {
    include: ['test/faults/**/*.fault.ts'],
    testTimeout: 300_000,
    hookTimeout: 180_000,
    pool: 'forks',
    fileParallelism: false,
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
