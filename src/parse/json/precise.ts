/** Parses a JSON export with jsonc-parser, which keeps offsets for every node and reports every syntax error. */
import { getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { RawFinding } from '../../findings.js';
import { LineIndex } from '../lines.js';
import { MAX_NESTING, type ParsedDocument } from '../parsed-document.js';
import { maxJsonDepth } from './depth.js';
import { locateJson } from './locate.js';

const MESSAGES: Record<string, string> = {
  InvalidCommentToken: 'JSON has no comments; remove it (or write the export as YAML, which has).',
  PropertyNameExpected: 'Property name expected.',
  ValueExpected: 'Value expected.',
  CommaExpected: 'Comma expected between items.',
  ColonExpected: 'Colon expected after the property name.',
  CloseBraceExpected: 'Closing } expected.',
  CloseBracketExpected: 'Closing ] expected.',
  EndOfFileExpected: 'Unexpected content after the JSON value.',
  InvalidSymbol: 'Invalid symbol.',
  InvalidNumberFormat: 'Invalid number.',
  UnexpectedEndOfString: 'String not closed.',
  UnexpectedEndOfComment: 'Comment not closed.',
  InvalidEscapeCharacter: 'Invalid escape sequence in string.',
  InvalidUnicode: 'Invalid \\u escape in string.',
  InvalidCharacter: 'Invalid character in string (control characters must be escaped).',
};

export function parseJson(text: string): ParsedDocument {
  const lines = new LineIndex(text);
  const problems: RawFinding[] = [];
  const nesting = maxJsonDepth(text, MAX_NESTING);
  if (nesting.offset >= 0) {
    problems.push({
      ruleId: 'CML001',
      severity: 'error',
      message: `Nesting deeper than ${MAX_NESTING} levels; an export is never this deep.`,
      region: lines.region(nesting.offset, nesting.offset),
    });
    return { format: 'json', data: undefined, problems, locate: () => lines.region(0, 0), comments: () => [] };
  }
  const errors: ParseError[] = [];
  let tree: Node | undefined;
  try {
    tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: true });
  } catch (error) {
    // Not expected after the depth scan; a last line of defence so a hostile file is a finding, never a crash.
    const message =
      error instanceof RangeError
        ? `Nesting deeper than ${MAX_NESTING} levels; an export is never this deep.`
        : `The file cannot be parsed: ${String((error as Error)?.message ?? error).split('\n')[0]}`;
    problems.push({ ruleId: 'CML001', severity: 'error', message, region: lines.region(0, 0) });
    return { format: 'json', data: undefined, problems, locate: () => lines.region(0, 0), comments: () => [] };
  }
  const reported = new Set<number>();
  for (const error of errors) {
    // One mistake can make the parser stop twice at the same place (a trailing comma before }); say it once.
    if (reported.has(error.offset)) continue;
    reported.add(error.offset);
    const code = printParseErrorCode(error.error);
    const comma = trailingCommaBefore(text, error.offset);
    problems.push({
      ruleId: 'CML001',
      severity: 'error',
      message:
        comma >= 0
          ? `JSON syntax: Trailing comma before ${text[error.offset]}: JSON allows none; remove the comma.`
          : `JSON syntax: ${MESSAGES[code] ?? code}`,
      region:
        comma >= 0
          ? lines.region(comma, comma + 1)
          : lines.region(error.offset, error.offset + Math.max(1, error.length)),
    });
  }
  if (tree) findDuplicateKeys(tree, problems, lines);
  const data = errors.length === 0 && tree ? safeValue(tree) : undefined;
  return {
    format: 'json',
    data,
    problems,
    locate: (pointer, atKey) => locateJson(tree, pointer, atKey ?? false, lines),
    comments: () => [],
  };
}

/** When the parser stopped at } or ] right after a comma, the mistake is the comma: its offset, else -1. */
function trailingCommaBefore(text: string, offset: number): number {
  if (text[offset] !== '}' && text[offset] !== ']') return -1;
  let i = offset - 1;
  while (i >= 0 && /\s/.test(text[i]!)) i--;
  return text[i] === ',' ? i : -1;
}

/** getNodeValue assigns keys with plain property writes; building our own objects keeps `__proto__` an ordinary key. */
function safeValue(node: Node): unknown {
  switch (node.type) {
    case 'object': {
      const result: Record<string, unknown> = {};
      for (const property of node.children ?? []) {
        const [key, value] = property.children ?? [];
        if (key && value)
          Object.defineProperty(result, String(key.value), {
            value: safeValue(value),
            enumerable: true,
            writable: true,
            configurable: true,
          });
      }
      return result;
    }
    case 'array':
      return (node.children ?? []).map(safeValue);
    default:
      return getNodeValue(node);
  }
}

function findDuplicateKeys(node: Node, problems: RawFinding[], lines: LineIndex): void {
  const stack: Node[] = [node];
  while (stack.length) {
    const current = stack.pop()!;
    if (current.type === 'object') {
      const seen = new Set<string>();
      for (const property of current.children ?? []) {
        const key = property.children?.[0];
        if (!key) continue;
        const name = String(key.value);
        if (seen.has(name)) {
          problems.push({
            ruleId: 'CML008',
            severity: 'error',
            message: `Duplicate key "${name}": a key may appear only once in an object; merge the two entries.`,
            region: lines.region(key.offset, key.offset + key.length),
          });
        }
        seen.add(name);
      }
    }
    for (const child of current.children ?? []) stack.push(child);
  }
}
