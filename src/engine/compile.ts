/** Compiles a rule's CEL expressions, templates and schemas once, reporting any error by rule and field. */
import type { ValidateFunction } from 'ajv';
import type { Severity } from '../findings.js';
import { RuleLoadError } from '../errors.js';
import type { Rule } from '../rules/rule.js';
import { createAjv, type AjvInstance } from '../validate/schemas.js';
import { celErrorText, parseExpression, type ParsedExpression } from './cel-env.js';
import { freeNames, letNameClash, type CaseLet } from './case-lets.js';
import { factGuards, type FactGuard } from './fact-guards.js';
import { fieldPathsOfIt, type FieldPath } from './memo.js';
import { compileTemplate, type Template } from './template.js';

export interface Evaluator {
  (context: Record<string, unknown>): unknown;
  /** The fields of `it` the expression reads, or undefined when it reads `it` otherwise (src/engine/memo.ts). */
  itPaths(): FieldPath[] | undefined;
  /** The variables the expression reads (case-lets.ts freeNames). */
  names(): Set<string>;
}

export interface CompiledCase {
  index: number;
  /**
   * The case's named expressions (`let:` in the case), in order: computed per element when first read (case-lets.ts).
   * Each has its name and its text as written, for checks that must know the names a case's expressions may read.
   */
  lets: CaseLet[];
  forEach?: Evaluator;
  /** The forEach expression as written: cases over the same list share the sorting of its elements (memo.ts). */
  forEachText?: string;
  where?: Evaluator;
  /** The where's fact guards (fact-guards.ts) and its conditions, each evaluable alone. */
  guarded?: { guards: FactGuard[]; conditions: Evaluator[]; texts: string[] };
  assert?: Evaluator;
  schema?: ValidateFunction;
  report: boolean;
  at?: Template;
  message: Template;
  expected?: Template;
  actual?: Template;
  severity: Severity;
  versions?: { from?: number; before?: number };
  related?: Evaluator;
}

export interface CompiledRule {
  rule: Rule;
  requires: { test: Evaluator; missing: string }[];
  /** Values computed once per export, before the cases, and given to them under these names (with their text). */
  lets: { name: string; text: string; value: Evaluator }[];
  cases: CompiledCase[];
}

let schemaCompiler: AjvInstance | undefined;

/** A variable or a chain of field names, such as `devices` or `hierarchy.hasNetworkDevices`. */
const PLAIN_PATH = /^\s*[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*\s*$/;
/** A presence test of such a chain, such as `has(export.pki)`. */
const HAS_PATH = /^\s*has\(\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+)\s*\)\s*$/;

function isMap(value: unknown): value is Record<string, unknown> {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    !(value instanceof Map) &&
    !(value instanceof Set)
  );
}

/**
 * Evaluates a plain chain (`path`) or a presence test of one (`has`) directly, as CEL would on maps; undefined when
 * something on the way is not a map or a step is missing, where CEL must run to give its own result or error.
 */
function readPath(
  context: Record<string, unknown>,
  path: readonly string[],
  has: boolean,
): { value: unknown } | undefined {
  let value: unknown = context;
  const steps = has ? path.length - 1 : path.length;
  for (let i = 0; i < steps; i++) {
    if (!isMap(value) || !Object.prototype.hasOwnProperty.call(value, path[i]!)) return undefined;
    value = value[path[i]!];
    if (value === undefined) return undefined;
  }
  if (!has) return { value };
  if (!isMap(value)) return undefined;
  const last = path[path.length - 1]!;
  return { value: Object.prototype.hasOwnProperty.call(value, last) && value[last] !== undefined };
}

function guardsOf(
  where: string,
  compile: (text: string) => Evaluator,
  readThrough?: (condition: string) => string,
): CompiledCase['guarded'] {
  const guarded = factGuards(where, readThrough);
  if (!guarded) return undefined;
  try {
    return { guards: guarded.guards, conditions: guarded.conditions.map(compile), texts: guarded.conditions };
  } catch {
    return undefined; // a condition that does not parse alone: the where runs whole, as it always did
  }
}

/** `assert: 'false'`: every element in scope is a finding, which a case says with `report: true`. */
const REPORTS_EVERY_ELEMENT = /^[\s(]*false[\s)]*$/;

/**
 * An expression of a case with lets: the fields of `it` it reads are its own and those of the lets it reads (and of
 * the lets those read), so that memoisation and broken-fact checks see through the names (evaluate.ts).
 */
function throughLets(evaluator: Evaluator, lets: ReadonlyMap<string, Evaluator>): Evaluator {
  if (!lets.size) return evaluator;
  const own = evaluator.itPaths;
  let paths: FieldPath[] | undefined | null = null;
  let tracing = false;
  evaluator.itPaths = () => {
    if (paths !== null) return paths;
    if (tracing) return undefined; // a let that reads itself (refused for custom rules): read `it` whole
    tracing = true;
    try {
      let all = own();
      for (const name of evaluator.names()) {
        const read = lets.get(name)?.itPaths() ?? (lets.has(name) ? undefined : []);
        all = all && read ? [...all, ...read] : undefined;
      }
      return (paths = all);
    } finally {
      tracing = false;
    }
  };
  return evaluator;
}

