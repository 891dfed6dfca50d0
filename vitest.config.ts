import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Builds dist/ once if src/, rules/ or schemas/ changed since: every CLI test runs the built bin/cmlint.js.
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Tests that start Chromium or pre-commit are slow; run files in parallel but keep output readable.
    reporters: ['default'],
  },
});
