/**
 * Rule files and the config file are untrusted too (a custom rule folder can come from anyone's pull request). They
 * are read by the export's own parsers, so they get every defence an export gets, from one place: YAML 1.2 core
 * schema whatever the %YAML directive says, no tag ever acted on, merge keys refused, aliases expanded a bounded
 * number of times, nesting measured before anything recursive runs, duplicate keys refused; JSON without comments,
 * trailing commas or duplicate keys. Where an export gets findings for these, such a file is refused, naming the line.
 */
import { parseJson } from './json/precise.js';
import type { ParsedDocument } from './parsed-document.js';
import { parseYaml } from './yaml/precise.js';

export interface ParsedDataFile {
  /** The parsed value; undefined for an empty file. */
  data: unknown;
  /** Where a key or value is, for messages about it. */
  document: ParsedDocument;
  /** The first problem, if any: the file must then be refused. */
  problem?: { line: number; message: string };
}

export function parseDataFile(path: string, text: string): ParsedDataFile {
  // As for exports: a JSON file's byte-order mark becomes a space, so offsets (and lines) stay the file's.
  const document = /\.json$/i.test(path)
    ? parseJson(text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text)
    : parseYaml(text);
  const first = document.problems[0];
  const problem = first && { line: first.region?.startLine ?? 1, message: first.message };
  return { data: document.data, document, problem };
}
