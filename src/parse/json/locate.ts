/**
 * From a pointer to a region in jsonc-parser's tree of the whole file (the precise way). The fast way steps the same
 * way through its own index of the text (fast.ts); test/large-export.test.ts holds the two to the same regions.
 */
import type { Node } from 'jsonc-parser';
import type { Pointer, Region } from '../../findings.js';
import type { Lines } from '../lines.js';

/** Each object's property nodes by key, built on first use: locating many findings in one large object stays linear. */
const propertyIndexes = new WeakMap<Node, Map<string, Node>>();

function child(node: Node, part: string | number): Node | undefined {
  if (node.type === 'array') return typeof part === 'number' ? node.children?.[part] : undefined;
  if (node.type !== 'object') return undefined;
  let index = propertyIndexes.get(node);
  if (!index) {
    index = new Map();
    for (const property of node.children ?? []) {
      const key = property.children?.[0];
      // The first property with a key, as findNodeAtLocation does; duplicates are reported separately.
      if (key && property.children?.[1] && !index.has(String(key.value)))
        index.set(String(key.value), property.children[1]);
    }
    propertyIndexes.set(node, index);
  }
  return index.get(String(part));
}

export function locateJson(tree: Node | undefined, pointer: Pointer, atKey: boolean, lines: Lines): Region {
  if (!tree) return lines.region(0, 0);
  // Walk down as far as the pointer exists; the deepest existing ancestor stands in for a missing node.
  let node = tree;
  for (const part of pointer) {
    const next = child(node, part);
    if (!next) break;
    node = next;
  }
  const key = node.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
  const target = atKey && key ? key : node;
  return lines.region(target.offset, target.offset + target.length);
}
