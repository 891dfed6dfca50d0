/**
 * The fast way through a large JSON export: JSON.parse for the data, positions worked out afterwards, only for the
 * findings that need one.
 *
 * parseJson (precise.ts) builds jsonc-parser's tree of the whole file, with an offset for every node; for a file of
 * 100,000 devices that takes ten times as long as JSON.parse and three times the memory. Here the file is checked in
 * one pass (nesting depth and the number of object keys), parsed with JSON.parse, and the keys counted again in the
 * data: fewer keys in the data than in the text means a key is given twice, which JSON.parse silently accepts. Any
 * doubt (a syntax error, a duplicate key, deep nesting) returns undefined, and the caller uses parseJson, which reports
 * the problem at its exact position.
 *
 * A position is found by an index of the first levels of the file (built the first time one is asked for, from a
 * scan for brackets: by indexOf when no string holds one, which the count of brackets against the data's objects and
 * lists tells, else by a regular expression that skips strings), then, below it, by listing the children of each value
 * on the way from its text (where each starts and ends, and its key): what parseJson's tree would say of them, without
 * building a tree for every finding (jsonc-parser on one device's text per finding was most of placing a
 * finding-dense export). */
import type { Pointer, Region } from '../../findings.js';
import { linesOf, type Lines } from '../lines.js';
import { MAX_NESTING, type ParsedDocument } from '../parsed-document.js';

const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;
const QUOTE = 34;
const BACKSLASH = 92;

function isSpace(ch: number): boolean {
  return ch === SPACE || ch === LF || ch === CR || ch === TAB;
}

/**
 * Offset just past the string whose opening quote is at `start`, or the text's length when it is not closed (never
 * in a text JSON.parse accepted; the end of the text keeps every loop that skips strings going forward).
 */
function skipString(text: string, start: number): number {
  let at = start + 1;
  for (;;) {
    const quote = text.indexOf('"', at);
    if (quote < 0) return text.length;
    let backslashes = 0;
    for (let k = quote - 1; text.charCodeAt(k) === BACKSLASH; k--) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    at = quote + 1;
  }
}

/**
 * How many `"…":` the text holds: every object key, plus a colon that opens a string value (`": "` where the value
 * starts with a colon), which only makes the count too high. A quote that is escaped is inside a string.
 */
export function countKeyColons(text: string): number {
  let count = 0;
  for (let colon = text.indexOf(':'); colon >= 0; colon = text.indexOf(':', colon + 1)) {
    let k = colon - 1;
    while (k >= 0 && isSpace(text.charCodeAt(k))) k--;
    if (text.charCodeAt(k) !== QUOTE) continue;
    let backslashes = 0;
    for (let b = k - 1; text.charCodeAt(b) === BACKSLASH; b--) backslashes++;
    if (backslashes % 2 === 0) count++;
  }
  return count;
}

/** What the data holds: own keys of all its objects, and its objects and lists (the root among them). */
interface Census {
  keys: number;
  containers: number;
}

/**
 * Counts the keys and containers of `value` and everything in it into `census` (the data of JSON text is a tree);
 * false when it nests deeper than MAX_NESTING (the recursion stops there, so it is bounded).
 */
function take(value: object, depth: number, census: Census): boolean {
  if (depth > MAX_NESTING) return false;
  census.containers++;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (item !== null && typeof item === 'object' && !take(item, depth + 1, census)) return false;
    }
    return true;
  }
  for (const name in value) {
    if (!Object.prototype.hasOwnProperty.call(value, name)) continue;
    census.keys++;
    const item = (value as Record<string, unknown>)[name];
    if (item !== null && typeof item === 'object' && !take(item, depth + 1, census)) return false;
  }
  return true;
}

/** The work a fast document did to place positions, counted for tests (no timing assertions: the count shows the work). */
export interface FastJsonCounters {
  /** Values below the index whose children were listed. */
  listings: number;
  /** Runs between brackets too long for the regular expression, taken character by character. */
  bracketLoops: number;
  /** Bracket scans by indexOf (no string holds a bracket). */
  bracketOnlyScans: number;
}

