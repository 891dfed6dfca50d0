/** Loads rule files (YAML or JSON), validates them against schemas/rule.schema.json, and reports a broken one by name. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { RULES_DIR, SCHEMAS_DIR } from '../paths.js';
import { parseDataFile } from '../parse/data-file.js';
import { runtime } from '../runtime.js';
import { createAjv } from '../validate/schemas.js';
import { checkRuleNames } from './check-names.js';
import { familyOf, type Rule, type RuleDefinition } from './rule.js';
import { valuePosition } from './value-position.js';

import { RuleLoadError } from '../errors.js';
export { RuleLoadError };

let ruleValidator: ValidateFunction | undefined;

function validator(): ValidateFunction {
  ruleValidator ??=
    runtime.validators.ruleSchema ??
    createAjv().compile(JSON.parse(readFileSync(join(SCHEMAS_DIR, 'rule.schema.json'), 'utf8')));
  return ruleValidator;
}

/** Where the character at `offset` of the string at `pointer` is in a rule file. */
export type PositionOf = (pointer: readonly (string | number)[], offset: number) => { line: number; column: number };

/** `check.cases[0].assert` for ['check', 'cases', 0, 'assert']. */
function fieldName(pointer: readonly (string | number)[]): string {
  return pointer.map((part, i) => (typeof part === 'number' ? `[${part}]` : i ? `.${part}` : part)).join('');
}

/**
 * Checks one parsed rule file; throws a RuleLoadError naming the file and the first problems. A custom rule's
 * expressions may name only what the model has (src/rules/check-names.ts); the built-in rules are checked by the
 * tests (test/rule-names.test.ts) rather than at each start.
 */
export function toRule(
  definition: unknown,
  origin: string,
  builtin: boolean,
  lineOf?: Rule['lineOf'],
  positionOf?: PositionOf,
): Rule {
  const validate = validator();
  if (!validate(definition)) {
    const problems = (validate.errors ?? [])
      .slice(0, 3)
      .map(
        (e) =>
          `${e.instancePath || '/'} ${e.message}${e.keyword === 'additionalProperties' ? ` (${String(e.params.additionalProperty)})` : ''}`,
      )
      .join('; ');
    throw new RuleLoadError(`${origin}: invalid rule file: ${problems}`);
  }
  const rule = definition as RuleDefinition;
  rule.sources.forEach((source, i) => {
    const problem = urlProblem(source.url);
    if (problem) {
      const line = lineOf?.(['sources', i, 'url']);
      throw new RuleLoadError(`${origin}${line ? `:${line}` : ''}: sources[${i}].url ${problem}`);
    }
  });
  const expectedName = rule.id;
  const name = basename(origin).replace(/\.(ya?ml|json)$/i, '');
  if (name !== expectedName)
    throw new RuleLoadError(`${origin}: rule id ${rule.id} does not match the file name ${name}`);
  const unknown = builtin ? undefined : checkRuleNames(rule);
  if (unknown) {
    const at = positionOf?.(unknown.pointer, unknown.offset);
    throw new RuleLoadError(
      `${origin}${at ? `:${at.line}:${at.column}` : ''}: ${fieldName(unknown.pointer)}: ${unknown.message}`,
    );
  }
  return {
    ...rule,
    family: familyOf(rule.id),
    helpUri: rule.sources[0]!.url,
    origin,
    builtin,
    ...(lineOf ? { lineOf } : {}),
  };
}

/**
 * Why a rule's source URL cannot be used, or undefined when it can: reports put it in links (Markdown, HTML, SARIF's
 * helpUri), so it must be an absolute https URL, without whitespace, control characters or credentials.
 */
function urlProblem(text: string): string | undefined {
  if (/[\s\u0000-\u001f\u007f-\u009f]/.test(text)) return 'must not contain whitespace or control characters';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'is not a URL';
  }
  if (url.protocol !== 'https:') return 'must be an https URL';
  if (url.username || url.password) return 'must not contain a user name or password';
  return undefined;
}

/** Custom rule files are untrusted: read with the export's parsers and defences (src/parse/data-file.ts). */
function parseRuleFile(
  path: string,
  text: string,
): { data: unknown; lineOf: NonNullable<Rule['lineOf']>; positionOf: PositionOf } {
  const parsed = parseDataFile(path, text);
  if (parsed.problem)
    throw new RuleLoadError(`${path}:${parsed.problem.line}: cannot parse rule file: ${parsed.problem.message}`);
  const positionOf: PositionOf = (pointer, offset) => {
    let value: unknown = parsed.data;
    for (const part of pointer)
      value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
    return valuePosition(text, parsed.document.locate([...pointer]), typeof value === 'string' ? value : '', offset);
  };
  return { data: parsed.data, lineOf: (pointer) => parsed.document.locate([...pointer], true).startLine, positionOf };
}

export function loadRuleFolder(dir: string, builtin: boolean): Rule[] {
  let entries: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new Error();
    entries = readdirSync(dir)
      .filter((f) => /\.(ya?ml|json)$/i.test(f))
      .sort();
  } catch {
    throw new RuleLoadError(`${dir}: rule folder not found or not a directory`);
  }
  return entries.map((file) => {
    const path = join(dir, file);
    const { data, lineOf, positionOf } = parseRuleFile(path, readFileSync(path, 'utf8'));
    return toRule(data, path, builtin, builtin ? undefined : lineOf, positionOf);
  });
}

/**
 * The built-in rules. A bundle reads dist/rules.json (src/runtime.ts: builtinRulesFile), written by the build after
 * validating every rule file, which saves parsing and validating 140 YAML files at each start; without it (from
 * source), the YAML files are read.
 */
export function loadBuiltinRules(): Rule[] {
  const stored = runtime.builtinRulesFile;
  if (stored && existsSync(stored)) return JSON.parse(readFileSync(stored, 'utf8')) as Rule[];
  return loadRuleFolder(RULES_DIR, true);
}

/** Built-in rules plus custom folders; a custom rule may not reuse a built-in id. */
export function loadRules(customFolders: string[] = []): Rule[] {
  const rules = loadBuiltinRules();
  const ids = new Set(rules.map((r) => r.id));
  for (const folder of customFolders) {
    for (const rule of loadRuleFolder(folder, false)) {
      if (ids.has(rule.id)) throw new RuleLoadError(`${rule.origin}: rule id ${rule.id} is already defined`);
      ids.add(rule.id);
      rules.push(rule);
    }
  }
  return rules;
}
