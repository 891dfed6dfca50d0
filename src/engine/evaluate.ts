/**
 * Runs compiled rules over a model. For each rule it tells the outcomes apart: failed (findings), passed (every
 * element it applies to was judged), and partly or not evaluated: some or all of those elements lack a fact the rule
 * needs (not stated, the site version unknown, or broken: a schema finding or a name that names nothing, whose own
 * finding is then the only one). The elements not judged are counted and the first few listed, with why.
 */
import { MAX_RELATED, type Pointer, type RawFinding, type RelatedLocation } from '../findings.js';
import type { Model } from '../model/build.js';
import { EVERY_FACT, NO_BROKEN_FACTS, type BrokenFacts } from '../model/broken-facts.js';
import { originOf } from '../model/pointers.js';
import { caseScope } from './case-lets.js';
import { withScope } from './cel-env.js';
import { budgetExceeded, endBudget, startBudget } from './cost-meter.js';
import type { CompiledCase, CompiledRule } from './compile.js';
import { classify, unionOfPaths, type Classes, type FieldPath } from './memo.js';
import { jsonPointer } from '../findings.js';
import { display } from './template.js';
import type { VersionTable } from '../versions/version-facts.js';

/** Lists at least this long have their elements sorted into classes first (memo.ts); shorter ones are not worth it. */
export const MEMO_MIN_ELEMENTS = 64;

/** Per evaluation: each long list's classes, by the forEach text that produced it. */
type ClassCache = Map<unknown[], Map<string, Classes>>;

export type RuleStatus = 'passed' | 'failed' | 'partly-evaluated' | 'not-evaluated';

/** An element a rule could not judge, and why (each fact it lacks). */
export interface SkippedElement {
  /** JSON pointer of the element in the export. */
  pointer: string;
  reasons: string[];
}

export interface RuleOutcome {
  status: RuleStatus;
  /** Why a rule was not (or only partly) evaluated, for the report. */
  reason?: string;
  /** Elements the rule judged with every fact it needs (each element once per case that applies to it). */
  checked?: number;
  /** Elements it applies to (as far as can be told) but could not judge. */
  skipped?: number;
  /** The first of those (at most MAX_LISTED), with why. */
  elements?: SkippedElement[];
}

/** Skipped elements listed per rule and file; the rest are counted. */
export const MAX_LISTED = 20;

const PASSED: RuleOutcome = Object.freeze({ status: 'passed' });
const FAILED: RuleOutcome = Object.freeze({ status: 'failed' });
const NOT_EVALUATED = new Map<string, RuleOutcome>();
/** Why a rule whose `let` values could not be computed on an export was not evaluated (a CML009 finding says more). */
const LET_FAILED_REASON = 'a value the rule computes once per export (check.let) could not be evaluated on this export';
/** Why a rule that depends on the site version was not evaluated. */
const UNKNOWN_VERSION_REASON = 'the export does not state the site version this rule depends on';

/**
 * A rule's outcome as one shared, frozen object per status and reason: every file has an outcome for every rule, and a
 * run over 1,000 files held 190,000 copies of a handful of objects.
 */
