/**
 * The fast way through a large YAML export: js-yaml for the data, positions worked out afterwards, only for the
 * findings that need one.
 *
 * parseYaml (precise.ts) keeps a node with its source range for every value; for a file of 100,000 devices that
 * takes more than ten times as long as js-yaml and a gigabyte of memory. Here js-yaml reads the data, with a schema
 * that resolves plain scalars exactly as the `yaml` package's YAML 1.2 core schema does (no YAML 1.1 octals, binary
 * numbers or underscores, no timestamps). While it reads, a listener notes where each mapping and sequence starts and
 * ends. Whatever parseYaml would report or treat specially sends the file back to parseYaml, which reports it at its
 * exact position: a syntax error, a duplicate key, a tag, an anchor or alias, a merge key (<<), a key that is null or
 * a collection, a directive, a second document, deep nesting.
 *
 * In a text under a megabyte, the listener also notes where js-yaml read every node, and most positions come from
 * those notes (node-index.ts), without parsing anything again. Otherwise, and wherever the notes cannot tell, a
 * position is found by taking the text of the innermost mapping or sequence that holds the pointed node (collections
 * inside it that do not hold it are cut down to `~`), parsing that small text with the `yaml` package, and locating
 * in it exactly as parseYaml's locate does; offsets are then mapped back to the file.
 */
import { FAILSAFE_SCHEMA, load, Type, type State } from 'js-yaml';
import { parseDocument, type Document } from 'yaml';
import type { Pointer, Region } from '../../findings.js';
import { linesOf, type Lines } from '../lines.js';
import type { ParsedDocument } from '../parsed-document.js';
import { commentsOf } from './comments.js';
import { locateYaml } from './locate.js';
import { YamlNodeIndex, type NodeIndexCounters } from './node-index.js';
import { YAML_OPTIONS } from './options.js';

/** How the fast YAML way places positions. */
export interface FastYamlOptions {
  /**
   * Texts shorter than this keep every node's reading (node-index.ts), so that most findings are placed without
   * parsing any text again; longer ones, where that would cost memory for every device, parse a collection's text per
   * finding instead.
   */
  nodeIndexBelow: number;
  /** After this many collection parses, the whole text is read once more with every node noted (finding-dense files). */
  slicesBeforeIndex: number;
}

export const FAST_YAML_DEFAULTS: Readonly<FastYamlOptions> = { nodeIndexBelow: 1024 * 1024, slicesBeforeIndex: 64 };

/** The work a fast document did to place positions, counted for tests (no timing assertions: the count shows the work). */
export interface FastYamlCounters extends NodeIndexCounters {
  /** Collection texts parsed with the `yaml` package. */
  sliceParses: number;
  /** Positions the node index gave. */
  indexAnswers: number;
}

/** A YAML document read the fast way, with what its positions cost so far. */
export interface FastYamlDocument extends ParsedDocument {
  counters: Readonly<FastYamlCounters>;
}

/** An export is about ten levels deep; a file nested deeper than this goes the precise way. */
const MAX_FAST_DEPTH = 64;

/** The plain scalars of the `yaml` package's core schema (yaml/dist/schema/core), in its order. */
const CORE_SCALARS = [
  new Type('tag:yaml.org,2002:null', {
    kind: 'scalar',
    resolve: (text: string) => /^(?:~|[Nn]ull|NULL)?$/.test(text),
    construct: () => null,
  }),
  new Type('tag:yaml.org,2002:bool', {
    kind: 'scalar',
    resolve: (text: string) => /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(text),
    construct: (text: string) => text[0] === 't' || text[0] === 'T',
  }),
  new Type('tag:yaml.org,2002:int', {
    kind: 'scalar',
    resolve: (text: string) => /^0o[0-7]+$/.test(text) || /^[-+]?[0-9]+$/.test(text) || /^0x[0-9a-fA-F]+$/.test(text),
    construct: (text: string) =>
      text.startsWith('0o')
        ? parseInt(text.substring(2), 8)
        : text.startsWith('0x')
          ? parseInt(text.substring(2), 16)
          : parseInt(text, 10),
  }),
  new Type('tag:yaml.org,2002:float', {
    kind: 'scalar',
    resolve: (text: string) =>
      /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(text) ||
      /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(text) ||
      /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(text),
    construct: (text: string) =>
      /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(text)
        ? text.slice(-3).toLowerCase() === 'nan'
          ? NaN
          : text[0] === '-'
            ? Number.NEGATIVE_INFINITY
            : Number.POSITIVE_INFINITY
        : parseFloat(text),
  }),
];

