/**
 * A rule may name only what the model has (issue 20, item 1): a misspelt fact, export field or collection is refused
 * when the rule is loaded, at the name's line and column, with the nearest known name; correct rules, with `let`,
 * macros, optionals and templates, load. Every built-in rule and every fixture rule passes the same check.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadRuleFolder, RuleLoadError } from '../../src/rules/load-rules.js';
import { checkRuleNames } from '../../src/rules/check-names.js';
import type { RuleDefinition } from '../../src/rules/rule.js';
import { ROOT, runCli } from '../support/cli.js';
import { AS_OF, CLEAN_EXPORT, tempDir, writeTree } from '../support/workspace.js';

/** A custom rule file; `check` is the YAML of its check, indented under `check:`. */
function ruleFile(id: string, check: string[]): string {
  return [
    `id: ${id}`,
    'title: A custom rule',
    'severity: warning',
    'sources:',
    '  - title: Docs',
    '    url: https://example.com/rules',
    'description: Checks something.',
    'rationale: Because.',
    'fix: Fix it.',
    'check:',
    ...check.map((line) => `  ${line}`),
    '',
  ].join('\n');
}

function loadError(files: Record<string, string>): string {
  const dir = writeTree(tempDir('rule-names'), files);
  try {
    loadRuleFolder(join(dir, 'custom'), false);
  } catch (error) {
    expect(error).toBeInstanceOf(RuleLoadError);
    return (error as Error).message.slice(dir.length + 1);
  }
  throw new Error('the rule loaded');
}

describe('an unknown name is refused at load, at its line and column', () => {
  test('a misspelt fact (it.usesCMG): exit 2, one line with the file, line, column and the fact meant', () => {
    const dir = writeTree(tempDir('rule-names-cli'), {
      'custom/NAME001.yaml': ruleFile('NAME001', [
        'cases:',
        '  - forEach: populations',
        '    assert: it.usesCMG',
        '    message: Population {{ it.Name }}',
      ]),
      'site.yaml': CLEAN_EXPORT,
    });
    const run = runCli(['lint', '--no-config', '--as-of', AS_OF, '--rules', 'custom', 'site.yaml'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    // line 13, column 18: the "usesCMG" of `    assert: it.usesCMG`
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      'cmlint: custom/NAME001.yaml:13:18: check.cases[0].assert: unknown field usesCMG of Population; did you mean usesCmg?',
    ]);
  });

  test('a misspelt collection', () => {
    expect(
      loadError({
        'custom/NAME002.yaml': ruleFile('NAME002', [
          'cases:',
          '  - forEach: popluations',
          '    assert: "true"',
          '    message: m',
        ]),
      }),
    ).toBe('custom/NAME002.yaml:12:16: check.cases[0].forEach: unknown name popluations; did you mean populations?');
  });

  test('in a folded block, a macro, a let and a message placeholder', () => {
    const folded = ruleFile('NAME003', [
      'cases:',
      '  - forEach: sites',
      '    assert: >-',
      '      it.cmgs.all(c,',
      "        c.Servicename != '')",
      '    message: m',
    ]);
    expect(loadError({ 'custom/NAME003.yaml': folded })).toBe(
      'custom/NAME003.yaml:15:13: check.cases[0].assert: unknown field Servicename of Cmg; did you mean ServiceName?',
    );
    const grouped = ruleFile('NAME004', [
      'let:',
      '  byName: groupBy(cmgs, cmgs.map(c, c.name))',
      'cases:',
      '  - forEach: cmgs',
      '    assert: "group(byName, it.name).all(c, c.nmae != \'\')"',
      '    message: m',
    ]);
    expect(loadError({ 'custom/NAME004.yaml': grouped })).toBe(
      'custom/NAME004.yaml:15:48: check.cases[0].assert: unknown field nmae of Cmg; did you mean name?',
    );
    const message = ruleFile('NAME005', [
      'cases:',
      '  - forEach: populations',
      '    assert: "true"',
      "    message: 'CMG {{ it.cmg.ServiceNam }} of {{ it.Name }}'",
    ]);
    expect(loadError({ 'custom/NAME005.yaml': message })).toBe(
      'custom/NAME005.yaml:14:31: check.cases[0].message: unknown field ServiceNam of Cmg; did you mean ServiceName?',
    );
  });

  test('a field of the export beyond an element, and a let name misspelt', () => {
    const exported = ruleFile('NAME006', [
      'cases:',
      '  - forEach: sites',
      '    assert: "export.pki.certificates.exists(c, c.Idd == it.SiteCode)"',
      '    message: m',
    ]);
    expect(loadError({ 'custom/NAME006.yaml': exported })).toMatch(
      /^custom\/NAME006\.yaml:13:52: check\.cases\[0\]\.assert: unknown field Idd; did you mean Id\?$/,
    );
    const let_ = ruleFile('NAME007', [
      'let:',
      '  secondaries: sites.filter(s, s.isSecondary)',
      'cases:',
      '  - assert: secondarys.size() == 0',
      '    message: m',
    ]);
    expect(loadError({ 'custom/NAME007.yaml': let_ })).toBe(
      'custom/NAME007.yaml:14:15: check.cases[0].assert: unknown name secondarys; did you mean secondaries?',
    );
  });

  test('in a JSON rule file', () => {
    const json = JSON.stringify(
      {
        id: 'NAME008',
        title: 'A custom rule',
        severity: 'warning',
        sources: [{ title: 'Docs', url: 'https://example.com/rules' }],
        description: 'd',
        rationale: 'r',
        fix: 'f',
        check: { cases: [{ forEach: 'sites', assert: 'it.site_code == "\\"x\\"" || it.isCAS', message: 'm' }] },
      },
      null,
      2,
    );
    const error = loadError({ 'custom/NAME008.json': json });
    expect(error).toMatch(/^custom\/NAME008\.json:\d+:\d+: check\.cases\[0\]\.assert: unknown field site_code of Site/);
    const [, line, column] = /:(\d+):(\d+):/.exec(error)!;
    const lines = json.split('\n');
    expect(lines[Number(line) - 1]!.slice(Number(column) - 1).startsWith('site_code')).toBe(true);
  });
});

