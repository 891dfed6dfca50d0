import { defineConfig } from 'vitest/config';

/**
 * Two projects. test/unit: from source, no build, files in parallel; a test goes here unless it needs what a user's
 * machine gives a built cmlint (test/e2e). test/e2e: the built CLI as a process, pre-commit, the Action, the browser,
 * neovim, PowerShell, large inputs and fuzzing; dist/ is built first if stale (test/support/global-setup.ts).
 * `npm run test:unit` runs the first alone; `npm test` builds, typechecks, then runs unit and then e2e.
 */
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          // Builds dist/ once if src/, rules/ or schemas/ changed since: these tests run the built bin/cmlint.js.
          globalSetup: ['test/support/global-setup.ts'],
        },
      },
    ],
  },
});
