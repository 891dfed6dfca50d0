/**
 * The fast way through a large JSON export: JSON.parse for the data, positions worked out afterwards, only for the
 * findings that need one.
 *
 * parseJson (parse-json.ts) builds jsonc-parser's tree of the whole file, with an offset for every node; for a file of
 * 100,000 devices that takes ten times as long as JSON.parse and three times the memory. Here the file is checked in
 * one pass (nesting depth and the number of object keys), parsed with JSON.parse, and the keys counted again in the
 * data: fewer keys in the data than in the text means a key is given twice, which JSON.parse silently accepts. Any
 * doubt (a syntax error, a duplicate key, deep nesting) returns undefined, and the caller uses parseJson, which reports
 * the problem at its exact position.
 *
 * A position is found by an index of the first levels of the file (built the first time one is asked for), then by
 * jsonc-parser on the text of the one value that holds it, and located exactly as parseJson's locate does.
 */
import { parseTree, type Node } from 'jsonc-parser';
import type { Pointer, Region } from '../findings.js';
import { locateJson } from './parse-json.js';
import { LineIndex, MAX_NESTING, type ParsedDocument } from './parsed-document.js';

const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;
const QUOTE = 34;
const BACKSLASH = 92;
const COLON = 58;

function isSpace(ch: number): boolean {
  return ch === SPACE || ch === LF || ch === CR || ch === TAB;
}

/** Offset just past the string whose opening quote is at `start`, or -1 when it is not closed. */
function skipString(text: string, start: number): number {
  let at = start + 1;
  for (;;) {
    const quote = text.indexOf('"', at);
    if (quote < 0) return -1;
    let backslashes = 0;
    for (let k = quote - 1; text.charCodeAt(k) === BACKSLASH; k--) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    at = quote + 1;
  }
}

/** What one pass over a JSON text tells: its nesting depth, its number of object keys, where its third level is. */
export interface JsonScan {
  keys: number;
  depth: number;
  /** Start and end offsets of each object and list three levels deep (the items of `devices`), in text order. */
  thirdStarts: number[];
  thirdEnds: number[];
}

/** One pass over a JSON text, outside strings; undefined when nesting goes past MAX_NESTING or a string is open. */
export function scanJson(text: string): JsonScan | undefined {
  let depth = 0;
  let maxDepth = 0;
  let keys = 0;
  const thirdStarts: number[] = [];
  const thirdEnds: number[] = [];
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === QUOTE) {
      const end = skipString(text, i);
      if (end < 0) return undefined;
      let k = end;
      while (k < length && isSpace(text.charCodeAt(k))) k++;
      if (text.charCodeAt(k) === COLON) keys++;
      i = end - 1;
    } else if (ch === 123 || ch === 91) {
      if (++depth > maxDepth) {
        maxDepth = depth;
        if (depth > MAX_NESTING) return undefined;
      }
      if (depth === 3) thirdStarts.push(i);
    } else if (ch === 125 || ch === 93) {
      if (depth === 3) thirdEnds.push(i + 1);
      depth--;
    }
  }
  return { keys, depth: maxDepth, thirdStarts, thirdEnds };
}

/** Own keys of every object in the data (the data of a JSON text is a tree: no object is reached twice). */
function countKeys(data: unknown): number {
  let keys = 0;
  const stack: unknown[] = [data];
  while (stack.length) {
    const value = stack.pop();
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const item = value[i];
        if (item !== null && typeof item === 'object') stack.push(item);
      }
    } else {
      const names = Object.keys(value);
      keys += names.length;
      for (let i = 0; i < names.length; i++) {
        const item = (value as Record<string, unknown>)[names[i]!];
        if (item !== null && typeof item === 'object') stack.push(item);
      }
    }
  }
  return keys;
}

/** The data of a well-formed JSON export without duplicate keys, with lazy positions; undefined otherwise. */
export function parseJsonFast(text: string): ParsedDocument | undefined {
  const scan = scanJson(text);
  if (!scan) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  // JSON.parse keeps the last of two equal keys; parseJson reports them (CML008).
  if (countKeys(data) !== scan.keys) return undefined;
  let locator: JsonLocator | undefined;
  return {
    format: 'json',
    data,
    problems: [],
    locate: (pointer, atKey) => (locator ??= new JsonLocator(text, scan)).locate(pointer, atKey ?? false),
    comments: () => [],
  };
}

/** Whether locateJson would take a step from `node` to `part`. */
function hasChild(node: Node, part: string | number): boolean {
  if (node.type === 'array') return typeof part === 'number' && node.children?.[part] !== undefined;
  if (node.type !== 'object') return false;
  return (node.children ?? []).some((property) => property.children?.[1] !== undefined && property.children[0] !== undefined && String(property.children[0].value) === String(part));
}

/** A value found in the index: where its text starts and ends, where its key is (object members), its children. */
interface Entry {
  start: number;
  end: number;
  keyStart: number;
  keyEnd: number;
  members?: Map<string, Entry>;
  items?: Entry[];
  /** A list whose items are not indexed further: where each starts and ends. */
  itemStarts?: number[];
  itemEnds?: number[];
}

/** Children are indexed for the values this deep (the root is 1): the root's keys and the items of its lists. */
const INDEX_DEPTH = 2;

/** Positions in a large JSON text: an index of its first levels, and jsonc-parser on one value's text for the rest. */
export class JsonLocator {
  private readonly lines: LineIndex;
  private readonly root: Entry | undefined;
  /** Next unused entry of the scan's third-level spans (values are indexed in text order). */
  private third = 0;

