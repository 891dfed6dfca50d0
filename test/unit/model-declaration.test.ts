/**
 * The model is declared once (src/model/model-declaration.ts): what the builder gives each element is declared there
 * or is a field of the export's schemas, and every CEL helper cmlint adds is documented where it is registered.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { expect, test } from 'vitest';
import { helperDefinitions } from '../../src/engine/cel-env.js';
import { buildModel } from '../../src/model/build.js';
import { COLLECTIONS, ELEMENTS } from '../../src/model/model-declaration.js';
import { EXPORT_FIELDS } from '../../src/model/model-fields.js';
import { ROOT } from '../support/cli.js';

test('every key of every element built from the examples is a declared fact or a field of its export object', () => {
  const undeclared = new Set<string>();
  let seen = 0;
  for (const file of readdirSync(join(ROOT, 'examples')).filter((f) => /\.ya?ml$/.test(f))) {
    const model = buildModel(load(readFileSync(join(ROOT, 'examples', file), 'utf8')));
    for (const [name, collection] of Object.entries(COLLECTIONS)) {
      if (name === 'export') continue;
      const type = /^list<(.+)>$/.exec(collection.type)?.[1] ?? collection.type;
      const element = ELEMENTS[type as keyof typeof ELEMENTS];
      const shape = EXPORT_FIELDS[type];
      const fields = shape && typeof shape === 'object' && 'fields' in shape ? Object.keys(shape.fields) : [];
      const value = (model as unknown as Record<string, unknown>)[name];
      for (const item of Array.isArray(value) ? value : [value]) {
        seen++;
        for (const key of Object.keys(item as object))
          if (!(key in element.facts) && !fields.includes(key)) undeclared.add(`${type}.${key}`);
      }
    }
  }
  expect(seen).toBeGreaterThan(50);
  expect([...undeclared]).toEqual([]);
});

test('every CEL helper cmlint registers has a one-line description and named parameters', () => {
  const helpers = helperDefinitions();
  expect(helpers.map((h) => h.name)).toEqual(
    expect.arrayContaining(['isVersion', 'versionKnown', 'supportEnds', 'groupBy', 'reachable']),
  );
  for (const helper of helpers) {
    expect(helper.description, helper.signature).toMatch(/^\S.*\.$/);
    expect(helper.description, helper.signature).not.toContain('\n');
    for (const param of helper.params) expect(param.name, helper.signature).not.toMatch(/^arg\d+$/);
  }
});
