/**
 * Runs compiled rules over a model. For each rule it tells three outcomes apart: failed (findings),
 * passed, and not evaluated (the export lacks a fact the rule needs, such as the site version).
 */
import type { Pointer, RawFinding } from '../findings.js';
import type { Model } from '../model/build.js';
import { originOf } from '../model/pointers.js';
import { withScope } from './cel-env.js';
import { budgetExceeded, endBudget, startBudget } from './cost-meter.js';
import type { CompiledCase, CompiledRule } from './compile.js';
import { classify, unionOfPaths, type Classes, type FieldPath } from './memo.js';
import { display } from './template.js';

/** Lists at least this long have their elements sorted into classes first (memo.ts); shorter ones are not worth it. */
export const MEMO_MIN_ELEMENTS = 64;

/** Per evaluation: each long list's classes, by the forEach text that produced it. */
type ClassCache = Map<unknown[], Map<string, Classes>>;

export type RuleStatus = 'passed' | 'failed' | 'not-evaluated';

export interface RuleOutcome {
  status: RuleStatus;
  /** Why a rule was not evaluated, for the report. */
  reason?: string;
}

const PASSED: RuleOutcome = Object.freeze({ status: 'passed' });
const FAILED: RuleOutcome = Object.freeze({ status: 'failed' });
const NOT_EVALUATED = new Map<string | undefined, RuleOutcome>();
/** Why a rule that depends on the site version was not evaluated. */
const UNKNOWN_VERSION_REASON = 'the export does not state the site version this rule depends on';

/**
 * A rule's outcome as one shared, frozen object per status and reason: every file has an outcome for every rule, and a
 * run over 1,000 files held 190,000 copies of a handful of objects.
 */
export function ruleOutcome(status: RuleStatus, reason?: string): RuleOutcome {
  if (status === 'passed') return PASSED;
  if (status === 'failed') return FAILED;
  let outcome = NOT_EVALUATED.get(reason);
  if (!outcome) {
    // Reasons come from rule files (requires[].missing), so there are only as many as the rules have.
    outcome = Object.freeze(reason === undefined ? { status } : { status, reason });
    NOT_EVALUATED.set(reason, outcome);
  }
  return outcome;
}

export interface EvaluationResult {
  findings: RawFinding[];
  outcomes: Map<string, RuleOutcome>;
  /** Rules skipped somewhere because the site version was unknown. */
  versionUnknown: string[];
}

export interface EvaluateOptions {
  asOf: string;
}

export function evaluateRules(rules: CompiledRule[], model: Model, data: unknown, options: EvaluateOptions): EvaluationResult {
  const findings: RawFinding[] = [];
  const outcomes = new Map<string, RuleOutcome>();
  const versionUnknown: string[] = [];
  // One context for every rule: CEL only reads it. `it` (the element a case looks at) and `schemaError` have their
  // slots from the start and are cleared with undefined, which CEL takes as absent ("Unknown variable"), as it does a
  // missing key: adding and deleting them for every element made V8 turn the object into a slow dictionary, and cost
  // a fifth of a small export's lint.
  const context: Record<string, unknown> = {
    ...model,
    hierarchy: model.hierarchy,
    export: model.export,
    it: undefined,
    schemaError: undefined,
  };
  const classCache: ClassCache = new Map();
  withScope({ model, asOf: options.asOf }, () => {
    for (const compiled of rules) {
      const id = compiled.rule.id;
      // Each rule has its own budget on this file (cost-meter.ts); past it, the rule is stopped here.
      startBudget();
      try {
        const missing = compiled.requires.find((r) => !safeBool(r.test, context));
        if (budgetExceeded()) {
          stopRule(compiled, findings, outcomes, 0);
          continue;
        }
        if (missing) {
          outcomes.set(id, ruleOutcome('not-evaluated', missing.missing));
          continue;
        }
        const first = findings.length;
        let count = 0;
        let skippedForVersion = false;
        for (const c of compiled.cases) {
          const result = runCase(compiled, c, context, model, data, rules, classCache);
          count += result.findings.length;
          for (const finding of result.findings) findings.push(finding); // not push(...): a large inventory can give more findings than arguments fit on the stack
          skippedForVersion ||= result.skippedForVersion;
          if (budgetExceeded()) break;
        }
        if (budgetExceeded()) {
          stopRule(compiled, findings, outcomes, first);
          continue;
        }
        outcomes.set(id, count > 0 ? FAILED : skippedForVersion ? ruleOutcome('not-evaluated', UNKNOWN_VERSION_REASON) : PASSED);
        if (skippedForVersion) versionUnknown.push(id);
      } finally {
        endBudget();
      }
    }
  });
  return { findings: dedupe(findings), outcomes, versionUnknown };
}

/**
 * A rule that spent its budget on this file: whatever it found before is dropped (it is incomplete, and the errors the
 * budget raised in it are not the rule's), and one CML009 at the top of the file names the rule file instead.
 */
