/**
 * Where --output and --write-baseline may write: a regular file or a new path, and never a file the run reads. A
 * character device, a FIFO, a socket or a folder at the path is refused, and so is a symbolic link (a link to
 * /proc/self/fd/1 or /dev/null would otherwise be replaced by a regular file, as root in CI even /dev/null itself).
 * A path that is also the config file, a rule file, the baseline read, an export linted or a file skipped is refused
 * before anything is written, as is one path given to both options. Compared by device and inode, so another path to
 * the same file (a hard link, `./x`, a link in a parent folder) is the same file.
 */
import { lstatSync, statSync, type Stats } from 'node:fs';
import { resolve } from 'node:path';
import { escapeControl } from '../report/escape.js';
import { UsageError } from './exit-codes.js';

/** A file the run reads, and what it is to the run ("the config file this run reads"). */
export interface ReadFile {
  path: string;
  role: string;
}

function kindOf(stat: Stats): string | undefined {
  if (stat.isFile()) return undefined;
  if (stat.isSymbolicLink()) return 'a symbolic link';
  if (stat.isDirectory()) return 'a folder';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined; // a new path (or one cmlint cannot see, which writing then reports)
  }
}

/** Refuses an output path that exists and is not a regular file. `option`: --output or --write-baseline. */
export function checkOutputKind(path: string, option: string): void {
  const stat = lstatOrUndefined(path);
  const kind = stat && kindOf(stat);
  if (kind)
    throw new UsageError(`${escapeControl(path)}: is ${kind}; ${option} writes only to a regular file or a new path`);
}

/** Refuses two options naming one output path. */
export function checkDistinctOutputs(outputs: readonly { path: string; option: string }[]): void {
  for (let i = 0; i < outputs.length; i++) {
    for (let j = i + 1; j < outputs.length; j++) {
      const a = outputs[i]!;
      const b = outputs[j]!;
      const sa = statOrUndefined(a.path);
      const sb = statOrUndefined(b.path);
      const same = sa && sb ? sa.dev === sb.dev && sa.ino === sb.ino : resolve(a.path) === resolve(b.path);
      if (same)
        throw new UsageError(
          `${escapeControl(b.path)}: ${a.option} and ${b.option} name the same file; give each its own`,
        );
    }
  }
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** Refuses an output path that is one of the files the run read. */
export function checkNotRead(path: string, option: string, read: readonly ReadFile[]): void {
  const target = statOrUndefined(path);
  if (!target) return; // a new path is no file the run read
  for (const file of read) {
    if (file.path === '-' || file.path === '<stdin>') continue;
    const stat = statOrUndefined(file.path);
    if (stat && stat.dev === target.dev && stat.ino === target.ino) {
      const what = option === '--output' ? 'the report' : 'the baseline';
      throw new UsageError(
        `${escapeControl(path)}: refusing to write ${what} over ${file.role}; choose another ${option}`,
      );
    }
  }
}
