/**
 * Regular expressions that come from rule files or configs run with RE2 semantics (re2js, a JavaScript port of RE2):
 * matching takes time linear in the input whatever the pattern, so a pattern such as `(a+)+$` cannot make cmlint spend
 * seconds that double with each character, as JavaScript's backtracking engine does. RE2 has no backreferences and no
 * lookaround; a pattern using them is refused as invalid. Used behind CEL's `matches` (src/engine/cel-env.ts) and as
 * ajv's regular expression engine for JSON Schema `pattern` and `patternProperties` (src/validate/schemas.ts).
 */
import { RE2JS } from 're2js';

/** What ajv and CEL's `matches` need of a compiled pattern. */
export interface LinearPattern {
  /** Whether the pattern matches anywhere in `text` (unanchored, as JavaScript's RegExp.test and CEL's matches). */
  test(text: string): boolean;
  /** `/pattern/`, as RegExp's. */
  toString(): string;
}

/** Compiled patterns by source. Rule files hold few patterns; the cap only keeps computed patterns from piling up. */
const cache = new Map<string, LinearPattern>();
const CACHE_LIMIT = 512;

export class InvalidPatternError extends Error {}

/** Compiles `pattern` for RE2; throws InvalidPatternError, with RE2's reason, when RE2 cannot take it. */
export function linearPattern(pattern: string): LinearPattern {
  const cached = cache.get(pattern);
  if (cached) return cached;
  let re: RE2JS;
  try {
    re = RE2JS.compile(pattern);
  } catch (error) {
    throw new InvalidPatternError(
      `invalid regular expression (RE2 syntax) ${JSON.stringify(pattern.length > 60 ? `${pattern.slice(0, 60)}…` : pattern)}: ${(error as Error).message}`,
    );
  }
  // toString as RegExp's: ajv keys the patterns of a schema by it, and would take all of them for one otherwise.
  const compiled: LinearPattern = { test: (text: string) => re.test(text), toString: () => `/${pattern}/` };
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(pattern, compiled);
  return compiled;
}

/**
 * ajv's `code.regExp` engine: called with a schema's pattern and the flags ajv wants ("u"; RE2 is Unicode-aware
 * already). `code` is how standalone validator code refers to this function.
 */
export const linearRegExpEngine = Object.assign(
  (pattern: string, _flags: string): LinearPattern => linearPattern(pattern),
  {
    code: 'require("cmlint-linear-regexp").linearRegExpEngine',
  },
);