const SCHEMA = FAILSAFE_SCHEMA.extend({ implicit: CORE_SCALARS });

/** Options for parsing a slice with the `yaml` package; ranges are all that is read from it. */

/** Thrown from the listener to stop js-yaml: the file goes the precise way. */
class GoPrecise extends Error {}

function isBreakOrSpace(ch: number): boolean {
  return ch === 32 || ch === 9 || ch === 10 || ch === 13 || Number.isNaN(ch);
}

/**
 * Whether the text may hold the indicator `ch` where a node starts: at the start of a line or after whitespace or a
 * flow indicator. Plain scalars cannot start with these characters, so text like "R&D" never matches; text like
 * "a & b" in a quoted string may, which only costs the slower parse.
 */
function mayHoldIndicator(text: string, ch: string, needsSpaceAfter: boolean): boolean {
  for (let at = text.indexOf(ch); at >= 0; at = text.indexOf(ch, at + 1)) {
    const before = at === 0 ? 10 : text.charCodeAt(at - 1);
    if (!(isBreakOrSpace(before) || before === 91 || before === 123 || before === 44)) continue;
    const after = text.charCodeAt(at + 1);
    if (needsSpaceAfter ? isBreakOrSpace(after) : !isBreakOrSpace(after)) return true;
  }
  return false;
}

/** The data of a large YAML export that parseYaml would read without any remark, with lazy positions; else undefined. */
export function parseYamlFast(
  text: string,
  options: Readonly<FastYamlOptions> = FAST_YAML_DEFAULTS,
): FastYamlDocument | undefined {
  // Tags, anchors, aliases, explicit keys and directives: rare in exports, and all handled by parseYaml.
  if (
    mayHoldIndicator(text, '!', false) ||
    mayHoldIndicator(text, '&', false) ||
    mayHoldIndicator(text, '*', false) ||
    mayHoldIndicator(text, '?', true) ||
    text.startsWith('%') ||
    /[\r\n]%/.test(text)
  ) {
    return undefined;
  }
  // js-yaml drops a byte-order mark; offsets are kept in the file's terms.
  const shift = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const input = shift ? text.slice(1) : text;
  const opened: number[] = [];
  const spans = new Map<object, number>();
  const starts: number[] = [];
  const ends: number[] = [];
  const counters: FastYamlCounters = { sliceParses: 0, indexAnswers: 0, listings: 0 };
  const nodes = input.length < options.nodeIndexBelow ? new YamlNodeIndex(text, shift, counters) : undefined;
  /** A node that closes just before `:` is a key. */
  const isKey = (position: number): boolean => {
    let at = position;
    while (input.charCodeAt(at) === 32 || input.charCodeAt(at) === 9) at++;
    return input.charCodeAt(at) === 58;
  };
  let data: unknown;
  try {
    data = load(input, {
      schema: SCHEMA,
      json: false,
      onWarning: () => {
        throw new GoPrecise();
      },
      listener(event, state: State & { depth?: number; anchor?: string | null }) {
        if (event === 'open') {
          opened.push(state.position);
          nodes?.opened(state.position);
          return;
        }
        const start = opened.pop()!;
        const result: unknown = state.result;
        nodes?.closed(state.position, result);
        if (state.anchor !== null && state.anchor !== undefined) throw new GoPrecise();
        if ((state.depth ?? 0) > MAX_FAST_DEPTH) throw new GoPrecise();
        if (result !== null && typeof result === 'object') {
          // A collection as a key is stringified differently by the two parsers.
          if (isKey(state.position)) throw new GoPrecise();
          const index = spans.get(result);
          if (index === undefined) {
            spans.set(result, starts.length);
            starts.push(start + shift);
            ends.push(state.position + shift);
          } else {
            // The same collection closes twice when js-yaml wraps it (a flow collection as a block item): the outer.
            starts[index] = Math.min(starts[index]!, start + shift);
            ends[index] = Math.max(ends[index]!, state.position + shift);
          }
        } else if ((result === null || result === '<<') && isKey(state.position)) {
          // A null key is "" to parseYaml and "null" to js-yaml; << is a merge key, which parseYaml reports.
          throw new GoPrecise();
        }
      },
      maxDepth: MAX_FAST_DEPTH,
    } as Parameters<typeof load>[1]);
  } catch {
    return undefined;
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data) || !spans.has(data)) return undefined;
  let locator: YamlLocator | undefined;
  return {
    format: 'yaml',
    data,
    problems: [],
    locate: (pointer, atKey) =>
      (locator ??= new YamlLocator(text, data, spans, starts, ends, nodes, options, counters)).locate(
        pointer,
        atKey ?? false,
      ),
    comments: () => commentsOf(text),
    counters,
  };
}

