/**
 * A case's `let`: named expressions over `it`, computed per element when first read, readable by where, assert,
 * related and the templates; names that would hide another are refused at load, at their line; `report: true` is
 * the one way to report every element in scope. Broken-fact checks see the fields a let reads.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { compileRule } from '../../src/engine/compile.js';
import { createLinter } from '../../src/lint.js';
import { loadRuleFolder, toRule } from '../../src/rules/load-rules.js';
import type { RuleCase } from '../../src/rules/rule.js';
import { decodeSource } from '../../src/source/read-source.js';

const AS_OF = '2026-06-01';

/** A custom rule with the given cases (and rule-level lets). */
function rule(cases: RuleCase[], lets?: Record<string, string>) {
  const check = { ...(lets ? { let: lets } : {}), cases };
  return toRule(
    {
      id: 'LET001',
      title: 'A custom rule',
      severity: 'error',
      sources: [{ title: 'Docs', url: 'https://example.com/r' }],
      description: 'd',
      rationale: 'r',
      fix: 'f',
      check,
    },
    'custom/LET001.yaml',
    false,
  );
}

function lint(cases: RuleCase[], text: string, lets?: Record<string, string>) {
  const result = createLinter({ rules: [rule(cases, lets)], asOf: AS_OF }).lintSource(
    decodeSource('x.yaml', Buffer.from(text)),
  );
  return { ...result, lines: result.findings.map((f) => `${f.region.startLine} ${f.ruleId} ${f.message}`) };
}

const CMGS = [
  'schemaVersion: 1',
  'cloudManagementGateways:',
  '  - ServiceName: a.contoso.com',
  '    SiteCode: P01',
  '    VMInstanceCount: 1',
  '  - ServiceName: b.contoso.com',
  '    SiteCode: P01',
  '    VMInstanceCount: 3',
  '',
].join('\n');

describe('a case let', () => {
  test('is read by where, assert and the message, per element', () => {
    const { lines } = lint(
      [
        {
          forEach: 'cmgs',
          let: { prefix: "it.ServiceName.split('.')[0]", shout: "prefix + '!'" },
          where: "prefix != 'zz'",
          assert: "prefix == 'a'",
          message: '{{ shout }} of {{ it.ServiceName }}',
        },
      ],
      CMGS,
    );
    expect(lines).toEqual(['6 LET001 b! of b.contoso.com']);
  });

  test('may read a rule-level let', () => {
    const { lines } = lint(
      [
        {
          forEach: 'cmgs',
          let: { more: 'it.VMInstanceCount > least' },
          assert: '!more',
          message: '{{ it.ServiceName }}',
        },
      ],
      CMGS,
      { least: 'cmgs.map(c, c.VMInstanceCount)[0]' },
    );
    expect(lines).toEqual(['6 LET001 b.contoso.com']);
  });

  test('is computed only when read: one that only where makes safe does not fail out of scope', () => {
    const { lines } = lint(
      [
        {
          forEach: 'cmgs',
          let: { third: 'it.ServiceName.split(".")[2]' },
          where: "it.ServiceName.startsWith('b')",
          report: true,
          message: '{{ third }}',
        },
      ],
      CMGS,
    );
    expect(lines).toEqual(['6 LET001 com']);
  });

  test('that fails where it is read is one CML009 at the element, naming the let; the rule is never passed', () => {
    const result = lint(
      [{ forEach: 'cmgs', let: { missing: 'it.DeploymentName' }, assert: 'missing == 1', message: 'never' }],
      CMGS,
    );
    expect(result.lines).toHaveLength(2);
    expect(
      result.findings.every(
        (f) => f.ruleId === 'CML009' && /could not be evaluated here: let missing: /.test(f.message),
      ),
    ).toBe(true);
    expect(result.outcomes.get('LET001')?.status).not.toBe('passed');
  });

  test('gives each element of a long list its own value (alike elements decided once, messages per element)', () => {
    const many = ['schemaVersion: 1', 'cloudManagementGateways:'];
    for (let i = 0; i < 100; i++)
      many.push(`  - ServiceName: cmg${i}.contoso.com`, '    SiteCode: P01', `    VMInstanceCount: ${i % 2 ? 2 : 1}`);
    const { lines } = lint(
      [
        {
          forEach: 'cmgs',
          let: { two: 'it.VMInstanceCount == 2', label: "it.ServiceName.split('.')[0]" },
          assert: '!two',
          message: '{{ label }}',
        },
      ],
      many.join('\n'),
    );
    expect(lines).toHaveLength(50);
    expect(lines[0]).toBe('6 LET001 cmg1');
    expect(lines[49]).toBe('300 LET001 cmg99');
  });
});

