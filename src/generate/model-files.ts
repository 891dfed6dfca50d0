/**
 * What is generated from the model declaration (src/model/model-declaration.ts): the TypeScript types the builder
 * fills, the export fields of each element read from the schemas (for the rule loader's name check), and the model
 * table of docs/rule-authoring.md.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COLLECTIONS, ELEMENTS, RECORDS, type FactDeclaration } from '../model/model-declaration.js';
import type { FieldShape } from '../model/field-shape.js';
import { helperDefinitions } from '../engine/cel-env.js';
import { ROOT_SCHEMA } from '../validate/schemas.js';

type Schema = Record<string, unknown>;

/** A declared type without its `?`, and whether it had one. */
export function splitOptional(type: string): { type: string; optional: boolean } {
  return type.endsWith('?') ? { type: type.slice(0, -1), optional: true } : { type, optional: false };
}

function tsType(type: string): string {
  const list = /^list<(.+)>$/.exec(type);
  if (list) return `${tsType(list[1]!)}[]`;
  switch (type) {
    case 'bool':
      return 'boolean';
    case 'int':
      return 'bigint';
    case 'string':
      return 'string';
    case 'dyn':
      return 'CelValue';
    default:
      if (!(type in ELEMENTS) && !(type in RECORDS)) throw new Error(`model declaration: unknown type ${type}`);
      return type;
  }
}

function factLines(facts: Readonly<Record<string, FactDeclaration>>): string[] {
  return Object.entries(facts).flatMap(([name, fact]) => {
    const { type, optional } = splitOptional(fact.type);
    return [`  /** ${fact.meaning} */`, `  ${name}${optional ? '?' : ''}: ${tsType(type)};`];
  });
}

/** src/model/model-types.ts: an interface of facts per element and record, each element with its export fields. */
export function modelTypesModule(): string {
  const out = [
    '/* Generated from src/model/model-declaration.ts by `npm run generate`; do not edit. */',
    "import type { CelValue } from './to-cel.js';",
    '',
    "/** An element's fields from the export (schemas/*.schema.json): read-only, as the model only adds declared facts. */",
    'export type ExportFields = { readonly [field: string]: CelValue | undefined };',
    '',
  ];
  for (const [name, element] of Object.entries(ELEMENTS)) {
    out.push(
      `/** The facts the builder derives for a ${name} element. */`,
      `export interface ${name}Facts {`,
      ...factLines(element.facts),
      '}',
      '',
    );
    out.push(`/** ${element.meaning} */`, `export type ${name} = ExportFields & ${name}Facts;`, '');
  }
  for (const [name, record] of Object.entries(RECORDS)) {
    out.push(`/** ${record.meaning} */`, `export interface ${name} {`, ...factLines(record.facts), '}', '');
  }
  out.push('/** The model: the CEL variables rules read. */', 'export interface ModelCollections {');
  for (const [name, collection] of Object.entries(COLLECTIONS))
    out.push(`  /** ${collection.elements.replace(/`/g, '')} */`, `  ${name}: ${tsType(collection.type)};`);
  out.push('}', '');
  return out.join('\n');
}

function resolvePointer(schema: Schema, pointer: string): unknown {
  let node: unknown = schema;
  for (const part of pointer.split('/').filter(Boolean))
    node = (node as Schema)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  return node;
}

/**
 * The shape of the values a schema allows, as far as names go: the fields of a mapping (closed when the schema says
 * additionalProperties: false, as all of cmlint's do), the items of a list; anything else is a scalar. A choice
 * (anyOf, oneOf) allows the fields of every branch.
 */
function shapeOf(schemaDir: string): (path: readonly string[]) => FieldShape {
  const files = new Map<string, Schema>();
  const load = (file: string): Schema => {
    if (!files.has(file)) files.set(file, JSON.parse(readFileSync(join(schemaDir, file), 'utf8')) as Schema);
    return files.get(file)!;
  };
  /** The schema nodes (with their file) a node stands for, $ref and choices followed. */
  const expand = (node: unknown, file: string, stack: string[]): { node: Schema; file: string }[] => {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return [];
    const schema = node as Schema;
    const found: { node: Schema; file: string }[] = [{ node: schema, file }];
    if (typeof schema.$ref === 'string') {
      const [target, pointer = ''] = schema.$ref.split('#');
      const targetFile = target || file;
      const id = `${targetFile}#${pointer}`;
      if (!stack.includes(id))
        found.push(...expand(resolvePointer(load(targetFile), pointer), targetFile, [...stack, id]));
    }
    for (const branch of [
      ...((schema.anyOf as unknown[]) ?? []),
      ...((schema.oneOf as unknown[]) ?? []),
      ...((schema.allOf as unknown[]) ?? []),
    ])
      found.push(...expand(branch, file, stack));
    return found;
  };
  const shape = (nodes: { node: Schema; file: string }[], stack: string[]): FieldShape => {
    const all = nodes.flatMap(({ node, file }) => expand(node, file, stack));
    const fields: Record<string, { node: Schema; file: string }[]> = {};
    let isMap = false;
    let open = false;
    const items: { node: Schema; file: string }[] = [];
    for (const { node, file } of all) {
      if (
        node.properties ||
        node.type === 'object' ||
        node.additionalProperties !== undefined ||
        node.patternProperties
      ) {
        isMap = true;
        // patternProperties, or additionalProperties other than false: any name is a field.
        if (node.additionalProperties !== false || node.patternProperties) open = true;
        for (const [key, value] of Object.entries((node.properties as Record<string, unknown>) ?? {}))
          (fields[key] ??= []).push({ node: value as Schema, file });
      }
      if (node.items) items.push({ node: node.items as Schema, file });
    }
    if (isMap) {
      if (open) return 'any';
      if (stack.length > 12) return 'any';
      return {
        fields: Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, shape(value, [...stack, key])])),
      };
    }
    if (items.length) return { list: shape(items, [...stack, '*']) };
    return 'scalar';
  };
  return (path) => {
    let nodes = [{ node: load(ROOT_SCHEMA), file: ROOT_SCHEMA }];
    for (const step of path) {
      const next: { node: Schema; file: string }[] = [];
      for (const { node, file } of nodes.flatMap((n) => expand(n.node, n.file, []))) {
        if (step === '*') {
          if (node.items) next.push({ node: node.items as Schema, file });
          for (const value of Object.values((node.properties as Record<string, unknown>) ?? {}))
            next.push({ node: value as Schema, file });
        } else {
          const value = (node.properties as Record<string, unknown> | undefined)?.[step];
          if (value) next.push({ node: value as Schema, file });
        }
      }
      if (!next.length) throw new Error(`model declaration: the schemas have nothing at ${path.join('.')}`);
      nodes = next;
    }
    return shape(nodes, []);
  };
}

