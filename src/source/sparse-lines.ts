/**
 * Line and column of a few offsets in a large text, without LineIndex's table of every line: a position is needed
 * only for the findings of a large export, and indexing 700,000 lines costs more than finding a few dozen offsets.
 * Every 256th line start is kept (one pass of indexOf); the rest is counted from the nearest kept one. Gives exactly
 * what LineIndex gives; a text with carriage returns (where the two differ in how lines break) uses LineIndex itself.
 */
import type { Region } from '../findings.js';
import { lastAtOrBefore, LineIndex, regionBetween } from './parsed-document.js';

const EVERY = 256;

export interface Lines {
  region(start: number, end: number): Region;
}

export function linesOf(text: string): Lines {
  return text.includes('\r') ? new LineIndex(text) : new SparseLines(text);
}

class SparseLines implements Lines {
  /** Offset of the start of line 1 + k * EVERY (0-based: line k * EVERY). */
  private readonly checkpoints: number[] = [0];

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
    for (let i = text.indexOf('\n', start); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
      line++;
      start = i + 1;
    }
    const next = text.indexOf('\n', start);
    const end = next < 0 ? text.length : next;
    return { line: line + 1, column: Math.min(offset, end) - start + 1 };
  }

  region(start: number, end: number): Region {
    return regionBetween(this, start, end);
  }
}
