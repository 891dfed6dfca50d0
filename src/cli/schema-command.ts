/**
 * `cmlint schema [export|config|rule] [--path]`: the JSON Schemas of the installed package, so that an editor can be
 * pointed at a file on disk (offline, and always the version that lints) rather than at an address on the web.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCHEMAS_DIR } from '../paths.js';
import { EXIT_OK, UsageError } from './exit-codes.js';

export const SCHEMA_FILES: Record<string, string> = {
  export: 'export.schema.json',
  config: 'config.schema.json',
  rule: 'rule.schema.json',
};

export function schemaPath(name: string): string {
  const file = SCHEMA_FILES[name];
  if (!file) throw new UsageError(`no schema "${name}"; use one of ${Object.keys(SCHEMA_FILES).join(', ')}`);
  return join(SCHEMAS_DIR, file);
}

export function runSchema(name: string, options: { path?: boolean }): number {
  const path = schemaPath(name);
  process.stdout.write(options.path ? `${path}\n` : readFileSync(path, 'utf8'));
  return EXIT_OK;
}