export function ruleOutcome(status: RuleStatus, reason?: string): RuleOutcome {
  if (status === 'passed') return PASSED;
  if (status === 'failed') return FAILED;
  const key = `${status}\u0000${reason ?? ''}`;
  let outcome = NOT_EVALUATED.get(key);
  if (!outcome) {
    // Reasons come from rule files (requires[].missing), so there are only as many as the rules have.
    outcome = Object.freeze(reason === undefined ? { status } : { status, reason });
    NOT_EVALUATED.set(key, outcome);
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
  /** The version facts of the run (built-in plus the config file's); the built-in table when absent. */
  versions?: VersionTable;
  /** Facts not to be trusted (src/model/broken-facts.ts): rules that need them do not judge their elements. */
  broken?: BrokenFacts;
}

/** What one rule did with the elements of its cases. */
class Tally {
  checked = 0;
  private readonly skippedElements = new Set<unknown>();
  readonly listed = new Map<unknown, SkippedElement>();
  readonly reasons = new Set<string>();

  get skipped(): number {
    return this.skippedElements.size;
  }

  skip(element: unknown, reasons: readonly string[]): void {
    for (const reason of reasons) if (this.reasons.size < MAX_LISTED) this.reasons.add(reason);
    this.skippedElements.add(element);
    const listed = this.listed.get(element);
    if (listed) {
      for (const reason of reasons) if (!listed.reasons.includes(reason)) listed.reasons.push(reason);
    } else if (this.listed.size < MAX_LISTED) {
      this.listed.set(element, { pointer: jsonPointer(originOf(element) ?? []), reasons: [...reasons] });
    }
  }
}

/** The outcome of a rule from its findings and tally. */
function outcomeOf(findings: number, tally: Tally): RuleOutcome {
  if (!tally.skipped) return findings > 0 ? FAILED : PASSED;
  const status: RuleStatus = findings > 0 ? 'failed' : tally.checked > 0 ? 'partly-evaluated' : 'not-evaluated';
  const reasons = [...tally.reasons];
  const reason =
    `${tally.skipped} element${tally.skipped === 1 ? '' : 's'} not judged for lack of facts` +
    (tally.checked ? ` (${tally.checked} judged)` : '') +
    `: ${reasons.slice(0, 3).join('; ')}${reasons.length > 3 ? '; ...' : ''}`;
  return { status, reason, checked: tally.checked, skipped: tally.skipped, elements: [...tally.listed.values()] };
}

export function evaluateRules(
  rules: CompiledRule[],
  model: Model,
  data: unknown,
  options: EvaluateOptions,
): EvaluationResult {
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
  const broken = options.broken ?? NO_BROKEN_FACTS;
  withScope({ model, asOf: options.asOf, versions: options.versions }, () => {
    for (const compiled of rules) {
      const id = compiled.rule.id;
      // Each rule has its own budget on this file (cost-meter.ts); past it, the rule is stopped here.
      // Built-in rules are cmlint's own code, reviewed and tested on large inputs: the budget bounds rule files from
      // elsewhere, and a degenerate but valid export (3,000 CMGs sharing one certificate) must not stop a built-in one.
      if (compiled.rule.builtin) startBudget(Infinity, Infinity);
      else startBudget();
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
        const shadowed = bindLets(compiled, context);
        if (budgetExceeded()) {
          if (!(shadowed instanceof Error)) for (const [name, value] of shadowed) context[name] = value;
          stopRule(compiled, findings, outcomes, first);
          continue;
        }
        if (shadowed instanceof Error) {
          findings.push(letError(id, shadowed));
          outcomes.set(id, ruleOutcome('not-evaluated', LET_FAILED_REASON));
          continue;
        }
        const tally = new Tally();
        try {
          for (const c of compiled.cases) {
            const result = runCase(compiled, c, context, model, data, rules, classCache, tally, broken);
            count += result.findings.length;
            for (const finding of result.findings) findings.push(finding); // not push(...): a large inventory can give more findings than arguments fit on the stack
            skippedForVersion ||= result.skippedForVersion;
            if (budgetExceeded()) break;
          }
        } finally {
          for (const [name, value] of shadowed) context[name] = value;
        }
        if (budgetExceeded()) {
          stopRule(compiled, findings, outcomes, first);
          continue;
        }
        outcomes.set(id, outcomeOf(count, tally));
        if (skippedForVersion) versionUnknown.push(id);
      } finally {
        endBudget();
      }
    }
  });
  return { findings: dedupe(findings), outcomes, versionUnknown };
}

/**
 * Computes a rule's `let` values once for this export and puts them in the context; returns what they shadowed, to
 * put back after the rule, or the error of the first that failed (everything bound so far is put back then).
 */
function bindLets(compiled: CompiledRule, context: Record<string, unknown>): Map<string, unknown> | Error {
  const shadowed = new Map<string, unknown>();
  for (const { name, value } of compiled.lets) {
    if (!shadowed.has(name)) shadowed.set(name, context[name]);
    try {
      context[name] = value(context);
    } catch (error) {
      for (const [key, previous] of shadowed) context[key] = previous;
      return new Error(`let ${name}: ${error instanceof Error ? error.message.split('\n')[0] : display(error)}`);
    }
  }
  return shadowed;
}

function letError(ruleId: string, error: Error): RawFinding {
  return {
    ruleId: 'CML009',
    severity: 'error',
    message: `Rule ${ruleId} could not be evaluated: ${error.message}. This is a fault in the rule, not in the export.`,
    pointer: [],
  };
}

