/**
 * SARIF 2.1.0 validators: the schema a registry package ships (works on any fresh clone), and the official OASIS
 * schema from ../shared/vendor when CI provides it (CMLINT_SHARED).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { createAjv } from '../../src/validate/schemas.js';

const require = createRequire(import.meta.url);

export function registrySarifValidator(): ValidateFunction {
  const path = join(
    require.resolve('@microsoft/jest-sarif/package.json'),
    '..',
    'lib',
    'schemas',
    'sarif-2.1.0-rtm.5.json',
  );
  const schema = JSON.parse(readFileSync(path, 'utf8'));
  delete schema.$schema;
  delete schema.id;
  // Its language pattern is not valid with the u flag; compile it as the schema's authors intended.
  return createAjv({ unicodeRegExp: false }).compile(schema);
}

export function officialSarifValidator(): ValidateFunction | undefined {
  const shared = process.env.CMLINT_SHARED;
  const path = shared ? join(shared, 'vendor', 'sarif-schema-2.1.0.json') : undefined;
  if (!path || !existsSync(path)) return undefined;
  const AjvDraft04 = require('ajv-draft-04');
  const addFormats = require('ajv-formats');
  const ajv = new AjvDraft04({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(path, 'utf8')));
}

export function multitoolPath(): string | undefined {
  try {
    const path = join(require.resolve('@microsoft/sarif-multitool-linux/package.json'), '..', 'Sarif.Multitool');
    return existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}
