// Bundles the CLI and the API into dist/ with esbuild: one file each, so start-up reads few modules.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

// Only what this script writes: dist/action/ is the Action's committed bundle and is built separately.
for (const path of ['dist/chunks', 'dist/cli.js', 'dist/index.js', 'dist/generate.js']) rmSync(path, { recursive: true, force: true });
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
