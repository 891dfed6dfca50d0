/** Locates the package's own files (schemas, rules) whether running from src/ under vitest or from the bundle in dist/. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package's package.json, read once while looking for the package directory. */
let manifest: { name?: string; version?: string } = {};

function findPackageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const path = join(dir, 'package.json');
    if (existsSync(path)) {
      try {
        const parsed = JSON.parse(readFileSync(path, 'utf8'));
        if (parsed.name === 'cmlint') {
          manifest = parsed;
          return dir;
        }
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
  return manifest.version as string;
}
