#!/usr/bin/env node
/** Entry point of the `cmlint` binary. */
import { main } from './cli/main.js';

if (process.argv[2] === '--cmlint-lint-worker') {
  // A worker thread of `cmlint lint --jobs` (src/project/lint-pool.ts) runs this bundle too.
  void import('./project/lint-worker.js').then(({ runLintWorker }) => runLintWorker());
} else
  main(process.argv).then(
    (code) => {
      process.exitCode = code;
    },
    () => {
      process.exitCode = 2;
    },
  );
