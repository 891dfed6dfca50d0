/**
 * Writes a report file atomically: a temporary file beside it, then a rename, so readers never see half a report.
 * The temporary file is created exclusively (O_EXCL), so a planted file or symbolic link of that name is never written
 * through, and the rename replaces a link at the report path rather than writing to its target.
 */
import { promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { escapeControl } from './report/escape.js';
import { UsageError } from './errors.js';
import { describeFsError } from './source/read-source.js';

/**
 * @param inputs the files being linted: cmlint never writes to its inputs, so a report path that is one of them (by
 *   its real path, through links) is refused before anything is written.
 */
export async function writeAtomically(
  path: string,
  content: ReportText,
  inputs: readonly string[] = [],
): Promise<void> {
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
    if (typeof content === 'string') await fs.writeFile(temporary, content, { encoding: 'utf8', flag: 'wx' });
    else {
      const file = await fs.open(temporary, 'wx');
      try {
        for (const block of blocks(content)) await file.write(block, null, 'utf8');
      } finally {
        await file.close();
      }
    }
    await fs.rename(temporary, path);
  } catch (error) {
    await fs.rm(temporary, { force: true }).catch(() => undefined);
    throw new UsageError(`${shown}: cannot write report: ${describeFsError(error)}`);
  }
}

/**
 * A report as one string, or as pieces in order (json.ts, sarif.ts): a report of a million findings is larger than the
 * longest string V8 can hold (about 512 MB), so the big formats are written piece by piece.
 */
export type ReportText = string | Iterable<string>;

/** Pieces joined into blocks of about a megabyte, so that a million small pieces are not a million writes. */
function* blocks(pieces: Iterable<string>): Generator<string> {
  let block: string[] = [];
  let size = 0;
  for (const piece of pieces) {
    block.push(piece);
    size += piece.length;
    if (size >= 1 << 20) {
      yield block.join('');
      block = [];
      size = 0;
    }
  }
  if (block.length) yield block.join('');
}

/** Writes a report to a stream (stdout), block by block, waiting whenever the reader is behind. */
export async function writeToStream(stream: NodeJS.WritableStream, content: ReportText): Promise<void> {
  if (typeof content === 'string') {
    stream.write(content);
    return;
  }
  for (const block of blocks(content)) {
    if (!stream.write(block))
      await new Promise<void>((resolve) => {
        // 'close' or 'error' too: a reader that went away (closed-output.ts) must not leave the run waiting.
        const done = () => {
          stream.off('drain', done);
          stream.off('close', done);
          stream.off('error', done);
          resolve();
        };
        stream.on('drain', done);
        stream.on('close', done);
        stream.on('error', done);
      });
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
