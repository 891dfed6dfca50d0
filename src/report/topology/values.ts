/** Small readers the topology's parts share: an export value as text, an element's pointer, a row of a node. */
import type { Pointer } from '../../findings.js';
import type { Element } from '../../model/build.js';
import { originOf } from '../../model/pointers.js';
import type { TopologyRow } from './types.js';

/** A scalar of the export as text (numbers and booleans as written); anything else is no text. */
export function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** The element's own JSON pointer, as the one pointer findings about it start with. */
export function pointerOf(element: unknown): Pointer[] {
  const p = originOf(element);
  return p && p.length ? [p] : [];
}

export function list(value: unknown): Element[] {
  return Array.isArray(value) ? (value as Element[]) : [];
}

export function row(textValue: string, detail?: string, pointers: Pointer[] = []): TopologyRow {
  return { text: textValue, ...(detail ? { detail } : {}), pointers, findings: [] };
}
