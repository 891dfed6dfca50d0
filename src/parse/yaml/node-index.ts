/**
 * Positions in a small YAML export without parsing it a second time: every node js-yaml reads, in document order,
 * with where its reading began and ended (fast.ts records them with js-yaml's listener).
 *
 * js-yaml's positions are not yet the `yaml` package's ranges, which parseYaml's locate reports: a node's reading
 * begins before the whitespace and comments in front of it, and ends after the whitespace behind it. Both are
 * trimmed here. Where the index cannot say for certain (an empty value, a block scalar, comment lines after a block
 * collection, a collection whose nodes do not line up with its items), locate answers undefined, and the caller parses
 * the collection's text as before. test/e2e/large-export.test.ts holds this to parseYaml's locate on every fixture and
 * example, on awkward YAML and on random documents.
 *
 * A collection's children and a mapping's keys are listed once, when first needed, so that many findings in one long
 * list cost one pass over it, not one each.
 */
import type { Pointer, Region } from '../../findings.js';
import type { Lines } from '../lines.js';

/** What the index did, counted for tests (no timing assertions: the count shows the work). */
export interface NodeIndexCounters {
  /** Collections whose children were listed: findings in one long list must list it once. */
  listings: number;
}

export class YamlNodeIndex {
  /** Where reading each node began and ended; the index just after its last descendant; what it read. */
  private readonly begins: number[] = [];
  private readonly ends: number[] = [];
  private readonly afters: number[] = [];
  private readonly results: unknown[] = [];
  private readonly open: number[] = [];
  /** Each collection's children (its items, or its keys and values in turn), listed when first needed. */
  private readonly childLists = new Map<number, number[]>();
  /** Each mapping's first pair for a key (the index of the key in its children), or null where a key is not plain. */
  private readonly keyIndexes = new Map<number, Map<string, number> | null>();

  /** `shift`: what js-yaml's offsets lack (a byte-order mark it dropped). */
  constructor(
    private readonly text: string,
    private readonly shift: number,
    private readonly counters: NodeIndexCounters,
  ) {}

  opened(position: number): void {
    this.open.push(this.begins.length);
    this.begins.push(position + this.shift);
    this.ends.push(-1);
    this.afters.push(-1);
    this.results.push(undefined);
  }

  closed(position: number, result: unknown): void {
    const index = this.open.pop()!;
    this.ends[index] = position + this.shift;
    this.afters[index] = this.begins.length;
    this.results[index] = result;
  }

  /** The region parseYaml's locate gives for the pointer, or undefined where this index cannot tell it. */
  locate(pointer: Pointer, atKey: boolean, lines: Lines): Region | undefined {
    if (this.begins.length === 0 || this.open.length !== 0) return undefined;
    let node = this.unwrapped(0);
    let keyNode = -1;
    for (const part of pointer) {
      const value = this.results[node];
      let next = -1;
      let nextKey = -1;
      if (value !== null && typeof value === 'object' && !this.linedUp(node)) return undefined;
      if (Array.isArray(value)) {
        if (typeof part === 'number') next = this.child(node, part);
      } else if (value !== null && typeof value === 'object') {
        const pair = this.pair(node, String(part));
        if (pair === undefined) return undefined;
        if (pair) {
          [nextKey, next] = pair;
          // An empty value: parseYaml places it after the colon, which this index does not note. Parse instead.
          if (this.isEmpty(next)) return undefined;
        }
      }
      if (next < 0) break;
      node = this.unwrapped(next);
      keyNode = nextKey;
    }
    const target = atKey && keyNode >= 0 ? keyNode : node;
    const start = this.start(target);
    if (start >= this.ends[target]!) return undefined; // empty: see above
    const end = this.end(target);
    return end < 0 ? undefined : lines.region(start, end);
  }

  /** The node itself where js-yaml read a collection twice (a flow collection as a block item: an outer reading). */
  private unwrapped(node: number): number {
    while (
      node + 1 < this.afters[node]! &&
      this.afters[node + 1] === this.afters[node] &&
      this.results[node + 1] === this.results[node]
    )
      node++;
    return node;
  }

  private children(node: number): number[] {
    let list = this.childLists.get(node);
    if (!list) {
      this.counters.listings++;
      list = [];
      for (let at = node + 1; at < this.afters[node]!; at = this.afters[at]!) list.push(at);
      this.childLists.set(node, list);
    }
    return list;
  }

