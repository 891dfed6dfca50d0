/**
 * One harness for every fixture. fixtures/rules/<ID>/ holds exports for one rule: each is checked for exactly the
 * findings of that rule (plus any parse or schema finding, which no fixture may have by accident); files named
 * fires*.yaml must make the rule fire, silent*.yaml must not. fixtures/designs/ and fixtures/input/ are checked
 * for every finding of every rule.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createLinter, type Linter } from '../../src/lint.js';
import { decodeSource } from '../../src/source/read-source.js';
import { loadRules } from '../../src/rules/load-rules.js';
import { FIXTURE_AS_OF } from '../../src/generate/fixture-date.js';
import { formatExpectations, readFixtureSpec } from '../support/expectations.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');
/** Findings every fixture is checked for, whatever rule it is about. */
const ALWAYS_CHECKED = new Set(['CML001', 'CML002', 'CML003', 'CML004', 'CML008', 'CML009']);

const rules = loadRules();
const linters = new Map<string, Linter>();
/** A fixture folder may bring custom rules (custom-rules/ beside it) to test how cmlint treats a rule. */
function linterFor(asOf: string, customRules?: string): Linter {
  const key = `${asOf}|${customRules ?? ''}`;
  if (!linters.has(key))
    linters.set(key, createLinter({ rules: customRules ? loadRules([customRules]) : rules, asOf }));
  return linters.get(key)!;
}

function lintFixture(path: string) {
  const bytes = readFileSync(path);
  const spec = readFixtureSpec(path, bytes.toString('utf8'));
  const custom = join(path, '..', 'custom-rules');
  const result = linterFor(spec.asOf ?? FIXTURE_AS_OF, existsSync(custom) ? custom : undefined).lintSource(
    decodeSource(path, bytes),
  );
  return { spec, result };
}

function fixtureFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

const ruleDirs = existsSync(join(FIXTURES, 'rules')) ? readdirSync(join(FIXTURES, 'rules')).sort() : [];

describe('rule fixtures', () => {
  for (const id of ruleDirs) {
    describe(id, () => {
      for (const path of fixtureFiles(join(FIXTURES, 'rules', id))) {
        const name = path.split('/').pop()!;
        test(name, () => {
          const { spec, result } = lintFixture(path);
          const actual = result.findings
            .filter((f) => f.ruleId === id || ALWAYS_CHECKED.has(f.ruleId))
            .map((f) => ({ line: f.region.startLine, ruleId: f.ruleId }));
          const expected = spec.expected.filter((e) => e.ruleId === id || ALWAYS_CHECKED.has(e.ruleId));
          expect(
            formatExpectations(actual),
            result.findings
              .map((f) => `${f.region.startLine}:${f.region.startColumn} ${f.ruleId} ${f.message}`)
              .join('\n'),
          ).toEqual(formatExpectations(expected));
          if (name.startsWith('fires'))
            expect(
              actual.some((f) => f.ruleId === id),
              `${name} must make ${id} fire`,
            ).toBe(true);
          if (name.startsWith('silent')) expect(actual.filter((f) => f.ruleId === id)).toEqual([]);
          for (const [rule, status] of spec.outcomes)
            expect(
              result.outcomes.get(rule)?.status,
              `${rule} on this file (${result.outcomes.get(rule)?.reason ?? ''})`,
            ).toBe(status);
        });
      }
    });
  }
});

const wholeFixtures = ['designs', 'input'].flatMap((group) =>
  fixtureFiles(join(FIXTURES, group)).map((path) => ({ group, path })),
);

describe.skipIf(wholeFixtures.length === 0)('design and input fixtures (every rule)', () => {
  {
    for (const { group, path } of wholeFixtures) {
      test(`${group}/${path.split('/').pop()}`, () => {
        const { spec, result } = lintFixture(path);
        const actual = result.findings.map((f) => ({ line: f.region.startLine, ruleId: f.ruleId }));
        expect(
          formatExpectations(actual),
          result.findings
            .map((f) => `${f.region.startLine}:${f.region.startColumn} ${f.ruleId} ${f.message}`)
            .join('\n'),
        ).toEqual(formatExpectations(spec.expected));
        for (const [id, status] of spec.outcomes)
          expect(result.outcomes.get(id)?.status, `${id} on this file (${result.outcomes.get(id)?.reason ?? ''})`).toBe(
            status,
          );
      });
    }
  }
});

describe('every rule is proven by fixtures', () => {
  for (const rule of rules.filter((r) => r.builtin)) {
    test(`${rule.id} has a firing and a silent fixture`, () => {
      const files = fixtureFiles(join(FIXTURES, 'rules', rule.id)).map((p) => p.split('/').pop()!);
      expect(
        files.some((f) => f.startsWith('fires')),
        `fixtures/rules/${rule.id}/fires*.yaml`,
      ).toBe(true);
      expect(
        files.some((f) => f.startsWith('silent')),
        `fixtures/rules/${rule.id}/silent*.yaml`,
      ).toBe(true);
    });
  }
});