/**
 * A rule that spent its budget on this file: whatever it found before is dropped (it is incomplete, and the errors the
 * budget raised in it are not the rule's), and one CML009 at the top of the file names the rule file instead.
 */
function stopRule(
  compiled: CompiledRule,
  findings: RawFinding[],
  outcomes: Map<string, RuleOutcome>,
  first: number,
): void {
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
  tally: Tally,
  broken: BrokenFacts,
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
  // A case's lets are read through a scope over the context, per element (case-lets.ts); `it` is still set on the
  // context, which the scope reads through.
  const scope = c.lets.length ? caseScope(c.lets, context) : context;
  if (c.schema) {
    runSchemaCase(rule.id, c, c.schema, context, scope, elements, model, data, findings, tally);
    return { findings, skippedForVersion: tally.reasons.has(UNKNOWN_VERSION_REASON) };
  }
  // Where the element is in the export (originOf) is worked out only for elements that get a finding or are skipped.
  const apply = (outcome: Outcome, element: unknown) => {
    if (outcome === SKIP) return;
    if (outcome === PASS) {
      tally.checked++;
      return;
    }
    if (outcome === VERSION_UNKNOWN) {
      skippedForVersion = true;
      tally.skip(element, [UNKNOWN_VERSION_REASON]);
      return;
    }
    if (typeof outcome === 'object' && 'missing' in outcome) {
      tally.skip(element, outcome.missing);
      return;
    }
    if (outcome === FINDING) {
      tally.checked++;
      try {
        findings.push(makeFinding(rule.id, c, scope, originOf(element) ?? [], false));
        return;
      } catch (error) {
        outcome = { error };
      }
    }
    findings.push(evaluationError(rule.id, c, (outcome as { error: unknown }).error, originOf(element) ?? []));
  };
  // On a long list, the outcome is decided once per class of alike elements (memo.ts); findings stay per element.
  const classes =
    elements.length >= MEMO_MIN_ELEMENTS && c.forEachText !== undefined && memoisable(c)
      ? classesOf(elements, c.forEachText, rules, classCache)
      : undefined;
  // An element with a broken fact the case reads is decided on its own, never by (or for) its class.
  const brokenRead = broken.size ? brokenReader(c, broken, model) : undefined;
  if (classes) {
    const outcomes: (Outcome | undefined)[] = new Array(classes.count);
    // Whether `where` holds, per class, for elements whose broken fact is read only by `assert`.
    const whereHolds: (boolean | undefined)[] = brokenRead ? new Array(classes.count) : [];
    for (let index = 0; index < elements.length; index++) {
      if (budgetExceeded()) break;
      const element = elements[index];
      const cls = classes.of[index]!;
      if (brokenRead) {
        const broken = brokenRead(element);
        if (broken) {
          context.it = element;
          if ('after' in broken) {
            whereHolds[cls] ??= whereHoldsFor(c, scope);
            apply(whereHolds[cls] ? { missing: [broken.after] } : SKIP, element);
          } else apply(broken, element);
          continue;
        }
      }
      let outcome = outcomes[cls];
      if (outcome === SKIP) continue;
      context.it = element;
      if (outcome === undefined) outcome = outcomes[cls] = decide(c, scope, element, model);
      apply(outcome, element);
    }
  } else {
    for (const element of elements) {
      if (budgetExceeded()) break;
      context.it = element;
      const broken = brokenRead?.(element);
      if (!broken) apply(decide(c, scope, element, model), element);
      else if ('after' in broken) apply(whereHoldsFor(c, scope) ? { missing: [broken.after] } : SKIP, element);
      else apply(broken, element);
    }
  }
  context.it = undefined;
  return { findings, skippedForVersion };
}

type Outcome = typeof SKIP | typeof VERSION_UNKNOWN | typeof FINDING | typeof PASS | { error: unknown } | NotJudged;
/** The case does not apply to the element. */
const SKIP = 0;
const VERSION_UNKNOWN = 1;
const FINDING = 2;
/** The element was judged and is fine. */
const PASS = 3;
/** The case applies (as far as can be told) but a fact it needs is missing or broken. */
interface NotJudged {
  missing: string[];
}

