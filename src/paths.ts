/** Locates the package's own files (schemas, rules) whether running from src/ under vitest or from the bundle in dist/. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if (JSON.parse(readFileSync(manifest, 'utf8')).name === 'cmlint') return dir;
      } catch {
        // not ours; keep walking up
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cmlint: cannot find its package directory');
    dir = parent;
  }
}

export const PACKAGE_ROOT = findPackageRoot();
export const SCHEMAS_DIR = join(PACKAGE_ROOT, 'schemas');
export const RULES_DIR = join(PACKAGE_ROOT, 'rules');

export function packageVersion(): string {
  return JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')).version as string;
}
