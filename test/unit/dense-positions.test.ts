/**
 * A finding-dense export (3 findings in every 10 devices) placed the fast way gives every finding, and every related
 * location, exactly the region the precise way gives, in YAML and in JSON.
 */
import { describe, expect, test } from 'vitest';
// @ts-expect-error the benchmark's generator is plain JavaScript
import { generateExport } from '../../bench/generate.mjs';
import { createLinter } from '../../src/lint.js';
import { PARSE_DEFAULTS } from '../../src/parse/parse.js';
import { decodeSource } from '../../src/source/read-source.js';

describe('a finding-dense export', () => {
  for (const format of ['yaml', 'json'] as const) {
    test(`${format}: every position the fast way gives is the precise way's`, () => {
      const text: string = generateExport(2000, format, 10);
      const lint = (fastFrom: number) =>
        createLinter({ asOf: '2026-06-01', parse: { ...PARSE_DEFAULTS, fastFrom } }).lintSource(
          decodeSource(`dense.${format}`, Buffer.from(text)),
        );
      const fast = lint(0);
      const precise = lint(Infinity);
      expect(precise.findings.filter((f) => f.pointer?.[0] === 'devices').length).toBeGreaterThanOrEqual(600);
      expect(fast.findings.map((f) => [f.ruleId, f.region, f.related?.map((r) => r.region)])).toEqual(
        precise.findings.map((f) => [f.ruleId, f.region, f.related?.map((r) => r.region)]),
      );
    }, 120_000);
  }
});
