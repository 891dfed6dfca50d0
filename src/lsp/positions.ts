/** cmlint's regions (1-based lines and columns, end column after the last character) as LSP ranges (0-based). */
import type { Position, Range } from 'vscode-languageserver';
import type { Region } from '../findings.js';

export function rangeOf(region: Region): Range {
  const start = { line: region.startLine - 1, character: region.startColumn - 1 };
  const end = { line: region.endLine - 1, character: region.endColumn - 1 };
  // A region that names a point (the start of the file) is still shown: one character wide.
  if (end.line < start.line || (end.line === start.line && end.character <= start.character))
    return { start, end: { line: start.line, character: start.character + 1 } };
  return { start, end };
}

export function contains(range: Range, position: Position): boolean {
  const after =
    position.line > range.start.line ||
    (position.line === range.start.line && position.character >= range.start.character);
  const before =
    position.line < range.end.line || (position.line === range.end.line && position.character <= range.end.character);
  return after && before;
}
