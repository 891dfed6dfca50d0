/** Chooses the parser by file name: .json is JSON, everything else YAML; and the fast or the precise way. */
import type { Source } from '../source/read-source.js';
import type { ParsedDocument } from './parsed-document.js';
import { parseJsonFast } from './json/fast.js';
import { parseJson } from './json/precise.js';
import { FAST_YAML_DEFAULTS, parseYamlFast, type FastYamlOptions } from './yaml/fast.js';
import { parseYaml } from './yaml/precise.js';

export interface ParseOptions {
  /**
   * Files of at least this many characters are read the fast way (json/fast.ts, yaml/fast.ts): plain parsers for the
   * data, positions worked out only for findings. Any file the fast way has a remark about is read by parseJson or
   * parseYaml (json/precise.ts, yaml/precise.ts), which keep every node's position and report it. The fast way gives
   * the same data and positions (test/e2e/large-export.test.ts holds it to that on every fixture and example, awkward and
   * random documents), and is faster for small files too: keeping a node with its range for every value was the larger
   * part of linting a small export. So every file takes it (0); Infinity reads every file the precise way (tests
   * compare the two).
   */
  fastFrom: number;
  /** How the fast YAML way places positions. */
  yaml: Readonly<FastYamlOptions>;
}

export const PARSE_DEFAULTS: Readonly<ParseOptions> = { fastFrom: 0, yaml: FAST_YAML_DEFAULTS };

export function parseSource(source: Source, options: Readonly<ParseOptions> = PARSE_DEFAULTS): ParsedDocument {
  // A byte-order mark is legal at the start of a UTF-8 file but is not part of the text; offsets are kept by replacing it with nothing only for JSON (YAML accepts it).
  const isJson = /\.json$/i.test(source.path);
  if (isJson) {
    const text = source.text.charCodeAt(0) === 0xfeff ? ' ' + source.text.slice(1) : source.text;
    return (text.length >= options.fastFrom ? parseJsonFast(text) : undefined) ?? parseJson(text);
  }
  const fast = source.text.length >= options.fastFrom && !hasLineLongerThan(source.text, MAX_IMPLICIT_KEY);
  return (fast ? parseYamlFast(source.text, options.yaml) : undefined) ?? parseYaml(source.text);
}

/** YAML limits an implicit key to 1024 characters; js-yaml does not, so files with longer lines take the precise path. */
const MAX_IMPLICIT_KEY = 1024;

function hasLineLongerThan(text: string, limit: number): boolean {
  let start = 0;
  for (;;) {
    const end = text.indexOf('\n', start);
    if ((end < 0 ? text.length : end) - start > limit) return true;
    if (end < 0) return false;
    start = end + 1;
  }
}

/**
 * A document that keeps only its format and problems, and parses its source again, once, when its data, a position or
 * its comments are asked for. A run over many files holds every result until it reports: this is what a result keeps
 * of its document, whether linted in this thread (src/lint.ts) or sent back by a worker (src/project/lint-pool.ts).
 */
export function reparsedLater(
  source: Source,
  format: ParsedDocument['format'],
  problems: ParsedDocument['problems'],
): ParsedDocument {
  let again: ParsedDocument | undefined;
  const reparse = () => (again ??= parseSource(source));
  return {
    format,
    get data() {
      return reparse().data;
    },
    problems,
    locate: (pointer, atKey) => reparse().locate(pointer, atKey),
    comments: () => reparse().comments(),
  };
}
