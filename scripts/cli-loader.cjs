// dist/cli-loader.cjs, copied there by scripts/build.mjs: runs the CLI bundle (dist/cli.cjs) with the V8 code cache
// the build made for it (dist/cli.cjs.cache), so that a run does not compile a megabyte of JavaScript first.
// Node.js 20 has no module compile cache of its own (module.enableCompileCache arrived in 22.1). V8 rejects a cache
// made by another Node.js version or with other V8 flags; the bundle is then compiled as usual, only slower.
// CommonJS, like bin/cmlint.js: starting from an ES module costs Node.js a tenth of its own start-up more.
'use strict';
const { readFileSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { join } = require('node:path');
const { setFlagsFromString } = require('node:v8');
const { Script } = require('node:vm');

// No inlining in V8's optimizing compiler. A lint run is short and calls many functions each a few thousand times:
// inlining made optimizing them cost about as much CPU as the lint itself (the model builder, one function then, took
// a third of a second to optimize), on threads that compete with the lint for the cores. Without it, 1,000 small
// exports take about a fifth less CPU and time, large exports the same (docs/performance.md). Set before the bundle is
// compiled, in the build's code-cache run as in every other, so that V8 accepts the cache (it checks the flags it was
// made with).
setFlagsFromString('--no-turbo-inlining');

/**
 * The number of jobs a `cmlint lint` command line asks for (--jobs N, --jobs=N, -j N, -jN), or 0. Read here, before
 * commander reads the whole command line, only to start a worker early: a wrong guess costs an idle worker, stopped.
 */
function jobsAsked(argv) {
  if (['init', 'rules', 'explain', 'schema', 'help', '--cmlint-lint-worker'].includes(argv[2])) return 0;
  let jobs = 0;
  for (let i = 2; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') break;
    const match = /^(?:--jobs|-j)(?:=?(\d+))?$/.exec(arg);
    if (match) jobs = Number(match[1] ?? argv[i + 1]);
  }
  return Number.isSafeInteger(jobs) ? jobs : 0;
}

// A lint run that asks for several jobs starts its first worker thread now, before this thread loads the bundle: the
// worker's own start (Node.js, then this loader and the bundle) overlaps with this thread's, where started from the
// lint it competed with this thread's first files for the cores and began linting about 0.1 s later. The lint hands
// it the files once it has found them (src/project/lint-pool.ts: takeEarlyWorker); a run too small for workers stops it.
// Unreferenced until then: it never keeps the process alive.
if (jobsAsked(process.argv) >= 2) {
  const { Worker } = require('node:worker_threads');
  const worker = new Worker(__filename, { argv: ['--cmlint-lint-worker'], stdout: false, stderr: false });
  worker.unref();
  // Should it fail before the lint takes it, the lint starts another, whose failure it reports.
  worker.on('error', () => {});
  globalThis[Symbol.for('cmlint.earlyLintWorker')] = worker;
}

const file = join(__dirname, 'cli.cjs');
// esbuild writes the bundle in ASCII (it escapes everything else), so it is read without decoding UTF-8.
const source = readFileSync(file, 'latin1');
let cachedData;
try {
  cachedData = readFileSync(`${file}.cache`);
} catch {
  cachedData = undefined;
}
const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
  filename: file,
  cachedData,
});
// The build runs the CLI once with this set to record which functions a run compiles (scripts/build.mjs).
const cacheOut = process.env.CMLINT_CODE_CACHE_OUT;
delete process.env.CMLINT_CODE_CACHE_OUT;
if (cacheOut) process.once('exit', () => writeFileSync(cacheOut, script.createCachedData()));
const bundle = { exports: {} };
script.runInThisContext()(bundle.exports, createRequire(file), bundle, file, __dirname);