  constructor(
    private readonly text: string,
    private readonly scan: JsonScan,
  ) {
    this.lines = new LineIndex(text);
    let start = 0;
    while (start < text.length && isSpace(text.charCodeAt(start))) start++;
    this.root = start < text.length ? this.entry(start, 1, -1, -1) : undefined;
  }

  locate(pointer: Pointer, atKey: boolean): Region {
    if (!this.root) return this.lines.region(0, 0);
    // Down the index as far as it goes, stepping as locateJson does (an index only into a list, a key as text).
    let entry = this.root;
    let depth = 0;
    while (depth < pointer.length) {
      const next = this.child(entry, pointer[depth]!);
      if (!next) break;
      entry = next;
      depth++;
    }
    const rest = pointer.slice(depth);
    // An indexed value lists all its children, so a step the index lacks does not exist; a deeper value is parsed.
    if (rest.length && !entry.members && !entry.items && !entry.itemStarts && this.isContainer(entry)) {
      // The rest of the path lies in this value's text: parse just that, as parseJson would have parsed it all.
      const tree = parseTree(this.text.slice(entry.start, entry.end), [], { disallowComments: true, allowTrailingComma: false });
      if (tree && hasChild(tree, rest[0]!)) {
        return locateJson(tree, rest, atKey, this.shifted(entry.start));
      }
    }
    if (atKey && entry.keyStart >= 0) return this.lines.region(entry.keyStart, entry.keyEnd);
    return this.lines.region(entry.start, entry.end);
  }

  private child(entry: Entry, part: string | number): Entry | undefined {
    if (entry.members) return entry.members.get(String(part));
    if (typeof part !== 'number') return undefined;
    if (entry.items) return entry.items[part];
    if (entry.itemStarts && part < entry.itemStarts.length) {
      return { start: entry.itemStarts[part]!, end: entry.itemEnds![part]!, keyStart: -1, keyEnd: -1 };
    }
    return undefined;
  }

  private isContainer(entry: Entry): boolean {
    const ch = this.text.charCodeAt(entry.start);
    return ch === 123 || ch === 91;
  }

  /** A LineIndex stand-in for a slice of the text that starts at `offset`. */
  private shifted(offset: number): LineIndex {
    const lines = this.lines;
    return { region: (start: number, end: number) => lines.region(start + offset, end + offset) } as LineIndex;
  }

  /** The value at `start` (depth counts from 1 at the root), with its children when it is shallow enough. */
  private entry(start: number, depth: number, keyStart: number, keyEnd: number): Entry {
    const text = this.text;
    const ch = text.charCodeAt(start);
    if (depth <= INDEX_DEPTH && ch === 123) {
      const members = new Map<string, Entry>();
      let i = this.skipSpace(start + 1);
      while (text.charCodeAt(i) === QUOTE) {
        const nameEnd = skipString(text, i);
        const raw = text.slice(i + 1, nameEnd - 1);
        const name = raw.includes('\\') ? (JSON.parse(text.slice(i, nameEnd)) as string) : raw;
        const valueStart = this.skipSpace(this.skipSpace(nameEnd) + 1);
        const child = this.entry(valueStart, depth + 1, i, nameEnd);
        if (!members.has(name)) members.set(name, child);
        i = this.skipSpace(child.end);
        if (text.charCodeAt(i) === 44) i = this.skipSpace(i + 1);
      }
      return { start, end: i + 1, keyStart, keyEnd, members };
    }
    if (depth <= INDEX_DEPTH && ch === 91) {
      const shallow = depth < INDEX_DEPTH;
      const items: Entry[] = [];
      const itemStarts: number[] = [];
      const itemEnds: number[] = [];
      let i = this.skipSpace(start + 1);
      while (i < text.length && text.charCodeAt(i) !== 93) {
        const child = shallow ? this.entry(i, depth + 1, -1, -1) : undefined;
        const end = child ? child.end : this.valueEnd(i, depth + 1);
        if (child) items.push(child);
        else {
          itemStarts.push(i);
          itemEnds.push(end);
        }
        i = this.skipSpace(end);
        if (text.charCodeAt(i) === 44) i = this.skipSpace(i + 1);
      }
      return shallow ? { start, end: i + 1, keyStart, keyEnd, items } : { start, end: i + 1, keyStart, keyEnd, itemStarts, itemEnds };
    }
    return { start, end: this.valueEnd(start, depth), keyStart, keyEnd };
  }

  /** Offset just past the value at `start`; objects and lists three levels deep are looked up in the scan. */
  private valueEnd(start: number, depth: number): number {
    const ch = this.text.charCodeAt(start);
    if (depth === 3 && (ch === 123 || ch === 91)) {
      const { thirdStarts, thirdEnds } = this.scan;
      while (this.third < thirdStarts.length && thirdStarts[this.third]! < start) this.third++;
      if (thirdStarts[this.third] === start) return thirdEnds[this.third]!;
    }
    return this.skipValue(start);
  }

  private skipSpace(i: number): number {
    while (i < this.text.length && isSpace(this.text.charCodeAt(i))) i++;
    return i;
  }

  /** Offset just past the value at `start` (the text is well-formed: JSON.parse accepted it). */
  private skipValue(start: number): number {
    const text = this.text;
    const ch = text.charCodeAt(start);
    if (ch === QUOTE) return skipString(text, start);
    if (ch === 123 || ch === 91) {
      let depth = 0;
      for (let i = start; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === QUOTE) i = skipString(text, i) - 1;
        else if (c === 123 || c === 91) depth++;
        else if ((c === 125 || c === 93) && --depth === 0) return i + 1;
      }
      return text.length;
    }
    let i = start;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 44 || c === 125 || c === 93 || isSpace(c)) break;
      i++;
    }
    return i;
  }
}
