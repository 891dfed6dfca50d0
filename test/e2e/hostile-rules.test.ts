/**
 * Custom rule files are untrusted data: a rule cannot hang cmlint or crash it (issue 21, item 3).
 *
 * - every regular expression from a rule runs on RE2 in linear time: CEL `matches` and a JSON Schema `pattern`;
 * - each rule's evaluation on a file has a budget (src/engine/cost-meter.ts): past it the rule is stopped there with
 *   one CML009 naming the rule file, and the other rules and files go on;
 * - errors a rule can only have by being wrong are load errors: exit 2, one line naming the rule file and line.
 *
 * Before these changes, the nested comprehension ran out of heap or for minutes and the patterns took time that
 * doubles per character (2^40 steps here): these tests would not end within their timeout.
 */
import { describe, expect, test } from 'vitest';
import { evaluateRules } from '../../src/engine/evaluate.js';
import { compileRule } from '../../src/engine/compile.js';
import { toRule } from '../../src/rules/load-rules.js';
import { runCli } from '../support/cli.js';
import { AS_OF, BROKEN_EXPORT, CLEAN_EXPORT, tempDir, writeTree } from '../support/workspace.js';

/** A custom rule file with one case; `caseLines` are the case's keys, indented under `- `. */
function ruleFile(id: string, caseLines: string[], extra: string[] = []): string {
  return [
    `id: ${id}`,
    'title: A custom rule',
    'severity: error',
    'sources:',
    '  - title: Docs',
    '    url: https://example.com/rules',
    'description: Checks something.',
    'rationale: Because.',
    'fix: Fix it.',
    ...extra,
    'check:',
    '  cases:',
    ...caseLines.map((line, i) => (i === 0 ? `    - ${line}` : `      ${line}`)),
    '',
  ].join('\n');
}

const THOUSAND = `[${Array.from({ length: 1000 }, (_, i) => i).join(', ')}]`;
/** 40 a's and a character that fails: a backtracking engine tries 2^40 ways to split the a's between the groups. */
const EVIL_INPUT = `${'a'.repeat(40)}!`;

