/**
 * Writes a report file atomically: a temporary file beside it, then a rename, so readers never see half a report.
 * The temporary file is created exclusively (O_EXCL), so a planted file or symbolic link of that name is never written
 * through, and the rename replaces a link at the report path rather than writing to its target.
 */
import { promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { escapeControl } from '../report/escape.js';
import { describeFsError } from '../source/read-source.js';
import { UsageError } from './exit-codes.js';

/**
 * @param inputs the files being linted: cmlint never writes to its inputs, so a report path that is one of them (by
 *   its real path, through links) is refused before anything is written.
 */
export async function writeAtomically(path: string, content: string, inputs: readonly string[] = []): Promise<void> {
  const shown = escapeControl(path);
  if (await isOneOf(path, inputs)) {
    throw new UsageError(`${shown}: refusing to write the report over a file being linted; choose another --output`);
  }
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    // Missing folders on the way are made, as `-o reports/cmlint.sarif` in a fresh checkout expects.
    await fs.mkdir(dirname(path), { recursive: true }).catch((error: NodeJS.ErrnoException) => {
      // mkdir says EEXIST when a part of the path is a file: the same as ENOTDIR to the user.
      if (error.code === 'EEXIST') error.code = 'ENOTDIR';
      throw error;
    });
    await fs.writeFile(temporary, content, { encoding: 'utf8', flag: 'wx' });
    await fs.rename(temporary, path);
  } catch (error) {
    await fs.rm(temporary, { force: true }).catch(() => undefined);
    throw new UsageError(`${shown}: cannot write report: ${describeFsError(error)}`);
  }
}

async function isOneOf(path: string, inputs: readonly string[]): Promise<boolean> {
  if (!inputs.length) return false;
  const real = await fs.realpath(path).catch(() => undefined);
  if (real === undefined) return false; // a file that does not exist yet is not an input
  for (const input of inputs) {
    if (input === '-') continue;
    if ((await fs.realpath(input).catch(() => undefined)) === real) return true;
  }
  return false;
}
