/** Chooses the parser by file name: .json is JSON, everything else YAML. */
import type { Source } from './read-source.js';
import type { ParsedDocument } from './parsed-document.js';
import { parseJson } from './parse-json.js';
import { parseYaml } from './parse-yaml.js';
import { parseJsonFast } from './fast-json.js';
import { parseYamlFast } from './fast-yaml.js';

/**
 * Files of at least this many characters are read the fast way (fast-json.ts, fast-yaml.ts): plain parsers for the
 * data, positions worked out only for findings. Any file the fast way has a remark about is read by parseJson or
 * parseYaml, which keep every node's position and report it. The fast way gives the same data and positions (the
 * tests of test/e2e/large-export.test.ts hold it to that on every fixture and example, awkward and random documents), and
 * is faster for small files too: keeping a node with its range for every value was the larger part of linting a small
 * export. So every file takes it; tests raise the threshold to exercise the precise way alone.
 */
export const largeSource = { threshold: 0 };

export function parseSource(source: Source): ParsedDocument {
  // A byte-order mark is legal at the start of a UTF-8 file but is not part of the text; offsets are kept by replacing it with nothing only for JSON (YAML accepts it).
  const isJson = /\.json$/i.test(source.path);
  if (isJson) {
    const text = source.text.charCodeAt(0) === 0xfeff ? ' ' + source.text.slice(1) : source.text;
    return (text.length >= largeSource.threshold ? parseJsonFast(text) : undefined) ?? parseJson(text);
  }
  const fast = source.text.length >= largeSource.threshold && !hasLineLongerThan(source.text, MAX_IMPLICIT_KEY);
  return (fast ? parseYamlFast(source.text) : undefined) ?? parseYaml(source.text);
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
export function reparsedLater(source: Source, format: ParsedDocument['format'], problems: ParsedDocument['problems']): ParsedDocument {
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
