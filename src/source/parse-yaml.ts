/** Parses a YAML export with the `yaml` package, keeping every node's source range. */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node, type YAMLError } from 'yaml';
import type { Pointer, RawFinding, Region } from '../findings.js';
import { LineIndex, maxFlowDepth, MAX_NESTING, type ParsedDocument } from './parsed-document.js';

/** Aliases may be expanded at most this many times: a "billion laughs" file stops here instead of filling memory. */
const MAX_ALIAS_COUNT = 1000;

export function parseYaml(text: string): ParsedDocument {
  const lines = new LineIndex(text);
  const problems: RawFinding[] = [];
  const fail = (message: string, offset: number, ruleId = 'CML001'): ParsedDocument => {
    problems.push({ ruleId, severity: 'error', message, region: lines.region(offset, offset) });
    return emptyDocument(problems, text, lines);
  };

  const nesting = maxFlowDepth(text, MAX_NESTING);
  if (nesting.offset >= 0) return fail(`Nesting deeper than ${MAX_NESTING} levels; an export is never this deep.`, nesting.offset);

  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, { lineCounter: new LineCounter(), uniqueKeys: true, merge: true, strict: true, prettyErrors: false }) as Document.Parsed[];
  } catch (error) {
    return fail(tooDeepOrBroken(error), 0);
  }
  if (!Array.isArray(docs)) docs = [];
  const doc = docs[0];
  if (!doc) return { format: 'yaml', data: undefined, problems, locate: () => lines.region(0, 0), comments: () => scanComments(text) };
  for (const extra of docs.slice(1)) {
    const start = extra.contents?.range?.[0] ?? text.length;
    problems.push({
      ruleId: 'CML001',
      severity: 'error',
      message: 'A second YAML document starts here; an export is one document. Split it into separate files.',
      region: lines.region(start, start),
    });
  }
  for (const error of doc.errors) problems.push(toFinding(error, 'error', lines));
  for (const warning of doc.warnings) problems.push(toFinding(warning, 'warning', lines));

  let data: unknown;
  if (doc.errors.length === 0) {
    try {
      data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      const message = error instanceof Error && /alias/i.test(error.message)
        ? `Aliases expand to more than ${MAX_ALIAS_COUNT} nodes; write the values out instead of nesting aliases.`
        : tooDeepOrBroken(error);
      problems.push({ ruleId: 'CML001', severity: 'error', message, region: lines.region(0, 0) });
    }
  }
  return {
    format: 'yaml',
    data,
    problems,
    locate: (pointer, atKey) => locateYaml(doc, pointer, atKey ?? false, lines),
    comments: () => scanComments(text),
  };
}

function tooDeepOrBroken(error: unknown): string {
  if (error instanceof RangeError) return `Nesting too deep to parse; an export is never this deep.`;
  return `The file cannot be parsed: ${error instanceof Error ? error.message : String(error)}`;
}

function toFinding(error: YAMLError, severity: 'error' | 'warning', lines: LineIndex): RawFinding {
  const [start, end] = error.pos;
  const ruleId = error.code === 'DUPLICATE_KEY' ? 'CML008' : 'CML001';
  const message =
    error.code === 'DUPLICATE_KEY'
      ? 'Duplicate key: a key may appear only once in a mapping; merge the two entries.'
      : error.code === 'TAB_AS_INDENT'
        ? 'Tab used for indentation; YAML indents with spaces only.'
        : error.code === 'TAG_RESOLVE_FAILED'
          ? `${firstLine(error.message)}: the tag is ignored and the value read as plain text; remove it.`
          : `YAML syntax: ${firstLine(error.message)}`;
  return { ruleId, severity, message, region: lines.region(start, Math.min(end, start + 1)) };
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

function emptyDocument(problems: RawFinding[], text: string, lines: LineIndex): ParsedDocument {
  return { format: 'yaml', data: undefined, problems, locate: () => lines.region(0, 0), comments: () => scanComments(text) };
}

function locateYaml(doc: Document.Parsed, pointer: Pointer, atKey: boolean, lines: LineIndex): Region {
  let node: Node | null | undefined = doc.contents;
  let keyNode: Node | undefined;
  for (const part of pointer) {
    let next: Node | undefined;
    let nextKey: Node | undefined;
    if (isMap(node)) {
      for (const pair of node.items) {
        if (isPair(pair) && isScalar(pair.key) && String(pair.key.value) === String(part)) {
          nextKey = pair.key as Node;
          next = (pair.value as Node | null) ?? undefined;
          if (!next) {
            // `Key:` with no value: the key is the best position for both.
            return rangeOf(nextKey, lines);
          }
          break;
        }
      }
    } else if (isSeq(node) && typeof part === 'number') {
      next = (node.items[part] as Node | undefined) ?? undefined;
    }
    if (!next) break;
    node = next;
    keyNode = nextKey;
  }
  const target = atKey && keyNode ? keyNode : node;
  return target ? rangeOf(target, lines) : lines.region(0, 0);
}

function rangeOf(node: Node, lines: LineIndex): Region {
  const range = node.range;
  if (!range) return lines.region(0, 0);
  return lines.region(range[0], range[1]);
}

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
