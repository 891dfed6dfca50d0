/** Loads the export schemas from schemas/ and compiles the root once. */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type AjvModule from 'ajv';
import type { KeywordCxt, KeywordDefinition, ValidateFunction } from 'ajv';
import type addFormatsModule from 'ajv-formats';
import { SCHEMAS_DIR } from '../paths.js';
import { linearErrors } from './linear-errors.js';
import { linearRegExpEngine } from './linear-regexp.js';
import { runtime } from '../runtime.js';

export const ROOT_SCHEMA = 'export.schema.json';

/** Schemas of the export format, keyed by file name; rule.schema.json and config.schema.json are not part of it. */
export function loadExportSchemas(dir = SCHEMAS_DIR): Record<string, object> {
  const result: Record<string, object> = {};
  for (const file of readdirSync(dir)) {
    if (!file.endsWith('.schema.json') || file === 'rule.schema.json' || file === 'config.schema.json') continue;
    result[file] = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  }
  return result;
}

/**
 * The options every validator is compiled with, here and by the build's standalone code (scripts/validators.mjs, which
 * also passes that code through linearErrors, since ajv applies `code.process` only to code it runs itself).
 */
export const AJV_OPTIONS = { allErrors: true, verbose: true, strict: false, strictNumbers: true } as const;

/** What addExportKeywords needs of ajv: its code generator's template tag (`_` of 'ajv'). */
type CodeTag = (strings: TemplateStringsArray, ...values: unknown[]) => unknown;

/**
 * Keywords of cmlint's schemas beyond JSON Schema, as ajv code so that the precompiled validators carry them too
 * (scripts/validators.mjs adds them the same way). `portRange`: a "from-to" string of two ports within 1-65535, from
 * the lower to the higher (the pattern checks its shape).
 */
export function addExportKeywords(ajv: AjvInstance, _: CodeTag): void {
  ajv.addKeyword({
    keyword: 'portRange',
    type: 'string',
    schemaType: 'boolean',
    error: { message: 'must be a range of ports from the lower to the higher, each from 1 to 65535' },
    code(cxt: KeywordCxt) {
      if (!cxt.schema) return;
      const { data } = cxt;
      cxt.fail(
        _`((p) => !(p.length === 2 && +p[0] >= 1 && +p[1] <= 65535 && +p[0] <= +p[1]))(${data}.split("-"))` as Parameters<
          KeywordCxt['fail']
        >[0],
      );
    },
  } as KeywordDefinition);
}

export type AjvInstance = InstanceType<typeof AjvModule.default>;

