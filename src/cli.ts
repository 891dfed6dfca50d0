#!/usr/bin/env node
/** Entry point of the `cmlint` binary. */
import { main } from './cli/main.js';

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.exitCode = 2;
  },
);
