/**
 * The CEL environment rules are evaluated in: standard CEL plus a few pure helper functions.
 * CEL cannot loop unboundedly, call out, or change anything, which is why rules from anyone can be loaded safely.
 */
import { Environment } from '@marcbachmann/cel-js';
import { hostMatches, lower } from '../model/facts.js';
import { connectionAllows, type Model } from '../model/build.js';

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
  const time = Date.parse(`${text.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(time)) throw new Error(`not a date: ${text}`);
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
      for (let port = start; port < start + count; port++) if (!connectionAllows(scope().model, from, to, port)) return false;
      return true;
    }, { description: 'Every port from `start` to `start + count - 1` is open from `from` to `to`.' })
    .registerFunction('ceilDiv(int, int): int', (a: bigint, b: bigint) => (b === 0n ? 0n : (a + b - 1n) / b))
    .registerFunction('lower(string): string', (text: string) => lower(text))
    .registerFunction('hostMatches(string, string): bool', (pattern: string, host: string) => hostMatches(pattern, host))
    .registerFunction('daysUntil(string): int', (date: string) => BigInt(Math.floor((dateValue(date) - dateValue(scope().asOf)) / DAY_MS)), {
      description: 'Whole days from the run date (--as-of) to `date`; negative when it is past.',
    })
    .registerFunction('asOf(): string', () => scope().asOf);
  return environment;
}