/** What becomes of one element (context.it) in a case without a schema. */
function decide(c: CompiledCase, context: Record<string, unknown>, element: unknown, model: Model): Outcome {
  try {
    if (c.versions) {
      const version = versionOf(element, model);
      if (version === undefined) return !c.where || c.where(context) === true ? VERSION_UNKNOWN : SKIP;
      if (c.versions.from !== undefined && version < BigInt(c.versions.from)) return SKIP;
      if (c.versions.before !== undefined && version >= BigInt(c.versions.before)) return SKIP;
    }
    if (c.where && c.where(context) !== true) return c.guarded ? missingFacts(c.guarded, context, element) : SKIP;
    if (c.report || !c.assert) return FINDING;
    const holds = c.assert(context);
    if (typeof holds !== 'boolean') throw new Error(`assert gave ${describeValue(holds)}, not a boolean`);
    return holds ? PASS : FINDING;
  } catch (error) {
    return { error };
  }
}

/**
 * Why a `where` that is false skipped the element: a fact guard that failed, with every other condition that does not
 * read the missing fact holding, means the element lacks a fact (fact-guards.ts); anything else, that it is out of
 * scope.
 */
function missingFacts(
  guarded: NonNullable<CompiledCase['guarded']>,
  context: Record<string, unknown>,
  element: unknown,
): Outcome {
  const failed = guarded.guards.filter((g) => !hasPath(element, g.path));
  if (!failed.length) return SKIP;
  for (let i = 0; i < guarded.conditions.length; i++) {
    if (failed.some((g) => g.index === i || g.readBy.includes(i))) continue; // cannot be told without the missing fact
    let holds: unknown;
    try {
      holds = guarded.conditions[i]!(context);
    } catch {
      holds = false;
    }
    if (holds !== true) return SKIP;
  }
  return { missing: failed.map((g) => `${g.fact} is not stated`) };
}

function hasPath(element: unknown, path: readonly string[]): boolean {
  let value = element;
  for (const step of path) {
    if (value === null || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, step)) return false;
    value = (value as Record<string, unknown>)[step];
    if (value === undefined || value === null) return false;
  }
  return true;
}

/** Paths an expression reads of `it`; undefined when it reads `it` whole (or does not parse). */
function pathsOf(expression: CompiledCase['where']): FieldPath[] | undefined {
  if (!expression) return [];
  try {
    return expression.itPaths();
  } catch {
    return undefined;
  }
}

/**
 * For a case and the file's broken facts: whether an element is not to be judged because the case reads a broken
 * fact of it (or of an element it links to). A broken fact in `where` leaves the element unjudged; one only in
 * `assert` (`after`) does so when `where` holds, which the caller decides (per class of alike elements when it can).
 */
function brokenReader(
  c: CompiledCase,
  broken: BrokenFacts,
  model: Model,
): (element: unknown) => NotJudged | { after: string } | undefined {
  let wherePaths: FieldPath[] | undefined | null = null;
  let assertPaths: FieldPath[] | undefined | null = null;
  // A path none of whose steps is broken anywhere in the file needs no walk (most cases, in most files).
  const relevant = (paths: FieldPath[] | undefined) =>
    paths === undefined || broken.names.has(EVERY_FACT)
      ? paths
      : paths.filter((path) => path.some((step) => broken.names.has(step)));
  const versionBroken = c.versions !== undefined && broken.names.has('version');
  return (element) => {
    // A version gate reads the element's site version (versionOf): a broken one (a schema or version finding on
    // the Version of its site, or of the top-tier site it falls back to) gates nothing.
    const version = versionBroken ? brokenVersion(element, model, broken) : undefined;
    if (version) return { missing: [version] };
    wherePaths = wherePaths === null ? relevant(pathsOf(c.where)) : wherePaths;
    if (wherePaths?.length !== 0) {
      const before = brokenAlong(element, wherePaths, broken);
      if (before) return { missing: [before] };
    }
    assertPaths = assertPaths === null ? relevant(c.report ? [] : pathsOf(c.assert)) : assertPaths;
    if (assertPaths?.length === 0) return undefined;
    const after = brokenAlong(element, assertPaths, broken);
    return after ? { after } : undefined;
  };
}

