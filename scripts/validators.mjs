// The schemas compiled to code with ajv's standalone output, for both bundles: scripts/build.mjs (the CLI and the API)
// and scripts/build-action.mjs (the GitHub Action). A run then compiles no schema: compiling the export schema costs
// more than the rest of a small run's start-up.
import { build } from 'esbuild';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The validators' code, keyed as src/validate/precompiled.ts names them: compiled with the options
 * src/validate/schemas.ts compiles with at run time (AJV_OPTIONS), and passed through linearErrors
 * (src/validate/linear-errors.ts), which ajv applies only to code it runs itself, not to standalone code.
 */
export async function validatorSources(root) {
  const { default: Ajv } = await import('ajv');
  const { default: addFormats } = await import('ajv-formats');
  const { default: standaloneCode } = await import('ajv/dist/standalone/index.js');
  const { _ } = await import('ajv');
  const { AJV_OPTIONS, linearErrors, inventoryItemRef, linearRegExpEngine, addExportKeywords, addCmlintKeywords } =
    await sourceModule(root, [
      'src/validate/schemas.ts',
      'src/validate/linear-errors.ts',
      'src/validate/linear-regexp.ts',
    ]);
  const schemaDir = join(root, 'schemas');
  const schemaFiles = readdirSync(schemaDir)
    .filter((file) => file.endsWith('.schema.json'))
    .sort();
  const compile = (files, rootFile) => {
    // Patterns run on RE2, as at run time (schemas.ts): the code refers to the engine as `cmlint-linear-regexp`, which
    // precompiledValidators resolves to src/validate/linear-regexp.ts.
    // Formats (date: a calendar date) come from ajv-formats' module, which the standalone code requires.
    const formats = _`require("ajv-formats/dist/formats").fullFormats`;
    const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true, regExp: linearRegExpEngine, formats } });
    addFormats(ajv);
    addExportKeywords(ajv, _);
    addCmlintKeywords(ajv);
    for (const file of files) ajv.addSchema(JSON.parse(readFileSync(join(schemaDir, file), 'utf8')), file);
    return linearErrors(standaloneCode(ajv, ajv.getSchema(rootFile)));
  };
  const exportFiles = schemaFiles.filter((f) => f !== 'rule.schema.json' && f !== 'config.schema.json');
  return {
    exportSchema: compile(exportFiles, 'export.schema.json'),
    inventoryItemSchema: compile(
      exportFiles,
      inventoryItemRef(JSON.parse(readFileSync(join(schemaDir, 'export.schema.json'), 'utf8'))),
    ),
    configSchema: compile(['config.schema.json'], 'config.schema.json'),
    ruleSchema: compile(['rule.schema.json'], 'rule.schema.json'),
  };
}

/**
 * The named exports of some TypeScript sources, bundled into one ES module and imported from a data: URL, so the build
 * uses the very options and rewrite the sources define. Their imports of packages stay imports (resolved from here),
 * but for re2js, which is bundled.
 */
async function sourceModule(root, files) {
  const entry = files.map((file) => `export * from ${JSON.stringify(join(root, file))};`).join('\n');
  const result = await build({
    stdin: { contents: entry, resolveDir: root, loader: 'js' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    // Packages stay imports, except re2js (linear-regexp.ts): a module imported from a data: URL cannot resolve it.
    plugins: [
      {
        name: 'packages outside, but re2js',
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, (args) =>
            args.path === 're2js' ? undefined : { path: args.path, external: true },
          );
        },
      },
    ],
    logLevel: 'warning',
    define: { 'import.meta.url': JSON.stringify(`file://${join(root, 'src', 'validate', 'schemas.ts')}`) },
  });
  const code = result.outputFiles[0].text;
  return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
}

/**
 * An esbuild plugin that puts the validators in place of src/validate/precompiled.ts, each run when first used. The
 * code is given to esbuild as modules of a namespace of their own (no file on disk, so the bundle is the same whatever
 * directory it is built in); their require() calls of ajv's runtime helpers resolve from the project root.
 */
export function precompiledValidators(sources, root) {
  return {
    name: 'precompiled validators',
    setup(b) {
      // The bundles' entry points hand these to the runtime (src/bundle/packaged.ts, src/runtime.ts).
      b.onResolve({ filter: /^cmlint:precompiled-validators$/ }, () => ({
        path: 'validators',
        namespace: 'cmlint-precompiled',
      }));
      b.onLoad({ filter: /.*/, namespace: 'cmlint-precompiled' }, () => ({
        contents: `export const validators = {
          get exportSchema() { return require('cmlint-validator:exportSchema'); },
          get inventoryItemSchema() { return require('cmlint-validator:inventoryItemSchema'); },
          get configSchema() { return require('cmlint-validator:configSchema'); },
          get ruleSchema() { return require('cmlint-validator:ruleSchema'); },
        };`,
        loader: 'js',
        resolveDir: root,
      }));
      b.onResolve({ filter: /^cmlint-linear-regexp$/ }, () => ({
        path: join(root, 'src', 'validate', 'linear-regexp.ts'),
      }));
      b.onResolve({ filter: /^cmlint-validator:/ }, (args) => ({
        path: args.path.slice('cmlint-validator:'.length),
        namespace: 'cmlint-validator',
      }));
      b.onLoad({ filter: /.*/, namespace: 'cmlint-validator' }, (args) => ({
        contents: sources[args.path],
        loader: 'js',
        resolveDir: root,
      }));
    },
  };
}