/** A JSON document read the fast way, with what its positions cost so far. */
export interface FastJsonDocument extends ParsedDocument {
  counters: Readonly<FastJsonCounters>;
}

/** The data of a well-formed JSON export without duplicate keys, with lazy positions; undefined otherwise. */
export function parseJsonFast(text: string): FastJsonDocument | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  // Too deep for the steps after parsing (parseJson reports it); and JSON.parse keeps the last of two equal keys,
  // which parseJson reports (CML008): fewer keys in the data than in the text means one is repeated. The number of
  // containers lets the locator find brackets the quick way.
  const census: Census = { keys: 0, containers: 0 };
  if (data !== null && typeof data === 'object' && !take(data, 1, census)) return undefined;
  if (census.keys !== countKeyColons(text)) return undefined;
  let locator: JsonLocator | undefined;
  const counters: FastJsonCounters = { listings: 0, bracketLoops: 0, bracketOnlyScans: 0 };
  return {
    format: 'json',
    data,
    problems: [],
    locate: (pointer, atKey) =>
      (locator ??= new JsonLocator(text, counters, census.containers)).locate(pointer, atKey ?? false),
    comments: () => [],
    counters,
  };
}

/**
 * Everything from here up to the next bracket outside strings: other characters, and whole strings. Irregexp runs
 * this at native speed, so the scan's own loop sees only brackets (a device has two to four), not every character.
 */
const UP_TO_BRACKET = /[^{}[\]"]*(?:"[^"\\]*(?:\\.[^"\\]*)*"[^{}[\]"]*)*/y;

/** Offset of the next bracket outside strings at or after `i`, or the text's length. */
function nextBracket(text: string, i: number, counters: FastJsonCounters): number {
  UP_TO_BRACKET.lastIndex = i;
  try {
    if (UP_TO_BRACKET.test(text)) return UP_TO_BRACKET.lastIndex;
  } catch {
    // A RangeError: irregexp's backtracking stack overflows on a very long run without brackets (an object of a
    // million strings, say). Such a run is rare; the loop below takes it, character by character.
    counters.bracketLoops++;
  }
  for (; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === QUOTE) i = skipString(text, i) - 1;
    else if (ch === 123 || ch === 91 || ch === 125 || ch === 93) return i;
  }
  return i;
}

/** Where the objects and lists three levels deep (the items of `devices`) start and end, in text order. */
interface ThirdLevel {
  starts: number[];
  ends: number[];
}

/** The third level found by a scan that skips strings (nextBracket): right for any text JSON.parse accepts. */
function thirdLevelSkippingStrings(text: string, counters: FastJsonCounters): ThirdLevel {
  const starts: number[] = [];
  const ends: number[] = [];
  let depth = 0;
  for (let i = nextBracket(text, 0, counters); i < text.length; i = nextBracket(text, i + 1, counters)) {
    const ch = text.charCodeAt(i);
    if (ch === 123 || ch === 91) {
      if (++depth === 3) starts.push(i);
    } else if (depth-- === 3) ends.push(i + 1);
  }
  return { starts, ends };
}

/** Offset of the next `ch` at or after `from`, or the text's length. */
function nextOf(text: string, ch: string, from: number): number {
  const at = text.indexOf(ch, from);
  return at < 0 ? text.length : at;
}

/**
 * The third level found from the brackets alone, when the text has exactly as many as its data has objects and lists
 * (two each): then no string holds one, and every bracket is the text's own. Each kind of bracket is found by
 * indexOf (native, and far quicker than reading every character as the regular expression does), taking the nearest
 * of the four each time. Undefined when the count differs: a string holds a bracket, and thirdLevelSkippingStrings
 * takes over.
 */
