import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Sweep and CLI tests start worker pools; two cores are all CI has.
    maxWorkers: 2,
    reporters: ['default', './plainSummaryReporter.ts'],
  },
});
