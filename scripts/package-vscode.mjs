// Builds the VS Code extension (editors/vscode) into a .vsix with @vscode/vsce:
//   editors/vscode/dist/extension.js  the extension and vscode-languageclient in one CommonJS file (esbuild; `vscode`
//                                     is VS Code's own module, left out)
//   editors/vscode/schemas/           the export schemas, for the yamlValidation and jsonValidation contributions
//   editors/vscode/cmlint-<version>.vsix
// The bundle holds every dependency, so vsce packages without running npm in the extension's folder (--no-dependencies).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const extension = join(root, 'editors', 'vscode');
const manifest = JSON.parse(readFileSync(join(extension, 'package.json'), 'utf8'));

rmSync(join(extension, 'dist'), { recursive: true, force: true });
rmSync(join(extension, 'schemas'), { recursive: true, force: true });
await build({
  entryPoints: [join(extension, 'src', 'extension.ts')],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  minify: true,
  external: ['vscode'],
  outfile: join(extension, 'dist', 'extension.js'),
  logLevel: 'warning',
});
// The export schema and the files it refers to; the config and rule schemas are not for exports.
mkdirSync(join(extension, 'schemas'));
for (const name of readdirSync(join(root, 'schemas'))) {
  if (name.endsWith('.schema.json') && name !== 'config.schema.json' && name !== 'rule.schema.json')
    copyFileSync(join(root, 'schemas', name), join(extension, 'schemas', name));
}
copyFileSync(join(root, 'LICENSE'), join(extension, 'LICENSE'));

const vsix = `cmlint-${manifest.version}.vsix`;
const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
const run = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--out', vsix], {
  cwd: extension,
  encoding: 'utf8',
});
if (run.status !== 0) {
  process.stderr.write(run.stdout + run.stderr);
  process.exit(1);
}
process.stdout.write(`editors/vscode/${vsix}\n`);
