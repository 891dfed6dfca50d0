/** Loads the export schemas from schemas/ and compiles the root once. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import AjvModule, { type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { PACKAGE_ROOT, SCHEMAS_DIR } from '../paths.js';

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

// ajv and ajv-formats are CommonJS modules whose default export sits under .default when imported from ESM.
const Ajv = ((AjvModule as unknown as { default?: typeof AjvModule }).default ?? AjvModule) as unknown as typeof AjvModule.default;
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as typeof addFormatsModule.default;
export type AjvInstance = InstanceType<typeof Ajv>;

export function createAjv(options: { unicodeRegExp?: boolean } = {}): AjvInstance {
  // verbose: errors carry their schema, which names the allowed keys for "did you mean".
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: false, ...options });
  addFormats(ajv);
  return ajv;
}

let compiled: ValidateFunction | undefined;

/**
 * The export validator. The bundled CLI loads the one the build generated with ajv's standalone code (compiling the
 * schemas at run time would cost more than the rest of start-up); run from source, the schemas are compiled here.
 */
export function exportValidator(): ValidateFunction {
  if (compiled) return compiled;
  const precompiled = join(PACKAGE_ROOT, 'dist', 'export-validator.cjs');
  if (import.meta.url.includes('/dist/') && existsSync(precompiled)) {
    compiled = createRequire(import.meta.url)(precompiled) as ValidateFunction;
    return compiled;
  }
  const ajv = createAjv();
  for (const [name, schema] of Object.entries(loadExportSchemas())) ajv.addSchema(schema, name);
  const validate = ajv.getSchema(ROOT_SCHEMA);
  if (!validate) throw new Error(`schema ${ROOT_SCHEMA} not found`);
  compiled = validate;
  return validate;
}
