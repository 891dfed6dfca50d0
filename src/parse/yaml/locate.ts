/**
 * From a pointer to a region in a document of the `yaml` package: the precise parser locates in the document of the
 * whole file, the fast one in the document of one collection's text (its regions mapped back to the file), the same way.
 */
import { isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Pointer, Region } from '../../findings.js';
import type { Lines } from '../lines.js';

/** Each mapping's pairs by key, built on first use: locating many findings in one large mapping stays linear. */
const pairIndexes = new WeakMap<YAMLMap, Map<string, Pair>>();

function pairFor(map: YAMLMap, key: string): Pair | undefined {
  let index = pairIndexes.get(map);
  if (!index) {
    index = new Map();
    for (const pair of map.items) {
      // The first pair with a key, like the search this replaces; duplicates are reported separately.
      if (isPair(pair) && isScalar(pair.key) && !index.has(String(pair.key.value)))
        index.set(String(pair.key.value), pair as Pair);
    }
    pairIndexes.set(map, index);
  }
  return index.get(key);
}

export function locateYaml(doc: Document.Parsed, pointer: Pointer, atKey: boolean, lines: Lines): Region {
  let node: Node | null | undefined = doc.contents;
  let keyNode: Node | undefined;
  for (const part of pointer) {
    let next: Node | undefined;
    let nextKey: Node | undefined;
    if (isMap(node)) {
      const pair = pairFor(node as YAMLMap, String(part));
      if (pair) {
        nextKey = pair.key as Node;
        next = (pair.value as Node | null) ?? undefined;
        if (!next) {
          // `Key:` with no value: the key is the best position for both.
          return rangeOf(nextKey, lines);
        }
      }
    } else if (isSeq(node) && typeof part === 'number') {
      next = (node.items[part] as Node | undefined) ?? undefined;
    }
    if (!next) break;
    node = next;
    keyNode = nextKey;
  }
  const target = atKey && keyNode ? keyNode : node;
  return target ? rangeOf(target, lines) : lines.region(0, 0);
}

function rangeOf(node: Node, lines: Lines): Region {
  const range = node.range;
  if (!range) return lines.region(0, 0);
  return lines.region(range[0], range[1]);
}
