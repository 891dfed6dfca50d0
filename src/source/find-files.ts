/** Expands the command line's paths into export files: files as given, folders searched, globs matched. */
// Synchronous calls, as in read-source.ts: cheaper to start than fs.promises, and the walk is sequential anyway.
import { readdirSync, realpathSync, statSync } from 'node:fs';
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
  const problems: UnreadableSourceError[] = [];
  const add = (file: string) => {
    if (!files.includes(file) && !ignore(file)) files.push(file);
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
        matches.filter((m) => EXPORT_EXTENSIONS.test(m)).forEach(add);
        continue;
      }
      problems.push(new UnreadableSourceError(path, `${path}: ${describeFsError(error)}`));
      continue;
    }
    if (stat.isDirectory()) {
      for (const file of await walk(path, problems)) add(file);
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

export function displayPath(file: string, cwd = process.cwd()): string {
  if (file === '-') return '<stdin>';
  const rel = relative(cwd, file);
  return rel && !rel.startsWith('..') ? rel : file;
}
