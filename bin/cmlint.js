#!/usr/bin/env node
// The `cmlint` command. CommonJS (bin/package.json says so): Node.js starts a CommonJS file faster than an ES module,
// and start-up is most of a small run. dist/cli-loader.cjs runs the bundled CLI (scripts/build.mjs).
require('../dist/cli-loader.cjs');
