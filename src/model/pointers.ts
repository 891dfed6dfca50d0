/**
 * Remembers, for each model object, where in the export it came from, without adding a field rules could see.
 *
 * The origin is kept on the object under a symbol (CEL, Object.keys, for…in and JSON never see symbol-keyed
 * properties) rather than in a WeakMap: a WeakMap of hundreds of thousands of objects (a large devices inventory)
 * costs more in garbage collection than the whole rest of the model. An object copied from the export stores only its
 * parent; its key there, and so its pointer, is worked out when a finding needs it.
 */
import type { Pointer } from '../findings.js';

/** A whole pointer. */
const POINTER = Symbol('cmlint.pointer');
/** The object (a copy of the export's data) this one sits in. */
const PARENT = Symbol('cmlint.parent');
/** The object whose origin this one shares (a model element and the export object it was derived from). */
const LIKE = Symbol('cmlint.like');

type Tagged = { [POINTER]?: Pointer; [PARENT]?: object; [LIKE]?: object };

/**
 * A plain assignment: the tag is an ordinary (enumerable) symbol-keyed property, which Object.keys, for…in, JSON and
 * CEL never see. Object.defineProperty, which could make it non-enumerable, costs about half a microsecond a call
 * on a list, a plain store almost nothing, and a 100,000-device inventory tags tens of thousands of lists.
 * Object.assign copies such a tag, which is harmless where the model uses it (derive: the element's LIKE tag is read
 * before the PARENT it copied from the export object, and names that same object).
 */
function store<T extends object>(value: T, symbol: symbol, origin: unknown): T {
  (value as Record<symbol, unknown>)[symbol] = origin;
  return value;
}

export function setOrigin<T extends object>(value: T, pointer: Pointer): T {
  return store(value, POINTER, pointer);
}

/** Records that `value` sits in `parent` (an array or a map whose own origin is recorded too). */
export function setParent<T extends object>(value: T, parent: object): T {
  return store(value, PARENT, parent);
}

/** Gives `value` the same origin as `like` (a derived model element and the export object it was made from). */
export function sameOrigin<T extends object>(value: T, like: object): T {
  return store(value, LIKE, like);
}

/**
 * A prototype for the elements of `list` that records, for all of them at once, that they sit in `list` (whose own
 * origin is `pointer`): elements made from it need no tag of their own (src/model/build.ts, for large inventories).
 * Each element's index is found in `list` when a finding needs it, so the list must hold them at their export index.
 */
export function listPrototype(prototype: object, list: object[], pointer: Pointer): object {
  setOrigin(list, pointer);
  return store(Object.create(prototype) as object, PARENT, list);
}

export function originOf(value: unknown): Pointer | undefined {
  const keys: (string | number)[] = [];
  let current: unknown = value;
  for (let steps = 0; steps < 10_000; steps++) {
    if (current === null || typeof current !== 'object') return undefined;
    const tagged = current as Tagged;
    const pointer = tagged[POINTER];
    if (pointer) return keys.length ? [...pointer, ...keys.reverse()] : pointer;
    const like = tagged[LIKE];
    if (like) {
      current = like;
      continue;
    }
    const parent = tagged[PARENT];
    if (!parent) return undefined;
    const key = keyIn(parent, current);
    if (key === undefined) return undefined;
    keys.push(key);
    current = parent;
  }
  return undefined;
}

/**
 * Each large parent's children by identity, built once many of them have needed their key (a few findings in a
 * 100,000-device list are found faster by searching the list than by indexing it).
 */
const reverse = new WeakMap<object, Map<unknown, string | number>>();
const lookups = new WeakMap<object, number>();
const REVERSE_FROM = 64;

function keyIn(parent: object, child: object): string | number | undefined {
  let keys = reverse.get(parent);
  const count = (lookups.get(parent) ?? 0) + 1;
  if (!keys && count <= REVERSE_FROM) {
    lookups.set(parent, count);
    if (Array.isArray(parent)) {
      const index = parent.indexOf(child);
      return index < 0 ? undefined : index;
    }
    for (const name in parent) {
      if (Object.prototype.hasOwnProperty.call(parent, name) && (parent as Record<string, unknown>)[name] === child)
        return name;
    }
    return undefined;
  }
  if (!keys) {
    keys = new Map();
    if (Array.isArray(parent)) for (let index = 0; index < parent.length; index++) keys.set(parent[index], index);
    else for (const name of Object.keys(parent)) keys.set((parent as Record<string, unknown>)[name], name);
    reverse.set(parent, keys);
  }
  return keys.get(child);
}
