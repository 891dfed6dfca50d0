/**
 * Expands the command line's paths into files to lint: files as given, folders searched, globs matched.
 *
 * What a folder search or a glob turns up is only a candidate: it is linted when it is an export (its top level has
 * schemaVersion, decided when it is parsed: see notAnExport in src/lint.ts) and skipped, counted and named in the
 * report otherwise. A file named on the command line is linted whatever it holds. Candidates that are never exports
 * are left out here already: files in the custom rule folders, and the config file (src/project/lint-project.ts).
 *
 * A search stays inside the folder it searches: a symbolic link whose target lies outside it (a link in a repository
 * to ../.git/config) is not followed, whether it leads to a file or a folder. A link that stays inside is followed,
 * and a file reached by two paths (a link, `./x` and `x`, a folder and a file in it) is linted once, under the first
 * path named on the command line, else the first found.
 */
// Synchronous calls, as in read-source.ts: cheaper to start than fs.promises, and the walk is sequential anyway.
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { describeFsError, UnreadableSourceError } from './read-source.js';

export const EXPORT_EXTENSIONS = /\.(ya?ml|json)$/i;
const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

export interface FoundFiles {
  files: string[];
  /** The files in `files` that a folder search or a glob turned up (not named on the command line). */
  searched: Set<string>;
  /** Paths that could not be used; each becomes one line and exit code 2. */
  problems: UnreadableSourceError[];
}

export interface FindOptions {
  /** Files the config leaves out; counted by the caller. */
  ignore?: (path: string) => boolean;
  /** Folders (absolute) whose files are never exports: the custom rule folders. A search does not enter them. */
  neverExports?: readonly string[];
}

export async function findFiles(paths: string[], options: FindOptions = {}): Promise<FoundFiles> {
  const ignore = options.ignore ?? (() => false);
  const neverExports = (options.neverExports ?? []).map((folder) => realOrResolved(folder));
  const files: string[] = [];
  const searched = new Set<string>();
  const problems: UnreadableSourceError[] = [];
  // Where each file (by identity) is in files: a Map, as a search of the list for every file made a folder of 10,000
  // exports cost 50 million comparisons.
  const seen = new Map<string, number>();
  const add = (file: string, key: string, wasSearched: boolean) => {
    const at = seen.get(key);
    if (at !== undefined) {
      const earlier = files[at]!;
      if (!wasSearched && searched.delete(earlier))
        files[at] = file; // named after being found: linted as named
      // Found twice: shown under its own path rather than a link's.
      else if (wasSearched && searched.has(earlier) && resolve(file) === key && resolve(earlier) !== key) {
        searched.delete(earlier);
        searched.add(file);
        files[at] = file;
      }
      return;
    }
    if (ignore(file)) return;
    seen.set(key, files.length);
    files.push(file);
    if (wasSearched) searched.add(file);
  };
  const addFound = (file: string, key = identity(file)) => {
    if (key !== undefined && !neverExports.some((folder) => isInside(key, folder))) add(file, key, true);
  };
  for (const path of paths) {
    if (path === '-') {
      add('-', '-', false);
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
        // The folder a glob searches is the part before its first wildcard (`exports/**/*.yaml`: exports).
        const base = realOrResolved(await globBase(path));
        for (const match of matches.filter((m) => EXPORT_EXTENSIONS.test(m))) {
          const key = identity(match);
          if (key !== undefined && isInside(key, base)) addFound(match, key);
        }
        continue;
      }
      problems.push(new UnreadableSourceError(path, `${path}: ${describeFsError(error)}`));
      continue;
    }
    if (stat.isDirectory()) {
      for (const { path: file, real } of walk(path, problems)) addFound(file, real);
    } else {
      add(path, identity(path) ?? resolve(path), false);
    }
  }
  return { files, searched, problems };
}

/** What makes two paths one file: its real path (links resolved); undefined when it cannot be resolved. */
function identity(file: string): string | undefined {
  try {
    return realpathSync.native(file);
  } catch {
    return undefined;
  }
}

function realOrResolved(folder: string): string {
  return identity(folder) ?? resolve(folder);
}

function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !/^[a-zA-Z]:|^[\\/]/.test(rel));
}

/** The folder a glob searches: its path up to the first segment with a wildcard (picomatch's scan, as tinyglobby). */
async function globBase(pattern: string): Promise<string> {
  const { default: picomatch } = await import('picomatch');
  return picomatch.scan(pattern).base || '.';
}

/**
 * Depth-first walk in name order. A link is followed only when its target (real path) lies inside the folder being
 * searched; real paths already visited are skipped, so symlink loops end.
 */
function walk(root: string, problems: UnreadableSourceError[]): { path: string; real: string }[] {
  // Each file with its real path, known from the folder's (no realpath call for each of 20,000 files).
  const result: { path: string; real: string }[] = [];
  const visited = new Set<string>();
  let realRoot: string;
  try {
    realRoot = realpathSync.native(root);
  } catch (error) {
    problems.push(new UnreadableSourceError(root, `${root}: ${describeFsError(error)}`));
    return result;
  }
  const visit = (dir: string, real: string): void => {
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
      let target = join(real, entry.name);
      if (entry.isSymbolicLink()) {
        try {
          target = realpathSync.native(path);
          const stat = statSync(target);
          isDir = stat.isDirectory();
          isFile = stat.isFile();
        } catch {
          continue; // a dangling link in a searched folder is not an export
        }
        // Out of the folder being searched: not followed (it could lead to ../.git/config or /etc).
        if (!isInside(target, realRoot)) continue;
        // A link to what the search reaches anyway: the file is found under its own path, where it is.
        if (reachedBySearch(relative(realRoot, target)) && (isDir || EXPORT_EXTENSIONS.test(target))) continue;
      }
      if (isDir) visit(path, target);
      else if (isFile && EXPORT_EXTENSIONS.test(entry.name) && !/^cmlint\.config\.(ya?ml|json)$/i.test(entry.name)) {
        result.push({ path, real: target });
      }
    }
  };
  visit(root, realRoot);
  return result;
}

/** Whether a path inside the searched folder is one the walk enters by itself (no hidden or skipped folder on it). */
function reachedBySearch(rel: string): boolean {
  return rel.split(sep).every((part) => part !== '' && !part.startsWith('.') && !SKIPPED_FOLDERS.has(part));
}

export function displayPath(file: string, cwd = process.cwd()): string {
  if (file === '-') return '<stdin>';
  const rel = relative(cwd, file);
  return rel && !rel.startsWith('..') ? rel : file;
}
