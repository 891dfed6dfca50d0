/** Remembers, for each model object, where in the export it came from, without adding a field rules could see. */
import type { Pointer } from '../findings.js';

const origins = new WeakMap<object, Pointer>();

export function setOrigin<T extends object>(value: T, pointer: Pointer): T {
  origins.set(value, pointer);
  return value;
}

export function originOf(value: unknown): Pointer | undefined {
  return value !== null && typeof value === 'object' ? origins.get(value) : undefined;
}
