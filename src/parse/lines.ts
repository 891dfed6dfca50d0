/**
 * Offsets to lines and columns. LineIndex keeps every line's start; linesOf gives line and column of a few offsets in
 * a large text, without LineIndex's table of every line: a position is needed
 * only for the findings of a large export, and indexing 700,000 lines costs more than finding a few dozen offsets.
 * Every 256th line start is kept (one pass of indexOf); the rest is counted from the nearest kept one. Gives exactly
 * what LineIndex gives; a text with carriage returns (where the two differ in how lines break) uses LineIndex itself.
 */
import type { Region } from '../findings.js';

const EVERY = 256;

/** Converts offsets to regions; what every locator needs of a line index. */
export interface Lines {
  region(start: number, end: number): Region;
}

export function linesOf(text: string): Lines {
  return text.includes('\r') ? new LineIndex(text) : new SparseLines(text);
}

class SparseLines implements Lines {
  /** Offset of the start of line 1 + k * EVERY (0-based: line k * EVERY). */
  private readonly checkpoints: number[] = [0];
  /** The line (0-based) and its start of the last position found. */
  private lastLine = 0;
  private lastStart = 0;

  constructor(private readonly text: string) {
    let line = 0;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
      if (++line % EVERY === 0) this.checkpoints.push(i + 1);
    }
  }

  position(offset: number): { line: number; column: number } {
    const text = this.text;
    offset = Math.max(0, Math.min(Number.isFinite(offset) ? offset : 0, text.length));
    const low = lastAtOrBefore(this.checkpoints, offset);
    let line = low * EVERY;
    let start = this.checkpoints[low]!;
    // Positions are mostly asked for in text order (findings in pointer order, a region's start before its end):
    // counting on from the last line found, when it lies between the checkpoint and the offset, reads each line once.
    if (this.lastStart > start && this.lastStart <= offset) {
      line = this.lastLine;
      start = this.lastStart;
    }
    for (let i = text.indexOf('\n', start); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
      line++;
      start = i + 1;
    }
    this.lastLine = line;
    this.lastStart = start;
    const next = text.indexOf('\n', start);
    const end = next < 0 ? text.length : next;
    return { line: line + 1, column: Math.min(offset, end) - start + 1 };
  }

  region(start: number, end: number): Region {
    return regionBetween(this, start, end);
  }
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
export function regionBetween(
  lines: { position(offset: number): { line: number; column: number } },
  start: number,
  end: number,
): Region {
  const a = lines.position(start);
  const b = lines.position(Math.max(start, end));
  return { startLine: a.line, startColumn: a.column, endLine: b.line, endColumn: b.column };
}
