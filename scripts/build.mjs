// Builds dist/: the CLI and the API bundled with esbuild, the schemas compiled to code, the built-in rules checked once.
//
//   dist/cli-loader.cjs  the CLI's entry (bin/cmlint.js requires it), from scripts/cli-loader.cjs
//   dist/cli.cjs         the CLI in one CommonJS file, run by the loader with V8's code cache
//   dist/cli.cjs.cache   that code cache, recorded here by linting two examples once (see scripts/cli-loader.cjs);
//                        not in the npm package (package.json "files"): V8 takes a cache only from the very Node.js
//                        build that made it, which a user's seldom is, so it would be 0.7 MB for nothing
//   dist/types/          the API's declarations, written by `npm run build:types` (tsc; run by prepack), not here
//   dist/cli.js          the same CLI as an ES module entry, for whoever imports dist/cli.js
//   dist/index.js        the API (package.json "main"), one ES module
//   dist/rules.json      the built-in rules, validated, for a fast start (src/rules/load-rules.ts)
//   dist/*-validator.cjs the export, config and rule schemas compiled with ajv's standalone code (validators.mjs);
//                        the bundles include the same code in place of src/validate/precompiled.ts, so a run compiles
//                        no schema
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { precompiledValidators, validatorSources } from './validators.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
process.chdir(root);

// Only what this script writes: dist/action/ is the Action's committed bundle and is built separately.
for (const name of [
  'chunks',
  'cli.js',
  'cli-loader.cjs',
  'cli.cjs',
  'cli.cjs.cache',
  'index.js',
  'generate.js',
  'rules.json',
  'export-validator.cjs',
  'inventory-item-validator.cjs',
  'config-validator.cjs',
  'rule-validator.cjs',
]) {
  rmSync(join(dist, name), { recursive: true, force: true });
}

// The schemas, compiled to code (scripts/validators.mjs). The files are written for whoever reads them (tests); the
// bundles include the same code in place of src/validate/precompiled.ts.
const validators = await validatorSources(root);
writeFileSync(join(dist, 'export-validator.cjs'), validators.exportSchema);
writeFileSync(join(dist, 'inventory-item-validator.cjs'), validators.inventoryItemSchema);
writeFileSync(join(dist, 'config-validator.cjs'), validators.configSchema);
writeFileSync(join(dist, 'rule-validator.cjs'), validators.ruleSchema);

/**
 * ajv's compiler stays out of the bundles and is loaded from node_modules if ever needed: with the schemas precompiled,
 * only a custom rule's `schema:` cases (and runs from source) compile a schema. Its runtime helpers, which the
 * precompiled validators use, are bundled.
 */
const ajvOutside = {
  name: 'ajv outside the bundle',
  setup(b) {
    b.onResolve({ filter: /^ajv(-formats)?$/ }, (args) => ({ path: args.path, external: true }));
  },
};

/**
 * commander loads node:child_process when it is loaded, for executable subcommands (cmlint has none), and Node.js then
 * loads a dozen more of its modules: deferred here to first use, since start-up is most of a small lint. If a new
 * commander changes this line, the text is not found and the module is bundled as it is.
 */
const deferUnusedSetup = {
  name: 'defer unused set-up',
  setup(b) {
    b.onLoad({ filter: /[\\/]commander[\\/]lib[\\/]command\.js$/ }, (args) => ({
      contents: readFileSync(args.path, 'utf8').replace(
        "const childProcess = require('node:child_process');",
        "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };",
      ),
      loader: 'js',
    }));
  },
};

/**
 * chalk works out at load time whether the terminal takes colour (loading node:tty and node:os to do so), but cmlint
 * always tells it the level (src/report/text.ts: colorWanted decides, NO_COLOR and FORCE_COLOR included), so its
 * detection is never used: it is replaced by "no colour detected".
 */
