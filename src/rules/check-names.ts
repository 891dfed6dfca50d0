/**
 * Refuses a rule that names what the model does not have: a variable (`popluations`), a field of an element
 * (`it.usesCMG`, `it.site.isCAS`, `c.Servicename` in `cmgs.exists(c, ...)`), or a field of the export's objects. CEL
 * takes an unknown name as a run-time error, so without this such a rule loads, then gives CML009 wherever it runs and
 * silently nothing on exports without such elements.
 *
 * The names come from the model declaration (src/model/model-declaration.ts: collections and derived facts) and the
 * export schemas (src/model/model-fields.ts). The check walks each expression's parse tree, carrying what is known of
 * each value: an element type, a list of them, a mapping with known fields, or nothing ('any'). Where nothing can be
 * known (a value of `dyn` type, a map from groupBy, a function's result), no name is refused: a correct rule is never
 * refused.
 */
import { closest, distance } from 'fastest-levenshtein';
import { celEnvironment, parseExpression } from '../engine/cel-env.js';
import type { FieldShape } from '../model/field-shape.js';
import { COLLECTIONS, ELEMENTS, RECORDS, type FactDeclaration } from '../model/model-declaration.js';
import { EXPORT_FIELDS } from '../model/model-fields.js';
import type { RuleDefinition } from './rule.js';

export interface NameProblem {
  /** The rule file's field holding the expression (['check', 'cases', 0, 'assert']). */
  pointer: (string | number)[];
  /** Where the unknown name starts in that field's text. */
  offset: number;
  message: string;
}

interface AstNode {
  op: string;
  args: unknown;
  pos?: number;
  start?: number;
}

function isNode(value: unknown): value is AstNode {
  return (
    value !== null && typeof value === 'object' && !Array.isArray(value) && typeof (value as AstNode).op === 'string'
  );
}

/** Variables every rule sees besides the model's: the element of a case, a schema case's message text. */
const CASE_VARIABLES: Record<string, FieldShape> = { schemaError: 'scalar' };

function typeShape(type: string): FieldShape {
  const bare = type.endsWith('?') ? type.slice(0, -1) : type;
  const list = /^list<(.+)>$/.exec(bare);
  if (list) return { list: typeShape(list[1]!) };
  if (bare === 'dyn') return 'any';
  if (bare in ELEMENTS || bare in RECORDS) return { element: bare };
  return 'scalar';
}

function factShapes(facts: Readonly<Record<string, FactDeclaration>>): Record<string, FieldShape> {
  return Object.fromEntries(Object.entries(facts).map(([name, fact]) => [name, typeShape(fact.type)]));
}

let fieldTable: Record<string, Record<string, FieldShape> | undefined> | undefined;

/**
 * Each element's and record's fields: its export fields, then its facts (a fact wins over a field of its name). Made
 * when a custom rule is first checked: a run with the built-in rules only never needs it.
 */
function fieldTableOf(): Record<string, Record<string, FieldShape> | undefined> {
  if (fieldTable) return fieldTable;
  const table: Record<string, Record<string, FieldShape> | undefined> = {};
  for (const [name, element] of Object.entries(ELEMENTS)) {
    const exported = EXPORT_FIELDS[name];
    // An element whose export object the schemas leave open has any field.
    if (exported !== undefined && !(typeof exported === 'object' && 'fields' in exported)) table[name] = undefined;
    else table[name] = { ...(exported?.fields ?? {}), ...factShapes(element.facts) };
  }
  for (const [name, record] of Object.entries(RECORDS)) table[name] = factShapes(record.facts);
  return (fieldTable = table);
}

/** The fields a shape has, or undefined when any name may be a field. */
function fieldsOf(shape: FieldShape): Record<string, FieldShape> | undefined {
  if (typeof shape !== 'object') return undefined;
  if ('fields' in shape) return shape.fields;
  if ('element' in shape) return fieldTableOf()[shape.element];
  return undefined;
}

