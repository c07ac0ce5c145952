import { defineConfig } from 'vitest/config';

// One run covers every suite: unit (jsdom where a test asks for it), the emulator contract,
// portal HTTP and the real-browser suites. Browser suites are slow to start, so timeouts are generous.
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    globalSetup: ['test/support/global-setup.ts'],
    reporters: ['default', './test/support/summary-reporter.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