/** Why the site version a version gate would read for the element is broken, if it is. */
function brokenVersion(element: unknown, model: Model, broken: BrokenFacts): string | undefined {
  const own = broken.of(element)?.get('version');
  if (own) return own;
  const record = element as Record<string, unknown> | null;
  const site = (record?.site ?? (record?.population as Record<string, unknown> | undefined)?.site) as
    Record<string, unknown> | undefined;
  const ofSite = site ? broken.of(site)?.get('version') : undefined;
  if (ofSite) return ofSite;
  // Without a site that states its Version, the element runs the hierarchy's version: the top-tier site's.
  const top = model.hierarchy.topSite as Record<string, unknown> | undefined;
  return top && (!site || site.Version === undefined) ? broken.of(top)?.get('version') : undefined;
}

/** Whether the case applies to context.it (its `where` holds); an error counts as not applying. */
function whereHoldsFor(c: CompiledCase, context: Record<string, unknown>): boolean {
  try {
    return !c.where || c.where(context) === true;
  } catch {
    return false;
  }
}

/** The first broken fact on the paths (through linked elements), or any of the element's own when paths is unknown. */
function brokenAlong(element: unknown, paths: FieldPath[] | undefined, broken: BrokenFacts): string | undefined {
  if (paths === undefined) {
    const own = broken.of(element);
    return own ? own.values().next().value : undefined;
  }
  for (const path of paths) {
    let value = element;
    for (const step of path) {
      const facts = broken.of(value);
      const reason = facts && (facts.get(step) ?? facts.get(EVERY_FACT));
      if (reason) return reason;
      if (value === null || typeof value !== 'object') break;
      value = (value as Record<string, unknown>)[step];
    }
  }
  return undefined;
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
  scope: Record<string, unknown>,
  elements: unknown[],
  model: Model,
  data: unknown,
  findings: RawFinding[],
  tally: Tally,
): void {
  for (const element of elements) {
    if (budgetExceeded()) break;
    context.it = element;
    try {
      if (c.versions) {
        const version = versionOf(element, model);
        if (version === undefined) {
          if (!c.where || c.where(scope) === true) tally.skip(element, [UNKNOWN_VERSION_REASON]);
          continue;
        }
        if (c.versions.from !== undefined && version < BigInt(c.versions.from)) continue;
        if (c.versions.before !== undefined && version >= BigInt(c.versions.before)) continue;
      }
      if (c.where && c.where(scope) !== true) continue;
      const origin = originOf(element) ?? [];
      const raw = valueAt(data, origin);
      tally.checked++;
      if (!schema(raw)) {
        for (const error of schema.errors ?? []) {
          const sub = error.instancePath.split('/').slice(1).map(pointerPart);
          context.schemaError = `${error.instancePath ? error.instancePath.slice(1) + ' ' : ''}${error.message ?? 'is invalid'}`;
          findings.push(makeFinding(ruleId, c, scope, [...origin, ...sub], c.at === undefined));
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
function classesOf(
  elements: unknown[],
  forEachText: string,
  rules: CompiledRule[],
  cache: ClassCache,
): Classes | undefined {
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

function makeFinding(
  ruleId: string,
  c: CompiledCase,
  context: Record<string, unknown>,
  origin: Pointer,
  exact: boolean,
): RawFinding {
  const pointer = c.at && !exact ? resolveAt(origin, c.at.render(context)) : origin;
  const finding: RawFinding = { ruleId, severity: c.severity, message: c.message.render(context), pointer };
  if (c.expected) finding.expected = c.expected.render(context);
  if (c.actual) finding.actual = c.actual.render(context);
  if (c.related) {
    const related = relatedPointers(c.related(context));
    if (related.length) finding.related = related;
  }
  return finding;
}

/** Where the elements a case's `related` names are in the export: the first few, never the finding's own element. */
function relatedPointers(value: unknown): RelatedLocation[] {
  const elements = Array.isArray(value) ? value : value && typeof value === 'object' ? [value] : [];
  const related: RelatedLocation[] = [];
  for (const element of elements) {
    if (related.length === MAX_RELATED) break;
    const origin = element && typeof element === 'object' ? originOf(element) : undefined;
    if (origin) related.push({ pointer: origin });
  }
  return related;
}

function resolveAt(origin: Pointer, at: string): Pointer {
  const absolute = at.startsWith('/');
  const parts = at
    .split('/')
    .filter((p) => p !== '')
    .map(pointerPart);
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
    node = Object.prototype.hasOwnProperty.call(node, part)
      ? (node as Record<string, unknown>)[part as string]
      : undefined;
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