describe('refused at load, at the line of the let', () => {
  function loadError(yaml: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'case-let-'));
    writeFileSync(
      join(dir, 'LET001.yaml'),
      [
        'id: LET001',
        'title: A custom rule',
        'severity: error',
        'sources:',
        '  - title: Docs',
        '    url: https://example.com/r',
        'description: d',
        'rationale: r',
        'fix: f',
        yaml,
      ].join('\n'),
    );
    try {
      loadRuleFolder(dir, false).map(compileRule);
    } catch (error) {
      return (error as Error).message.replace(dir, '<dir>');
    }
    return 'loaded';
  }
  const oneCase = (lets: string[], rest = ['assert: "true"', 'message: m']) =>
    [
      'check:',
      '  cases:',
      '    - forEach: cmgs',
      '      let:',
      ...lets.map((l) => `        ${l}`),
      ...rest.map((l) => `      ${l}`),
      '',
    ].join('\n');

  test.each([
    ['it', 'it: cmgs[0]', 'is the name of the element a case looks at'],
    ['a collection', 'sites: cmgs', 'is the name of a model collection'],
    ['a helper', 'lower: it.ServiceName', 'is the name of a CEL function'],
    ['a macro', 'exists: it.ServiceName', 'is the name of a CEL function'],
  ])('a name that is %s', (_, line, reason) => {
    expect(loadError(oneCase([line]))).toBe(
      `<dir>/LET001.yaml:14: check.cases[0].let.${line.split(':')[0]}: the name ${line.split(':')[0]} ${reason}; choose another name`,
    );
  });

  test('a name of a rule-level let', () => {
    const yaml = [
      'check:',
      '  let:',
      '    first: cmgs[0]',
      '  cases:',
      '    - forEach: cmgs',
      '      let:',
      '        first: it',
      '      assert: "true"',
      '      message: m',
      '',
    ].join('\n');
    expect(loadError(yaml)).toBe(
      '<dir>/LET001.yaml:16: check.cases[0].let.first: the name first is already a let of the rule (check.let); choose another name',
    );
  });

  test('a rule-level let named as a collection', () => {
    expect(
      loadError(
        ['check:', '  let:', '    cmgs: sites', '  cases:', '    - assert: "true"', '      message: m', ''].join('\n'),
      ),
    ).toBe(
      '<dir>/LET001.yaml:12: check.let.cmgs: the name cmgs is the name of a model collection; choose another name',
    );
  });

  test('a let that reads itself or a later one', () => {
    expect(loadError(oneCase(['a: a + 1']))).toMatch(/:14: check\.cases\[0\]\.let\.a: reads itself;/);
    expect(loadError(oneCase(['a: b + 1', 'b: "2"']))).toMatch(
      /:14: check\.cases\[0\]\.let\.a: reads b, a let written after it;/,
    );
    expect(loadError(oneCase(['a: "1"', 'b: a + 1']))).toBe('loaded');
    // a macro's variable is not a let
    expect(loadError(oneCase(['a: "[1].map(b, b + 1)"', 'b: "2"']))).toBe('loaded');
  });

  test('a forEach that reads a case let', () => {
    expect(
      loadError(
        [
          'check:',
          '  cases:',
          '    - forEach: mine',
          '      let:',
          '        mine: cmgs',
          '      assert: "true"',
          '      message: m',
          '',
        ].join('\n'),
      ),
    ).toMatch(
      /:12: check\.cases\[0\]\.forEach: reads mine, a let of the case, which is computed for each element forEach gives/,
    );
  });

  test("assert: 'false' says to write report: true", () => {
    expect(
      loadError(
        ['check:', '  cases:', '    - forEach: cmgs', "      assert: 'false'", '      message: m', ''].join('\n'),
      ),
    ).toBe(
      "<dir>/LET001.yaml:13: check.cases[0].assert: assert: 'false' reports every element in scope; write report: true instead (and no assert)",
    );
    expect(
      loadError(
        ['check:', '  cases:', '    - forEach: cmgs', '      assert: " ( false ) "', '      message: m', ''].join('\n'),
      ),
    ).toMatch(/write report: true instead/);
    expect(
      loadError(
        ['check:', '  cases:', '    - forEach: cmgs', '      assert: "false || it.isNew"', '      message: m', ''].join(
          '\n',
        ),
      ),
    ).toBe('loaded');
  });

  test('report: true with an assert', () => {
    expect(
      loadError(
        [
          'check:',
          '  cases:',
          '    - forEach: cmgs',
          '      report: true',
          '      assert: "it.isNew"',
          '      message: m',
          '',
        ].join('\n'),
      ),
    ).toBe(
      '<dir>/LET001.yaml:13: check.cases[0].report: report: true reports every element in scope and takes no assert; remove one of them',
    );
  });
});