  /**
   * Whether a collection's nodes are its items, or its keys and values, one for one. js-yaml notes no node for an
   * empty item (`-` alone), and notes one more where it looked for a key that was not there (before `...`).
   */
  private linedUp(node: number): boolean {
    const value = this.results[node]!;
    return this.children(node).length === (Array.isArray(value) ? value.length : 2 * Object.keys(value).length);
  }

  /** The `index`th item of the sequence `node`, or -1. */
  private child(node: number, index: number): number {
    return this.children(node)[index] ?? -1;
  }

  /**
   * The key and value of the first pair in mapping `node` whose key reads as `key`: null when there is none,
   * undefined when a key is not what this index can vouch for (not a string, number or boolean).
   */
  private pair(node: number, key: string): [number, number] | null | undefined {
    const list = this.children(node);
    let index = this.keyIndexes.get(node);
    if (index === undefined) {
      index = new Map();
      for (let i = 0; i + 1 < list.length; i += 2) {
        const read = this.results[list[i]!];
        if (typeof read !== 'string' && typeof read !== 'number' && typeof read !== 'boolean') {
          index = null;
          break;
        }
        if (!index.has(String(read))) index.set(String(read), i);
      }
      this.keyIndexes.set(node, index);
    }
    if (index === null) return undefined;
    const at = index.get(key);
    return at === undefined ? null : [list[at]!, list[at + 1]!];
  }

  /** A node with no text of its own (an empty value). */
  private isEmpty(node: number): boolean {
    return this.start(node) >= this.ends[node]!;
  }

  /** A mapping or sequence in block style: a collection whose text (from `start`) opens with neither [ nor {. */
  private isBlockCollection(node: number, start: number): boolean {
    const result = this.results[node];
    const first = this.text.charCodeAt(start);
    return result !== null && typeof result === 'object' && first !== 91 && first !== 123;
  }

  /** Where the node's text starts: its reading's start, past whitespace and comments. */
  private start(node: number): number {
    const text = this.text;
    let at = this.begins[node]!;
    const end = this.ends[node]!;
    while (at < end) {
      const ch = text.charCodeAt(at);
      if (ch === 32 || ch === 9 || ch === 10 || ch === 13 || ch === 0xfeff) at++;
      else if (ch === 35 && (at === 0 || isSpace(text.charCodeAt(at - 1)))) {
        while (at < end && text.charCodeAt(at) !== 10 && text.charCodeAt(at) !== 13) at++;
      } else break;
    }
    return at;
  }

  /**
   * Where the node's text ends. A scalar or a flow collection: its reading's end, back past whitespace. A block
   * collection: the end of the line its last scalar ends on, line break included, as the `yaml` package has it
   * (comment lines and blank lines after it are not the collection's). -1 where this index cannot tell: a block
   * scalar (its chomping decides which line breaks are its own).
   */
  private end(node: number): number {
    const text = this.text;
    const start = this.start(node);
    if (!this.isBlockCollection(node, start)) {
      const first = text.charCodeAt(start);
      if (first === 124 || first === 62) return -1; // | or >
      let at = this.ends[node]!;
      while (at > start && isSpace(text.charCodeAt(at - 1))) at--;
      return at;
    }
    if (!this.linedUp(node)) return -1;
    const list = this.children(node);
    if (list.length === 0) return -1;
    const last = this.unwrapped(list[list.length - 1]!);
    const lastEnd = this.end(last);
    if (lastEnd < 0) return -1;
    // A block collection last: its end is a line's end already.
    const lastStart = this.start(last);
    if (this.isBlockCollection(last, lastStart)) return lastEnd;
    let at = Math.max(lastEnd, lastStart);
    while (at < text.length && text.charCodeAt(at) !== 10 && text.charCodeAt(at) !== 13) at++;
    if (text.charCodeAt(at) === 13 && text.charCodeAt(at + 1) === 10) at += 2;
    else if (at < text.length) at++;
    // Comment lines between the collection's last line and what follows may be the collection's or its parent's,
    // by their indentation and what comes next; the `yaml` package decides, on the collection's text.
    if (text.slice(at, this.ends[node]).includes('#')) return -1;
    return at;
  }
}

function isSpace(ch: number): boolean {
  return ch === 32 || ch === 9 || ch === 10 || ch === 13;
}
