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
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 10) this.starts.push(i + 1);
      else if (ch === 13 && text.charCodeAt(i + 1) !== 10) this.starts.push(i + 1);
    }
  }

  position(offset: number): { line: number; column: number } {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - this.starts[low]! + 1 };
  }

  region(start: number, end: number): Region {
    const a = this.position(start);
    const b = this.position(Math.max(start, end));
    return { startLine: a.line, startColumn: a.column, endLine: b.line, endColumn: b.column };
  }

  get lineCount(): number {
    return this.starts.length;
  }
}

/**
 * Deepest bracket nesting in the text, ignoring brackets inside quoted strings.
 * Parsers recurse on nesting; measuring it first turns a hostile file into a finding instead of a stack overflow.
 */
export function maxFlowDepth(text: string, stopAt: number): { depth: number; offset: number } {
  let depth = 0;
  let quote = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (quote) {
      if (ch === 92 && quote === 34) i++; // backslash escape inside "..."
      else if (ch === quote) quote = 0;
      continue;
    }
    if (ch === 34) quote = 34;
    else if (ch === 39) {
      // In YAML a ' inside a plain scalar (don't) is not a quote: only treat it as one after a separator.
      const prev = i > 0 ? text.charCodeAt(i - 1) : 32;
      if (prev === 32 || prev === 9 || prev === 10 || prev === 13 || prev === 91 || prev === 123 || prev === 44 || prev === 58) quote = 39;
    } else if (ch === 35) {
      // # starts a comment (YAML) when it follows whitespace: skip to end of line.
      const prev = i > 0 ? text.charCodeAt(i - 1) : 10;
      if (prev === 32 || prev === 9 || prev === 10 || prev === 13) {
        while (i < text.length && text.charCodeAt(i) !== 10) i++;
      }
    } else if (ch === 91 || ch === 123) {
      depth++;
      if (depth > stopAt) return { depth, offset: i };
    } else if (ch === 93 || ch === 125) depth = Math.max(0, depth - 1);
  }
  return { depth, offset: -1 };
}

export const MAX_NESTING = 256;
