/**
 * Copies export data into the form CEL expects: integers become BigInt (CEL's int), so that rules can do
 * arithmetic such as `it.VMInstanceCount + 1` without converting. Every copied object remembers its origin.
 *
 * Maps are objects whose prototype has no prototype: CEL sees them as maps, and no key (`constructor`, `toString`,
 * `__proto__`) reaches Object.prototype. They share that one prototype so that they keep V8's fast object layout,
 * which matters for inventories of hundreds of thousands of devices.
 */
import type { Pointer } from '../findings.js';
import { setOrigin, setParent } from './pointers.js';

export type CelValue = string | number | bigint | boolean | null | CelValue[] | { [key: string]: CelValue };
export type CelMap = { [key: string]: CelValue };

/** The prototype of every CEL map: an object with no prototype and no properties. */
export const CEL_MAP_PROTOTYPE: object = Object.freeze(Object.create(null));

/** A new, empty CEL map. */
export function celMap(): CelMap {
  return Object.create(CEL_MAP_PROTOTYPE) as CelMap;
}

/** Sets a key without ever invoking a setter (`__proto__` becomes an ordinary key). */
export function setKey(map: { [key: string]: CelValue | undefined }, key: string, value: CelValue): void {
  if (key === '__proto__')
    Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
  else map[key] = value;
}

/**
 * @param lazyKeys keys of a mapping at the top whose values are converted only when first read: a large inventory
 *   that the model reads from the export directly (buildModel) is copied only if a rule reads `export.devices`.
 */
export function toCel(value: unknown, pointer: Pointer, lazyKeys: readonly string[] = []): CelValue {
  const lazy = lazyKeys.length > 0 && value !== null && typeof value === 'object' && !Array.isArray(value);
  const result = lazy ? convertMap(value as Record<string, unknown>, undefined, lazyKeys) : convert(value, undefined);
  if (result !== null && typeof result === 'object') setOrigin(result, pointer);
  return result;
}

/** Converts one value that sits in `parent` (a CEL map or list made by this module, or a model element). */
export function toCelChild(value: unknown, parent: object): CelValue {
  return convert(value, parent);
}

const hasOwn = Object.prototype.hasOwnProperty;

function convert(value: unknown, parent: object | undefined): CelValue {
  switch (typeof value) {
    case 'number':
      return Number.isInteger(value) ? BigInt(value) : value;
    case 'string':
    case 'boolean':
      return value;
    case 'object': {
      if (value === null) return null;
      if (Array.isArray(value)) {
        const list: CelValue[] = new Array(value.length);
        if (parent) setParent(list, parent);
        for (let i = 0; i < value.length; i++) list[i] = convert(value[i], list);
        return list;
      }
      return convertMap(value as Record<string, unknown>, parent, NO_KEYS);
    }
    default:
      return null;
  }
}

const NO_KEYS: readonly string[] = [];

function convertMap(value: Record<string, unknown>, parent: object | undefined, lazyKeys: readonly string[]): CelMap {
  const map = celMap();
  if (parent) setParent(map, parent);
  for (const k in value) {
    if (!hasOwn.call(value, k)) continue;
    if (lazyKeys.length && lazyKeys.includes(k)) {
      const source = value[k];
      Object.defineProperty(map, k, {
        get() {
          const converted = convert(source, map);
          Object.defineProperty(map, k, { value: converted, enumerable: true, writable: true, configurable: true });
          return converted;
        },
        enumerable: true,
        configurable: true,
      });
    } else {
      setKey(map, k, convert(value[k], map));
    }
  }
  return map;
}