const STACK_TRACE = /^\s+at .+[:(]|node:internal/m;

/** A custom rule (from custom/<id>.yaml) with one case that asserts `assert` and never says more. */
function customRule(id: string, assert: string) {
  const check = { cases: [{ assert, message: 'never' }] };
  const fields = {
    id,
    title: 'A custom rule',
    severity: 'error',
    sources: [{ title: 'Docs', url: 'https://example.com/rules' }],
    description: 'd',
    rationale: 'r',
    fix: 'f',
    check,
  };
  return compileRule(toRule(fields, `custom/${id}.yaml`, false));
}

describe('a hostile rule ends within its budget and the run goes on', () => {
  test('three nested map/all over a 1,000-item literal list: one CML009 naming the rule file, other rules still report', () => {
    const dir = writeTree(tempDir('hostile-rule'), {
      'custom/EVIL001.yaml': ruleFile('EVIL001', [
        'forEach: sites',
        `assert: "${THOUSAND}.map(a, ${THOUSAND}.map(b, ${THOUSAND}.map(c, a + b + c))).size() == 0"`,
        'message: never',
      ]),
      'custom/EVIL002.yaml': ruleFile('EVIL002', [
        'forEach: sites',
        `assert: "${THOUSAND}.all(a, ${THOUSAND}.all(b, ${THOUSAND}.all(c, a + b + c >= 0)))"`,
        'message: never',
      ]),
      'site.yaml': BROKEN_EXPORT,
      'other.yaml': BROKEN_EXPORT,
    });
    const run = runCli(
      [
        'lint',
        '--no-config',
        '--jobs',
        '1',
        '--as-of',
        AS_OF,
        '--rules',
        'custom',
        '--format',
        'json',
        'site.yaml',
        'other.yaml',
      ],
      {
        cwd: dir,
        timeout: 120_000,
      },
    );
    expect(run.stderr).not.toMatch(STACK_TRACE);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as {
      files: {
        path: string;
        findings: { ruleId: string; message: string; line: number }[];
        rules: Record<string, { status: string; reason?: string }>;
      }[];
    };
    expect(report.files).toHaveLength(2);
    for (const file of report.files) {
      const stopped = file.findings.filter((f) => f.ruleId === 'CML009');
      // One finding per rule and file, naming the rule file; nothing from the rules themselves.
      expect(stopped.map((f) => f.message.match(/^Rule (EVIL00\d) \((.*?)\) was stopped/)?.slice(1))).toEqual([
        ['EVIL001', 'custom/EVIL001.yaml'],
        ['EVIL002', 'custom/EVIL002.yaml'],
      ]);
      expect(stopped[0]!.message).toMatch(/more than 20,000,000 evaluation steps/);
      expect(file.findings.some((f) => f.ruleId === 'EVIL001' || f.ruleId === 'EVIL002')).toBe(false);
      expect(file.rules.EVIL001).toMatchObject({
        status: 'not-evaluated',
        reason: expect.stringMatching(/^stopped: /),
      });
      // The built-in rules ran as usual.
      expect(file.findings.some((f) => f.ruleId === 'CMG001')).toBe(true);
    }
  }, 180_000);

  test('a list or string doubled in a loop is charged by its length, so memory stays bounded too', () => {
    const rule = customRule(
      'EVIL003',
      `${THOUSAND}.map(a, ${THOUSAND} + ${THOUSAND} + ${THOUSAND}).map(l, l + l + l).size() == 0`,
    );
    const result = evaluateRules([rule], { hierarchy: {} } as never, {}, { asOf: AS_OF });
    expect(result.findings.map((f) => f.ruleId)).toEqual(['CML009']);
    expect(result.outcomes.get('EVIL003')?.status).toBe('not-evaluated');
  });

  test('`in` over a long list inside nested loops is charged by the list, not as one step', () => {
    const rule = customRule('EVIL005', `${THOUSAND}.all(a, ${THOUSAND}.all(b, ${THOUSAND}.all(c, c in ${THOUSAND})))`);
    const result = evaluateRules([rule], { hierarchy: {} } as never, {}, { asOf: AS_OF });
    expect(result.findings.map((f) => f.message)).toEqual([
      expect.stringMatching(
        /^Rule EVIL005 \(custom\/EVIL005\.yaml\) was stopped on this file: more than 20,000,000 evaluation steps/,
      ),
    ]);
  }, 120_000);

  test('reachableRange over 2^62 ports is charged per port', () => {
    const dir = writeTree(tempDir('hostile-range'), {
      'custom/EVIL004.yaml': ruleFile('EVIL004', [
        "assert: \"reachableRange('a', 'b', 0, 4611686018427387904) || true\"",
        'message: never',
      ]),
      'site.yaml': CLEAN_EXPORT,
    });
    const run = runCli(
      ['lint', '--no-config', '--as-of', AS_OF, '--rules', 'custom', '--format', 'json', 'site.yaml'],
      { cwd: dir, timeout: 120_000 },
    );
    const findings = (JSON.parse(run.stdout) as { files: { findings: { ruleId: string; message: string }[] }[] })
      .files[0]!.findings;
    // Either the connections refuse the first port at once (false, then `|| true`), or the budget stops the loop.
    expect(findings.filter((f) => f.ruleId === 'EVIL004')).toEqual([]);
    expect(run.code).toBe(0);
  }, 180_000);
});

describe('regular expressions from rules run in linear time (RE2)', () => {
  test('CEL matches with a backtracking pattern', () => {
    const dir = writeTree(tempDir('hostile-regex'), {
      'custom/EVIL010.yaml': ruleFile('EVIL010', [
        'forEach: sites',
        `assert: "!('${EVIL_INPUT}'.matches('^(a+)+$'))"`,
        'message: never',
      ]),
      'custom/EVIL011.yaml': ruleFile('EVIL011', [
        'forEach: sites',
        'assert: "it.SiteName.matches(\'^(a|a)*$\')"',
        'message: "{{ it.SiteName }} does not match"',
      ]),
      // In SiteName, which the schema takes as any text: a SiteCode this long is a schema finding, which the rule
      // would then not judge (no cascades).
      'site.yaml': CLEAN_EXPORT.replace('SiteCode: P01', `SiteCode: P01\n      SiteName: ${EVIL_INPUT}`),
    });
    const run = runCli(
      ['lint', '--no-config', '--as-of', AS_OF, '--rules', 'custom', '--format', 'json', 'site.yaml'],
      { cwd: dir, timeout: 60_000 },
    );
    expect(run.stderr).not.toMatch(STACK_TRACE);
    const findings = (JSON.parse(run.stdout) as { files: { findings: { ruleId: string; message: string }[] }[] })
      .files[0]!.findings;
    expect(findings.filter((f) => f.ruleId.startsWith('EVIL')).map((f) => f.ruleId)).toEqual(['EVIL011']);
  }, 120_000);

  test('a JSON Schema pattern in a rule schema case', () => {
    const dir = writeTree(tempDir('hostile-pattern'), {
      'custom/EVIL012.yaml': ruleFile('EVIL012', [
        'forEach: sites',
        'schema:',
        '  properties:',
        '    SiteName: { pattern: "^(a+)+$" }',
        'message: "{{ schemaError }}"',
      ]),
      'site.yaml': CLEAN_EXPORT.replace('SiteCode: P01', `SiteCode: P01\n      SiteName: ${EVIL_INPUT}`),
    });
    const run = runCli(
      ['lint', '--no-config', '--as-of', AS_OF, '--rules', 'custom', '--format', 'json', 'site.yaml'],
      { cwd: dir, timeout: 60_000 },
    );
    const findings = (JSON.parse(run.stdout) as { files: { findings: { ruleId: string; message: string }[] }[] })
      .files[0]!.findings;
    expect(findings.filter((f) => f.ruleId === 'EVIL012').map((f) => f.message)).toEqual([
      expect.stringContaining('must match pattern'),
    ]);
  }, 120_000);

  test('a pattern RE2 cannot run (backreference, lookahead) is a load error naming the file and line', () => {
    const dir = writeTree(tempDir('hostile-re2'), {
      'custom/EVIL013.yaml': ruleFile('EVIL013', [
        'forEach: sites',
        'assert: "it.SiteCode.matches(r\'(a)\\\\1\')"',
        'message: never',
      ]),
      'site.yaml': CLEAN_EXPORT,
    });
    const run = runCli(['lint', '--no-config', '--as-of', AS_OF, '--rules', 'custom', 'site.yaml'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(
        /^cmlint: custom\/EVIL013\.yaml:13: check\.cases\[0\]\.assert: invalid regular expression \(RE2 syntax\)/,
      ),
    ]);

    const schemaDir = writeTree(tempDir('hostile-re2-schema'), {
      'custom/EVIL014.yaml': ruleFile('EVIL014', [
        'forEach: sites',
        'schema:',
        '  properties:',
        '    SiteName: { pattern: "(?=a)" }',
        'message: "{{ schemaError }}"',
      ]),
      'site.yaml': CLEAN_EXPORT,
    });
    const schemaRun = runCli(['lint', '--no-config', '--as-of', AS_OF, '--rules', 'custom', 'site.yaml'], {
      cwd: schemaDir,
    });
    expect(schemaRun.code).toBe(2);
    expect(schemaRun.stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^cmlint: custom\/EVIL014\.yaml:13: check\.cases\[0\]\.schema: .*RE2/),
    ]);
  });
});

