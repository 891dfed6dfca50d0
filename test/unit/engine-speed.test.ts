/**
 * The rule engine's shortcuts give what plain CEL gives: variables, field chains and has() read without parsing
 * (src/engine/compile.ts), and outcomes decided once per class of alike elements on long lists (src/engine/memo.ts).
 */
import { describe, expect, test } from 'vitest';
// @ts-expect-error the benchmark's generator is plain JavaScript
import { generateExport } from '../../bench/generate.mjs';
import { celEnvironment, withScope } from '../../src/engine/cel-env.js';
import { compileRule } from '../../src/engine/compile.js';
import { evaluateRules, MEMO_MIN_ELEMENTS } from '../../src/engine/evaluate.js';
import { classify, fieldPathsOfIt } from '../../src/engine/memo.js';
import { createLinter } from '../../src/lint.js';
import { buildModel } from '../../src/model/build.js';
import { celMap } from '../../src/model/to-cel.js';
import { loadRules } from '../../src/rules/load-rules.js';
import type { Rule } from '../../src/rules/rule.js';
import { PARSE_DEFAULTS, parseSource } from '../../src/parse/parse.js';
import { decodeSource } from '../../src/source/read-source.js';

function ruleWith(expression: string): Rule {
  return {
    id: 'TEST001',
    title: 't',
    severity: 'warning',
    sources: [{ title: 's', url: 'https://example.com' }],
    description: 'd',
    rationale: 'r',
    fix: 'f',
    family: 'TEST',
    helpUri: 'https://example.com',
    origin: 'test',
    builtin: true,
    check: { requires: [{ expression, missing: 'm' }], cases: [] },
  };
}

const outcome = (run: () => unknown): unknown => {
  try {
    return { value: run() };
  } catch (error) {
    return { error: (error as Error).message };
  }
};

describe('expressions read without parsing', () => {
  const inner = Object.assign(celMap(), { certificates: [], flag: true, nothing: null, list: [1n] });
  const contexts: Record<string, unknown>[] = [
    {
      export: Object.assign(celMap(), { pki: inner, siteSystems: [] }),
      hierarchy: Object.assign(celMap(), { hasNetworkDevices: false }),
      devices: [],
    },
    { export: celMap(), hierarchy: celMap(), devices: [celMap()] },
    {
      export: Object.assign(celMap(), { pki: null }),
      hierarchy: Object.assign(celMap(), { hasNetworkDevices: 'yes' }),
    },
    { export: Object.assign(celMap(), { pki: [1n, 2n] }), hierarchy: [] },
  ];
  const expressions = [
    'devices',
    'hierarchy.hasNetworkDevices',
    'export.pki.flag',
    'export.pki.nothing',
    'export.pki.list',
    'has(export.pki)',
    'has(export.pki.certificates)',
    'has(export.pki.missing)',
    'has(export.siteSystems)',
    'has(export.nothing.deeper)',
    'has(hierarchy.hasNetworkDevices)',
  ];
  for (const expression of expressions) {
    test(expression, () => {
      const compiled = compileRule(ruleWith(expression));
      const cel = celEnvironment().parse(expression) as unknown as (context: Record<string, unknown>) => unknown;
      for (const context of contexts) {
        expect(
          outcome(() => compiled.requires[0]!.test(context)),
          JSON.stringify(Object.keys(context)),
        ).toEqual(outcome(() => withScope({ model: {} as never, asOf: '2026-01-01' }, () => cel(context))));
      }
    });
  }
});