/** A condition's text and the texts of the case's lets it reads, directly or through other lets. */
function withLetTexts(
  condition: string,
  lets: ReadonlyMap<string, Evaluator>,
  written: Record<string, string>,
): string {
  let names: Set<string>;
  try {
    names = freeNames(parseExpression(condition).ast);
  } catch {
    return condition; // runs whole (guardsOf), as a condition that does not parse alone
  }
  const texts = [condition];
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name) || !lets.has(name)) return;
    seen.add(name);
    texts.push(written[name]!);
    for (const next of lets.get(name)!.names()) visit(next);
  };
  for (const name of names) visit(name);
  return texts.join('\n');
}

/** withLetTexts for the conditions of one where, each condition parsed once. */
function readThrough(
  lets: ReadonlyMap<string, Evaluator>,
  written: Record<string, string>,
): (condition: string) => string {
  const texts = new Map<string, string>();
  return (condition) => {
    let text = texts.get(condition);
    if (text === undefined) texts.set(condition, (text = withLetTexts(condition, lets, written)));
    return text;
  };
}

/** What an expression must give, by where it is in a case: checked when a custom rule is loaded. */
type Expected = 'list' | 'bool' | 'any';

/** Whether cel-js's type name of an expression (from check()) can be what `expected` asks for. */
function typeFits(type: string | undefined, expected: Expected): boolean {
  if (expected === 'any' || type === undefined || type === 'dyn') return true;
  if (expected === 'bool') return type === 'bool';
  return type === 'list' || type.startsWith('list<') || type === 'map' || type.startsWith('map<');
}

/** `check.cases[0].assert` for ['check', 'cases', 0, 'assert']. */
function fieldName(pointer: readonly (string | number)[]): string {
  return pointer.map((part, i) => (typeof part === 'number' ? `[${part}]` : i ? `.${part}` : part)).join('');
}

