// Bundles the CLI and the API into dist/ with esbuild: one file each, so start-up reads few modules.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

// Only what this script writes: dist/action/ is the Action's committed bundle and is built separately.
for (const path of ['dist/chunks', 'dist/cli.js', 'dist/index.js', 'dist/generate.js', 'dist/rules.json', 'dist/export-validator.cjs']) rmSync(path, { recursive: true, force: true });
const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  // Prefer packages' ES module builds (jsonc-parser's UMD build cannot be bundled).
  mainFields: ['module', 'main'],
  // Bundled CommonJS dependencies (ajv) call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __cmlintRequire } from 'node:module'; const require = __cmlintRequire(import.meta.url);" },
};
await build({ ...common, entryPoints: { cli: 'src/cli.ts', index: 'src/index.ts' }, outdir: 'dist', splitting: true, chunkNames: 'chunks/[name]-[hash]' });
// The generator (npm run generate) is a development tool: its own bundle, with json-schema-to-typescript left external.
await build({ ...common, entryPoints: { generate: 'src/generate/main.ts' }, outdir: 'dist', external: ['json-schema-to-typescript'] });

// The built-in rules, validated once here and stored as JSON for a fast start (src/rules/load-rules.ts).
const { loadRuleFolder } = await import('../dist/index.js');
const { writeFileSync } = await import('node:fs');
const rules = loadRuleFolder('rules', true).map((rule) => ({ ...rule, origin: `rules/${rule.id}.yaml` }));
writeFileSync('dist/rules.json', JSON.stringify(rules));

// The export schema compiled to code once here (ajv standalone), loaded by src/validate/schemas.ts at run time.
const { default: Ajv } = await import('ajv');
const { default: standaloneCode } = await import('ajv/dist/standalone/index.js');
const { readdirSync, readFileSync } = await import('node:fs');
const ajv = new Ajv({ allErrors: true, verbose: true, strict: false, code: { source: true } });
for (const file of readdirSync('schemas')) {
  if (file.endsWith('.schema.json') && file !== 'rule.schema.json' && file !== 'config.schema.json') {
    ajv.addSchema(JSON.parse(readFileSync(`schemas/${file}`, 'utf8')), file);
  }
}
writeFileSync('dist/export-validator.cjs', standaloneCode(ajv, ajv.getSchema('export.schema.json')));