describe('outcomes decided per class of alike elements', () => {
  test('the fields of `it` an expression reads, or none when it uses `it` otherwise', () => {
    const paths = (text: string) => fieldPathsOfIt((celEnvironment().parse(text) as unknown as { ast: unknown }).ast);
    expect(paths("has(it.population) && it.population.usesCmg && it.?Network.orValue('') == 'IPv6Only'")).toEqual([
      ['population'],
      ['population', 'usesCmg'],
      ['Network'],
    ]);
    expect(paths("'Pki' in it.auth && it.auth.exists(a, a == 'Token')")).toEqual([['auth'], ['auth']]);
    expect(paths('it == null')).toBeUndefined();
    expect(paths("it['Name'] == 'x'")).toBeUndefined();
    expect(paths('devices.exists(it, it.Name == "x")')).toBeUndefined();
  });

  test('elements share a class exactly when they read the same values', () => {
    const population = celMap();
    const other = celMap();
    const element = (fields: Record<string, unknown>) => Object.assign(celMap(), fields);
    const long = ['a', 'b', 'c', 'd', 'e', 'f'];
    const elements = [
      element({ auth: ['Pki', 'EntraId'], population, n: 1n }),
      element({ auth: ['Pki', 'EntraId'], population, n: 1n }), // equal lists are alike
      element({ auth: ['Pki'], population, n: 1n }),
      element({ auth: ['Pki', 'EntraId', 'Token'], population, n: 1n }),
      element({ auth: ['Pki', 'EntraId'], population: other, n: 1n }), // another element: another class
      element({ auth: ['Pki', 'EntraId'], population, n: 2n }),
      element({ auth: ['Pki', 'EntraId'], population }), // missing differs from every value
      element({ auth: ['Pki', 'EntraId'], population, n: null }),
      element({ auth: [...long], population, n: 1n }),
      element({ auth: [...long], population, n: 1n }), // long lists are alike by items too
      element({ auth: [...long, 'g'], population, n: 1n }),
      element({ auth: [1n, 'EntraId'], population, n: 1n }), // not all strings
      element({ auth: [1n, 'EntraId'], population, n: 1n }),
      element({ auth: ['1', 'EntraId'], population, n: 1n }),
      element({ auth: ['Pki', 'EntraId'], population, n: 0 }),
      element({ auth: ['Pki', 'EntraId'], population, n: -0 }), // CEL tells -0 from 0 in strings
      element({ auth: ['Pki', 'EntraId'], population, n: 'toString' }),
      element({ auth: ['Pki', 'EntraId'], population, toString: 'x' }),
    ];
    const { of, count } = classify(elements, [['auth'], ['population'], ['n'], ['toString']]);
    const same: [number, number][] = [
      [0, 1],
      [8, 9],
      [11, 12],
    ];
    for (const [a, b] of same) expect(of[a], `${a} and ${b}`).toBe(of[b]);
    expect(count).toBe(elements.length - same.length);
    // A plain object's prototype is not read as the element's own field.
    const plain = classify(
      [{ a: 1 }, { a: 1 }, Object.assign(Object.create(null), { a: 1 })],
      [['toString'], ['__proto__'], ['a']],
    );
    expect(plain.count).toBe(1);
    // A Map's or Set's own methods and size are not its fields: two of the same size are not alike.
    const maps = classify([new Map([['a', 1]]), new Map([['b', 2]]), new Set(['a']), new Set(['b'])], [['size']]);
    expect(maps.count).toBe(4);
  });

  test('every built-in rule gives the same findings with and without classes, on an inventory with findings', () => {
    // Long enough a list that classes are made (MEMO_MIN_ELEMENTS), whatever that limit becomes.
    const text: string = generateExport(Math.max(4000, 2 * MEMO_MIN_ELEMENTS), 'yaml', 400);
    const data = parseSource(decodeSource('inventory.yaml', Buffer.from(text)), {
      ...PARSE_DEFAULTS,
      fastFrom: 0,
    }).data;
    const rules = loadRules()
      .filter((r) => r.check)
      .map(compileRule);
    const options = { asOf: '2026-06-01' };
    const classed = evaluateRules(rules, buildModel(data), data, options);
    // The same rules, each case marked as over a list no other case shares: no classes are made.
    const single = rules.map((r) => ({ ...r, cases: r.cases.map((c) => ({ ...c, forEachText: undefined })) }));
    const plain = evaluateRules(single, buildModel(data), data, options);
    expect(classed.findings.filter((f) => f.pointer?.[0] === 'devices').length).toBeGreaterThanOrEqual(30);
    expect(classed.findings).toEqual(plain.findings);
    expect([...classed.outcomes]).toEqual([...plain.outcomes]);
  });

  test('every built-in rule still parses (the build parses them all; a run parses only what it needs)', () => {
    expect(() => createLinter({ rules: loadRules().map((r) => ({ ...r, builtin: false })) })).not.toThrow();
  });
});
