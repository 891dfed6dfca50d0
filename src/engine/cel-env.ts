/**
 * The CEL environment rules are evaluated in: standard CEL plus a few pure helper functions.
 * CEL cannot loop unboundedly, call out, or change anything, which is why rules from anyone can be loaded safely.
 */
import { Environment } from '@marcbachmann/cel-js';
import { hostMatches, lower } from '../model/facts.js';
import { connectionAllows, type Model } from '../model/build.js';
import { originOf } from '../model/pointers.js';
import { BUILT_IN_VERSIONS, isCurrentBranchVersion, type VersionTable } from '../versions/version-facts.js';
import { linearPattern } from '../validate/linear-regexp.js';
import { chargeSteps, markSizedOperands, meterEvaluator, type CelNode } from './cost-meter.js';

export interface EvaluationScope {
  model: Model;
  /** The run's date (--as-of), YYYY-MM-DD. */
  asOf: string;
  /** The version facts of the run: the built-in table plus the config file's `versions`. */
  versions?: VersionTable;
}

let current: EvaluationScope | undefined;

/** Functions that need the model (reachable) read it from the scope set for the evaluation in progress. */
export function withScope<T>(scope: EvaluationScope, run: () => T): T {
  const previous = current;
  current = scope;
  try {
    return run();
  } finally {
    current = previous;
  }
}

function scope(): EvaluationScope {
  if (!current) throw new Error('CEL helper called outside an evaluation');
  return current;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function dateValue(text: string): number {
  const day = text.slice(0, 10);
  const time = Date.parse(`${day}T00:00:00Z`);
  // Date.parse takes 2026-02-30 as 2 March: only a day that reads back the same is a calendar date.
  if (Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== day)
    throw new Error(`not a calendar date: ${day}`);
  return time;
}

function versions(): VersionTable {
  return scope().versions ?? BUILT_IN_VERSIONS;
}

function groupBy(items: unknown[], keys: unknown[]): Map<unknown, unknown[]> {
  if (items.length !== keys.length) throw new Error(`groupBy: ${items.length} elements but ${keys.length} keys`);
  const groups = new Map<unknown, unknown[]>();
  for (let i = 0; i < items.length; i++) {
    const list = groups.get(keys[i]);
    if (list) list.push(items[i]);
    else groups.set(keys[i], [items[i]]);
  }
  return groups;
}

/** Document order of two model elements, by where they are in the export. */
function precedes(a: unknown, b: unknown): boolean {
  const x = originOf(a);
  const y = originOf(b);
  if (!x || !y) return false;
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i]!;
    const q = y[i]!;
    if (p === q) continue;
    if (typeof p === 'number' && typeof q === 'number') return p < q;
    // Keys of one mapping: the order they are written in (a parsed mapping keeps it), as a reader of the file sees them.
    const keys = Object.keys(containerAt(scope().model.export, x.slice(0, i)) ?? {});
    const a = keys.indexOf(String(p));
    const b = keys.indexOf(String(q));
    return a >= 0 && b >= 0 ? a < b : String(p) < String(q);
  }
  return x.length < y.length;
}

function containerAt(root: unknown, path: readonly (string | number)[]): object | undefined {
  let node = root;
  for (const part of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part as string];
  }
  return node !== null && typeof node === 'object' ? node : undefined;
}

function before(items: unknown[], element: unknown): unknown[] {
  const index = items.indexOf(element);
  if (index >= 0) return items.slice(0, index);
  const earlier: unknown[] = [];
  for (const item of items) if (precedes(item, element)) earlier.push(item);
  return earlier;
}

function summarize(shown: unknown[], total: number): string {
  if (!shown.length) return '(none)'; // as a message shows an empty list
  const names = shown.map(String).join(', ');
  return total > shown.length ? `${names} and ${total - shown.length} more` : names;
}

function listSome(names: unknown[], max: number): string {
  if (!names.length) return '(none)';
  const shown = names.slice(0, Math.max(1, max)).map(String);
  const more = names.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}

let environment: Environment | undefined;

/**
 * A helper's documentation, kept with its registration: one line of meaning and its parameters' names. The table of
 * helpers in docs/rule-authoring.md is generated from these (src/generate/model-files.ts, `npm run generate`).
 */
function doc(description: string, ...names: string[]): { description: string; params: { name: string }[] } {
  return { description, params: names.map((name) => ({ name })) };
}

