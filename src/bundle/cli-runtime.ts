/**
 * The CLI bundle's runtime, set when this module is evaluated (before the CLI's, src/bundle/cli.ts imports it first):
 * packaged, with the loader as the script `--jobs` worker threads run (it starts this bundle again with
 * --cmlint-lint-worker).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { usePackagedRuntime } from './packaged.js';

const loader = join(dirname(fileURLToPath(import.meta.url)), 'cli-loader.cjs');
usePackagedRuntime(existsSync(loader) ? loader : undefined);
