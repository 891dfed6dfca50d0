/** Chooses the parser by file name: .json is JSON, everything else YAML. */
import type { Source } from './read-source.js';
import type { ParsedDocument } from './parsed-document.js';
import { parseJson } from './parse-json.js';
import { parseYaml } from './parse-yaml.js';

export function parseSource(source: Source): ParsedDocument {
  // A byte-order mark is legal at the start of a UTF-8 file but is not part of the text; offsets are kept by replacing it with nothing only for JSON (YAML accepts it).
  const isJson = /\.json$/i.test(source.path);
  if (isJson) {
    const text = source.text.charCodeAt(0) === 0xfeff ? ' ' + source.text.slice(1) : source.text;
    return parseJson(text);
  }
  return parseYaml(source.text);
}
