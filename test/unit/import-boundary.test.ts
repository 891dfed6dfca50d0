/**
 * The layers import downwards only: nothing under src/ but the command line itself (src/cli/ and its entry src/cli.ts)
 * imports from src/cli/. Errors live in src/errors.ts and the project-level lint in src/project/, so the config loader,
 * the rule loader, the importer and the Action never need the CLI.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { expect, test } from 'vitest';

const SRC = join(import.meta.dirname, '..', '..', 'src');
const CLI = join(SRC, 'cli');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(path) : entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every relative module a file imports or re-exports, statically or with import(), as absolute paths. */
export function importsOf(file: string, text: string): string[] {
  const specifiers = [...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)['"](\.{1,2}\/[^'"]+)['"]/g)].map(
    (m) => m[1]!,
  );
  return specifiers.map((s) => resolve(dirname(file), s));
}

const insideCli = (path: string) => path === CLI || path.startsWith(CLI + sep);

test('the import scan sees static, type-only, re-exported and dynamic imports', () => {
  const file = join(SRC, 'x', 'a.ts');
  const text =
    "import { a } from '../cli/a.js';\nimport type { B } from '../cli/b.js';\nexport { c } from '../cli/c.js';\nconst d = await import('../cli/d.js');\nimport '../cli/e.js';\n";
  expect(
    importsOf(file, text)
      .filter(insideCli)
      .map((p) => relative(CLI, p)),
  ).toEqual(['a.js', 'b.js', 'c.js', 'd.js', 'e.js']);
});

test('nothing under src/ outside src/cli/ imports from src/cli/ (but the entry point src/cli.ts)', () => {
  const offenders: string[] = [];
  for (const file of sourceFiles(SRC)) {
    if (insideCli(file) || file === join(SRC, 'cli.ts')) continue;
    for (const target of importsOf(file, readFileSync(file, 'utf8'))) {
      if (insideCli(target)) offenders.push(`${relative(SRC, file)} imports ${relative(SRC, target)}`);
    }
  }
  expect(offenders).toEqual([]);
});
