/**
 * What a run takes from how cmlint is packaged, stated in one place instead of guessed from where the code lies.
 *
 * Run from source (the unit tests), nothing is packaged and the defaults hold: the built-in rules are read from
 * rules/*.yaml, the schemas are compiled when first used, and `--jobs` lints every file in this thread, since there is
 * no worker script to start. Each bundle's entry point (src/bundle/*.ts, built by scripts/build.mjs and
 * scripts/build-action.mjs) fills this in before anything runs: the rules the build validated and stored
 * (dist/rules.json), the validators the build compiled to code, and the CLI's worker script. A test can do the same
 * with configureRuntime, so every path a bundle takes can also be taken from source.
 */
import type { PrecompiledValidators } from './validate/precompiled.js';

export interface Runtime {
  /** The built-in rules as the build stored them (dist/rules.json); absent, or a missing file: rules/*.yaml are read. */
  builtinRulesFile?: string;
  /** Validators compiled to code by the build; a schema without one is compiled when first used. */
  validators: PrecompiledValidators;
  /** The script a `--jobs` worker thread runs (dist/cli-loader.cjs); absent: files are linted in this thread. */
  workerScript?: string;
}

export const runtime: Runtime = { validators: {} };

/** Called by a bundle's entry point (or a test) before a run: sets the parts given, keeps the others. */
export function configureRuntime(parts: Partial<Runtime>): void {
  Object.assign(runtime, parts);
}
