/**
 * Parses a YAML export with the `yaml` package, keeping every node's source range.
 *
 * Exports are untrusted. The file is read as plain YAML 1.2 data (core schema) whatever its %YAML directive says, so a
 * tag never builds anything but a string, number, boolean, null, list or mapping; unknown tags and merge keys (<<) are
 * reported and have no effect; aliases expand a bounded number of times; nesting is measured while the file is
 * tokenised (the tokeniser keeps its own stack), before the recursive steps that build the document run.
 */
import { Composer, isScalar, Lexer, Parser, visit, type CST, type Document, type YAMLError } from 'yaml';
import type { RawFinding } from '../../findings.js';
import { LineIndex } from '../lines.js';
import { MAX_NESTING, type ParsedDocument } from '../parsed-document.js';
import { scanComments } from './comments.js';
import { locateYaml } from './locate.js';
import { MAX_ALIAS_COUNT, YAML_OPTIONS } from './options.js';

const NESTING_MESSAGE = `Nesting deeper than ${MAX_NESTING} levels; an export is never this deep.`;

export function parseYaml(text: string): ParsedDocument {
  const lines = new LineIndex(text);
  const problems: RawFinding[] = [];
  const fail = (message: string, offset: number): ParsedDocument => {
    problems.push({ ruleId: 'CML001', severity: 'error', message, region: lines.region(offset, offset) });
    return emptyDocument(problems, text, lines);
  };

  let docs: Document.Parsed[];
  try {
    const tokens = tokenize(text);
    if (tokens.tooDeepAt >= 0) return fail(NESTING_MESSAGE, tokens.tooDeepAt);
    docs = Array.from(new Composer(YAML_OPTIONS).compose(tokens.tokens)) as Document.Parsed[];
  } catch (error) {
    return fail(tooDeepOrBroken(error), 0);
  }
  const doc = docs[0];
  if (!doc) return emptyDocument(problems, text, lines);
  for (const extra of docs.slice(1)) {
    const start = extra.contents?.range?.[0] ?? extra.range?.[0] ?? text.length;
    problems.push({
      ruleId: 'CML001',
      severity: 'error',
      message: 'A second YAML document starts here; an export is one document. Split it into separate files.',
      region: lines.region(start, start),
    });
  }
  for (const error of doc.errors) problems.push(toFinding(error, 'error', lines));
  for (const warning of doc.warnings) problems.push(toFinding(warning, 'warning', lines));
  // Appended one by one: a file may hold hundreds of thousands, too many for push(...spread).
  for (const finding of removeMergeKeys(doc, lines)) problems.push(finding);
  for (const finding of findDuplicateKeys(doc, lines)) problems.push(finding);

  let data: unknown;
  if (doc.errors.length === 0) {
    try {
      data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      const aliases = error instanceof Error && /alias/i.test(error.message);
      const message = aliases
        ? `Aliases expand to more than ${MAX_ALIAS_COUNT} nodes; write the values out instead of nesting aliases.`
        : tooDeepOrBroken(error);
      const offset = aliases ? firstAliasOffset(doc) : 0;
      problems.push({ ruleId: 'CML001', severity: 'error', message, region: lines.region(offset, offset) });
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

/**
 * Tokenises the whole text into the CST, stopping as soon as the parser's stack is deeper than MAX_NESTING. The lexer
 * and parser are iterative; everything after them (composing, toJS, validation, rules) recurses once per level.
 */
function tokenize(text: string): { tokens: CST.Token[]; tooDeepAt: number } {
  const parser = new Parser();
  const tokens: CST.Token[] = [];
  // The stack holds the document, each open collection and, at times, the scalar being read: count the collections.
  const depth = () => parser.stack.reduce((n, token) => n + ('items' in token ? 1 : 0), 0);
  for (const lexeme of new Lexer().lex(text)) {
    const at = parser.offset;
    for (const token of parser.next(lexeme)) tokens.push(token);
    // Reported where the token that opened one level too many starts.
    if (parser.stack.length > MAX_NESTING + 1 && depth() > MAX_NESTING)
      return { tokens, tooDeepAt: Math.min(at, text.length) };
  }
  for (const token of parser.end()) tokens.push(token);
  return { tokens, tooDeepAt: -1 };
}

function tooDeepOrBroken(error: unknown): string {
  if (error instanceof RangeError) return NESTING_MESSAGE;
  return `The file cannot be parsed: ${error instanceof Error ? firstLine(error.message) : String(error)}`;
}

function toFinding(error: YAMLError, severity: 'error' | 'warning', lines: LineIndex): RawFinding {
  const [start, end] = error.pos;
  let ruleId = 'CML001';
  let message: string;
  switch (error.code) {
    case 'DUPLICATE_KEY':
      ruleId = 'CML008';
      message = 'Duplicate key: a key may appear only once in a mapping; merge the two entries.';
      break;
    case 'TAB_AS_INDENT':
      message = 'Tab used for indentation; YAML indents with spaces only.';
      break;
    case 'TAG_RESOLVE_FAILED':
    case 'BAD_COLLECTION_TYPE':
      // A tag is a request to build something; an export is plain data, so no tag is ever acted on.
      severity = 'error';
      message = `${firstLine(error.message)}: exports are plain data and tags are never acted on; remove the tag.`;
      break;
    case 'RESOURCE_EXHAUSTION':
      message = NESTING_MESSAGE;
      break;
    default:
      message = `YAML syntax: ${firstLine(error.message)}`;
  }
  return { ruleId, severity, message, region: lines.region(start, Math.min(end, start + 1)) };
}

/**
 * YAML 1.2 has no merge keys, and a merged value has no position of its own to report findings at. Each `<<` key is
 * reported and its pair removed, so the rest of the mapping is checked as written.
 */
function removeMergeKeys(doc: Document.Parsed, lines: LineIndex): RawFinding[] {
  const found: RawFinding[] = [];
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.value === '<<' && pair.key.type === 'PLAIN') {
        const [start, end] = pair.key.range ?? [0, 0];
        found.push({
          ruleId: 'CML001',
          severity: 'error',
          message:
            'Merge key (<<): YAML 1.2 has no merge keys and cmlint does not merge; write the keys out in this mapping.',
          region: lines.region(start, end),
        });
        return visit.REMOVE;
      }
      return undefined;
    },
  });
  return found;
}

/**
 * A key repeated in one mapping, reported at the repeat. Keys compare as the data will hold them (`1` and "1" are the
 * same property), so no value is silently dropped without a finding; the last value is the one checked.
 */
function findDuplicateKeys(doc: Document.Parsed, lines: LineIndex): RawFinding[] {
  const found: RawFinding[] = [];
  visit(doc, {
    Map(_, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const name = String(pair.key.value ?? '');
        if (seen.has(name)) {
          const [start, end] = pair.key.range ?? [0, 0];
          found.push({
            ruleId: 'CML008',
            severity: 'error',
            message: 'Duplicate key: a key may appear only once in a mapping; merge the two entries.',
            region: lines.region(start, end),
          });
        }
        seen.add(name);
      }
    },
  });
  return found;
}

function firstAliasOffset(doc: Document.Parsed): number {
  let offset = 0;
  visit(doc, {
    Alias(_, alias) {
      offset = alias.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return offset;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

function emptyDocument(problems: RawFinding[], text: string, lines: LineIndex): ParsedDocument {
  return {
    format: 'yaml',
    data: undefined,
    problems,
    locate: () => lines.region(0, 0),
    comments: () => scanComments(text),
  };
}
