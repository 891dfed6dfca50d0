/** `npm run generate`: writes the generated files; with --check, lists stale ones and exits 1. */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PACKAGE_ROOT } from '../paths.js';
import { generatedFiles } from './generate.js';

const check = process.argv.includes('--check');
const files = await generatedFiles(PACKAGE_ROOT);
const stale: string[] = [];
for (const [path, content] of files) {
  const full = join(PACKAGE_ROOT, path);
  const current = existsSync(full) ? readFileSync(full, 'utf8') : undefined;
  if (current === content) continue;
  stale.push(path);
  if (!check) {
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
}
// Pages of rules that no longer exist are stale too.
const docs = join(PACKAGE_ROOT, 'docs', 'rules');
if (existsSync(docs)) {
  for (const file of readdirSync(docs)) {
    if (!files.has(`docs/rules/${file}`)) {
      stale.push(`docs/rules/${file}`);
      if (!check) rmSync(join(docs, file));
    }
  }
}
if (check && stale.length) {
  process.stderr.write(`Generated files are stale (run npm run generate):\n${stale.map((s) => `  ${s}`).join('\n')}\n`);
  process.exitCode = 1;
} else {
  process.stdout.write(
    stale.length ? `Wrote ${stale.length} generated file(s).\n` : 'Generated files are up to date.\n',
  );
}
