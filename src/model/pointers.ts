/**
 * Remembers, for each model object, where in the export it came from, without adding a field rules could see.
 *
 * The origin is kept on the object under a symbol (CEL, Object.keys and JSON never see symbols) rather than in a
 * WeakMap: a WeakMap of hundreds of thousands of objects (a large devices inventory) costs more in garbage
 * collection than the whole rest of the model. Objects copied from the export store only their parent and their key
 * there; the pointer is put together when a finding needs it.
 */
import type { Pointer } from '../findings.js';

const ORIGIN = Symbol('cmlint.origin');

/** A whole pointer, or the parent object (whose own origin continues the path) and the key under it. */
type Origin = Pointer | { parent: object; key: string | number };

function store<T extends object>(value: T, origin: Origin): T {
  Object.defineProperty(value, ORIGIN, { value: origin, writable: true, configurable: true, enumerable: false });
  return value;
}

export function setOrigin<T extends object>(value: T, pointer: Pointer): T {
  return store(value, pointer);
}

/** Records that `value` sits at `key` in `parent` (whose origin is recorded too). */
export function setParent<T extends object>(value: T, parent: object, key: string | number): T {
  return store(value, { parent, key });
}

/** Gives `value` the same origin as `like` (a derived model element and the export object it was made from). */
export function sameOrigin<T extends object>(value: T, like: object): T {
  const origin = (like as { [ORIGIN]?: Origin })[ORIGIN];
  return origin === undefined ? value : store(value, origin);
}

export function originOf(value: unknown): Pointer | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const origin = (value as { [ORIGIN]?: Origin })[ORIGIN];
  if (origin === undefined || Array.isArray(origin)) return origin as Pointer | undefined;
  const keys: (string | number)[] = [];
  let current: Origin | undefined = origin;
  // Parents are the copies made by toCel, each with its own link; the walk ends at the root's whole pointer.
  for (let steps = 0; current !== undefined && !Array.isArray(current); steps++) {
    const link = current as { parent: object; key: string | number };
    keys.push(link.key);
    current = (link.parent as { [ORIGIN]?: Origin })[ORIGIN];
    if (steps > 100_000) return undefined;
  }
  return [...((current as Pointer | undefined) ?? []), ...keys.reverse()];
}
