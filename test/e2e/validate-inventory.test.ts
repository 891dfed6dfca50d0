/**
 * The device inventory is validated item by item with the item's own validator (src/validate/validate-export.ts:
 * schemaErrors), the rest of the export with the export's validator on a copy without it. These tests hold that to
 * giving exactly the errors of the export's validator run on the whole export, only in another order.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ErrorObject } from 'ajv';
import fc from 'fast-check';
import { parse as fromYaml } from 'yaml';
import { describe, expect, test } from 'vitest';
import {
  exportValidator,
  INVENTORY,
  inventoryItemRef,
  loadExportSchemas,
  ROOT_SCHEMA,
} from '../../src/validate/schemas.js';
import { schemaErrors } from '../../src/validate/validate-export.js';
import { slots } from '../support/slots.js';

const ROOT = join(import.meta.dirname, '..', '..');

/** The whole export's validator, as ajv runs it: every item through the root schema's $ref. */
function wholeErrors(data: unknown): ErrorObject[] {
  const validate = exportValidator();
  return validate(data) ? [] : [...(validate.errors ?? [])];
}

/**
 * An error as the findings use it. schemaPath is left out: ajv writes an item's paths relative to the item's schema
 * either way, and validate-export reads it only to pair an anyOf with its branches, within one item.
 */
const comparable = (errors: ErrorObject[]) =>
  errors
    .map(({ schemaPath: _, ...rest }) => rest)
    .sort((a, b) =>
      JSON.stringify([a.instancePath, a.keyword, a.params]) < JSON.stringify([b.instancePath, b.keyword, b.params])
        ? -1
        : 1,
    );

/** Exports with an inventory: the fixtures that have one, and the examples with devices added. */
function seeds(): Record<string, unknown>[] {
  const withDevices = [
    'CLIENT001/fires-device.yaml',
    'CLIENT002/fires-device.yaml',
    'CLIENT009/fires-devices.yaml',
    'CMG013/fires-device.yaml',
  ];
  const fixtures = withDevices.map(
    (p) => fromYaml(readFileSync(join(ROOT, 'fixtures', 'rules', p), 'utf8')) as Record<string, unknown>,
  );
  const contoso = fromYaml(readFileSync(join(ROOT, 'examples', 'contoso.yaml'), 'utf8')) as Record<string, unknown>;
  const devices = Array.from({ length: 12 }, (_, i) => ({
    Name: `DEV-${i}`,
    Population: 'NYC hybrid joined laptops',
    Authentication: ['Pki'],
    Network: 'DualStack',
  }));
  return [...fixtures, { ...contoso, devices }];
}

describe('the inventory validated item by item', () => {
  test('the item schema is the one the root schema gives the inventory', () => {
    expect(inventoryItemRef(loadExportSchemas()[ROOT_SCHEMA])).toBe('clients.schema.json#/definitions/device');
    expect(() => inventoryItemRef({ properties: { [INVENTORY]: { type: 'array' } } })).toThrow(/must be a \$ref/);
  });

  test('bad items, bad neighbours: the same errors as validating the whole export', () => {
    const data = seeds().at(-1)!;
    const devices = data.devices as Record<string, unknown>[];
    devices[3] = { ...devices[3], Colour: 'blue', Network: 'Carrier pigeon' };
    devices[7] = 'not a device' as never;
    delete devices[9]!.Name;
    const broken = { ...data, Extra: 1, hierarchy: 5 };
    const split = schemaErrors(broken);
    expect(split.map((e) => e.instancePath)).toEqual(
      expect.arrayContaining(['', '/hierarchy', '/devices/3', '/devices/3/Network', '/devices/7', '/devices/9']),
    );
    expect(comparable(split)).toEqual(comparable(wholeErrors(broken)));
    // An error about the export itself names the export, not the copy validated in its place.
    expect(split.find((e) => e.keyword === 'additionalProperties' && e.instancePath === '')?.data).toBe(broken);
  });

  test('random edits anywhere: the same errors as validating the whole export', () => {
    const all = seeds();
    const wrong = fc.oneof(
      fc.constantFrom<unknown>({ x: 1 }, [1], 'x', 1.5, null, true, -1, {}, []),
      fc.jsonValue({ maxDepth: 2 }),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: all.length - 1 }),
        fc.array(fc.tuple(fc.nat(), wrong), { minLength: 1, maxLength: 6 }),
        (seed, edits) => {
          const data = structuredClone(all[seed]!);
          for (const [at, value] of edits) {
            // A value replaced at a random place: any property or list item (the inventory's items are most of them).
            const places = slots(data);
            const slot = places[at % places.length]!;
            (slot.parent as Record<string | number, unknown>)[slot.key] = structuredClone(value);
          }
          expect(comparable(schemaErrors(data))).toEqual(comparable(wholeErrors(data)));
        },
      ),
      { numRuns: 300 },
    );
  });
});