export function compileRule(rule: Rule): CompiledRule {
  const check = rule.check ?? { cases: [] };
  // A custom rule's errors name its file and the line of the field (rule.lineOf); a built-in rule's its origin.
  const where = (pointer: readonly (string | number)[]) => {
    const line = rule.lineOf?.(pointer);
    return `${rule.origin}${line ? `:${line}` : ''}: ${fieldName(pointer)}`;
  };
  const expr = (pointer: (string | number)[], text: string, expected: Expected = 'any'): Evaluator => {
    // Built-in rules are checked when cmlint is built and tested, so their expressions are parsed when first run:
    // a run parses only what the export needs (most lists are empty in most exports). Custom rules are parsed and
    // type-checked now, so that a rule that can only be wrong (an unknown function, a forEach that is not a list, an
    // assert that is not a boolean) is reported before anything is linted, once, instead of on every element.
    let parsed: ParsedExpression | undefined;
    const parse = () => {
      if (!parsed) {
        try {
          parsed = parseExpression(text);
        } catch (error) {
          throw new RuleLoadError(`${where(pointer)}: ${celErrorText(error)}`);
        }
      }
      return parsed!;
    };
    if (!rule.builtin) {
      const checked = parse().check?.();
      if (checked && !checked.valid) throw new RuleLoadError(`${where(pointer)}: ${celErrorText(checked.error)}`);
      if (checked && !typeFits(checked.type, expected)) {
        throw new RuleLoadError(
          `${where(pointer)}: gives ${checked.type}, where ${expected === 'list' ? 'a list' : 'a boolean'} is needed`,
        );
      }
    }
    // A variable, a chain of field names or a presence test of one (forEach: devices, requires:
    // hierarchy.hasNetworkDevices, requires: has(export.pki)) is read directly, without parsing; CEL runs only when a
    // step is missing or not a map, to give its own result or error.
    const has = HAS_PATH.exec(text);
    const path = has ? has[1]!.split('.') : PLAIN_PATH.test(text) ? text.trim().split('.') : undefined;
    const evaluator = path
      ? (context: Record<string, unknown>) => {
          const read = readPath(context, path, has !== null);
          return read ? read.value : parse()(context);
        }
      : (context: Record<string, unknown>) => parse()(context);
    let paths: FieldPath[] | undefined | null = null;
    let names: Set<string> | undefined;
    return Object.assign(evaluator, {
      itPaths: () => (paths === null ? (paths = fieldPathsOfIt(parse().ast)) : paths),
      names: () => (names ??= freeNames(parse().ast)),
    });
  };
  const ruleLetNames = new Set(Object.keys(check.let ?? {}));
  /**
   * A let's name that clashes with a name the rule's expressions read already is an error at the let's line. Checked
   * for custom rules; the built-in ones are checked when cmlint is tested (test/engine-speed.test.ts compiles them as
   * custom rules), which keeps the list of names off the start of every run.
   */
  const checkLetName = (pointer: (string | number)[], name: string, caseLets?: ReadonlyMap<string, unknown>) => {
    if (rule.builtin) return;
    const clash =
      letNameClash(name) ??
      (caseLets && ruleLetNames.has(name) ? 'is already a let of the rule (check.let)' : undefined);
    if (clash) throw new RuleLoadError(`${where(pointer)}: the name ${name} ${clash}; choose another name`);
  };
  /** A case's lets, in order, each checked and compiled; a custom rule's let may read only earlier ones. */
  const caseLets = (i: number, written: Record<string, string>): Map<string, Evaluator> => {
    const lets = new Map<string, Evaluator>();
    const names = Object.keys(written);
    names.forEach((name, at) => {
      const pointer = ['check', 'cases', i, 'let', name];
      checkLetName(pointer, name, lets);
      const value = throughLets(expr(pointer, written[name]!), lets);
      if (!rule.builtin) {
        const later = [...value.names()].find((n) => n === name || names.indexOf(n) > at);
        if (later) {
          throw new RuleLoadError(
            `${where(pointer)}: reads ${later === name ? 'itself' : `${later}, a let written after it`}; a case's let may read the rule's lets and the case's earlier ones`,
          );
        }
      }
      lets.set(name, value);
    });
    return lets;
  };
  const compileNow = (pointer: (string | number)[], text: string): Template => {
    try {
      return compileTemplate(text, !rule.builtin);
    } catch (error) {
      throw new RuleLoadError(`${where(pointer)}: ${celErrorText(error)}`);
    }
  };
  const template = (pointer: (string | number)[], text: string): Template => {
    if (!rule.builtin) return compileNow(pointer, text);
    // Messages of built-in rules are compiled when the first finding needs them.
    let compiled: Template | undefined;
    return { render: (context) => (compiled ??= compileNow(pointer, text)).render(context) };
  };
  return {
    rule,
    requires: (check.requires ?? []).map((r, i) => ({
      test: expr(['check', 'requires', i, 'expression'], r.expression, 'bool'),
      missing: r.missing,
    })),
    lets: Object.entries(check.let ?? {}).map(([name, text]) => {
      checkLetName(['check', 'let', name], name);
      return { name, text, value: expr(['check', 'let', name], text) };
    }),
    cases: check.cases.map((c, i) => {
      const field = (name: string) => ['check', 'cases', i, name];
      if (c.assert !== undefined && REPORTS_EVERY_ELEMENT.test(c.assert)) {
        throw new RuleLoadError(
          `${where(field('assert'))}: assert: 'false' reports every element in scope; write report: true instead (and no assert)`,
        );
      }
      if (c.report && (c.assert !== undefined || c.schema !== undefined)) {
        throw new RuleLoadError(
          `${where(field('report'))}: report: true reports every element in scope and takes no ${c.assert !== undefined ? 'assert' : 'schema'}; remove one of them`,
        );
      }
      const lets = caseLets(i, c.let ?? {});
      const letNames = new Set(lets.keys());
      /** An expression of the case that may read its lets: the fields of `it` it reads include those its lets read. */
      const caseExpr = (name: string, text: string, expected: Expected = 'any', pointer = field(name)) =>
        throughLets(expr(pointer, text, expected), lets);
      if (!rule.builtin && c.forEach) {
        const read = [...expr(field('forEach'), c.forEach).names()].find((n) => letNames.has(n));
        if (read)
          throw new RuleLoadError(
            `${where(field('forEach'))}: reads ${read}, a let of the case, which is computed for each element forEach gives; move it to check.let or compute it in where`,
          );
      }
      let schema: ValidateFunction | undefined;
      if (c.schema) {
        try {
          schemaCompiler ??= createAjv();
          schema = schemaCompiler.compile(c.schema);
        } catch (error) {
          throw new RuleLoadError(`${where(field('schema'))}: ${(error as Error).message}`);
        }
      }
      return {
        index: i,
        forEach: c.forEach ? expr(field('forEach'), c.forEach, 'list') : undefined,
        forEachText: c.forEach?.trim(),
        where: c.where ? caseExpr('where', c.where, 'bool') : undefined,
        guarded: c.where
          ? guardsOf(c.where, (text) => expr(field('where'), text), lets.size ? readThrough(lets, c.let!) : undefined)
          : undefined,
        assert: c.assert ? caseExpr('assert', c.assert, 'bool') : undefined,
        schema,
        report: c.report === true,
        at: c.at ? template(field('at'), c.at) : undefined,
        message: template(field('message'), c.message),
        expected: c.expected ? template(field('expected'), c.expected) : undefined,
        actual: c.actual ? template(field('actual'), c.actual) : undefined,
        severity: c.severity ?? rule.severity,
        versions: c.versions,
        related: c.related ? expr(field('related'), c.related) : undefined,
        lets: [...lets.entries()].map(([name, value]) => ({ name, text: c.let![name]!, value })),
      };
    }),
  };
}