function suggestion(name: string, known: string[]): string {
  if (!known.length) return '';
  const near = closest(name, known);
  // A suggestion only when it is near: a few edits, or the same name in another case.
  return distance(name.toLowerCase(), near.toLowerCase()) <= Math.max(2, Math.floor(name.length / 3))
    ? `; did you mean ${near}?`
    : ` (${WHERE_LISTED})`;
}

const WHERE_LISTED = 'the names are in docs/rule-authoring.md, The model';

const MODEL_VARIABLES: Record<string, FieldShape> = Object.fromEntries(
  Object.entries(COLLECTIONS).map(([name, c]) => [name, typeShape(c.type)]),
);

type Scope = ReadonlyMap<string, FieldShape>;

class Problem extends Error {
  pointer: (string | number)[] = [];
  constructor(
    public offset: number,
    message: string,
  ) {
    super(message);
  }
}

/** What a value's list items are, or 'any'. */
function itemOf(shape: FieldShape): FieldShape {
  return typeof shape === 'object' && 'list' in shape ? shape.list : 'any';
}

/** Macros that bind a variable to each item of their receiver. */
const ITERATING = new Set(['all', 'exists', 'exists_one', 'map', 'filter']);

/** Functions (cel-env.ts) that give back their first argument's items, or some of them. */
const SAME_LIST = new Set(['before', 'firstOf']);

function walk(node: unknown, scope: Scope): FieldShape {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, scope);
    return 'any';
  }
  if (!isNode(node)) return 'any';
  const { op, args } = node;
  switch (op) {
    case 'value':
      return 'scalar';
    case 'id': {
      const name = args as string;
      const known = scope.get(name);
      if (known !== undefined) return known;
      if (celEnvironment().hasVariable(name)) return 'any';
      throw new Problem(node.start ?? node.pos ?? 0, `unknown name ${name}${suggestion(name, [...scope.keys()])}`);
    }
    case '.':
    case '.?': {
      const [target, field] = args as [unknown, string];
      const shape = walk(target, scope);
      const fields = fieldsOf(shape);
      if (!fields) return 'any';
      if (Object.prototype.hasOwnProperty.call(fields, field)) return fields[field]!;
      const owner = typeof shape === 'object' && 'element' in shape ? ` of ${shape.element}` : '';
      throw new Problem(node.pos ?? 0, `unknown field ${field}${owner}${suggestion(field, Object.keys(fields))}`);
    }
    case '[]':
    case '[?]': {
      const [target, index] = args as [unknown, unknown];
      const shape = walk(target, scope);
      walk(index, scope);
      if (typeof shape === 'object' && 'list' in shape) return shape.list;
      return 'any';
    }
    case '?:': {
      const [condition, yes, no] = args as [unknown, unknown, unknown];
      walk(condition, scope);
      const a = walk(yes, scope);
      const b = walk(no, scope);
      return JSON.stringify(a) === JSON.stringify(b) ? a : 'any';
    }
    case 'call': {
      const [name, list] = args as [string, unknown[]];
      const shapes = list.map((arg) => walk(arg, scope));
      if (name === 'dyn' && shapes.length === 1) return shapes[0]!;
      if (SAME_LIST.has(name) && shapes.length) return shapes[0]!;
      if (name === 'groupBy' && shapes.length) return { groups: shapes[0]! };
      if (name === 'group' && shapes.length) {
        const groups = shapes[0]!;
        return typeof groups === 'object' && 'groups' in groups ? groups.groups : 'any';
      }
      return 'any';
    }
    case 'rcall': {
      const [name, receiver, list] = args as [string, unknown, unknown[]];
      if (
        name === 'bind' &&
        isNode(receiver) &&
        receiver.op === 'id' &&
        receiver.args === 'cel' &&
        list.length === 3 &&
        isNode(list[0]) &&
        list[0].op === 'id'
      ) {
        const value = walk(list[1], scope);
        return walk(list[2], new Map([...scope, [list[0].args as string, value]]));
      }
      const shape = walk(receiver, scope);
      if (ITERATING.has(name) && list.length >= 2 && isNode(list[0]) && list[0].op === 'id') {
        const inner = new Map([...scope, [list[0].args as string, itemOf(shape)]]);
        const results = list.slice(1).map((arg) => walk(arg, inner));
        if (name === 'filter') return shape;
        if (name === 'map') return { list: results[results.length - 1]! };
        return 'scalar';
      }
      const results = list.map((arg) => walk(arg, scope));
      // An optional is known as what it holds (`it.?site.orValue(...)`, `optional.of(x)`).
      if (name === 'orValue' || name === 'value') return shape;
      if (name === 'of' && isNode(receiver) && receiver.op === 'id' && receiver.args === 'optional')
        return results[0] ?? 'any';
      return 'any';
    }
    case 'list': {
      const shapes = (args as unknown[]).map((arg) => walk(arg, scope));
      const first = shapes[0];
      return first !== undefined && shapes.every((s) => JSON.stringify(s) === JSON.stringify(first))
        ? { list: first }
        : 'any';
    }
    default:
      walk(args, scope);
      return 'any';
  }
}