/** Every node of a YAML text that parseYamlFast already read once, noted by a second reading; undefined if it fails. */
function indexNodes(text: string, counters: NodeIndexCounters): YamlNodeIndex | undefined {
  const shift = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const nodes = new YamlNodeIndex(text, shift, counters);
  try {
    load(shift ? text.slice(1) : text, {
      schema: SCHEMA,
      json: false,
      listener(event, state: State) {
        if (event === 'open') nodes.opened(state.position);
        else nodes.closed(state.position, state.result);
      },
      maxDepth: MAX_FAST_DEPTH,
    } as Parameters<typeof load>[1]);
  } catch {
    return undefined;
  }
  return nodes;
}

type Data = Record<string, unknown> | unknown[];

function isCollection(value: unknown): value is Data {
  return value !== null && typeof value === 'object';
}

/** A collection's skeleton parsed with the `yaml` package, and its regions in the file's lines. */
interface ParsedSlice {
  doc: Document.Parsed;
  lines: Lines;
}

/** How many parsed skeletons a locator keeps: more than an export is deep, so a pointer's ancestors all fit. */
const SLICE_CACHE_SIZE = 32;

/** Positions in a large YAML text, from the spans js-yaml's listener noted and the `yaml` package on one slice. */
class YamlLocator {
  private readonly lines: Lines;

  /** Parsed skeletons by collection: with the collection's last child kept whole (wholeSlices) or cut (slices). */
  private readonly slices = new Map<object, ParsedSlice>();
  private readonly wholeSlices = new Map<object, ParsedSlice>();

  constructor(
    private readonly text: string,
    private readonly data: unknown,
    private readonly spans: Map<object, number>,
    private readonly starts: number[],
    private readonly ends: number[],
    private nodes: YamlNodeIndex | undefined,
    private readonly options: Readonly<FastYamlOptions>,
    private readonly counters: FastYamlCounters,
  ) {
    this.lines = linesOf(text);
  }

  locate(pointer: Pointer, atKey: boolean): Region {
    const known = this.nodes?.locate(pointer, atKey, this.lines);
    if (known) {
      this.counters.indexAnswers++;
      return known;
    }
    // The values along the pointer, stepping as locateYaml does: a key as text into a mapping, an index into a list.
    const chain: unknown[] = [this.data];
    let lastStepWasKey = false;
    for (const part of pointer) {
      const value = chain[chain.length - 1];
      if (!isCollection(value)) break;
      if (Array.isArray(value)) {
        if (typeof part !== 'number' || !(part in value)) break;
        chain.push(value[part]);
        lastStepWasKey = false;
      } else {
        if (!Object.prototype.hasOwnProperty.call(value, String(part))) break;
        chain.push(value[String(part)]);
        lastStepWasKey = true;
      }
    }
    // The innermost collection whose text holds the target: for a key, the one holding the key.
    let last = chain.length - 1;
    if (atKey && lastStepWasKey && last > 0) last--;
    let anchor = -1;
    for (let i = last; i >= 0; i--) {
      if (isCollection(chain[i]) && this.spans.has(chain[i] as object)) {
        anchor = i;
        break;
      }
    }
    if (anchor < 0) return this.lines.region(0, 0);
    // Many findings in a large file (a finding-dense inventory): one more reading of the whole text with every node
    // noted costs about one plain parse, where a parse of one collection per finding costs tens of microseconds each.
    if (!this.nodes && this.counters.sliceParses >= this.options.slicesBeforeIndex) {
      this.nodes = indexNodes(this.text, this.counters);
      const known = this.nodes?.locate(pointer, atKey, this.lines);
      if (known) {
        this.counters.indexAnswers++;
        return known;
      }
    }
    const slice = this.parsedSlice(chain[anchor] as Data, anchor === chain.length - 1);
    return locateYaml(slice.doc, pointer.slice(anchor), atKey, slice.lines);
  }

