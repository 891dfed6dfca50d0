/**
 * Evaluating a rule's `where` and `assert` once per kind of element instead of once per element.
 *
 * A CEL expression that reads the element `it` only through field selections (`it.Network`,
 * `it.population.usesCmg`, `has(it.Identity)`, `it.?OsVersion.orValue('')`) gives the same result for two elements
 * whose selected fields hold the same values: everything else it reads (the model's lists, the run date) is the
 * same for the whole evaluation, and CEL has no side effects. So the elements of a long list (a 100,000-device
 * inventory) are first sorted into classes by the values of the fields the list's cases select, and each case's
 * expressions run once per class. Findings are still made per element, with the element's own message and position.
 *
 * An expression that uses `it` in any other way (indexes it, passes it whole to a function, binds a macro variable
 * named `it`) is not memoised; it runs per element as before.
 */

/** A path of field names selected from `it`: `it.population.usesCmg` is ['population', 'usesCmg']. */
export type FieldPath = readonly string[];

interface AstNode {
  op: string;
  args: unknown;
}

function isNode(value: unknown): value is AstNode {
  return (
    value !== null && typeof value === 'object' && !Array.isArray(value) && typeof (value as AstNode).op === 'string'
  );
}

/**
 * The field paths of `it` that a parsed expression reads, or undefined when it reads `it` in a way other than
 * through field selections (then the expression must run for each element).
 */
export function fieldPathsOfIt(ast: unknown): FieldPath[] | undefined {
  const paths: FieldPath[] = [];
  let safe = true;
  const visit = (value: unknown): void => {
    if (!safe) return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (!isNode(value)) return;
    if (value.op === 'id') {
      if (value.args === 'it') safe = false;
      return;
    }
    if (value.op === '.' || value.op === '.?') {
      const chain: string[] = [];
      let node: unknown = value;
      while (
        isNode(node) &&
        (node.op === '.' || node.op === '.?') &&
        Array.isArray(node.args) &&
        typeof node.args[1] === 'string'
      ) {
        chain.unshift(node.args[1]);
        node = node.args[0];
      }
      if (isNode(node) && node.op === 'id' && node.args === 'it') {
        paths.push(chain);
        return;
      }
      visit(node);
      return;
    }
    visit(value.args);
  };
  visit(ast);
  return safe ? paths : undefined;
}

const hasOwn = Object.prototype.hasOwnProperty;

/** Stand-ins for values that cannot be compared with SameValueZero as they are (lists, -0, missing keys). */
export type Tokens = Map<string, object>;

function intern(tokens: Tokens, text: string): object {
  let token = tokens.get(text);
  if (!token) {
    token = Object.freeze({ token: text });
    tokens.set(text, token);
  }
  return token;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(describe).join(',')}]`;
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (value !== null && typeof value === 'object') return `#${objectId(value)}`;
  if (Object.is(value, -0)) return '-0';
  return `${typeof value}:${String(value)}`;
}

let nextObjectId = 1;
const objectIds = new WeakMap<object, number>();
function objectId(value: object): number {
  let id = objectIds.get(value);
  if (id === undefined) {
    id = nextObjectId++;
    objectIds.set(value, id);
  }
  return id;
}

/**
 * What a field path reads from one element, as a Map key: equal keys mean CEL sees the same thing. Objects are keyed
 * by identity, lists by their items, a missing key by the step it is missing at.
 */
export function pathKey(element: unknown, path: FieldPath, tokens: Tokens): unknown {
  let value = element;
  for (let i = 0; i < path.length; i++) {
    if (isPlainObject(value)) {
      if (!hasOwn.call(value, path[i]!)) return MISSING[i] ?? intern(tokens, `missing@${i}`);
      value = (value as Record<string, unknown>)[path[i]!];
    } else {
      return intern(tokens, `not-a-map@${i}:${describe(value)}`);
    }
  }
  if (Array.isArray(value)) return listToken(value, tokens);
  if (value instanceof Set) return intern(tokens, `list:${describe([...value])}`);
  if (value instanceof Map) return intern(tokens, `map:${describe([...value.entries()])}`);
  if (typeof value === 'number' && Object.is(value, -0)) return intern(tokens, '-0');
  return value;
}

/**
 * Lists' keys for one classify call: by identity for long lists, which are often shared (a population's, inherited by
 * its devices); a short list is keyed by its items each time, which costs less than remembering it.
 */
let listKeys = new WeakMap<unknown[], object>();

/** Lists of at most this many items are not remembered by identity. */
const SHORT_LIST = 4;