/** The first name a rule's expressions use that the model does not have, or undefined. */
export function checkRuleNames(rule: RuleDefinition): NameProblem | undefined {
  const check = rule.check;
  if (!check) return undefined;
  const base = new Map<string, FieldShape>([
    ...Object.entries(MODEL_VARIABLES),
    ...Object.entries(CASE_VARIABLES),
    ['it', 'any'],
  ]);
  const expression = (pointer: (string | number)[], text: string, scope: Scope, offset = 0): FieldShape => {
    let ast: unknown;
    try {
      ast = parseExpression(text).ast;
    } catch {
      return 'any'; // a syntax error is the compiler's to report (src/engine/compile.ts), in its own words
    }
    try {
      return walk(ast, scope);
    } catch (error) {
      if (error instanceof Problem) {
        error.pointer = pointer;
        error.offset += offset;
      }
      throw error;
    }
  };
  const template = (pointer: (string | number)[], text: string, scope: Scope): void => {
    for (let open = text.indexOf('{{'); open >= 0; open = text.indexOf('{{', open + 2)) {
      const close = text.indexOf('}}', open + 2);
      if (close < 0) return;
      const inner = text.slice(open + 2, close);
      const lead = inner.length - inner.trimStart().length;
      expression(pointer, inner.trim(), scope, open + 2 + lead);
    }
  };
  try {
    const ruleScope = new Map(base);
    (check.requires ?? []).forEach((r, i) =>
      expression(['check', 'requires', i, 'expression'], r.expression, ruleScope),
    );
    for (const [name, text] of Object.entries(check.let ?? {}))
      ruleScope.set(name, expression(['check', 'let', name], text, ruleScope));
    check.cases.forEach((c, i) => {
      const field = (name: string) => ['check', 'cases', i, name];
      const caseScope = new Map(ruleScope);
      // Until bound in order below, a case's let names are known but unread: a let read before it is bound (by forEach,
      // by itself or by an earlier let) is the compiler's to refuse, in its own words (src/engine/compile.ts).
      for (const name of Object.keys(c.let ?? {})) caseScope.set(name, 'any');
      const each = c.forEach ? expression(field('forEach'), c.forEach, caseScope) : MODEL_VARIABLES.hierarchy!;
      caseScope.set('it', c.forEach ? itemOf(each) : each);
      // A case's own `let` names are values over `it` (src/engine/case-lets.ts), bound in order after it.
      for (const [name, text] of Object.entries(c.let ?? {}))
        caseScope.set(name, expression(['check', 'cases', i, 'let', name], text, caseScope));
      for (const key of ['where', 'assert', 'related'] as const) {
        const text = c[key];
        if (text) expression(field(key), text, caseScope);
      }
      for (const key of ['message', 'expected', 'actual', 'at'] as const) {
        const text = c[key];
        if (text) template(field(key), text, caseScope);
      }
    });
  } catch (error) {
    if (error instanceof Problem) return { pointer: error.pointer, offset: error.offset, message: error.message };
    throw error;
  }
  return undefined;
}
