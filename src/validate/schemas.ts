/** Loads the export schemas from schemas/ and compiles the root once. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { SCHEMAS_DIR } from '../paths.js';

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

export function createAjv(): Ajv {
  // verbose: errors carry their schema, which names the allowed keys for "did you mean".
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: false });
  addFormats(ajv);
  return ajv;
}

let compiled: ValidateFunction | undefined;

export function exportValidator(): ValidateFunction {
  if (compiled) return compiled;
  const ajv = createAjv();
  for (const [name, schema] of Object.entries(loadExportSchemas())) ajv.addSchema(schema, name);
  compiled = ajv.getSchema(ROOT_SCHEMA)!;
  return compiled;
}
