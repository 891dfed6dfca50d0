/**
 * Every rule's evaluation on a file has a cost budget. CEL has no unbounded loop, but a rule file is untrusted data and
 * nested comprehensions multiply: three `map`s over a literal list of 1,000 items are 10^9 steps, which ran out of heap
 * (4 GB) or never ended. cel-js bounds only the size of an expression (parse-time limits), not the work of evaluating
 * it, so cmlint counts that work itself: each node cel-js evaluates is one step (a comprehension evaluates its body
 * once per item, so a loop costs at least one step per iteration), and a list or string made by `+` or a function
 * costs its length more, so the memory a rule can fill is bounded by the same count. Past the budget every further
 * step throws, which ends the evaluation however deeply nested it is; the engine (evaluate.ts) then stops the rule on
 * that file with one CML009 finding naming the rule file, and goes on with the next rule.
 *
 * An operation that walks a whole operand (`in` or `==` on a list, a method scanning a long string) costs the operand's
 * size too. The budget is a number of steps, so the same rule on the same export stops at the same point on any
 * machine; a time ceiling far above what any step count reaches backs it up for anything the count misses.
 */
import type { Environment } from '@marcbachmann/cel-js';

/** Steps a rule may take on one file. The built-in rules take at most a few hundred thousand on the largest exports
 * the benchmark makes (100,000 devices); a step is about 0.1 µs, so the budget is a few seconds at most. */
export const RULE_STEP_BUDGET = 20_000_000;

/** The backstop: milliseconds one rule may evaluate on one file, checked every CLOCK_INTERVAL steps. */
export const RULE_TIME_BUDGET_MS = 60_000;
const CLOCK_INTERVAL = 1 << 14;

export class EvaluationBudgetExceeded extends Error {}

interface Meter {
  steps: number;
  limit: number;
  deadline: number;
  nextClock: number;
  exceeded: string | undefined;
}

/** Outside a rule's evaluation (documentation, tests of expressions) there is no limit. */
const meter: Meter = { steps: 0, limit: Infinity, deadline: Infinity, nextClock: Infinity, exceeded: undefined };

/** Starts the budget of one rule on one file. */
export function startBudget(steps = RULE_STEP_BUDGET, milliseconds = RULE_TIME_BUDGET_MS): void {
  meter.steps = 0;
  meter.limit = steps;
  meter.deadline = milliseconds === Infinity ? Infinity : Date.now() + milliseconds;
  meter.nextClock = CLOCK_INTERVAL;
  meter.exceeded = undefined;
}

/** Ends the budget: evaluation is unlimited again. */
export function endBudget(): void {
  meter.limit = Infinity;
  meter.deadline = Infinity;
  meter.nextClock = Infinity;
}

/**
 * Why the rule in progress was stopped, or undefined while it is within its budget. Checked after each expression:
 * CEL's `||`, `&&`, `all` and `exists` absorb an error when another branch decides the result, so a value may come
 * back from an evaluation that was stopped.
 */
export function budgetExceeded(): string | undefined {
  return meter.exceeded;
}

export function stepsTaken(): number {
  return meter.steps;
}

/** Adds `count` steps; throws once the budget is spent (and at every step after that). */
export function chargeSteps(count: number): void {
  meter.steps += count;
  if (meter.steps > meter.limit) exceed(`more than ${meter.limit.toLocaleString('en-US')} evaluation steps`);
  if (meter.steps >= meter.nextClock) {
    meter.nextClock = meter.steps + CLOCK_INTERVAL;
    if (Date.now() > meter.deadline) exceed(`more than ${RULE_TIME_BUDGET_MS / 1000} s`);
  }
}

function exceed(reason: string): never {
  meter.exceeded ??= reason;
  throw new EvaluationBudgetExceeded(`the rule's evaluation budget is spent (${meter.exceeded})`);
}

export interface CelNode {
  op: string;
  args: unknown;
  evaluate(ev: CelEvaluator, ast: unknown, ctx: unknown): unknown;
  /** Set by the meter on operands whose size is the cost of the operation that uses them. */
  cmlintSized?: true;
}

interface CelEvaluator {
  run(ast: CelNode, ctx: unknown): unknown;
}

/**
 * The operands an operation walks whole: `in` and `==` compare against every item of a list, and a method call may
 * scan its receiver (`contains` on a long string, `exists` on a list). Marked when an expression is parsed
 * (cel-env.ts: parseExpression); their values are charged by size when evaluated.
 */
export function markSizedOperands(ast: CelNode): void {
  const args = ast.args;
  if (!Array.isArray(args)) return;
  const op = ast.op;
  if (op === 'in') (args[1] as CelNode).cmlintSized = true;
  else if (op === '==' || op === '!=') (args[0] as CelNode).cmlintSized = (args[1] as CelNode).cmlintSized = true;
  else if (op === 'rcall' && args[1] && typeof args[1] === 'object') (args[1] as CelNode).cmlintSized = true;
}

/** The cost of walking a value once: a list or map by its items, a string by 64 characters a step. */
function sizeOf(value: unknown): number {
  if (Array.isArray(value)) return value.length;
  if (typeof value === 'string') return value.length >> 6;
  if (value instanceof Map || value instanceof Set) return value.size;
  return 0;
}

/**
 * Counts the steps of every evaluation in `environment`. cel-js evaluates each node through its evaluator's run(),
 * which it passes to the root node of an expression; the root of a probe expression hands it over here, and run() is
 * replaced on that one evaluator. Throws if cel-js no longer works this way, rather than run rules without a budget.
 */
export function meterEvaluator(environment: Environment): void {
  const probe = environment.parse('true') as unknown as ((context: object) => unknown) & { ast: { evaluate: unknown } };
  let evaluator: CelEvaluator | undefined;
  probe.ast.evaluate = (ev: CelEvaluator) => {
    evaluator = ev;
    return true;
  };
  probe({});
  if (!evaluator || typeof evaluator.run !== 'function')
    throw new Error('cmlint: cannot meter CEL evaluation (has @marcbachmann/cel-js changed?)');
  evaluator.run = function run(this: CelEvaluator, ast, ctx) {
    chargeSteps(1);
    const op = ast.op;
    const value = ast.evaluate(this, ast, ctx);
    if ((op === '+' || op === 'call' || op === 'rcall') && (typeof value === 'string' || Array.isArray(value)))
      chargeSteps(value.length);
    if (ast.cmlintSized) chargeSteps(sizeOf(value));
    return value;
  };
}