describe('a has() guard of where, told through the lets', () => {
  test('a condition that reads the guarded field only through a let is not evaluated without it', () => {
    const text = [
      'schemaVersion: 1',
      'clientPopulations:',
      '  - Name: A',
      '    OsVersion: "10"',
      '  - Name: B',
      '',
    ].join('\n');
    const result = lint(
      [
        {
          forEach: 'populations',
          let: { os: 'it.OsVersion' },
          where: "has(it.OsVersion) && os != '7'",
          assert: "os == '10'",
          message: '{{ os }}',
        },
      ],
      text,
    );
    expect(result.findings).toEqual([]);
    const outcome = result.outcomes.get('LET001')!;
    expect(outcome.status).toBe('partly-evaluated');
    expect(outcome.elements).toEqual([{ pointer: '/clientPopulations/1', reasons: ['OsVersion is not stated'] }]);
  });
});

describe('broken facts read through a let', () => {
  // VMInstanceCount "many" is a schema finding: that fact of the second CMG is broken.
  const BROKEN = CMGS.replace('VMInstanceCount: 3', 'VMInstanceCount: many');

  test('an element whose broken fact a let reads (in assert) is not judged; the schema finding is the one reported', () => {
    const result = lint(
      [{ forEach: 'cmgs', let: { big: 'it.VMInstanceCount > 2' }, assert: '!big', message: '{{ it.ServiceName }}' }],
      BROKEN,
    );
    expect(result.findings.filter((f) => f.ruleId === 'LET001')).toEqual([]);
    expect(result.findings.map((f) => `${f.region.startLine} ${f.ruleId}`)).toEqual(['8 CML003']);
    const outcome = result.outcomes.get('LET001')!;
    expect(outcome.status).toBe('partly-evaluated');
    expect(outcome.elements?.map((e) => e.pointer)).toEqual(['/cloudManagementGateways/1']);
  });

  test('an element whose broken fact no expression or let of the case reads is judged', () => {
    const result = lint(
      [{ forEach: 'cmgs', let: { name: 'it.ServiceName' }, assert: "name.endsWith('.com')", message: '{{ name }}' }],
      BROKEN,
    );
    expect(result.outcomes.get('LET001')?.status).toBe('passed');
  });
});
