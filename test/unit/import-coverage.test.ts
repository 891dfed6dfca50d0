/**
 * The importer's account of itself is true: for each section the fields it fills, the to-dos and the fields written
 * where they apply are exactly the schema's fields; docs/collect.md gives the shares this table gives; the role
 * names match the schema's; the collector reads the classes the importer knows.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { DUMP_CLASSES } from '../../src/import/classes.js';
import { COVERAGE, ROLE_FIELDS_COLLECTED } from '../../src/import/coverage.js';
import { ROLE_KEYS } from '../../src/import/role-names.js';
import { ROOT } from '../support/cli.js';

function schemaAt(file: string, pointer: string): any {
  const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', `${file}.schema.json`), 'utf8'));
  return pointer
    .split('/')
    .filter(Boolean)
    .reduce((node, key) => node[key], schema);
}

/** Shares as docs/collect.md prints them: "11 of 13". */
function shares(): Map<string, string> {
  return new Map(
    COVERAGE.map((entry) => [
      entry.section,
      `${entry.collected.length} of ${entry.collected.length + entry.todo.length + entry.whenItApplies.length}`,
    ]),
  );
}

describe('coverage table', () => {
  test.each(COVERAGE.map((entry) => [entry.section, entry] as const))(
    '%s: collected, to-do and where-it-applies fields are exactly the schema’s',
    (_, entry) => {
      const fields = Object.keys(schemaAt(...entry.schema).properties).sort();
      const listed = [...entry.collected, ...entry.todo, ...entry.whenItApplies];
      expect(new Set(listed).size).toBe(listed.length);
      expect([...listed].sort()).toEqual(fields);
    },
  );

  test('role settings named as collected exist in the schema', () => {
    const roles = schemaAt('site-systems', '/definitions/roles/properties');
    for (const [role, fields] of Object.entries(ROLE_FIELDS_COLLECTED)) {
      const properties = roles[role].properties ?? schemaAt('site-systems', '/definitions/genericRole').properties;
      for (const field of fields) expect(properties, `${role}.${field}`).toHaveProperty(field);
    }
  });

  test('docs/collect.md gives the shares of this table', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'collect.md'), 'utf8');
    for (const [section, share] of shares())
      expect(doc, section).toMatch(new RegExp(`\\| \`${section.replace(/[.[\]]/g, '\\$&')}\` \\| ${share} \\|`));
  });
});

test('each role key is the schema’s role whose description names that RoleName', () => {
  const roles = schemaAt('site-systems', '/definitions/roles/properties');
  const fromSchema = Object.fromEntries(
    Object.entries<any>(roles).map(([key, role]) => [/RoleName '([^']+)'/.exec(role.description)?.[1], key]),
  );
  expect(ROLE_KEYS).toEqual(fromSchema);
});

test('the collector reads exactly the classes the importer knows, in the same order', () => {
  const script = readFileSync(join(ROOT, 'collector', 'Export-CmlintSite.ps1'), 'utf8');
  const list = /\$DumpClasses = @\(([\s\S]*?)\)/.exec(script)![1]!;
  expect([...list.matchAll(/'([^']+)'/g)].map((m) => m[1])).toEqual([...DUMP_CLASSES]);
});
