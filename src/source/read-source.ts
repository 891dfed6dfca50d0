/** Reads an export from disk or stdin as text, refusing what is not a text file. */
// Synchronous calls in async functions: a run reads its files one at a time anyway, and the first fs.promises call
// costs start-up the loading of Node.js's promise-based fs and a thread pool.
import { readFileSync, statSync } from 'node:fs';
import { isAscii } from 'node:buffer';
import { UnreadableSourceError } from '../errors.js';

export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

export interface Source {
  /** Path as given (or "<stdin>"), used in reports. */
  path: string;
  text: string;
  /** Raw bytes, for the report header's hash. */
  bytes: Buffer;
}

export { UnreadableSourceError };

/** Decodes bytes as UTF-8 text or explains, in one line, why they are not a text export. */
export function decodeSource(path: string, bytes: Buffer, maxBytes = DEFAULT_MAX_BYTES): Source {
  if (bytes.length > maxBytes) {
    throw new UnreadableSourceError(
      path,
      `${path}: file is ${bytes.length} bytes, over the ${maxBytes}-byte limit (raise it with --max-file-size)`,
    );
  }
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (utf16) {
    throw new UnreadableSourceError(
      path,
      `${path}: UTF-16 text (byte-order mark ${bytes[0] === 0xff ? 'FF FE' : 'FE FF'}); save the export as UTF-8`,
    );
  }
  if (bytes.includes(0)) {
    throw new UnreadableSourceError(path, `${path}: binary file (contains NUL bytes), not a YAML or JSON export`);
  }
  let text: string;
  try {
    // ASCII (most exports) is the same text in Latin-1, which Node.js copies byte for byte: about a quarter quicker
    // than the UTF-8 decoder on a large file.
    text = isAscii(bytes)
      ? bytes.toString('latin1')
      : new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const offset = firstInvalidUtf8Offset(bytes);
    const line = bytes.subarray(0, Math.max(0, offset)).reduce((n, byte) => n + (byte === 10 ? 1 : 0), 1);
    throw new UnreadableSourceError(
      path,
      `${path}: not valid UTF-8 (first bad byte on line ${line}, at byte offset ${offset}); save the export as UTF-8`,
    );
  }
  return { path, text, bytes };
}

/** Reads a stream (stdin) as an export, refusing it as soon as it grows past the limit instead of buffering it all. */
export async function readStreamSource(
  path: string,
  stream: AsyncIterable<unknown>,
  maxBytes = DEFAULT_MAX_BYTES,
): Promise<Source> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk as Uint8Array);
    length += buffer.length;
    if (length > maxBytes) {
      throw new UnreadableSourceError(
        path,
        `${path}: more than ${maxBytes} bytes, over the limit (raise it with --max-file-size)`,
      );
    }
    chunks.push(buffer);
  }
  return decodeSource(path, Buffer.concat(chunks), maxBytes);
}

export async function readSource(path: string, maxBytes = DEFAULT_MAX_BYTES): Promise<Source> {
  let stat;
  try {
    stat = statSync(path);
  } catch (error) {
    throw new UnreadableSourceError(path, `${path}: ${describeFsError(error)}`);
  }
  if (!stat.isFile()) throw new UnreadableSourceError(path, `${path}: not a regular file`);
  if (stat.size > maxBytes) {
    throw new UnreadableSourceError(
      path,
      `${path}: file is ${stat.size} bytes, over the ${maxBytes}-byte limit (raise it with --max-file-size)`,
    );
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new UnreadableSourceError(path, `${path}: ${describeFsError(error)}`);
  }
  return decodeSource(path, bytes, maxBytes);
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    case 'ENAMETOOLONG':
      return 'path too long';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    default:
      return code ? `failed (${code})` : 'failed';
  }
}

/** Offset of the first byte that does not start a well-formed UTF-8 sequence (as TextDecoder's fatal mode judges). */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead === 0xe0) low = 0xa0; // overlong
      if (lead === 0xed) high = 0x9f; // surrogates
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead === 0xf0) low = 0x90; // overlong
      if (lead === 0xf4) high = 0x8f; // beyond U+10FFFF
    } else return i;
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k];
      const [min, max] = k === 1 ? [low, high] : [0x80, 0xbf];
      if (next === undefined || next < min || next > max) return i;
    }
    i += length;
  }
  return -1;
}
