/**
 * The CEL environment rules are evaluated in: standard CEL plus a few pure helper functions.
 * CEL cannot loop unboundedly, call out, or change anything, which is why rules from anyone can be loaded safely.
 */
import { Environment } from '@marcbachmann/cel-js';
import { hostMatches, lower } from '../model/facts.js';
import { connectionAllows, type Model } from '../model/build.js';
import { linearPattern } from '../validate/linear-regexp.js';
import { chargeSteps, markSizedOperands, meterEvaluator, type CelNode } from './cost-meter.js';

export interface EvaluationScope {
  model: Model;
  /** The run's date (--as-of), YYYY-MM-DD. */
  asOf: string;
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
  if (Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== day) throw new Error(`not a calendar date: ${day}`);
  return time;
}

let environment: Environment | undefined;

export function celEnvironment(): Environment {
  if (environment) return environment;
  environment = new Environment({
    unlistedVariablesAreDyn: true,
    enableOptionalTypes: true,
    homogeneousAggregateLiterals: false,
    limits: { maxAstNodes: 5000, maxDepth: 100, maxListElements: 1000, maxMapEntries: 1000, maxCallArguments: 16 },
  })
    .registerFunction('reachable(string, string, int): bool', (from: string, to: string, port: bigint) => connectionAllows(scope().model, from, to, port), {
      description: 'network.connections allow `from` to open a connection to `to` on `port`.',
    })
    .registerFunction('reachableRange(string, string, int, int): bool', (from: string, to: string, start: bigint, count: bigint) => {
      // Each port costs a step of the rule's budget (cost-meter.ts): a count from a rule file can be 2^63.
      for (let port = start; port < start + count; port++) {
        chargeSteps(1);
        if (!connectionAllows(scope().model, from, to, port)) return false;
      }
      return true;
    }, { description: 'Every port from `start` to `start + count - 1` is open from `from` to `to`.' })
    .registerFunction('ceilDiv(int, int): int', (a: bigint, b: bigint) => (b === 0n ? 0n : (a + b - 1n) / b))
    .registerFunction('lower(string): string', (text: string) => lower(text))
    .registerFunction('hostMatches(string, string): bool', (pattern: string, host: string) => hostMatches(pattern, host))
    .registerFunction('daysUntil(string): int', (date: string) => BigInt(Math.floor((dateValue(date) - dateValue(scope().asOf)) / DAY_MS)), {
      description: 'Whole days from the run date (--as-of) to `date`; negative when it is past.',
    })
    .registerFunction('asOf(): string', () => scope().asOf)
    .registerFunction(`string.${LINEAR_MATCHES}(string): bool`, (text: string, pattern: string) => linearPattern(pattern).test(text));
  meterEvaluator(environment);
  return environment;
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