function stopRule(compiled: CompiledRule, findings: RawFinding[], outcomes: Map<string, RuleOutcome>, first: number): void {
  const rule = compiled.rule;
  findings.length = first;
  findings.push({
    ruleId: 'CML009',
    severity: 'error',
    message: `Rule ${rule.id} (${rule.builtin ? 'built in' : rule.origin}) was stopped on this file: ${budgetExceeded()}, the budget of one rule on one file. This is a fault in the rule, not in the export.`,
    pointer: [],
  });
  outcomes.set(rule.id, ruleOutcome('not-evaluated', `stopped: ${budgetExceeded()}`));
}

function runCase(
  compiled: CompiledRule,
  c: CompiledCase,
  context: Record<string, unknown>,
  model: Model,
  data: unknown,
  rules: CompiledRule[],
  classCache: ClassCache,
) {
  const findings: RawFinding[] = [];
  let skippedForVersion = false;
  const rule = compiled.rule;
  let elements: unknown[];
  try {
    elements = c.forEach ? toList(c.forEach(context)) : [model.hierarchy];
  } catch (error) {
    findings.push(evaluationError(rule.id, c, error, []));
    return { findings, skippedForVersion };
  }
  if (c.schema) {
    runSchemaCase(rule.id, c, c.schema, context, elements, model, data, findings, (skipped) => (skippedForVersion ||= skipped));
    return { findings, skippedForVersion };
  }
  // Where the element is in the export (originOf) is worked out only for elements that get a finding.
  const apply = (outcome: Outcome, element: unknown) => {
    if (outcome === SKIP) return;
    if (outcome === VERSION_UNKNOWN) {
      skippedForVersion = true;
      return;
    }
    if (outcome === FINDING) {
      try {
        findings.push(makeFinding(rule.id, c, context, originOf(element) ?? [], false));
        return;
      } catch (error) {
        outcome = { error };
      }
    }
    findings.push(evaluationError(rule.id, c, (outcome as { error: unknown }).error, originOf(element) ?? []));
  };
  // On a long list, the outcome is decided once per class of alike elements (memo.ts); findings stay per element.
  const classes = elements.length >= MEMO_MIN_ELEMENTS && c.forEachText !== undefined && memoisable(c) ? classesOf(elements, c.forEachText, rules, classCache) : undefined;
  if (classes) {
    const outcomes: (Outcome | undefined)[] = new Array(classes.count);
    for (let index = 0; index < elements.length; index++) {
      if (budgetExceeded()) break;
      const element = elements[index];
      const cls = classes.of[index]!;
      let outcome = outcomes[cls];
      if (outcome === SKIP) continue;
      context.it = element;
      if (outcome === undefined) outcome = outcomes[cls] = decide(c, context, element, model);
      apply(outcome, element);
    }
  } else {
    for (const element of elements) {
      if (budgetExceeded()) break;
      context.it = element;
      apply(decide(c, context, element, model), element);
    }
  }
  context.it = undefined;
  return { findings, skippedForVersion };
}

type Outcome = typeof SKIP | typeof VERSION_UNKNOWN | typeof FINDING | { error: unknown };
const SKIP = 0;
const VERSION_UNKNOWN = 1;
const FINDING = 2;

/** What becomes of one element (context.it) in a case without a schema. */
function decide(c: CompiledCase, context: Record<string, unknown>, element: unknown, model: Model): Outcome {
  try {
    if (c.versions) {
      const version = versionOf(element, model);
      if (version === undefined) return !c.where || c.where(context) === true ? VERSION_UNKNOWN : SKIP;
      if (c.versions.from !== undefined && version < BigInt(c.versions.from)) return SKIP;
      if (c.versions.before !== undefined && version >= BigInt(c.versions.before)) return SKIP;
    }
    if (c.where && c.where(context) !== true) return SKIP;
    if (c.report || !c.assert) return FINDING;
    const holds = c.assert(context);
    if (typeof holds !== 'boolean') throw new Error(`assert gave ${describeValue(holds)}, not a boolean`);
    return holds ? SKIP : FINDING;
  } catch (error) {
    return { error };
  }
}

/** A case whose outcome depends on `it` only through field selections (and its version), so classes can be used. */
function memoisable(c: CompiledCase): boolean {
  try {
    return (!c.where || c.where.itPaths() !== undefined) && (c.report || !c.assert || c.assert.itPaths() !== undefined);
  } catch {
    return false; // an expression that does not parse runs per element and reports its error there
  }
}