describe('correct rules load', () => {
  const rule = (check: NonNullable<RuleDefinition['check']>): RuleDefinition =>
    ({
      id: 'OK001',
      title: 't',
      severity: 'note',
      sources: [],
      description: 'd',
      rationale: 'r',
      fix: 'f',
      check,
    }) as RuleDefinition;

  test.each([
    [
      'let values and macro variables',
      {
        let: { tops: 'sites.filter(s, s.isTopTier)', names: 'groupBy(cmgs, cmgs.map(c, c.name))' },
        cases: [
          {
            forEach: 'tops',
            assert: "it.cmgs.exists(c, group(names, c.name).all(d, d.ServiceName != ''))",
            message: '{{ it.code }}',
          },
        ],
      },
    ],
    [
      'cel.bind, optionals and map with a filter',
      {
        cases: [
          {
            forEach: 'populations',
            assert:
              'cel.bind(s, it.?site.orValue(hierarchy.topSite), s.isCas || s.children.map(c, c.isPrimary, c.code).size() > 0)',
            message: 'm',
          },
        ],
      },
    ],
    [
      'connection point facts on roles, types and schemaError',
      {
        cases: [
          {
            forEach: 'servers',
            assert: 'it.allRoles.exists(r, has(r.cmg) && r.clientCount > 0) && type(it) == map',
            message: '{{ schemaError }}',
          },
        ],
      },
    ],
    [
      'values of dyn type and maps take any name',
      {
        let: { m: "{'a': 1}" },
        cases: [
          { forEach: 'devices', assert: 'it.Network.anything == 1 || m.b == 2 || dyn(it).usesCmg', message: 'm' },
        ],
      },
    ],
    [
      'effective settings and port ranges',
      {
        cases: [
          {
            forEach: 'populations',
            assert:
              'it.settings.AllowCloudManagementGateway == true && connections.all(c, c.ranges.all(r, r.from <= r.to))',
            message: 'm',
          },
        ],
      },
    ],
    [
      'a feature named by a string has Feature',
      { cases: [{ forEach: 'featureUses', assert: "it.Feature == 'x' && it.population.usesCmg", message: 'm' }] },
    ],
  ])('%s', (_name, check) => {
    expect(checkRuleNames(rule(check as NonNullable<RuleDefinition['check']>))).toBeUndefined();
  });

  test('every built-in rule and every fixture rule passes the check', () => {
    const folders = [
      join(ROOT, 'rules'),
      ...readdirSync(join(ROOT, 'fixtures', 'rules'))
        .map((id) => join(ROOT, 'fixtures', 'rules', id, 'custom-rules'))
        .filter((dir) => existsDir(dir)),
    ];
    const loaded = folders.flatMap((dir) => loadRuleFolder(dir, false));
    expect(loaded.length).toBeGreaterThan(132);
  });
});

function existsDir(dir: string): boolean {
  try {
    return readdirSync(dir).length >= 0;
  } catch {
    return false;
  }
}
