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

const file = join(__dirname, 'cli.cjs');
// esbuild writes the bundle in ASCII (it escapes everything else), so it is read without decoding UTF-8.
const source = readFileSync(file, 'latin1');
let cachedData;
try {
  cachedData = readFileSync(`${file}.cache`);
} catch {
  cachedData = undefined;
}
const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
// The build runs the CLI once with this set to record which functions a run compiles (scripts/build.mjs).
const cacheOut = process.env.CMLINT_CODE_CACHE_OUT;
delete process.env.CMLINT_CODE_CACHE_OUT;
if (cacheOut) process.once('exit', () => writeFileSync(cacheOut, script.createCachedData()));
const bundle = { exports: {} };
script.runInThisContext()(bundle.exports, createRequire(file), bundle, file, __dirname);
