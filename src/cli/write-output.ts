/** Writes a report file atomically: a temporary file beside it, then a rename, so readers never see half a report. */
import { promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describeFsError } from '../source/read-source.js';
import { UsageError } from './exit-codes.js';

export async function writeAtomically(path: string, content: string): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await fs.writeFile(temporary, content, { encoding: 'utf8', flag: 'wx' });
    await fs.rename(temporary, path);
  } catch (error) {
    await fs.rm(temporary, { force: true }).catch(() => undefined);
    throw new UsageError(`${path}: cannot write report: ${describeFsError(error)}`);
  }
}
