/**
 * A lint worker thread (src/cli/lint-pool.ts): builds the run's linter once, as the main thread built its own (same
 * config file, same options), then lints the files it is sent, one at a time, and sends each result back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { emptyConfig, loadConfig } from '../config/load-config.js';
import { createLinter, type FileResult } from '../lint.js';
import { displayPath } from '../source/find-files.js';
import { readSource, UnreadableSourceError } from '../source/read-source.js';
import { lintOptionsFor } from './lint-command.js';
import { packOutcomes, type PoolSettings, type SentResult, type WorkerReply } from './lint-pool.js';

export function runLintWorker(): void {
  const port = parentPort;
  if (!port) throw new Error('--cmlint-lint-worker is for cmlint\'s own worker threads');
  const settings = workerData as PoolSettings;
  const config = settings.configPath ? loadConfig(settings.configPath, settings.cwd) : emptyConfig(settings.configDir);
  let used: number[] = [];
  const sentIds: { ids?: string[] } = {};
  const linter = createLinter(
    lintOptionsFor(settings, config, (suppression) => used.push(config.suppressions.indexOf(suppression))),
  );
  // Batches are linted strictly one after another (a second batch may arrive while the first is being read).
  let queue = Promise.resolve();
  port.on('message', ({ batch }: { batch: { index: number; file: string }[] }) => {
    queue = queue.then(async () => {
      // One message per batch: fewer, larger messages cost less.
      const replies: WorkerReply[] = [];
      for (const { index, file } of batch) {
        used = [];
        let reply: WorkerReply;
        try {
          const source = await readSource(file, settings.maxFileSize);
          source.path = displayPath(file);
          reply = { index, result: toSent(linter.lintSource(source), used, sentIds) };
        } catch (error) {
          reply =
            error instanceof UnreadableSourceError
              ? { index, unreadable: { path: error.path, message: error.message } }
              : { index, fault: error instanceof Error ? error.message : String(error) };
        }
        replies.push(reply);
      }
      port.postMessage(replies);
    });
  });
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
  };
}