/** A node of the trie that keys lists of strings (the common case) by their items, without building a string. */
interface StringListNode {
  readonly next: Map<string, StringListNode>;
  token?: object;
}

/** The trie of one classify call. */
let stringLists: StringListNode = { next: new Map() };

/** The key of a list: equal for lists with the same items. */
function listToken(list: unknown[], tokens: Tokens): object {
  if (list.length <= SHORT_LIST) return itemsToken(list, tokens);
  let key = listKeys.get(list);
  if (key === undefined) {
    key = itemsToken(list, tokens);
    listKeys.set(list, key);
  }
  return key;
}

function itemsToken(list: unknown[], tokens: Tokens): object {
  let node = stringLists;
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    if (typeof item !== 'string') return intern(tokens, `list:${describe(list)}`);
    let next = node.next.get(item);
    if (next === undefined) {
      next = { next: new Map() };
      node.next.set(item, next);
    }
    node = next;
  }
  return (node.token ??= Object.freeze({ token: 'strings' }));
}

/**
 * The keys of a field missing at step i, the same in every call (keys are compared by identity); deeper steps, which
 * no rule reaches, are interned per call.
 */
const MISSING = Array.from({ length: 16 }, (_, i) => Object.freeze({ token: `missing@${i}` }));

/** The elements of a list sorted into classes: elements of one class read the same values at every path. */
export interface Classes {
  /** Class number of each element. */
  of: Int32Array;
  count: number;
}

export function classify(elements: readonly unknown[], paths: readonly FieldPath[]): Classes {
  const of = new Int32Array(elements.length);
  if (paths.length === 0) return { of, count: elements.length ? 1 : 0 };
  const root = new Map<unknown, unknown>();
  const tokens: Tokens = new Map();
  listKeys = new WeakMap();
  stringLists = { next: new Map() };
  const last = paths.length - 1;
  let count = 0;
  for (let i = 0; i < elements.length; i++) {
    const element = elements[i];
    const plain = isPlainObject(element);
    let level = root;
    for (let p = 0; p < last; p++) {
      const key = keyOf(element, plain, paths[p]!, tokens);
      let next = level.get(key) as Map<unknown, unknown> | undefined;
      if (next === undefined) {
        next = new Map();
        level.set(key, next);
      }
      level = next;
    }
    const key = keyOf(element, plain, paths[last]!, tokens);
    let id = level.get(key) as number | undefined;
    if (id === undefined) {
      id = count++;
      level.set(key, id);
    }
    of[i] = id;
  }
  return { of, count };
}

/** An object that is not a list, Map or Set: what pathKey and keyOf read a field of directly. */
function isPlainObject(value: unknown): boolean {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    !(value instanceof Map) &&
    !(value instanceof Set)
  );
}

/**
 * pathKey, with the common cases inline: one field of a model element (`plain`: isPlainObject) that holds a scalar, an
 * element or nothing. Classifying a 100,000-device inventory calls this for every device and field, so it avoids
 * hasOwnProperty where the value shows it is not needed: a string, boolean, number, BigInt or object read from a
 * plain object can only be its own, since no prototype in the model has string-keyed properties and Object.prototype
 * has none of those types (its `__proto__` accessor, which returns an object, takes the general way).
 */
function keyOf(element: unknown, plain: boolean, path: FieldPath, tokens: Tokens): unknown {
  if (plain && path.length === 1) {
    const name = path[0]!;
    const value = (element as Record<string, unknown>)[name];
    switch (typeof value) {
      case 'string':
      case 'boolean':
      case 'bigint':
        return value;
      case 'number':
        if (!Object.is(value, -0)) return value;
        break;
      case 'undefined':
        if (!hasOwn.call(element, name)) return MISSING[0];
        break;
      case 'object':
        if (value === null || name === '__proto__' || value instanceof Map || value instanceof Set) break;
        return Array.isArray(value) ? listToken(value, tokens) : value;
    }
  }
  return pathKey(element, path, tokens);
}

/**
 * Distinct paths, each once, in a stable order. A path that extends another is dropped: the shorter path's key
 * (an object's identity, a list's items, a scalar) already decides everything read below it.
 */
export function unionOfPaths(lists: readonly (readonly FieldPath[])[]): FieldPath[] {
  const seen = new Map<string, FieldPath>();
  for (const list of lists) for (const path of list) seen.set(path.join('\u0000'), path);
  const names = [...seen.keys()].sort();
  return names
    .filter((name) => !names.some((other) => other !== name && name.startsWith(other + '\u0000')))
    .map((name) => seen.get(name)!);
}
