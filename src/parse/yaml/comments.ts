/** The comments of a YAML text, with the line each is on: what inline suppressions are read from. */
import { linesOf } from '../lines.js';

/** Comments with the line they are on. Comments are found by a light scan: `#` after whitespace or at line start, outside quotes. */
export function scanComments(text: string): { line: number; text: string }[] {
  const result: { line: number; text: string }[] = [];
  const rows = text.split(/\r\n|\r|\n/);
  rows.forEach((row, index) => {
    const hash = commentStart(row);
    if (hash >= 0) result.push({ line: index + 1, text: row.slice(hash + 1).trim() });
  });
  return result;
}

function commentStart(row: string): number {
  let quote = '';
  for (let i = 0; i < row.length; i++) {
    const ch = row[i]!;
    if (quote) {
      if (ch === '\\' && quote === '"') i++;
      else if (ch === quote) quote = '';
    } else if (ch === '"' || (ch === "'" && (i === 0 || /[\s:[{,-]/.test(row[i - 1]!)))) quote = ch;
    else if (ch === '#' && (i === 0 || /\s/.test(row[i - 1]!))) return i;
  }
  return -1;
}

/** scanComments on only the lines that hold a `#`: the same result without splitting a large file. */
export function commentsOf(text: string): { line: number; text: string }[] {
  if (!text.includes('#')) return [];
  const lines = linesOf(text);
  const result: { line: number; text: string }[] = [];
  let lastLine = 0;
  for (let at = text.indexOf('#'); at >= 0; at = text.indexOf('#', at + 1)) {
    const line = lines.region(at, at).startLine;
    if (line === lastLine) continue;
    lastLine = line;
    let start = at;
    while (start > 0 && text.charCodeAt(start - 1) !== 10 && text.charCodeAt(start - 1) !== 13) start--;
    let end = at;
    while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
    for (const comment of scanComments(text.slice(start, end))) result.push({ line, text: comment.text });
    at = end;
  }
  return result;
}
