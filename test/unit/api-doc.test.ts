/** docs/api.md is generated from the types of src/index.ts (scripts/api-doc.mjs); it must say what the types say. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { ROOT } from '../support/cli.js';
// @ts-expect-error a plain ES module script without declarations
import { apiDoc } from '../../scripts/api-doc.mjs';

test('docs/api.md matches the exported types (npm run generate:api rewrites it)', () => {
  const generated: string = apiDoc();
  expect(readFileSync(join(ROOT, 'docs', 'api.md'), 'utf8')).toBe(generated);
  // The page documents what a consumer imports first.
  expect(generated).toContain(
    '### lint()\n\nLints the given files and returns every finding, positioned, in file order.',
  );
  expect(generated).toMatch(/### interface Finding\n/);
}, 120_000);
