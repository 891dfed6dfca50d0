/**
 * Expands the command line's paths into export files: files as given, folders searched, globs matched.
 *
 * A folder search or a glob never turns up cmlint's own output: a JSON file that begins as cmlint's JSON report, its
 * baseline or a SARIF log does is not an export. So `cmlint lint . --format json --output report.json` lints
 * report.json neither on this run (it is written after the search) nor on a later one. The output path itself is not
 * skipped by name: a file there that is not a report may be an export, and write-output.ts then refuses to write
 * over it. A file named on the command line is linted whatever it holds.
 */
// Synchronous calls, as in read-source.ts: cheaper to start than fs.promises, and the walk is sequential anyway.
import { closeSync, openSync, readdirSync, readSync, realpathSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describeFsError, UnreadableSourceError } from './read-source.js';

export const EXPORT_EXTENSIONS = /\.(ya?ml|json)$/i;
const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

export interface FoundFiles {
  files: string[];
  /** Paths that could not be used; each becomes one line and exit code 2. */
  problems: UnreadableSourceError[];
}

export async function findFiles(paths: string[], ignore: (path: string) => boolean = () => false): Promise<FoundFiles> {
  const files: string[] = [];
  // What is in files already: a path named twice (or reached twice) is linted once. A Set, as a search of the list
  // for every file made a folder of 10,000 exports cost 50 million comparisons.
  const seen = new Set<string>();
  const problems: UnreadableSourceError[] = [];
  const add = (file: string) => {
    if (seen.has(file) || ignore(file)) return;
    seen.add(file);
    files.push(file);
  };
  const addFound = (file: string) => {
    if (!looksLikeCmlintOutput(file)) add(file);
  };
  for (const path of paths) {
    if (path === '-') {
      add('-');
      continue;
    }
    let stat;
    try {
      stat = statSync(path);
    } catch (error) {
      // The glob library is loaded only for a path that does not exist as written (start-up stays small).
      const { glob, isDynamicPattern } = await import('tinyglobby');
      if (isDynamicPattern(path)) {
        const matches = (await glob(path, { onlyFiles: true, dot: false, followSymbolicLinks: false })).sort();
        if (!matches.length) problems.push(new UnreadableSourceError(path, `${path}: no file matches this pattern`));
        matches.filter((m) => EXPORT_EXTENSIONS.test(m)).forEach(addFound);
        continue;
      }
      problems.push(new UnreadableSourceError(path, `${path}: ${describeFsError(error)}`));
      continue;
    }
    if (stat.isDirectory()) {
      for (const file of await walk(path, problems)) addFound(file);
    } else {
      add(path);
    }
  }
  return { files, problems };
}

/** Depth-first walk in name order; real paths already visited are skipped, so symlink loops end. */
async function walk(root: string, problems: UnreadableSourceError[]): Promise<string[]> {
  const result: string[] = [];
  const visited = new Set<string>();
  const visit = async (dir: string): Promise<void> => {
    let real: string;
    try {
      real = realpathSync(dir);
    } catch (error) {
      problems.push(new UnreadableSourceError(dir, `${dir}: ${describeFsError(error)}`));
      return;
    }
    if (visited.has(real)) return;
    visited.add(real);
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      problems.push(new UnreadableSourceError(dir, `${dir}: ${describeFsError(error)}`));
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.') || SKIPPED_FOLDERS.has(entry.name)) continue;
      const path = join(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const target = statSync(path);
          isDir = target.isDirectory();
          isFile = target.isFile();
        } catch {
          continue; // a dangling link in a searched folder is not an export
        }
      }
      if (isDir) await visit(path);
      else if (isFile && EXPORT_EXTENSIONS.test(entry.name) && !/^cmlint\.config\.(ya?ml|json)$/i.test(entry.name)) {
        result.push(path);
      }
    }
  };
  await visit(root);
  return result;
}

/**
 * The way cmlint's JSON outputs begin: the JSON report and the baseline (`{ "tool": "cmlint"`) and SARIF logs
 * (`{ "$schema": "…sarif…"`). An export starts with none of these keys (the schema allows no "tool" or "$schema" key
 * holding a SARIF address at its top), so a file that does is not an export.
 */
const CMLINT_OUTPUT = /^\ufeff?\s*\{\s*"(?:tool"\s*:\s*"cmlint"|\$schema"\s*:\s*"[^"]*sarif[^"]*")/i;

function looksLikeCmlintOutput(file: string): boolean {
  if (!/\.json$/i.test(file)) return false;
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const head = Buffer.alloc(512);
    const length = readSync(fd, head, 0, head.length, 0);
    return CMLINT_OUTPUT.test(head.subarray(0, length).toString('utf8'));
  } catch {
    return false; // unreadable: linting it says why
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export function displayPath(file: string, cwd = process.cwd()): string {
  if (file === '-') return '<stdin>';
  const rel = relative(cwd, file);
  return rel && !rel.startsWith('..') ? rel : file;
}
