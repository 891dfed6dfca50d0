/**
 * A reader that stops early (`cmlint rules | head -1`, a pager quit half-way) closes the pipe cmlint writes to; the
 * next write then fails with EPIPE, which Node.js raises as an unhandled 'error' event: a stack trace and exit 1
 * after output that was fine. Nobody is left to read, so the rest of the output is dropped quietly and the command
 * ends with the exit code it would have had.
 */
import { escapeControl } from '../report/escape.js';

const CLOSED = new Set(['EPIPE', 'ERR_STREAM_DESTROYED', 'ERR_STREAM_WRITE_AFTER_END']);

export function tolerateClosedOutput(stream: NodeJS.WritableStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (CLOSED.has(error.code ?? '')) return;
    // Any other write error (a full disk behind a redirect) is a real failure: exit code 2, and one line on stderr
    // unless stderr is what failed.
    if (stream !== process.stderr)
      process.stderr.write(`cmlint: cannot write output: ${escapeControl(error.message.split('\n')[0] ?? '')}\n`);
    process.exitCode = 2;
  });
}
