/**
 * Places many pointers in one document. They are located in their sorted order, so that the pointers inside one
 * collection are located one after another: the fast YAML way parses a collection once for a run of them
 * (yaml/fast.ts), which keeps a file with hundreds of thousands of findings linear. locate is a pure function of the
 * pointer, so the order changes no region.
 */
import type { Pointer, Region } from '../findings.js';
import type { ParsedDocument } from './parsed-document.js';

export interface LocateRequest {
  pointer: Pointer;
  atKey?: boolean;
}

/** The region of each request, in the requests' order. */
export function locateAll(document: ParsedDocument, requests: readonly LocateRequest[]): Region[] {
  const regions: Region[] = new Array(requests.length);
  const order = requests.map((_, i) => i);
  if (order.length > 1) order.sort((a, b) => comparePointers(requests[a]!.pointer, requests[b]!.pointer));
  for (const i of order) regions[i] = document.locate(requests[i]!.pointer, requests[i]!.atKey);
  return regions;
}

/** Pointers in document order of their parts: numbers by value, before strings, strings by code unit; a prefix first. */
export function comparePointers(a: Pointer, b: Pointer): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (typeof x === 'number') return typeof y === 'number' ? x - y : -1;
    if (typeof y === 'number') return 1;
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}
