/**
 * Each fixture dump (test/import-fixtures/<feature>/dump, shaped like real provider output in one of the three forms)
 * imports to its exact expected export, and that export lints to its exact findings. The expected files are
 * reviewed by hand; CMLINT_UPDATE_IMPORT_FIXTURES=1 rewrites them after a deliberate change.
 * Also: the output depends only on the dump and overlay, not on the order of instances or the case of file names.
 */
import { cpSync, existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { importDump } from '../../src/import/run-import.js';
import { lintText } from '../../src/lint.js';
import { ROOT } from '../support/cli.js';
import { tempDir } from '../support/workspace.js';

const FIXTURES = join(ROOT, 'test', 'import-fixtures');
const UPDATE = process.env.CMLINT_UPDATE_IMPORT_FIXTURES === '1';
/** A fixed run date, so support-end warnings do not change with the calendar. */
const AS_OF = '2026-01-15';

const CASES: { name: string; feature: string; overlay?: string; expected: string }[] = [
  {
    name: 'standalone-primary',
    feature: 'a standalone primary (AdminService JSON, no manifest)',
    expected: 'expected',
  },
  {
    name: 'cas-hierarchy',
    feature: 'a CAS with two child primaries and a secondary (Windows PowerShell 5.1 JSON)',
    expected: 'expected',
  },
  { name: 'ibcm-roles', feature: 'internet-facing roles for IBCM (PowerShell 7 JSON)', expected: 'expected' },
  {
    name: 'cmg-connection-points',
    feature: 'a CMG with two connection points (AdminService JSON)',
    expected: 'expected',
  },
  {
    name: 'cmg-connection-points',
    feature: 'the CMG site with a hand-written overlay',
    overlay: 'overlay.yaml',
    expected: 'expected-with-overlay',
  },
  {
    name: 'client-settings',
    feature: 'client settings with their targets (Windows PowerShell 5.1 JSON)',
    expected: 'expected',
  },
];

function findingLines(yaml: string): string[] {
  return lintText(yaml, 'site.yaml', { asOf: AS_OF }).findings.map(
    (f) => `${f.region.startLine}:${f.region.startColumn} ${f.severity} ${f.ruleId}`,
  );
}

function golden(path: string, actual: string): string {
  if (UPDATE) writeFileSync(path, actual);
  if (!existsSync(path)) throw new Error(`${path} is missing: run with CMLINT_UPDATE_IMPORT_FIXTURES=1 and review it`);
  return readFileSync(path, 'utf8');
}

describe.each(CASES)('test/import-fixtures/$name: $feature', ({ name, overlay, expected }) => {
  const dir = join(FIXTURES, name);
  const overlayPath = overlay ? join(dir, overlay) : undefined;
  const result = importDump(join(dir, 'dump'), overlayPath);

  test(`imports to ${expected}.yaml exactly`, () => {
    expect(result.yaml).toBe(golden(join(dir, `${expected}.yaml`), result.yaml));
  });

  test(`${expected}.yaml lints to the findings in ${expected}-findings.txt`, () => {
    const lines = findingLines(readFileSync(join(dir, `${expected}.yaml`), 'utf8'));
    const text = lines.length ? `${lines.join('\n')}\n` : '';
    expect(text).toBe(golden(join(dir, `${expected}-findings.txt`), text));
  });

  test('gives the same bytes whatever the order of instances and the case of file names', () => {
    const copy = join(tempDir('import-order'), 'dump');
    cpSync(join(dir, 'dump'), copy, { recursive: true });
    for (const file of readdirSync(copy)) {
      if (file === 'cmlint-manifest.json') continue;
      const text = readFileSync(join(copy, file), 'utf8').replace(/^\uFEFF/, '');
      const data = JSON.parse(text);
      const rows = Array.isArray(data) ? data : Array.isArray(data.value) ? data.value : [data];
      writeFileSync(join(copy, file), JSON.stringify({ value: [...rows].reverse() }));
      renameSync(join(copy, file), join(copy, file.toLowerCase()));
    }
    expect(importDump(copy, overlayPath).yaml).toBe(result.yaml);
  });
});

test('tomorrow’s dump of an unchanged site gives the same bytes: the collection time is not in the export', () => {
  const copy = join(tempDir('import-tomorrow'), 'dump');
  cpSync(join(FIXTURES, 'cas-hierarchy', 'dump'), copy, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(copy, 'cmlint-manifest.json'), 'utf8'));
  manifest.collectedAt = '2026-12-01T02:00:07Z';
  manifest.powershell = '7.6.10';
  writeFileSync(join(copy, 'cmlint-manifest.json'), JSON.stringify(manifest));
  expect(importDump(copy).yaml).toBe(importDump(join(FIXTURES, 'cas-hierarchy', 'dump')).yaml);
});
