/**
 * Named values of a rule: `check.let` (once per export) and a case's `let` (once per element).
 *
 * A case's let names an expression over `it` that its `where`, `assert`, `related` and templates would otherwise
 * repeat. Each is computed when first read for an element and kept for that element, so a let may read what only
 * `where` makes safe (`it.site.parent`) and costs nothing where it is not read. This module gives the names that a
 * let may not take, the names an expression reads, and the object the case's expressions run on.
 */
import { buildModel } from '../model/build.js';
import { celEnvironment } from './cel-env.js';

/** CEL's reserved words: a variable with such a name could never be read. */
const RESERVED = new Set([
  'true',
  'false',
  'null',
  'in',
  'as',
  'break',
  'const',
  'continue',
  'else',
  'for',
  'function',
  'if',
  'import',
  'let',
  'loop',
  'package',
  'namespace',
  'return',
  'var',
  'void',
  'while',
]);

let contextNames: Set<string> | undefined;
let helperNames: Set<string> | undefined;

/**
 * Why a let may not be called `name`, or undefined when it may: it would hide (or be hidden by) a name every rule
 * reads: `it`, `schemaError`, a model collection, a function, or a CEL reserved word.
 */
export function letNameClash(name: string): string | undefined {
  // The names of the evaluation context (evaluate.ts): the model's collections, plus the element and schema error.
  contextNames ??= new Set([...Object.keys(buildModel({})), 'export', 'hierarchy', 'it', 'schemaError']);
  if (name === 'it') return 'is the name of the element a case looks at';
  if (name === 'schemaError') return "is the name of a schema case's error message";
  if (contextNames.has(name)) return 'is the name of a model collection';
  helperNames ??= new Set(
    celEnvironment()
      .getDefinitions()
      .functions.map((f) => f.name),
  );
  if (helperNames.has(name) || name === 'cel') return 'is the name of a CEL function';
  if (RESERVED.has(name)) return 'is a reserved word of CEL';
  return undefined;
}

interface AstNode {
  op: string;
  args: unknown;
}

function isNode(value: unknown): value is AstNode {
  return (
    value !== null && typeof value === 'object' && !Array.isArray(value) && typeof (value as AstNode).op === 'string'
  );
}

/** Macros that bind one or two variables over a receiver list or map: `list.exists(v, ...)`. */
const COMPREHENSIONS = new Set([
  'all',
  'exists',
  'exists_one',
  'existsOne',
  'map',
  'filter',
  'transformList',
  'transformMap',
  'transformMapEntry',
]);

/** The variables a parsed expression reads, other than those its macros bind (`v` in `list.exists(v, ...)`). */
export function freeNames(ast: unknown): Set<string> {
  const names = new Set<string>();
  const visit = (value: unknown, bound: ReadonlySet<string>): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item, bound);
      return;
    }
    if (!isNode(value) || value.op === 'value') return;
    if (value.op === 'id') {
      if (typeof value.args === 'string' && !bound.has(value.args)) names.add(value.args);
      return;
    }
    if (value.op === 'rcall' && Array.isArray(value.args)) {
      const [name, receiver, args] = value.args as [unknown, unknown, unknown];
      const variables = Array.isArray(args) ? args.slice(0, -1) : [];
      const plain = variables.every((v) => isNode(v) && v.op === 'id' && typeof v.args === 'string');
      const isBind =
        name === 'bind' &&
        isNode(receiver) &&
        receiver.op === 'id' &&
        receiver.args === 'cel' &&
        variables.length === 2;
      if (isBind && isNode(variables[0]) && variables[0].op === 'id') {
        // cel.bind(x, init, body): x is bound in body only.
        visit(variables[1], bound);
        visit((args as unknown[])[2], new Set([...bound, variables[0].args as string]));
        return;
      }
      if (
        typeof name === 'string' &&
        COMPREHENSIONS.has(name) &&
        variables.length >= 1 &&
        variables.length <= 2 &&
        plain
      ) {
        visit(receiver, bound);
        visit(
          (args as unknown[])[variables.length],
          new Set([...bound, ...variables.map((v) => (v as AstNode).args as string)]),
        );
        return;
      }
    }
    visit(value.args, bound);
  };
  visit(ast, new Set());
  return names;
}

/** One of a case's lets, compiled: its name, its text as written, and its evaluator. */
export interface CaseLet {
  name: string;
  text: string;
  value: (context: Record<string, unknown>) => unknown;
}

/** Not computed yet for the element in hand. */
const UNSET = Symbol('unset');

/**
 * The object a case with lets runs its expressions on: the rule's context underneath (its `it`, collections and
 * rule-level lets are read through), and each let as a property computed when first read for the current element (and
 * schema error) and kept until the element changes. A let that fails fails each read of it the same way, naming it.
 */
export function caseScope(lets: readonly CaseLet[], context: Record<string, unknown>): Record<string, unknown> {
  const scope = Object.create(context) as Record<string, unknown>;
  for (const { name, value } of lets) {
    let element: unknown = UNSET;
    let schemaError: unknown = UNSET;
    let result: unknown = UNSET;
    let failure: Error | undefined;
    let computing = false;
    Object.defineProperty(scope, name, {
      enumerable: true,
      get() {
        if (element !== context.it || schemaError !== context.schemaError) {
          if (computing) throw new Error(`let ${name} reads itself`);
          computing = true;
          try {
            result = value(scope);
            failure = undefined;
          } catch (error) {
            result = UNSET;
            failure = new Error(
              `let ${name}: ${error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)}`,
            );
          } finally {
            computing = false;
          }
          element = context.it;
          schemaError = context.schemaError;
        }
        if (failure) throw failure;
        return result;
      },
    });
  }
  return scope;
}
