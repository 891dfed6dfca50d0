/**
 * A lint worker thread (src/project/lint-pool.ts): builds the run's linter once, as the main thread built its own (same
 * config file, same options), then takes files from the queue it shares with the other threads, lints each, and sends
 * the results back a few at a time. It ends when the queue is empty.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { emptyConfig, loadConfig } from '../config/load-config.js';
import { createLinter, type FileResult } from '../lint.js';
import { displayPath } from '../source/find-files.js';
import { readSource, UnreadableSourceError } from '../source/read-source.js';
import { lintOptionsFor } from './lint-project.js';
import {
  packOutcomes,
  takeFile,
  type SentResult,
  type WorkerMessage,
  type WorkerReply,
  type WorkerStart,
} from './lint-pool.js';

/** Results are sent in messages of this many files (fewer, larger messages cost less), or sooner (SEND_AFTER_MS). */
const BATCH = 16;
/** …or once this long has passed since the last message, so that the main thread is not kept waiting at the end. */
const SEND_AFTER_MS = 50;

export async function runLintWorker(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error("--cmlint-lint-worker is for cmlint's own worker threads");
  // Started by the pool with its work, or early by the loader (scripts/cli-loader.cjs), to be sent it later.
  const start =
    (workerData as WorkerStart | undefined) ??
    (await new Promise<WorkerStart>((resolve) => port.once('message', resolve)));
  const { settings, files, queue: queueBuffer } = start;
  const queue = new Int32Array(queueBuffer);
  const config = settings.configPath ? loadConfig(settings.configPath, settings.cwd) : emptyConfig(settings.configDir);
  let used: number[] = [];
  const sentIds: { ids?: string[] } = {};
  const linter = createLinter(
    lintOptionsFor(settings, config, (suppression) => used.push(config.suppressions.indexOf(suppression))),
  );
  let replies: WorkerReply[] = [];
  let sentAt = performance.now();
  for (let index = takeFile(queue, files.length); index >= 0; index = takeFile(queue, files.length)) {
    const file = files[index]!;
    used = [];
    try {
      const source = await readSource(file, settings.maxFileSize);
      source.path = displayPath(file);
      replies.push({ index, result: toSent(linter.lintSource(source), used, sentIds) });
    } catch (error) {
      replies.push(
        error instanceof UnreadableSourceError
          ? { index, unreadable: { path: error.path, message: error.message } }
          : { index, fault: error instanceof Error ? error.message : String(error) },
      );
    }
    if (replies.length >= BATCH || performance.now() - sentAt >= SEND_AFTER_MS) {
      port.postMessage({ replies } satisfies WorkerMessage);
      replies = [];
      sentAt = performance.now();
    }
  }
  port.postMessage({ replies, last: true } satisfies WorkerMessage);
}

function toSent(result: FileResult, usedSuppressions: number[], sentIds: { ids?: string[] }): SentResult {
  return {
    path: result.path,
    findings: result.findings,
    outcomes: packOutcomes(result.outcomes, sentIds),
    // A copy of just the file's bytes: a small file's Buffer is a view of a shared 8 KB pool, all of which a message
    // would otherwise carry.
    source: { path: result.source.path, bytes: new Uint8Array(result.source.bytes) },
    document: { format: result.document.format, problems: result.document.problems },
    usedSuppressions,
    notAnExport: result.notAnExport,
  };
}
