/**
 * Copies export data into the form CEL expects: integers become BigInt (CEL's int), so that rules can do
 * arithmetic such as `it.VMInstanceCount + 1` without converting. Every copied object remembers its origin.
 */
import type { Pointer } from '../findings.js';
import { setOrigin } from './pointers.js';

export type CelValue = string | number | bigint | boolean | null | CelValue[] | { [key: string]: CelValue };
export type CelMap = { [key: string]: CelValue };

export function toCel(value: unknown, pointer: Pointer): CelValue {
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value) : value;
  if (typeof value === 'string' || typeof value === 'boolean' || value === null) return value;
  if (Array.isArray(value)) {
    return setOrigin(value.map((item, index) => toCel(item, [...pointer, index])), pointer);
  }
  if (typeof value === 'object' && value) {
    const result: CelMap = Object.create(null);
    for (const [key, item] of Object.entries(value)) {
      Object.defineProperty(result, key, { value: toCel(item, [...pointer, key]), enumerable: true, writable: true, configurable: true });
    }
    return setOrigin(result, pointer);
  }
  return null;
}
