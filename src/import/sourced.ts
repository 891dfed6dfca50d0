/**
 * The import's output before it is written: the export's shape, where each value read from the site carries the
 * class and property it came from (written as a comment beside it). Values from the overlay are plain.
 */
export type Leaf = string | number | boolean;

export class Sourced {
  constructor(
    readonly value: Leaf | readonly Leaf[],
    /** Where the value came from, for example `SMS_Site.BuildNumber`. */
    readonly source: string,
  ) {}
}

export type Node = Sourced | Leaf | null | Node[] | NodeMap;
export interface NodeMap {
  [key: string]: Node;
}

/** The value without its source, as the export holds it. */
export function plain(node: Node): unknown {
  if (node instanceof Sourced) return Array.isArray(node.value) ? [...node.value] : node.value;
  if (Array.isArray(node)) return node.map(plain);
  if (node !== null && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node))
      Object.defineProperty(out, key, { value: plain(value), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return node;
}

/** Sets key only when there is a value: a value the site did not give is left out, never defaulted. */
export function put(target: NodeMap, key: string, value: Node | undefined): void {
  if (value !== undefined) target[key] = value;
}

export function isNodeMap(node: Node | undefined): node is NodeMap {
  return (
    node !== null &&
    node !== undefined &&
    typeof node === 'object' &&
    !Array.isArray(node) &&
    !(node instanceof Sourced)
  );
}
