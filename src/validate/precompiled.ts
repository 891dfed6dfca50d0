/**
 * Validators compiled to code when cmlint is built (ajv standalone), so that a run compiles no schema: compiling the
 * export schema alone costs more than the rest of start-up, and ajv's compiler is then not even loaded.
 *
 * Run from source (tests), this module has none and the schemas are compiled at run time. The build bundles the
 * generated validators in its place (scripts/build.mjs, plugin "precompiled validators"), each loaded when first used.
 */
import type { ValidateFunction } from 'ajv';

export interface PrecompiledValidators {
  /** schemas/export.schema.json and the schemas it refers to. */
  exportSchema?: ValidateFunction;
  /** The schema of one item of the export's device inventory (schemas.ts: inventoryItemRef). */
  inventoryItemSchema?: ValidateFunction;
  /** schemas/config.schema.json. */
  configSchema?: ValidateFunction;
  /** schemas/rule.schema.json. */
  ruleSchema?: ValidateFunction;
}
