/**
 * The model is built from every export that parses, including those the schema rejects (their rule findings still
 * count), so buildModel must take any shape at any place: a mapping where a name belongs, a list where a number
 * belongs, a fraction where a port belongs. Two tests hold it to that:
 *
 * - exhaustively, every node of the example exports replaced in turn by each value of the wrong kind;
 * - by property, random wrong-kind values at several places at once, with the built-in rules then run on the model.
 *
 * The property's budget is fixed like test/e2e/fuzz.test.ts's (200 runs or 10 s; CMLINT_FUZZ_RUNS, CMLINT_FUZZ_SECONDS).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse as fromYaml } from 'yaml';
import { describe, expect, test } from 'vitest';
import { compileRule } from '../../src/engine/compile.js';
import { evaluateRules } from '../../src/engine/evaluate.js';
import { lintText } from '../../src/lint.js';
import { buildModel } from '../../src/model/build.js';
import { loadBuiltinRules } from '../../src/rules/load-rules.js';
import { slots } from '../support/slots.js';

const ROOT = join(import.meta.dirname, '..', '..');
const RUNS = Number(process.env.CMLINT_FUZZ_RUNS ?? 200);
const SECONDS = Number(process.env.CMLINT_FUZZ_SECONDS ?? 10);

const seeds = ['examples/contoso.yaml', 'examples/fourth-coffee.yaml'].map((path) => ({
  path,
  data: fromYaml(readFileSync(join(ROOT, path), 'utf8'), { schema: 'core', merge: false }) as unknown,
}));

/** Values of the kinds a schema-valid export never has where the model reads a name, a flag, a number or a list. */
const WRONG_KINDS: unknown[] = [{ a: { b: 1 } }, [{ a: 1 }], [[1]], 1.5, -1, 2 ** 60, 'not-a-number', '', null, true];

function replaced(data: unknown, index: number, value: unknown): unknown {
  const copy = structuredClone(data);
  const { parent, key } = slots(copy)[index]!;
  (parent as Record<string | number, unknown>)[key] = structuredClone(value);
  return copy;
}

describe('the model takes any shape', () => {
  test('schema-invalid input the model once threw on', () => {
    const cases: Record<string, unknown> = {
      'a Channels item that is a mapping': { clientPopulations: [{ Name: 'p', Channels: [{ CMG: true }] }] },
      'a population Name that is a mapping': { clientPopulations: [{ Name: { first: 'p' } }] },
      'a certificate Id that is a mapping': { pki: { certificates: [{ Id: { a: 1 } }] } },
      'a WSUS port that is not a number': {
        siteSystems: [
          { SiteSystemServerName: 's', roles: { SoftwareUpdatePoint: { WsusSsl: true, WsusIisSslPort: 'x' } } },
        ],
      },
      'a port that is a fraction': { network: { connections: [{ From: 'a', To: 'b', Ports: [1.5] }] } },
      'a client settings priority that is a list': {
        clientSettings: [
          { ClientSettingName: 'a', DeployedTo: [{ x: 1 }], Priority: [1] },
          { ClientSettingName: 'b', DeployedTo: ['p'], Priority: { x: 1 } },
        ],
        clientPopulations: [{ Name: 'p' }],
      },
      'a feature that is a list': { clientPopulations: [{ Name: 'p', Features: [[{ Feature: 'x' }], 5, null] }] },
    };
    for (const [name, data] of Object.entries(cases)) expect(() => buildModel(data), name).not.toThrow();
  });

  test("a Channels item that is a mapping: the schema finding and the rules' findings elsewhere are both reported", () => {
    const text = [
      'schemaVersion: 1',
      'hierarchy:',
      '  sites:',
      '    - SiteCode: P01',
      '      SiteType: Primary',
      '      Version: 2403',
      'cloudManagementGateways:',
      '    - ServiceName: cmg.contoso.com',
      '      SiteCode: P01',
      '      VMInstanceCount: 17',
      'clientPopulations:',
      '  - Name: Laptops',
      '    Channels: [{ CMG: true }]',
      '',
    ].join('\n');
    const result = lintText(text, 'channels.yaml', { asOf: '2026-06-01' });
    const ids = result.findings.map((f) => f.ruleId);
    expect(ids).toContain('CML003');
    expect(ids).toContain('CMG008'); // VMInstanceCount 17: a rule's finding, which the model's exception used to lose
  });

  for (const seed of seeds) {
    test(`${seed.path}: every node replaced by each value of the wrong kind`, () => {
      const count = slots(seed.data).length;
      expect(count).toBeGreaterThan(200);
      for (let index = 0; index < count; index++) {
        for (const value of WRONG_KINDS) {
          const data = replaced(seed.data, index, value);
          try {
            buildModel(data);
          } catch (error) {
            throw new Error(
              `node ${index} set to ${JSON.stringify(value)}: ${(error as Error).message}\n${JSON.stringify(data).slice(0, 400)}`,
              { cause: error },
            );
          }
        }
      }
    });
  }

  test(
    'random wrong-kind values at several places: the model builds and the built-in rules run',
    async () => {
      const rules = loadBuiltinRules()
        .filter((r) => r.check)
        .map(compileRule);
      const scalar = fc.oneof(
        fc.constantFrom(...WRONG_KINDS),
        fc.jsonValue({ maxDepth: 0 }),
        fc.double(),
        fc.string({ maxLength: 6 }),
      );
      const value: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
        v: fc.oneof(
          { depthSize: 'small', withCrossShrink: true },
          scalar,
          fc.array(tie('v'), { maxLength: 3 }),
          fc.dictionary(fc.constantFrom('Name', 'Id', 'SiteCode', 'Channels', 'x'), tie('v'), { maxKeys: 3 }),
        ),
      })).v;
      const seedArb = fc.integer({ min: 0, max: seeds.length - 1 });
      const changes = fc.array(fc.tuple(fc.nat(), value), { minLength: 1, maxLength: 5 });
      await fc.assert(
        fc.asyncProperty(seedArb, changes, async (seedIndex, edits) => {
          await new Promise<void>((resolve) => setImmediate(resolve));
          let data = seeds[seedIndex]!.data;
          for (const [at, v] of edits) data = replaced(data, at % slots(data).length, v);
          const model = buildModel(data);
          expect(() => evaluateRules(rules, model, data, { asOf: '2026-06-01' })).not.toThrow();
        }),
        { numRuns: RUNS, interruptAfterTimeLimit: SECONDS * 1000, markInterruptAsFailure: false },
      );
    },
    (SECONDS + 40) * 1000,
  );
});