/** src/model/model-fields.ts: the export fields each element has, from the schemas at its `from`. */
export function modelFieldsModule(schemaDir: string): string {
  const shapeAt = shapeOf(schemaDir);
  const lines = Object.entries(ELEMENTS).flatMap(([name, element]) => {
    if (!('from' in element)) return [];
    let shape = shapeAt(element.from);
    const extra = 'extraFields' in element ? element.extraFields : [];
    if (typeof shape === 'object' && 'fields' in shape)
      shape = { fields: { ...Object.fromEntries(extra.map((field) => [field, 'scalar' as const])), ...shape.fields } };
    return [`  ${name}: ${JSON.stringify(shape)},`];
  });
  return [
    '/* Generated from src/model/model-declaration.ts and schemas/*.schema.json by `npm run generate`; do not edit. */',
    "import type { FieldShape } from './field-shape.js';",
    '',
    "/** Each element's fields from the export, by element type (one line each, so a schema change shows as that line). */",
    'export const EXPORT_FIELDS: Record<string, FieldShape> = {',
    ...lines,
    '};',
    '',
  ].join('\n');
}

export const MODEL_TABLE_START =
  '<!-- model-table:start (generated from src/model/model-declaration.ts by npm run generate; do not edit) -->';
export const MODEL_TABLE_END = '<!-- model-table:end -->';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
}

/** A type as the docs show it: in code, `?` kept (the fact may be absent). */
function typeText(type: string): string {
  return `\`${type}\``;
}

/** The model section of docs/rule-authoring.md: the variables, then each element type's facts. */
export function modelTable(): string {
  const out = [
    MODEL_TABLE_START,
    '',
    'A type ending in `?` is absent when the fact is unknown: test it with `has()` first. `dyn` is a value as the export gives it.',
    '',
    '| variable | type | elements |',
    '| --- | --- | --- |',
  ];
  for (const [name, collection] of Object.entries(COLLECTIONS))
    out.push(`| \`${name}\` | ${typeText(collection.type)} | ${cell(collection.elements)} |`);
  const facts = (declared: Readonly<Record<string, FactDeclaration>>) =>
    Object.entries(declared).map(
      ([name, fact]) => `| \`${name}\` | ${cell(typeText(fact.type))} | ${cell(fact.meaning)} |`,
    );
  for (const [name, element] of Object.entries(ELEMENTS)) {
    const from =
      'from' in element
        ? element.from.length
          ? ` Export fields: those of \`${element.from.join('.').replace(/\.\*/g, '[]')}\` in the schemas.`
          : ''
        : '';
    out.push('', `### ${name}`, '', `${element.meaning}${from}`);
    if (Object.keys(element.facts).length)
      out.push('', '| fact | type | meaning |', '| --- | --- | --- |', ...facts(element.facts));
  }
  for (const [name, record] of Object.entries(RECORDS))
    out.push(
      '',
      `### ${name}`,
      '',
      record.meaning,
      '',
      '| field | type | meaning |',
      '| --- | --- | --- |',
      ...facts(record.facts),
    );
  out.push('', MODEL_TABLE_END);
  return out.join('\n');
}

export const HELPERS_TABLE_START =
  '<!-- helpers-table:start (generated from src/engine/cel-env.ts by npm run generate; do not edit) -->';
export const HELPERS_TABLE_END = '<!-- helpers-table:end -->';

/** The table of cmlint's CEL helpers in docs/rule-authoring.md, from their registrations (src/engine/cel-env.ts). */
export function helpersTable(): string {
  const rows = helperDefinitions().map((f) => {
    const params = f.params.map((p) => `${p.name}: ${p.type}`).join(', ');
    if (!f.description || f.params.some((p) => /^arg\d+$/.test(p.name)))
      throw new Error(`src/engine/cel-env.ts: helper ${f.signature} has no description or unnamed parameters`);
    return `| \`${f.name}(${params}): ${f.returnType}\` | ${cell(f.description)} |`;
  });
  return [HELPERS_TABLE_START, '', '| function | meaning |', '| --- | --- |', ...rows, '', HELPERS_TABLE_END].join(
    '\n',
  );
}