describe('a rule that can only be wrong is a load error: exit 2, one line naming the rule file and line', () => {
  const cases: [string, string[], RegExp][] = [
    [
      'an unknown CEL function',
      ['forEach: sites', 'assert: "noSuchFunction(it.SiteCode)"', 'message: never'],
      /:13: check\.cases\[0\]\.assert: .*noSuchFunction/,
    ],
    [
      'forEach of something that is not a list',
      ['forEach: "1 + 1"', 'assert: "true"', 'message: never'],
      /:12: check\.cases\[0\]\.forEach: gives int, where a list is needed$/,
    ],
    [
      'an assert that is not a boolean',
      ['forEach: sites', 'assert: "\'yes\'"', 'message: never'],
      /:13: check\.cases\[0\]\.assert: gives string, where a boolean is needed$/,
    ],
    [
      'an unknown function in a message',
      ['forEach: sites', 'assert: "true"', 'message: "{{ nope(it) }}"'],
      /:14: check\.cases\[0\]\.message: .*nope/,
    ],
  ];
  test.each(cases)('%s', (_name, caseLines, expected) => {
    const dir = writeTree(tempDir('wrong-rule'), {
      'custom/WRONG001.yaml': ruleFile('WRONG001', caseLines),
      'site.yaml': BROKEN_EXPORT,
    });
    const run = runCli(['lint', '--no-config', '--as-of', AS_OF, '--rules', 'custom', 'site.yaml'], { cwd: dir });
    expect(run.code).toBe(2);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^cmlint: custom\/WRONG001\.yaml:/);
    expect(lines[0]).toMatch(expected);
    expect(run.stdout).toBe('');
  });

  test('a forEach that gives a string at run time (dyn) is one CML009, not a silent pass', () => {
    const dir = writeTree(tempDir('wrong-dyn'), {
      'custom/WRONG002.yaml': ruleFile('WRONG002', [
        'forEach: hierarchy.topSite.SiteCode',
        'assert: "true"',
        'message: never',
      ]),
      'site.yaml': CLEAN_EXPORT,
    });
    const run = runCli(
      ['lint', '--no-config', '--as-of', AS_OF, '--rules', 'custom', '--format', 'json', 'site.yaml'],
      { cwd: dir },
    );
    const findings = (JSON.parse(run.stdout) as { files: { findings: { ruleId: string; message: string }[] }[] })
      .files[0]!.findings;
    expect(findings.filter((f) => f.ruleId === 'CML009').map((f) => f.message)).toEqual([
      expect.stringContaining('forEach gave a string, not a list'),
    ]);
    expect(run.code).toBe(1);
  });
});