export function celEnvironment(): Environment {
  if (environment) return environment;
  environment = new Environment({
    unlistedVariablesAreDyn: true,
    enableOptionalTypes: true,
    homogeneousAggregateLiterals: false,
    limits: { maxAstNodes: 5000, maxDepth: 100, maxListElements: 1000, maxMapEntries: 1000, maxCallArguments: 16 },
  })
    .registerFunction(
      'reachable(string, string, int): bool',
      (from: string, to: string, port: bigint) => connectionAllows(scope().model, from, to, port),
      doc(
        'network.connections let `from` (a server name, a population name or `Internet`) open a connection to `to` (a host, where patterns such as `*.blob.core.windows.net` in the export match; a CMG name; or `Azure`) on `port`.',
        'from',
        'to',
        'port',
      ),
    )
    .registerFunction(
      'reachableRange(string, string, int, int): bool',
      (from: string, to: string, start: bigint, count: bigint) => {
        // Each port costs a step of the rule's budget (cost-meter.ts): a count from a rule file can be 2^63.
        for (let port = start; port < start + count; port++) {
          chargeSteps(1);
          if (!connectionAllows(scope().model, from, to, port)) return false;
        }
        return true;
      },
      doc(
        'Every port from `start` to `start + count - 1` is reachable from `from` to `to`.',
        'from',
        'to',
        'start',
        'count',
      ),
    )
    .registerFunction(
      'ceilDiv(int, int): int',
      (a: bigint, b: bigint) => (b === 0n ? 0n : (a + b - 1n) / b),
      doc('Integer division rounded up (0 when `b` is 0).', 'a', 'b'),
    )
    .registerFunction('lower(string): string', (text: string) => lower(text), doc('The text in lower case.', 'text'))
    .registerFunction(
      'hostMatches(string, string): bool',
      (pattern: string, host: string) => hostMatches(pattern, host),
      doc('The host equals the pattern, or matches a `*.` wildcard pattern.', 'pattern', 'host'),
    )
    .registerFunction(
      'daysUntil(string): int',
      (date: string) => BigInt(Math.floor((dateValue(date) - dateValue(scope().asOf)) / DAY_MS)),
      doc(
        'Whole days from the run date (--as-of, default today) to `date` (YYYY-MM-DD); negative when it is past.',
        'date',
      ),
    )
    .registerFunction('asOf(): string', () => scope().asOf, doc('The run date, YYYY-MM-DD.'))
    .registerFunction(
      'groupBy(list, list): map',
      (items: unknown[], keys: unknown[]) => groupBy(items, keys),
      doc(
        "A map from each key to the elements of `items` with that key (`keys[i]` is the key of `items[i]`), in list order. Computed in a rule's `let`, it makes comparing each element with the others linear.",
        'items',
        'keys',
      ),
    )
    .registerFunction(
      'group(map, dyn): list',
      (groups: Map<unknown, unknown[]>, key: unknown) => (groups instanceof Map ? (groups.get(key) ?? []) : []),
      doc('The elements under `key` in a map made by groupBy; an empty list when there are none.', 'groups', 'key'),
    )
    .registerFunction(
      'same(dyn, dyn): bool',
      (a: unknown, b: unknown) => a === b,
      doc(
        'The two values are the same element of the model (not merely equal): to leave an element out of its own group.',
        'a',
        'b',
      ),
    )
    .registerFunction(
      'precedes(dyn, dyn): bool',
      (a: unknown, b: unknown) => precedes(a, b),
      doc(
        'Element `a` comes before element `b` in the export: of two elements in the same problem, the later one is the one to change.',
        'a',
        'b',
      ),
    )
    .registerFunction(
      'before(list, dyn): list',
      (items: unknown[], element: unknown) => before(items, element),
      doc(
        'The elements of a list that come before `element` in the export, in list order: the earlier elements of the same problem.',
        'items',
        'element',
      ),
    )
    .registerFunction(
      'firstOf(list, int): list',
      (items: unknown[], count: bigint) => items.slice(0, Math.max(0, Number(count))),
      doc(
        'The first `count` elements of a list: what a message names and a finding points at, when the list may be long.',
        'items',
        'count',
      ),
    )
    .registerFunction(
      'summarize(list, int): string',
      (shown: unknown[], total: bigint) => summarize(shown, Number(total)),
      doc(
        'The names `shown` joined with commas, then "and N more" when `total` is larger: a message names a few of many.',
        'shown',
        'total',
      ),
    )
    .registerFunction(
      'listSome(list, int): string',
      (names: unknown[], max: bigint) => listSome(names, Number(max)),
      doc(
        'At most `max` names joined with commas, then "and N more": a message names a few related elements, never all of them.',
        'names',
        'max',
      ),
    )
    .registerFunction(
      'isVersion(dyn): bool',
      (value: unknown) => isCurrentBranchVersion(value),
      doc(
        'A current-branch version: YYMM from 1511 on, with a month from 01 to 12 (a build number such as 9122 is not).',
        'value',
      ),
    )
    .registerFunction(
      'versionKnown(dyn): bool',
      (version: unknown) => versions().facts(version) !== undefined,
      doc(
        "The version is in the version facts (src/versions/version-facts.ts plus the config file's `versions`).",
        'version',
      ),
    )
    .registerFunction(
      'supportEnds(dyn): string',
      (version: unknown) => versions().supportEnds(version) ?? '',
      doc(
        'The last day of support of a version (YYYY-MM-DD) from the version facts; an empty string when they do not say.',
        'version',
      ),
    )
    .registerFunction(
      'latestKnownVersion(): int',
      () => BigInt(versions().latest.version),
      doc('The newest version in the version facts.'),
    )
    .registerFunction(
      `string.${LINEAR_MATCHES}(string): bool`,
      (text: string, pattern: string) => linearPattern(pattern).test(text),
      doc("CEL's `matches` on RE2 (linear time): rules write `text.matches(pattern)`.", 'pattern'),
    );
  meterEvaluator(environment);
  return environment;
}