  /**
   * One collection's skeleton, parsed, and a line index that maps its offsets back to the file: kept for the most
   * recently used collections, so that many findings in one collection (a long list, or a mapping with many findings)
   * parse it once rather than once each. lint.ts asks for positions in pointer order, so the findings of one
   * collection come together and a few entries suffice; the bound keeps memory small when every collection has one.
   */
  private parsedSlice(node: Data, keepEnd: boolean): ParsedSlice {
    const cache = keepEnd ? this.wholeSlices : this.slices;
    const cached = cache.get(node);
    if (cached) {
      // Most recently used last: a Map iterates in insertion order, so the first entry is the one to drop.
      cache.delete(node);
      cache.set(node, cached);
      return cached;
    }
    const skeleton = this.skeleton(node, keepEnd);
    this.counters.sliceParses++;
    const doc = parseDocument(skeleton.text, YAML_OPTIONS);
    const lines = this.lines;
    const map = skeleton.map;
    const slice: ParsedSlice = {
      doc,
      lines: { region: (start: number, end: number) => lines.region(map(start), map(end)) },
    };
    if (cache.size >= SLICE_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    cache.set(node, slice);
    return slice;
  }

  /**
   * The text of one collection, its line's indentation kept and every collection inside it cut down to `~`. When the
   * target is the collection itself, its last collection is kept (recursively), so that its range ends where it does.
   */
  private skeleton(node: Data, keepEnd: boolean): { text: string; map: (offset: number) => number } {
    const index = this.spans.get(node)!;
    const start = this.starts[index]!;
    const end = this.ends[index]!;
    let lineStart = start;
    while (lineStart > 0 && this.text.charCodeAt(lineStart - 1) !== 10 && this.text.charCodeAt(lineStart - 1) !== 13)
      lineStart--;
    const cuts: [number, number][] = [];
    this.collectCuts(node, keepEnd, cuts);
    cuts.sort((a, b) => a[0] - b[0]);
    // Pieces of the original text, each with the offset in the skeleton where it begins.
    // What precedes the collection on its line (a key, a `- `) becomes spaces; a byte-order mark stays one.
    const parts: string[] = [this.text.slice(lineStart, start).replace(/[^\ufeff]/g, ' ')];
    const pieces: { at: number; from: number; length: number }[] = [];
    let length = start - lineStart;
    let from = start;
    const keep = (to: number) => {
      if (to > from) {
        pieces.push({ at: length, from, length: to - from });
        parts.push(this.text.slice(from, to));
        length += to - from;
      }
    };
    for (const [cutStart, cutEnd] of cuts) {
      if (cutStart < from) continue;
      keep(cutStart);
      // Keep the line break and the next line's indentation the cut text ended with, so the structure stays (a flow
      // collection's text ends with its bracket instead, and is cut whole).
      const lastBreak = this.lastBreakIn(cutStart, cutEnd);
      const keepsTail = lastBreak >= 0 && /^[ \t]*$/.test(this.text.slice(lastBreak + 1, cutEnd));
      parts.push(' ~');
      length += 2;
      from = keepsTail ? lastBreak : cutEnd;
    }
    keep(end);
    const text = parts.join('');
    const map = (offset: number): number => {
      if (offset < start - lineStart) return lineStart + offset;
      let low = 0;
      let high = pieces.length - 1;
      while (low < high) {
        const mid = (low + high + 1) >> 1;
        if (pieces[mid]!.at <= offset) low = mid;
        else high = mid - 1;
      }
      const piece = pieces[low];
      if (!piece) return start;
      return piece.from + Math.min(offset - piece.at, piece.length);
    };
    return { text, map };
  }

  /**
   * The offset of the last line break (\n or \r) in [from, to), or -1. Searched backwards within the range only: a
   * lastIndexOf over the whole text would, in a file without \r, read back to its start for every cut.
   */
  private lastBreakIn(from: number, to: number): number {
    for (let at = to - 1; at >= from; at--) {
      const ch = this.text.charCodeAt(at);
      if (ch === 10 || ch === 13) return at;
    }
    return -1;
  }

  private collectCuts(node: Data, keepEnd: boolean, cuts: [number, number][]): void {
    const children: object[] = [];
    const values = Array.isArray(node) ? node : Object.values(node);
    for (const child of values) if (isCollection(child) && this.spans.has(child)) children.push(child);
    let lastChild: object | undefined;
    if (keepEnd) {
      for (const child of children) {
        if (!lastChild || this.starts[this.spans.get(child)!]! > this.starts[this.spans.get(lastChild)!]!)
          lastChild = child;
      }
    }
    for (const child of children) {
      if (child === lastChild) this.collectCuts(child as Data, true, cuts);
      else {
        const index = this.spans.get(child)!;
        cuts.push([this.starts[index]!, this.ends[index]!]);
      }
    }
  }
}