const noColorDetection = {
  name: 'no colour detection in chalk',
  setup(b) {
    b.onResolve({ filter: /^#supports-color$/ }, () => ({ path: 'supports-color', namespace: 'cmlint-stub' }));
    b.onLoad({ filter: /.*/, namespace: 'cmlint-stub' }, () => ({
      contents: 'export default { stdout: false, stderr: false };',
      loader: 'js',
    }));
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  // Prefer packages' ES module builds (jsonc-parser's UMD build cannot be bundled).
  mainFields: ['module', 'main'],
  plugins: [precompiledValidators(validators, root), ajvOutside, deferUnusedSetup, noColorDetection],
};
// Bundled CommonJS dependencies (ajv) call require(); give the ES module bundles one.
const esm = {
  ...common,
  format: 'esm',
  banner: {
    js: "import { createRequire as __cmlintRequire } from 'node:module'; const require = __cmlintRequire(import.meta.url);",
  },
};

// The CLI: one CommonJS file, which V8 can cache compiled code for (it cannot for ES modules on Node.js 20).
await build({
  ...common,
  format: 'cjs',
  entryPoints: ['src/bundle/cli.ts'],
  outfile: join(dist, 'cli.cjs'),
  // The language server's libraries (`cmlint lsp`) are loaded from node_modules when it runs: bundled, every lint would
  // read a third more code at start-up for a command it does not run.
  external: ['vscode-languageserver', 'vscode-languageserver/*', 'vscode-languageserver-textdocument'],
  define: { 'import.meta.url': '__cmlintImportMetaUrl' },
  // A third smaller, read faster at each start. Identifiers are not renamed: names stay as written (errors and cel-js
  // name classes by them), and keeping renamed names (keepNames) would cost a call for every function created.
  minifyWhitespace: true,
  minifySyntax: true,
  banner: { js: "const __cmlintImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
});
// The loader wraps the bundle in a function, where a #! line would be a syntax error.
writeFileSync(join(dist, 'cli.cjs'), readFileSync(join(dist, 'cli.cjs'), 'utf8').replace(/^#!.*\n/, ''));
copyFileSync('scripts/cli-loader.cjs', join(dist, 'cli-loader.cjs'));
// dist/cli.js, for whoever imports it (bin/cmlint.js did): the same CLI.
writeFileSync(
  join(dist, 'cli.js'),
  "// Generated by scripts/build.mjs: the CLI, started by its loader.\nimport './cli-loader.cjs';\n",
);

// The API, one ES module (no code splitting: one file loads faster than a module graph).
await build({ ...esm, entryPoints: ['src/bundle/index.ts'], outfile: join(dist, 'index.js') });
// The generator (npm run generate) is a development tool: its own bundle, with json-schema-to-typescript left external,
// and not in the npm package.
await build({
  ...esm,
  entryPoints: ['src/bundle/generate.ts'],
  outfile: join(dist, 'generate.js'),
  external: ['json-schema-to-typescript'],
});

// The built-in rules, validated once here and stored as JSON for a fast start (src/rules/load-rules.ts). A run
// parses a built-in rule's expressions only when it needs them; here every one is parsed, so a broken rule fails
// the build instead of a run.
const { createLinter, loadRuleFolder } = await import(pathToFileURL(join(dist, 'index.js')).href);
const rules = loadRuleFolder('rules', true).map((rule) => ({ ...rule, origin: `rules/${rule.id}.yaml` }));
createLinter({ rules: rules.map((rule) => ({ ...rule, builtin: false })) });
writeFileSync(join(dist, 'rules.json'), JSON.stringify(rules));

// The code cache: lint two small exports (YAML and JSON) once, and keep what V8 compiled for that run. Small ones:
// the cache holds what a small run needs (a larger run compiles the rest as it goes), and a smaller cache loads faster.
const work = mkdtempSync(join(tmpdir(), 'cmlint-build-'));
try {
  const design = { schemaVersion: 1, hierarchy: { sites: [{ SiteCode: 'P01', SiteType: 'Primary', Version: 2403 }] } };
  writeFileSync(
    join(work, 'small.yaml'),
    'schemaVersion: 1\nhierarchy:\n  sites:\n    - SiteCode: P01\n      SiteType: Primary\n      Version: 2403\n',
  );
  writeFileSync(join(work, 'small.json'), JSON.stringify(design, null, 2));
  const run = spawnSync(
    process.execPath,
    [join(root, 'bin', 'cmlint.js'), 'lint', 'small.yaml', 'small.json', '--no-config', '--as-of', '2026-01-01'],
    {
      cwd: work,
      env: { ...process.env, CMLINT_CODE_CACHE_OUT: join(dist, 'cli.cjs.cache'), NO_COLOR: '1' },
      encoding: 'utf8',
    },
  );
  if (run.status !== 0 && run.status !== 1)
    throw new Error(`recording the code cache failed (exit ${run.status}): ${run.stderr}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