function thirdLevelByBrackets(text: string, brackets: number, counters: FastJsonCounters): ThirdLevel | undefined {
  const starts: number[] = [];
  const ends: number[] = [];
  const end = text.length;
  let openBrace = nextOf(text, '{', 0);
  let closeBrace = nextOf(text, '}', 0);
  let openList = nextOf(text, '[', 0);
  let closeList = nextOf(text, ']', 0);
  let depth = 0;
  let seen = 0;
  for (; seen <= brackets; seen++) {
    const at = Math.min(openBrace, closeBrace, openList, closeList);
    if (at === end) break; // all four are at the end: no bracket is left
    const ch = text.charCodeAt(at);
    if (ch === 123) openBrace = nextOf(text, '{', at + 1);
    else if (ch === 125) closeBrace = nextOf(text, '}', at + 1);
    else if (ch === 91) openList = nextOf(text, '[', at + 1);
    else closeList = nextOf(text, ']', at + 1);
    if (ch === 123 || ch === 91) {
      if (++depth === 3) starts.push(at);
    } else if (depth-- === 3) ends.push(at + 1);
  }
  if (seen !== brackets) return undefined;
  counters.bracketOnlyScans++;
  return { starts, ends };
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

/** How many listings of values below the index a locator keeps: more than an export is deep. */
const KEPT_LISTINGS = 32;

/** Children are indexed for the values this deep (the root is 1): the root's keys and the items of its lists. */
const INDEX_DEPTH = 2;

/** Positions in a large JSON text: an index of its first levels, and below it each value's children listed from its text. */
export class JsonLocator {
  private readonly lines: Lines;
  private readonly root: Entry | undefined;
  /** Where the objects and lists three levels deep are, and the next one not yet used (values are met in order). */
  private readonly thirdLevel: ThirdLevel;
  private third = 0;
  /** Values below the index with their children listed, by where their text starts (see listed). */
  private readonly listings = new Map<number, Entry>();

  /** `containers`: how many objects and lists the text's data holds, when known (it makes the scan quicker). */
  constructor(
    private readonly text: string,
    private readonly counters: FastJsonCounters,
    containers?: number,
  ) {
    this.lines = linesOf(text);
    this.thirdLevel =
      (containers !== undefined ? thirdLevelByBrackets(text, 2 * containers, counters) : undefined) ??
      thirdLevelSkippingStrings(text, counters);
    let start = 0;
    while (start < text.length && isSpace(text.charCodeAt(start))) start++;
    this.root = start < text.length ? this.entry(start, 1, -1, -1) : undefined;
  }

  locate(pointer: Pointer, atKey: boolean): Region {
    if (!this.root) return this.lines.region(0, 0);
    // Down as far as the pointer exists, stepping as parseJson's locate does (an index only into a list, a key as
    // text); the deepest existing value stands in for a missing one.
    let entry = this.root;
    for (const part of pointer) {
      const next = this.child(entry, part);
      if (!next) break;
      entry = next;
    }
    if (atKey && entry.keyStart >= 0) return this.lines.region(entry.keyStart, entry.keyEnd);
    return this.lines.region(entry.start, entry.end);
  }

  private child(entry: Entry, part: string | number): Entry | undefined {
    if (!entry.members && !entry.items && !entry.itemStarts) {
      if (!this.isContainer(entry)) return undefined;
      entry = this.listed(entry);
    }
    if (entry.members) return entry.members.get(String(part));
    if (typeof part !== 'number' || !Number.isInteger(part) || part < 0) return undefined;
    if (entry.items) return entry.items[part];
    if (entry.itemStarts && part < entry.itemStarts.length) {
      return { start: entry.itemStarts[part]!, end: entry.itemEnds![part]!, keyStart: -1, keyEnd: -1 };
    }
    return undefined;
  }

  /**
   * An object or list below the index with its children listed (each with where its text starts and ends, and its
   * key), read from its text: kept for the next findings, which come in pointer order, so that many findings in one
   * value (3,000 sites in hierarchy.sites, say) list it once rather than once each. A few recent listings are kept.
   */
  private listed(entry: Entry): Entry {
    const cached = this.listings.get(entry.start);
    if (cached) {
      // Most recently used last: a Map iterates in insertion order, so the first entry is the one to drop.
      this.listings.delete(entry.start);
      this.listings.set(entry.start, cached);
      return cached;
    }
    this.counters.listings++;
    const text = this.text;
    const listing: Entry = { ...entry };
    let i = this.skipSpace(entry.start + 1);
    if (text.charCodeAt(entry.start) === 123) {
      const members = new Map<string, Entry>();
      while (text.charCodeAt(i) === QUOTE) {
        const nameEnd = skipString(text, i);
        const raw = text.slice(i + 1, nameEnd - 1);
        const name = raw.includes('\\') ? (JSON.parse(text.slice(i, nameEnd)) as string) : raw;
        const valueStart = this.skipSpace(this.skipSpace(nameEnd) + 1);
        const valueEnd = this.skipValue(valueStart);
        if (!members.has(name)) members.set(name, { start: valueStart, end: valueEnd, keyStart: i, keyEnd: nameEnd });
        i = this.skipSpace(valueEnd);
        if (text.charCodeAt(i) === 44) i = this.skipSpace(i + 1);
      }
      listing.members = members;
    } else {
      const items: Entry[] = [];
      while (i < text.length && text.charCodeAt(i) !== 93) {
        // At least one character on: with a well-formed text every value has one, and the walk can never stand still.
        const end = Math.max(this.skipValue(i), i + 1);
        items.push({ start: i, end, keyStart: -1, keyEnd: -1 });
        i = this.skipSpace(end);
        if (text.charCodeAt(i) === 44) i = this.skipSpace(i + 1);
      }
      listing.items = items;
    }
    if (this.listings.size >= KEPT_LISTINGS) this.listings.delete(this.listings.keys().next().value!);
    this.listings.set(entry.start, listing);
    return listing;
  }

  private isContainer(entry: Entry): boolean {
    const ch = this.text.charCodeAt(entry.start);
    return ch === 123 || ch === 91;
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
        // At least one character on: with a well-formed text every value has one, and the walk can never stand still.
        const end = Math.max(child ? child.end : this.valueEnd(i, depth + 1), i + 1);
        if (child) items.push(child);
        else {
          itemStarts.push(i);
          itemEnds.push(end);
        }
        i = this.skipSpace(end);
        if (text.charCodeAt(i) === 44) i = this.skipSpace(i + 1);
      }
      return shallow
        ? { start, end: i + 1, keyStart, keyEnd, items }
        : { start, end: i + 1, keyStart, keyEnd, itemStarts, itemEnds };
    }
    return { start, end: this.valueEnd(start, depth), keyStart, keyEnd };
  }

  /** Offset just past the value at `start`; objects and lists three levels deep are looked up in the scan. */
  private valueEnd(start: number, depth: number): number {
    const ch = this.text.charCodeAt(start);
    if (depth === 3 && (ch === 123 || ch === 91)) {
      const { starts: thirdStarts, ends: thirdEnds } = this.thirdLevel;
      while (this.third < thirdStarts.length && thirdStarts[this.third]! < start) this.third++;
      // The scan pairs each start with its end; the check keeps the walk going forward whatever it found.
      const end = thirdStarts[this.third] === start ? thirdEnds[this.third] : undefined;
      if (end !== undefined && end > start) return end;
    }
    return this.skipValue(start);
  }

  /** isSpace written out: this runs twice for each item of a long list (devices), and V8 does not inline here. */
  private skipSpace(i: number): number {
    const text = this.text;
    let ch = text.charCodeAt(i); // NaN past the end, which is no space
    while (ch === SPACE || ch === LF || ch === CR || ch === TAB) ch = text.charCodeAt(++i);
    return i;
  }

  /** Offset just past the value at `start` (the text is well-formed: JSON.parse accepted it). */
  private skipValue(start: number): number {
    const text = this.text;
    const ch = text.charCodeAt(start);
    if (ch === QUOTE) return skipString(text, start);
    if (ch === 123 || ch === 91) {
      let depth = 0;
      for (let i = start; i < text.length; i = nextBracket(text, i + 1, this.counters)) {
        const c = text.charCodeAt(i);
        if (c === 123 || c === 91) depth++;
        else if (--depth === 0) return i + 1;
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
