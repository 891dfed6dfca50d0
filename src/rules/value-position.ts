/**
 * Where a character of a string value is in its rule file: an error about one name in a CEL expression points at the
 * name, whether the expression is written plain, quoted (with escapes) or as a folded or literal block.
 */
import type { Region } from '../findings.js';

/**
 * The 1-based line and column of `value[offset]` in `text`, where the scalar holding `value` is at `region`.
 * The value's characters are matched in order against the scalar's source: a quote, a block header, indentation
 * and line breaks that folding turned into spaces are passed over; an escape (`\"`, `\n`, `''`) stands for its one
 * character. When the source cannot be matched (it should always be), the scalar's start is given.
 */
export function valuePosition(
  text: string,
  region: Region,
  value: string,
  offset: number,
): { line: number; column: number } {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const start = (starts[region.startLine - 1] ?? 0) + region.startColumn - 1;
  const end = (starts[region.endLine - 1] ?? text.length) + region.endColumn - 1;
  let j = start;
  const quote = text[j] === '"' || text[j] === "'" ? text[j] : undefined;
  if (quote) j++;
  else if (text[j] === '|' || text[j] === '>') j = text.indexOf('\n', j) + 1 || end; // a block scalar's header
  const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r';
  for (let i = 0; i < offset && i < value.length; i++) {
    if (quote === '"' && text[j] === '\\') {
      const kind = text[j + 1];
      j += kind === 'x' ? 4 : kind === 'u' ? 6 : kind === 'U' ? 10 : 2;
      continue;
    }
    if (quote === "'" && text[j] === "'" && text[j + 1] === "'") {
      j += 2;
      continue;
    }
    const c = value[i]!;
    while (j < end && text[j] !== c && !(isSpace(c) && isSpace(text[j]))) j++;
    if (j >= end) return position(starts, start);
    // A run of source whitespace (a line break and the next line's indentation) stands for one folded space.
    if (isSpace(c) && !isSpace(value[i + 1])) while (j + 1 < end && isSpace(text[j + 1])) j++;
    j++;
  }
  // Before the name itself: pass indentation and line breaks between the previous character and it.
  while (j < end && isSpace(text[j]) && !isSpace(value[offset])) j++;
  return position(starts, j);
}

function position(starts: number[], offset: number): { line: number; column: number } {
  let line = 0;
  while (line + 1 < starts.length && starts[line + 1]! <= offset) line++;
  return { line: line + 1, column: offset - starts[line]! + 1 };
}
