/** Generated files (export types, rule pages, README table) match what the generator produces now. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { generatedFiles } from '../../src/generate/generate.js';
import { ROOT } from '../support/cli.js';

test('generated files are fresh (run npm run generate)', async () => {
  const files = await generatedFiles(ROOT);
  const stale = [...files]
    .filter(([path, content]) => !existsSync(join(ROOT, path)) || readFileSync(join(ROOT, path), 'utf8') !== content)
    .map(([path]) => path);
  expect(stale).toEqual([]);
}, 120_000);
