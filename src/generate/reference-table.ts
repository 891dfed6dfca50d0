/**
 * Reads cmlint's own keywords out of the export schemas (x-cmlint-collection, x-cmlint-ref, x-cmlint-absent-means:
 * src/validate/schemas.ts) into src/model/reference-table.ts, which the model, the reference resolver (CML012) and
 * the docs' table of references use. The schemas are walked from export.schema.json through properties, items, anyOf
 * and $ref, so each declaration gets the place in an export where it applies, with `*` for every item of a list.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT_SCHEMA } from '../validate/schemas.js';

export interface CollectionDeclaration {
  name: string;
  /** Where the collection's items are: keys, and `*` for every item of a list on the way. */
  path: string[];
  /** The fields (dotted for a field of a mapping inside the item) whose values name an item. */
  key: string[];
  caseInsensitive: boolean;
}

export interface ReferenceDeclaration {
  /** Where the naming field is; a list of names ends in `*`. */
  path: string[];
  /** The field's name (the last key of path). */
  field: string;
  to: string[];
  /** The fact the model gives the element for what the field names (`it.site`), when it gives one. */
  as?: string;
}

export interface ReferenceTable {
  collections: CollectionDeclaration[];
  references: ReferenceDeclaration[];
  /** Fields whose absence states something, with what it states. */
  absentMeans: Record<string, string>;
}

type Schema = Record<string, unknown>;

export function readReferenceTable(schemaDir: string): ReferenceTable {
  const files = new Map<string, Schema>();
  const load = (file: string): Schema => {
    if (!files.has(file)) files.set(file, JSON.parse(readFileSync(join(schemaDir, file), 'utf8')) as Schema);
    return files.get(file)!;
  };
  const table: ReferenceTable = { collections: [], references: [], absentMeans: {} };
  const seen = new Set<string>();
  const visit = (schema: unknown, file: string, path: string[], field: string | undefined, stack: string[]): void => {
    if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return;
    const node = schema as Schema;
    const collection = node['x-cmlint-collection'] as Omit<CollectionDeclaration, 'path'> | undefined;
    if (collection)
      table.collections.push({
        name: collection.name,
        path: [...path, '*'],
        key: collection.key,
        caseInsensitive: collection.caseInsensitive,
      });
    const ref = node['x-cmlint-ref'] as { to: string | string[]; as?: string } | undefined;
    if (ref && field !== undefined) {
      const list = node.type === 'array';
      const key = [...path, ...(list ? ['*'] : [])].join('/');
      if (!seen.has(key)) {
        seen.add(key);
        table.references.push({
          path: list ? [...path, '*'] : path,
          field,
          to: typeof ref.to === 'string' ? [ref.to] : ref.to,
          ...(ref.as ? { as: ref.as } : {}),
        });
      }
    }
    const absent = node['x-cmlint-absent-means'];
    if (typeof absent === 'string' && field !== undefined) table.absentMeans[field] = absent;
    if (typeof node.$ref === 'string') {
      const [target, pointer = ''] = node.$ref.split('#');
      const targetFile = target || file;
      const id = `${targetFile}#${pointer}`;
      if (!stack.includes(id))
        visit(resolvePointer(load(targetFile), pointer), targetFile, path, field, [...stack, id]);
    }
    for (const branch of [
      ...((node.anyOf as unknown[]) ?? []),
      ...((node.oneOf as unknown[]) ?? []),
      ...((node.allOf as unknown[]) ?? []),
    ])
      visit(branch, file, path, field, stack);
    if (node.items) visit(node.items, file, [...path, '*'], field, stack);
    for (const [key, value] of Object.entries((node.properties as Record<string, unknown>) ?? {}))
      visit(value, file, [...path, key], key, stack);
  };
  visit(load(ROOT_SCHEMA), ROOT_SCHEMA, [], undefined, [ROOT_SCHEMA + '#']);
  const byPath = (a: { path: string[] }, b: { path: string[] }) => (a.path.join('/') < b.path.join('/') ? -1 : 1);
  table.collections.sort(byPath);
  table.references.sort(byPath);
  const names = new Set(table.collections.map((c) => c.name));
  for (const r of table.references) {
    for (const to of r.to)
      if (!names.has(to))
        throw new Error(
          `${r.path.join('.')}: x-cmlint-ref names collection "${to}", which no x-cmlint-collection declares`,
        );
  }
  return table;
}

function resolvePointer(schema: Schema, pointer: string): unknown {
  let node: unknown = schema;
  for (const part of pointer.split('/').filter(Boolean))
    node = (node as Schema)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  return node;
}

/** The TypeScript module src/model/reference-table.ts. */
export function referenceTableModule(schemaDir: string): string {
  const table = readReferenceTable(schemaDir);
  // One declaration a line, as JSON (valid TypeScript), so a change to the schemas shows as a change of its lines.
  const lines = (items: unknown[]) => items.map((item) => `    ${JSON.stringify(item)},`).join('\n');
  return [
    '/* Generated from the x-cmlint-* keywords of schemas/*.schema.json by `npm run generate`; do not edit. */',
    "import type { ReferenceTable } from '../generate/reference-table.js';",
    '',
    'export const REFERENCE_TABLE: ReferenceTable = {',
    `  collections: [\n${lines(table.collections)}\n  ],`,
    `  references: [\n${lines(table.references)}\n  ],`,
    `  absentMeans: ${JSON.stringify(Object.fromEntries(Object.entries(table.absentMeans).sort(([a], [b]) => (a < b ? -1 : 1))))},`,
    '};',
    '',
  ].join('\n');
}
