/**
 * Schema validation is linear in the number of problems. ajv, with allErrors, adds a referenced schema's errors with
 * `vErrors.concat(...)`, copying every error so far for each failing item: 40,000 bad items took tens of seconds.
 * linearErrors (src/validate/linear-errors.ts) rewrites that to append in place. These tests hold it to giving exactly
 * ajv's errors, to being applied to every validator cmlint runs, and to being fast on the case that was slow (no
 * timing assertion: the test's time limit is the guard).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import AjvModule from 'ajv';
import addFormatsModule from 'ajv-formats';
import fc from 'fast-check';
import { parse as fromYaml } from 'yaml';
import { describe, expect, test } from 'vitest';
import { lintText } from '../../src/lint.js';
import { linearErrors } from '../../src/validate/linear-errors.js';
import { AJV_OPTIONS, createAjv, loadExportSchemas, ROOT_SCHEMA } from '../../src/validate/schemas.js';
import { validateExport } from '../../src/validate/validate-export.js';
import { slots } from '../support/slots.js';

const ROOT = join(import.meta.dirname, '..', '..');
// CommonJS modules: their default export may sit under .default.
const Ajv = ((AjvModule as unknown as { default?: unknown }).default ?? AjvModule) as typeof AjvModule.default;
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as typeof addFormatsModule.default;
const ITEMS = 40_000;

/** 40,000 site systems, each with three schema errors (Name and Colour are unknown keys, SiteSystemServerName is missing). */
function manyBadItems(): unknown {
  return {
    schemaVersion: 1,
    siteSystems: Array.from({ length: ITEMS }, (_, i) => ({
      Name: `s${i}.contoso.com`,
      SiteCode: 'P01',
      Colour: 'blue',
    })),
  };
}

/** The export validator as ajv compiles it, with or without the rewrite. */
function exportValidator(linear: boolean) {
  const ajv = new Ajv({ ...AJV_OPTIONS, ...(linear ? { code: { process: linearErrors } } : {}) });
  addFormats(ajv);
  for (const [name, schema] of Object.entries(loadExportSchemas())) ajv.addSchema(schema, name);
  return ajv.getSchema(ROOT_SCHEMA)!;
}

describe('schema validation is linear in the number of problems', () => {
  test("the rewrite replaces every concat of a referenced validator's errors", () => {
    const code =
      'if(!(validate12(x))){vErrors = vErrors === null ? validate12.errors : vErrors.concat(validate12.errors);errors = vErrors.length;}' +
      'if(!(wrapper0.validate(y))){vErrors = vErrors === null ? wrapper0.validate.errors : vErrors.concat(wrapper0.validate.errors);}';
    const rewritten = linearErrors(code);
    expect(rewritten).not.toContain('.concat(');
    expect(rewritten).toContain('(validate12.errors.forEach((e) => vErrors.push(e)), vErrors)');
    expect(rewritten).toContain('(wrapper0.validate.errors.forEach((e) => vErrors.push(e)), vErrors)');
  });

  test('every validator cmlint compiles at run time is rewritten', () => {
    expect(createAjv().opts.code.process).toBe(linearErrors);
  });

  test.each(['export-validator.cjs', 'inventory-item-validator.cjs'])(
    'the built validator (dist/%s) collects errors linearly too',
    (file) => {
      const built = join(ROOT, 'dist', file);
      expect(existsSync(built), 'npm run build first').toBe(true);
      // The build writes ajv's standalone code, which ajv does not pass through code.process: scripts/validators.mjs
      // applies linearErrors itself.
      expect(readFileSync(built, 'utf8')).not.toMatch(/vErrors\.concat\(/);
    },
  );

  test('the same errors, in the same order, as ajv gives without the rewrite', async () => {
    const plain = exportValidator(false);
    const linear = exportValidator(true);
    const seeds = ['examples/contoso.yaml', 'examples/fourth-coffee.yaml'].map(
      (p) => fromYaml(readFileSync(join(ROOT, p), 'utf8')) as Record<string, unknown>,
    );
    const wrong = fc.oneof(
      fc.constantFrom<unknown>({ x: 1 }, [1], 'x', 1.5, null, true, -1),
      fc.jsonValue({ maxDepth: 2 }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: seeds.length - 1 }),
        fc.array(fc.tuple(fc.nat(), wrong), { minLength: 1, maxLength: 8 }),
        async (seed, edits) => {
          const data = structuredClone(seeds[seed]!);
          // Replace values at random places (counting every property and list item, breadth first).
          for (const [at, value] of edits) {
            const places = slots(data);
            const slot = places[at % places.length]!;
            (slot.parent as Record<string | number, unknown>)[slot.key] = structuredClone(value);
          }
          const a = plain(data);
          const errorsA = structuredClone(plain.errors);
          const b = linear(data);
          expect(b).toBe(a);
          expect(linear.errors).toEqual(errorsA);
        },
      ),
      { numRuns: 200, interruptAfterTimeLimit: 10_000, markInterruptAsFailure: false },
    );
  }, 60_000);

  test(`${ITEMS.toLocaleString('en-US')} items that break the schema: every problem a finding, in seconds`, () => {
    const findings = validateExport(manyBadItems());
    expect(findings).toHaveLength(3 * ITEMS);
    expect(findings.filter((f) => f.ruleId === 'CML002')).toHaveLength(2 * ITEMS);
    expect(findings.filter((f) => f.ruleId === 'CML004')).toHaveLength(ITEMS);
  });

  test(`${ITEMS.toLocaleString('en-US')} bad items through the lint API, positions and all`, () => {
    const text = JSON.stringify(manyBadItems(), null, 1);
    const result = lintText(text, 'many.json', { asOf: '2026-06-01' });
    const unknown = result.findings.filter((f) => f.ruleId === 'CML002');
    expect(unknown).toHaveLength(2 * ITEMS);
    // The last item's unknown key, at its own line.
    const last = unknown[unknown.length - 1]!;
    expect(text.split('\n')[last.region.startLine - 1]).toContain('"Colour"');
  });
});
