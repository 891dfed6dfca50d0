/** What every parser hands to the rest of the pipeline: the data, the problems found while parsing, and a way back from a pointer to a position. */
import type { Pointer, RawFinding, Region } from '../findings.js';

export interface ParsedDocument {
  format: 'yaml' | 'json';
  /** The export's data; undefined when the file could not be parsed at all. */
  data: unknown;
  /** Syntax problems (CML001), duplicate keys (CML008) and the like, already positioned. */
  problems: RawFinding[];
  /** Position of the node at `pointer`, or of its deepest existing ancestor. */
  locate(pointer: Pointer, atKey?: boolean): Region;
  /** Comments in the source, with the line each ends on (for suppressions). */
  comments(): { line: number; text: string }[];
}

/** Converts a character offset to a 1-based line and column, by binary search over line starts. */
export class LineIndex {
  /** Where each line starts, and where its text ends (its line break, or the end of the text). */
  private readonly starts: Uint32Array;
  private readonly ends: Uint32Array;
  private readonly length: number;

  constructor(text: string) {
    this.length = text.length;
    // Two passes (count, then fill typed arrays): on a large file, growing two plain arrays costs ten times more.
    // Without \r, line breaks are found by indexOf, many times faster than a character loop.
    const crlf = text.includes('\r');
    let count = 0;
    if (!crlf) for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
    else {
      for (let i = 0; i < text.length; i++) {
        const ch = text.charCodeAt(i);
        if (ch === 10 || (ch === 13 && text.charCodeAt(i + 1) !== 10)) count++;
      }
    }
    const starts = new Uint32Array(count + 1);
    const ends = new Uint32Array(count + 1);
    let line = 0;
    if (!crlf) {
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
        ends[line++] = i;
        starts[line] = i + 1;
      }
    } else {
      for (let i = 0; i < text.length; i++) {
        const ch = text.charCodeAt(i);
        if (ch === 10) {
          ends[line++] = i > 0 && text.charCodeAt(i - 1) === 13 ? i - 1 : i;
          starts[line] = i + 1;
        } else if (ch === 13 && text.charCodeAt(i + 1) !== 10) {
          ends[line++] = i;
          starts[line] = i + 1;
        }
      }
    }
    ends[line] = text.length;
    this.starts = starts;
    this.ends = ends;
  }

  /**
   * Offsets outside the text and offsets on a line break are clamped to the nearest place in a line, so every position
   * lies inside the file: line <= line count, column <= that line's length + 1.
   */
  position(offset: number): { line: number; column: number } {
    offset = Math.max(0, Math.min(Number.isFinite(offset) ? offset : 0, this.length));
    const line = lastAtOrBefore(this.starts, offset);
    return { line: line + 1, column: Math.min(offset, this.ends[line]!) - this.starts[line]! + 1 };
  }

  region(start: number, end: number): Region {
    return regionBetween(this, start, end);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** Line `line` (1-based) of `text`, the text this index was made from, without its line break. */
  lineText(text: string, line: number): string {
    return text.slice(this.starts[line - 1], this.ends[line - 1]);
  }
}

/**
 * Deepest nesting of a JSON text, counting brackets outside strings and comments (comments are errors in an export,
 * but the parser still skips them). jsonc-parser recurses once per level, so measuring first turns a hostile file
 * into a finding instead of a stack overflow. YAML is measured by its own tokeniser instead (parse-yaml.ts).
 */
export function maxJsonDepth(text: string, stopAt: number): { depth: number; offset: number } {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92) i++; // backslash escape
      else if (ch === 34 || ch === 10 || ch === 13) inString = false; // a string never spans lines in JSON
      continue;
    }
    if (ch === 34) inString = true;
    else if (ch === 47 && text.charCodeAt(i + 1) === 47) {
      // Comments are errors in an export, but the parser still skips them as comments: so must this scan.
      while (i < text.length && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
    } else if (ch === 47 && text.charCodeAt(i + 1) === 42) {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? text.length : close + 1;
    } else if (ch === 91 || ch === 123) {
      depth++;
      if (depth > stopAt) return { depth, offset: i };
    } else if (ch === 93 || ch === 125) depth = Math.max(0, depth - 1);
  }
  return { depth, offset: -1 };
}

/** Deepest nesting cmlint reads; the export format needs about ten levels. */
export const MAX_NESTING = 256;

/** The index of the last of `sorted` (ascending, starting at or below `offset`) that is at most `offset`. */
export function lastAtOrBefore(sorted: ArrayLike<number>, offset: number): number {
  let low = 0;
  let high = sorted.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (sorted[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** The region from `start` to `end` (never before `start`), by a line index's positions. */
export function regionBetween(lines: { position(offset: number): { line: number; column: number } }, start: number, end: number): Region {
  const a = lines.position(start);
  const b = lines.position(Math.max(start, end));
  return { startLine: a.line, startColumn: a.column, endLine: b.line, endColumn: b.column };
}