/** A helper as registered: for the docs' table of helpers (src/generate/model-files.ts). */
export interface HelperDefinition {
  signature: string;
  name: string;
  returnType: string;
  params: { name: string; type: string }[];
  description: string | null;
}

/** The functions cmlint adds to CEL (those a plain cel-js environment lacks), but the one behind `matches`. */
export function helperDefinitions(): HelperDefinition[] {
  const standard = new Set(
    new Environment({ enableOptionalTypes: true }).getDefinitions().functions.map((f) => f.signature),
  );
  return (celEnvironment().getDefinitions().functions as HelperDefinition[]).filter(
    (f) => !standard.has(f.signature) && f.name !== LINEAR_MATCHES,
  );
}

/**
 * CEL's `matches`, run on RE2 (src/validate/linear-regexp.ts) in linear time. cel-js runs `matches` on JavaScript's
 * backtracking RegExp and lets no overload be replaced, so parseExpression renames each `.matches(` call in a parsed
 * expression to this function before it is checked; errors name it `matches` again (celErrorText).
 */
const LINEAR_MATCHES = 'matchesLinear';

interface AstNode {
  op: string;
  args: unknown;
}

function isNode(value: unknown): value is AstNode {
  return value !== null && typeof value === 'object' && typeof (value as AstNode).op === 'string' && 'args' in value;
}

export type ParsedExpression = ((context: Record<string, unknown>) => unknown) & {
  ast?: unknown;
  check?: () => { valid: boolean; type?: string; error?: Error };
};

/**
 * Parses a rule's expression for evaluation in celEnvironment: `.matches(` calls use RE2, and a pattern written as a
 * literal is compiled now, so an invalid one is an error of the expression rather than of each evaluation; operands
 * that an operation walks whole are marked for the cost meter.
 */
export function parseExpression(text: string): ParsedExpression {
  const parsed = celEnvironment().parse(text) as unknown as ParsedExpression;
  const visit = (value: unknown, depth: number): void => {
    if (depth > 1000) return; // the parser's maxDepth limit keeps real expressions far shallower
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
      return;
    }
    if (!isNode(value)) return;
    const args = value.args;
    if (value.op === 'rcall' && Array.isArray(args) && args[0] === 'matches') {
      args[0] = LINEAR_MATCHES;
      const pattern = Array.isArray(args[2]) ? args[2][0] : undefined;
      if (isNode(pattern) && pattern.op === 'value' && typeof pattern.args === 'string') linearPattern(pattern.args);
    }
    markSizedOperands(value as unknown as CelNode);
    if (value.op !== 'value') visit(args, depth + 1);
  };
  visit(parsed.ast, 0);
  return parsed;
}

/** The first line of a CEL error, with `matches` named as the rule wrote it. */
export function celErrorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split('\n')[0] ?? '').replaceAll(LINEAR_MATCHES, 'matches');
}