function runSchemaCase(
  ruleId: string,
  c: CompiledCase,
  schema: NonNullable<CompiledCase['schema']>,
  context: Record<string, unknown>,
  elements: unknown[],
  model: Model,
  data: unknown,
  findings: RawFinding[],
  versionUnknown: (skipped: boolean) => void,
): void {
  for (const element of elements) {
    if (budgetExceeded()) break;
    context.it = element;
    try {
      if (c.versions) {
        const version = versionOf(element, model);
        if (version === undefined) {
          if (!c.where || c.where(context) === true) versionUnknown(true);
          continue;
        }
        if (c.versions.from !== undefined && version < BigInt(c.versions.from)) continue;
        if (c.versions.before !== undefined && version >= BigInt(c.versions.before)) continue;
      }
      if (c.where && c.where(context) !== true) continue;
      const origin = originOf(element) ?? [];
      const raw = valueAt(data, origin);
      if (!schema(raw)) {
        for (const error of schema.errors ?? []) {
          const sub = error.instancePath.split('/').slice(1).map(pointerPart);
          context.schemaError = `${error.instancePath ? error.instancePath.slice(1) + ' ' : ''}${error.message ?? 'is invalid'}`;
          findings.push(makeFinding(ruleId, c, context, [...origin, ...sub], c.at === undefined));
        }
        context.schemaError = undefined;
      }
    } catch (error) {
      findings.push(evaluationError(ruleId, c, error, originOf(element) ?? []));
    }
  }
  context.it = undefined;
}

/**
 * The classes of a long list's elements by every field that the cases over the same list (same forEach text) read
 * in where and assert, computed once per list and shared by those cases. Undefined when no case can use them.
 */
function classesOf(elements: unknown[], forEachText: string, rules: CompiledRule[], cache: ClassCache): Classes | undefined {
  let byText = cache.get(elements);
  if (!byText) {
    byText = new Map();
    cache.set(elements, byText);
  }
  if (byText.has(forEachText)) return byText.get(forEachText);
  const paths: FieldPath[][] = [];
  for (const compiled of rules) {
    for (const other of compiled.cases) {
      if (other.forEachText !== forEachText || other.schema) continue;
      for (const expression of [other.where, other.assert]) {
        let found: FieldPath[] | undefined;
        try {
          found = expression?.itPaths();
        } catch {
          found = undefined; // an expression that does not parse runs per element and reports its error there
        }
        if (found) paths.push(found);
      }
    }
  }
  // versions: reads the element's own version (versionOf), so it is one more path that decides an outcome.
  paths.push([['version']]);
  const classes = classify(elements, unionOfPaths(paths));
  byText.set(forEachText, classes as Classes);
  return classes;
}

function makeFinding(ruleId: string, c: CompiledCase, context: Record<string, unknown>, origin: Pointer, exact: boolean): RawFinding {
  const pointer = c.at && !exact ? resolveAt(origin, c.at.render(context)) : origin;
  const finding: RawFinding = { ruleId, severity: c.severity, message: c.message.render(context), pointer };
  if (c.expected) finding.expected = c.expected.render(context);
  if (c.actual) finding.actual = c.actual.render(context);
  return finding;
}

function resolveAt(origin: Pointer, at: string): Pointer {
  const absolute = at.startsWith('/');
  const parts = at.split('/').filter((p) => p !== '').map(pointerPart);
  return absolute ? parts : [...origin, ...parts];
}

function pointerPart(part: string): string | number {
  const decoded = part.replace(/~1/g, '/').replace(/~0/g, '~');
  return /^(0|[1-9][0-9]*)$/.test(decoded) ? Number(decoded) : decoded;
}

function versionOf(element: unknown, model: Model): bigint | undefined {
  const own = (element as Record<string, unknown>)?.version;
  if (typeof own === 'bigint') return own;
  const overall = model.hierarchy.version;
  return typeof overall === 'bigint' ? overall : undefined;
}

function toList(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (value && typeof value === 'object') return [value];
  if (value === undefined || value === null) return [];
  // A string, number or boolean is nothing to check: a fault in the rule, which must not pass as "nothing found".
  throw new Error(`forEach gave ${describeValue(value)}, not a list`);
}

/** A value's kind for a message about a rule: never the value itself, which comes from the export. */
function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'bigint' || typeof value === 'number') return 'a number';
  return typeof value === 'object' ? 'a map' : `a ${typeof value}`;
}

function safeBool(test: (context: Record<string, unknown>) => unknown, context: Record<string, unknown>): boolean {
  try {
    return test(context) === true;
  } catch {
    return false;
  }
}

function evaluationError(ruleId: string, c: CompiledCase, error: unknown, origin: Pointer): RawFinding {
  const reason = error instanceof Error ? error.message.split('\n')[0] : display(error);
  return {
    ruleId: 'CML009',
    severity: 'error',
    message: `Rule ${ruleId} (case ${c.index + 1}) could not be evaluated here: ${reason}. This is a fault in the rule, not in the export.`,
    pointer: origin,
  };
}

export function valueAt(data: unknown, pointer: Pointer): unknown {
  let node = data;
  for (const part of pointer) {
    if (node === null || typeof node !== 'object') return undefined;
    node = Object.prototype.hasOwnProperty.call(node, part) ? (node as Record<string, unknown>)[part as string] : undefined;
  }
  return node;
}

function dedupe(findings: RawFinding[]): RawFinding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.ruleId}\u0000${(f.pointer ?? []).join('\u0000')}\u0000${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