const NAME_LIST = { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' }, minItems: 1 }] };

/**
 * cmlint's own schema keywords. They validate nothing in an export; they declare, once, how its parts link by name
 * (src/model/reference-table.ts is generated from them, and the model, CML012 and the docs read that table). ajv knows
 * them, so that a misspelt declaration is an error when the schemas are compiled (here and by scripts/validators.mjs).
 */
export const CMLINT_KEYWORDS = {
  /** On an array of the export: its items are a collection that other fields name by a key. */
  'x-cmlint-collection': {
    type: 'object',
    additionalProperties: false,
    required: ['name', 'key', 'caseInsensitive'],
    properties: {
      name: { type: 'string' },
      key: { type: 'array', items: { type: 'string' }, minItems: 1 },
      caseInsensitive: { type: 'boolean' },
    },
  },
  /** On a field (or a list of names): it names an element of the collection(s) `to`; `as` is the model's fact for it. */
  'x-cmlint-ref': {
    type: 'object',
    additionalProperties: false,
    required: ['to'],
    properties: { to: NAME_LIST, as: { type: 'string' } },
  },
  /** On a field: leaving it out states something (none, not applicable), so a rule that needs it is not missing a fact. */
  'x-cmlint-absent-means': { type: 'string' },
} as const;

/** Registers cmlint's own keywords (CMLINT_KEYWORDS) with an ajv instance. */
export function addCmlintKeywords(ajv: AjvInstance): AjvInstance {
  for (const [keyword, metaSchema] of Object.entries(CMLINT_KEYWORDS)) {
    if (!ajv.getKeyword(keyword)) ajv.addKeyword({ keyword, metaSchema });
  }
  return ajv;
}

/**
 * ajv's compiler, loaded on first use: a run needs it only for a custom rule's file or its `schema:` cases (or when run
 * from source), since the build precompiles the schemas cmlint itself checks (precompiled.ts). The bundles keep the
 * require() below and so include ajv, but run its code only when called.
 */
function loadAjv(): { Ajv: typeof AjvModule.default; addFormats: typeof addFormatsModule.default; _: CodeTag } {
  // Literal require('…') calls, which the bundler resolves; run from source under plain Node.js, createRequire's.
  // CommonJS modules whose default export sits under .default when imported from ESM.
  const local = typeof require === 'function';
  const ajv = (local ? require('ajv') : createRequire(import.meta.url)('ajv')) as {
    default?: typeof AjvModule.default;
  } & typeof AjvModule.default;
  const formats = (local ? require('ajv-formats') : createRequire(import.meta.url)('ajv-formats')) as {
    default?: typeof addFormatsModule.default;
  } & typeof addFormatsModule.default;
  return { Ajv: ajv.default ?? ajv, addFormats: formats.default ?? formats, _: (ajv as unknown as { _: CodeTag })._ };
}

export function createAjv(options: { unicodeRegExp?: boolean } = {}): AjvInstance {
  const { Ajv, addFormats, _ } = loadAjv();
  // verbose: errors carry their schema, which names the allowed keys for "did you mean". allErrors reports every
  // problem, and linearErrors keeps collecting them linear in their number (see linear-errors.ts). A rule file's
  // `pattern` is untrusted: patterns run on RE2 (linear-regexp.ts), in linear time.
  const ajv = new Ajv({ ...AJV_OPTIONS, code: { process: linearErrors, regExp: linearRegExpEngine }, ...options });
  addFormats(ajv);
  addExportKeywords(ajv, _);
  return addCmlintKeywords(ajv);
}

/** The export's list that grows with the organisation: a device inventory can hold hundreds of thousands of items. */
export const INVENTORY = 'devices';

/**
 * The schema of one inventory item, as the root schema refers to it (`properties.devices.items.$ref`):
 * validate-export.ts checks the items one by one with it, and the build precompiles it beside the export's validator.
 */
export function inventoryItemRef(rootSchema: unknown): string {
  const ref = (rootSchema as { properties?: Record<string, { items?: { $ref?: unknown } }> })?.properties?.[INVENTORY]
    ?.items?.$ref;
  if (typeof ref !== 'string') throw new Error(`${ROOT_SCHEMA}: properties.${INVENTORY}.items must be a $ref`);
  return ref;
}

let runtimeAjv: AjvInstance | undefined;

/** Run from source: one ajv holding the export's schemas, from which both validators below are compiled. */
function exportAjv(): AjvInstance {
  if (runtimeAjv) return runtimeAjv;
  const ajv = createAjv();
  for (const [name, schema] of Object.entries(loadExportSchemas())) ajv.addSchema(schema, name);
  return (runtimeAjv = ajv);
}

function compiledSchema(ref: string): ValidateFunction {
  const validate = exportAjv().getSchema(ref);
  if (!validate) throw new Error(`schema ${ref} not found`);
  return validate;
}

let compiled: ValidateFunction | undefined;
let compiledItem: ValidateFunction | undefined;

/**
 * The export validator. The bundles hold the one the build generated with ajv's standalone code (compiling the
 * schemas at run time would cost more than the rest of start-up); run from source, the schemas are compiled here.
 */
export function exportValidator(): ValidateFunction {
  return (compiled ??= runtime.validators.exportSchema ?? compiledSchema(ROOT_SCHEMA));
}

/** The validator of one inventory item (inventoryItemRef), precompiled or compiled as exportValidator is. */
export function inventoryItemValidator(): ValidateFunction {
  return (compiledItem ??=
    runtime.validators.inventoryItemSchema ??
    compiledSchema(inventoryItemRef(exportAjv().getSchema(ROOT_SCHEMA)?.schema)));
}
