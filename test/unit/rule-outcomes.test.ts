/**
 * Passed, partly evaluated, not evaluated: a rule is passed only when it judged every element it applies to; an
 * element that lacks a fact (a has() guard on it) or whose fact is broken (a schema finding, a dangling name) is not
 * judged, and every report counts the same.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createLinter, type FileResult } from '../../src/lint.js';
import { factGuards, topLevelConjuncts } from '../../src/engine/fact-guards.js';
import { decodeSource } from '../../src/source/read-source.js';
import { loadRules } from '../../src/rules/load-rules.js';
import type { Rule } from '../../src/rules/rule.js';
import { ruleCountsOf, type ReportInput } from '../../src/report/report-input.js';
import { formatText } from '../../src/report/text.js';
import { formatJson } from '../../src/report/json.js';
import { buildSarif } from '../../src/report/sarif.js';
import { formatJunit } from '../../src/report/junit.js';
import { formatHtml } from '../../src/report/html.js';
import { ROOT } from '../support/cli.js';

const rules = loadRules();
const linter = createLinter({ rules, asOf: '2026-06-01' });
const lint = (text: string, path = 'x.yaml') => linter.lintSource(decodeSource(path, Buffer.from(text, 'utf8')));
const design = (name: string) => readFileSync(join(ROOT, 'fixtures', 'designs', name), 'utf8');

describe('fact guards', () => {
  test('the conditions of a where are split at top-level && only', () => {
    expect(
      topLevelConjuncts("'EntraId' in it.auth && has(it.OsVersion) && it.?OperatingSystem.orValue('W') == 'W'"),
    ).toEqual(["'EntraId' in it.auth", 'has(it.OsVersion)', "it.?OperatingSystem.orValue('W') == 'W'"]);
    expect(topLevelConjuncts("has(it.A) && (it.b || it.c) && 'x&&y' != it.d")).toEqual([
      'has(it.A)',
      '(it.b || it.c)',
      "'x&&y' != it.d",
    ]);
    expect(topLevelConjuncts('has(it.A) || it.b')).toBeUndefined();
    expect(topLevelConjuncts('has(it.A) && it.b ? true : false')).toBeUndefined();
  });

  test('a has() on an export field or a declared link is a fact; one whose absence states something is not', () => {
    expect(factGuards("'EntraId' in it.auth && has(it.OsVersion) && it.OsVersion != '7'")?.guards).toEqual([
      { index: 1, path: ['OsVersion'], fact: 'OsVersion', readBy: [2] },
    ]);
    expect(factGuards('it.usesCmg && has(it.site)')?.guards).toEqual([
      { index: 1, path: ['site'], fact: 'SiteCode', readBy: [] },
    ]);
    expect(factGuards('has(it.cmg) && has(it.cmg.DeploymentModel)')?.guards.map((g) => g.fact)).toEqual([
      'CloudManagementGateway',
      'cmg.DeploymentModel',
    ]);
    expect(factGuards('has(it.Replaces) && it.isNew')).toBeUndefined(); // x-cmlint-absent-means: replaces no CMG
    expect(factGuards('has(it.clientCount) && it.isNew')).toBeUndefined(); // a derived count, not a stated fact
  });
});

describe('outcomes', () => {
  test('a population without OsVersion makes CLIENT009 partly evaluated, with the element and the fact', () => {
    const result = lint(design('contoso-population-without-os-version.yaml'));
    const outcome = result.outcomes.get('CLIENT009')!;
    expect(outcome.status).toBe('partly-evaluated');
    expect(outcome.elements).toEqual([{ pointer: '/clientPopulations/0', reasons: ['OsVersion is not stated'] }]);
    expect(lint(design('contoso.yaml')).outcomes.get('CLIENT009')?.status).toBe('passed');
  });

  test('a rule whose guard skips every element is not evaluated, never passed', () => {
    const only = rules.filter((r) => r.id === 'CLIENT009');
    const result = createLinter({ rules: only, asOf: '2026-06-01' }).lintSource(
      decodeSource(
        'x.yaml',
        Buffer.from(
          'schemaVersion: 1\nclientPopulations:\n  - Name: A\n    Authentication: [EntraId]\n  - Name: B\n    Authentication: [EntraId]\n',
        ),
      ),
    );
    expect(result.outcomes.get('CLIENT009')).toMatchObject({ status: 'not-evaluated', checked: 0, skipped: 2 });
  });

  test('an element out of scope is not counted as lacking a fact', () => {
    // Not Entra-authenticated: CLIENT009 does not apply, whatever OsVersion says.
    const result = lint('schemaVersion: 1\nclientPopulations:\n  - Name: A\n    Authentication: [Pki]\n');
    expect(result.outcomes.get('CLIENT009')?.status).toBe('passed');
  });

  test.each([
    ['contoso-vm-instance-count-typo.yaml', 'CML002', ['NET013', 'SCALE003']],
    ['contoso-deployment-model-typo.yaml', 'CML003', ['CMG026']],
    ['contoso-site-code-typo.yaml', 'CML012', ['CMG009', 'ROLE011']],
    ['contoso-cmg-site-missing.yaml', 'CML012', ['CMG001']],
  ])(
    '%s: the root cause is the one new finding; the rules that needed the broken fact did not judge',
    (file, cause, unjudged) => {
      const base = lint(design('contoso.yaml'));
      const result = lint(design(file));
      const added = result.findings.filter(
        (f) => !base.findings.some((b) => b.ruleId === f.ruleId && b.message === f.message),
      );
      expect(added.map((f) => f.ruleId)).toEqual([cause]);
      for (const id of unjudged)
        expect(['not-evaluated', 'partly-evaluated'], id).toContain(result.outcomes.get(id)?.status);
      for (const id of unjudged) expect(result.outcomes.get(id)?.reason, id).toMatch(/\(CML00[23]\)|\(CML012\)/);
    },
  );
});

describe('every report counts the same', () => {
  const files: FileResult[] = [
    'contoso.yaml',
    'contoso-population-without-os-version.yaml',
    'contoso-vm-instance-count-typo.yaml',
  ].map((f) => lint(design(f), `fixtures/designs/${f}`));
  const input: ReportInput = { files, rules: rules as Rule[], toolVersion: '0.0.0', cwd: ROOT };
  const counts = files.map((f) => ruleCountsOf(f, input.rules));
  const sum = (key: keyof (typeof counts)[0]) => counts.reduce((n, c) => n + c[key], 0);

  test('the files have partly and not evaluated rules to count', () => {
    expect(sum('partlyEvaluated')).toBeGreaterThan(0);
    expect(sum('notEvaluated')).toBeGreaterThan(0);
  });

  test('text, JSON, SARIF, JUnit and HTML', () => {
    const text = formatText(input, { color: false });
    expect(text).toContain(
      `${sum('passed')} passed, ${sum('failed')} failed, ${sum('partlyEvaluated')} partly evaluated, ${sum('notEvaluated')} not evaluated`,
    );
    const json = JSON.parse(formatJson(input));
    expect(json.summary.rules).toEqual({
      passed: sum('passed'),
      failed: sum('failed'),
      partlyEvaluated: sum('partlyEvaluated'),
      notEvaluated: sum('notEvaluated'),
    });
    const statuses = json.files.flatMap((f: { rules: Record<string, { status: string }> }) =>
      Object.values(f.rules).map((r) => r.status),
    );
    expect(statuses.filter((s: string) => s === 'passed')).toHaveLength(sum('passed'));
    const notifications = buildSarif(input).runs[0]!.invocations[0]!.toolExecutionNotifications;
    expect(notifications.filter((n) => n.descriptor.id === 'partly-evaluated')).toHaveLength(sum('partlyEvaluated'));
    expect(notifications.filter((n) => n.descriptor.id === 'not-evaluated')).toHaveLength(sum('notEvaluated'));
    const junit = formatJunit(input);
    // JUnit's schema has no skipped count on <testsuites>: the suites' counts add up to it.
    const skipped = [...junit.matchAll(/<testsuite [^>]*skipped="(\d+)"/g)].reduce((n, m) => n + Number(m[1]), 0);
    expect(skipped).toBe(sum('partlyEvaluated') + sum('notEvaluated'));
    const html = formatHtml(input);
    const tile = (label: string) =>
      Number(new RegExp(`<li class="tile tile-${label}"><strong>(\\d+)</strong>`).exec(html)![1]);
    expect([tile('passed'), tile('partly-evaluated'), tile('not-evaluated')]).toEqual([
      sum('passed'),
      sum('partlyEvaluated'),
      sum('notEvaluated'),
    ]);
  });
});

describe("a finding on a value other than the schema's", () => {
  test('breaks that fact like a schema finding (a site Version written as a build number gates nothing)', async () => {
    const { load } = await import('js-yaml');
    const { buildModel } = await import('../../src/model/build.js');
    const { danglingReferences } = await import('../../src/model/references.js');
    const { brokenFacts } = await import('../../src/model/broken-facts.js');
    const { evaluateRules } = await import('../../src/engine/evaluate.js');
    const { compileRule } = await import('../../src/engine/compile.js');
    const data = load(design('contoso.yaml'));
    const model = buildModel(data);
    const versionFinding = {
      ruleId: 'SITE010',
      severity: 'error' as const,
      message: 'a build number',
      pointer: ['hierarchy', 'sites', 0, 'Version'],
    };
    const broken = brokenFacts(model, [versionFinding], danglingReferences(data));
    const result = evaluateRules(rules.filter((r) => r.check).map(compileRule), model, data, {
      asOf: '2026-06-01',
      broken,
    });
    expect(result.outcomes.get('SITE009')).toMatchObject({
      status: 'not-evaluated',
      reason: expect.stringMatching(/Version has a finding \(SITE010\)/),
    });
    expect(result.outcomes.get('CMG029')?.status).toBe('not-evaluated');
  });
});
