/**
 * Linting many files on several cores: worker threads, each with its own linter (the rule set prepared once per
 * worker), take files in small batches from one queue and send back each file's result. Results are put back in the
 * order of the files, so the report is the one a single thread would have written, byte for byte.
 *
 * Workers run the bundled CLI (dist/cli-loader.cjs with --cmlint-lint-worker, see src/cli.ts), so the pool exists
 * only when cmlint runs from its bundle; run from source (tests of the API), files are linted in one thread.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Worker as WorkerType } from 'node:worker_threads';
import type { RuleOutcome } from '../engine/evaluate.js';
import type { FileResult } from '../lint.js';
import { parseSource } from '../source/parse.js';
import type { ParsedDocument } from '../source/parsed-document.js';
import { decodeSource, UnreadableSourceError } from '../source/read-source.js';

/** What a worker needs to build the same linter as the main thread (src/cli/lint-worker.ts). */
export interface PoolSettings {
  cwd: string;
  /** The config file the run uses (absolute), or none. */
  configPath?: string;
  configDir: string;
  asOf: string;
  maxFileSize?: number;
  ruleFolders: string[];
}

/** A file's result as sent between threads: what structured cloning keeps (no functions, no Map). */
export interface SentResult {
  path: string;
  findings: FileResult['findings'];
  outcomes: PackedOutcomes;
  /** The file's bytes; its text is decoded again here (cloning both would cost twice). */
  source: { path: string; bytes: Uint8Array };
  /** The document without its data, which is parsed again here only if a report reads it (cloning it costs more). */
  document: { format: ParsedDocument['format']; problems: ParsedDocument['problems'] };
  /** Indexes (in the config's suppressions) of the external suppressions that covered a finding here. */
  usedSuppressions: number[];
}

/**
 * A file's rule outcomes, packed: every file has one per rule, in the same order, so the rule ids are sent only when
 * they differ from the previous file's (a worker's messages arrive in order), and each status is a number.
 */
export interface PackedOutcomes {
  ids?: string[];
  statuses: Uint8Array;
  reasons: [number, string][];
}

const STATUSES: RuleOutcome['status'][] = ['passed', 'failed', 'not-evaluated'];

/** Packs one file's outcomes; `previous` holds the ids last sent (updated here). */
export function packOutcomes(outcomes: Map<string, RuleOutcome>, previous: { ids?: string[] }): PackedOutcomes {
  const ids = [...outcomes.keys()];
  const same = previous.ids !== undefined && previous.ids.length === ids.length && ids.every((id, i) => id === previous.ids![i]);
  if (!same) previous.ids = ids;
  const statuses = new Uint8Array(ids.length);
  const reasons: [number, string][] = [];
  let i = 0;
  for (const outcome of outcomes.values()) {
    statuses[i] = STATUSES.indexOf(outcome.status);
    if (outcome.reason !== undefined) reasons.push([i, outcome.reason]);
    i++;
  }
  return { ids: same ? undefined : ids, statuses, reasons };
}

function unpackOutcomes(packed: PackedOutcomes, previous: { ids?: string[] }): Map<string, RuleOutcome> {
  if (packed.ids) previous.ids = packed.ids;
  const ids = previous.ids ?? [];
  const reasons = new Map(packed.reasons);
  const outcomes = new Map<string, RuleOutcome>();
  ids.forEach((id, i) => {
    const status = STATUSES[packed.statuses[i]!]!;
    const reason = reasons.get(i);
    outcomes.set(id, reason === undefined ? { status } : { status, reason });
  });
  return outcomes;
}

export type WorkerReply =
  | { index: number; result: SentResult }
  | { index: number; unreadable: { path: string; message: string } }
  | { index: number; fault: string };

export interface PoolOutcome {
  result?: FileResult;
  unreadable?: UnreadableSourceError;
  usedSuppressions: number[];
}

/** Fewer files than this are linted in one thread: starting a worker costs about as much as linting a dozen exports. */
const MIN_FILES = 8;
/** …unless one of them is large enough to be worth a core of its own. */
const LARGE_FILE_BYTES = 1024 * 1024;

/** The worker script, when running from the bundle; undefined otherwise. */
function workerEntry(): string | undefined {
  const here = fileURLToPath(import.meta.url);
  if (!here.endsWith('cli.cjs')) return undefined;
  const entry = join(dirname(here), 'cli-loader.cjs');
  return existsSync(entry) ? entry : undefined;
}

/** Whether linting these files in `jobs` workers is likely to pay. */
export function poolWorthwhile(files: readonly string[], jobs: number): boolean {
  if (jobs < 2 || files.length < 2 || files.includes('-') || !workerEntry()) return false;
  if (files.length >= MIN_FILES) return true;
  return files.some((file) => {
    try {
      return statSync(file).size >= LARGE_FILE_BYTES;
    } catch {
      return false;
    }
  });
}

/**
 * Lints `files` on `jobs` threads: this one (with `lintHere`, the run's own linter) and jobs - 1 workers, all taking
 * files from one queue. The outcomes are in the order of `files`. This thread's linter is ready and its code already
 * warm, so it takes a share rather than only waiting: a worker has to load and warm up the same code again.
 */
export async function lintInWorkers(
  files: readonly string[],
  settings: PoolSettings,
  jobs: number,
  lintHere: (file: string) => Promise<PoolOutcome>,
): Promise<PoolOutcome[]> {
  const entry = workerEntry();
  if (!entry) throw new Error('the worker script is missing');
  // Loaded only now (a run in one thread never needs it); required, as the bundle runs without dynamic import().
  const { Worker } = (typeof require === 'function' ? require('node:worker_threads') : await import('node:worker_threads')) as typeof import('node:worker_threads');
  const count = Math.max(1, Math.min(jobs - 1, files.length - 1));
  // Small batches keep every thread busy to the end; a batch per message keeps messaging cheap.
  const batchSize = Math.max(1, Math.min(16, Math.floor(files.length / (jobs * 8))));
  const outcomes: (PoolOutcome | undefined)[] = new Array(files.length);
  let next = 0;
  let remaining = files.length;
  const workers: WorkerType[] = [];
  let failure: Error | undefined;
  let finish: (() => void) | undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const settle = (index: number, outcome: PoolOutcome) => {
    outcomes[index] = outcome;
    if (--remaining === 0) finish!();
  };
  const fail = (error: Error) => {
    failure ??= error;
    finish!();
  };
  const feed = (worker: WorkerType) => {
    if (next >= files.length || failure) return;
    const batch: { index: number; file: string }[] = [];
    while (batch.length < batchSize && next < files.length) batch.push({ index: next, file: files[next++]! });
    worker.postMessage({ batch });
  };
  for (let w = 0; w < count; w++) {
    const worker = new Worker(entry, { argv: ['--cmlint-lint-worker'], workerData: settings, stdout: false, stderr: false });
    workers.push(worker);
    const sentIds: { ids?: string[] } = {};
    worker.on('message', (replies: WorkerReply[]) => {
      for (const reply of replies) {
        if ('fault' in reply) return fail(new Error(reply.fault));
        settle(
          reply.index,
          'result' in reply
            ? { result: fromSent(reply.result, sentIds), usedSuppressions: reply.result.usedSuppressions }
            : { unreadable: new UnreadableSourceError(reply.unreadable.path, reply.unreadable.message), usedSuppressions: [] },
        );
      }
      feed(worker);
    });
    worker.on('error', (error) => fail(error instanceof Error ? error : new Error(String(error))));
    worker.on('exit', (code) => {
      if (remaining > 0) fail(new Error(`a lint worker stopped early (exit code ${code})`));
    });
    // Two batches in flight: the next one is there when a worker finishes one.
    feed(worker);
    feed(worker);
  }
  // This thread's share: one file at a time, letting the workers' messages in between.
  try {
    while (next < files.length && !failure) {
      const index = next++;
      settle(index, await lintHere(files[index]!));
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    await finished;
  } finally {
    for (const worker of workers) {
      worker.removeAllListeners('exit');
      void worker.terminate();
    }
  }
  if (failure) throw failure;
  return outcomes as PoolOutcome[];
}

/**
 * A result as the main thread uses it: Map outcomes, a Buffer and its text, and a document whose data, positions and
 * comments come from parsing the file again here, only if something asks for them (the HTML report reads the data).
 */
function fromSent(sent: SentResult, sentIds: { ids?: string[] }): FileResult {
  const bytes = Buffer.from(sent.source.bytes.buffer, sent.source.bytes.byteOffset, sent.source.bytes.byteLength);
  // The worker decoded these bytes already: they are valid, and decode to the same text here.
  const source = decodeSource(sent.source.path, bytes, Number.MAX_SAFE_INTEGER);
  let parsed: ParsedDocument | undefined;
  const reparse = () => (parsed ??= parseSource(source));
  const document: ParsedDocument = {
    format: sent.document.format,
    get data() {
      return reparse().data;
    },
    problems: sent.document.problems,
    locate: (pointer, atKey) => reparse().locate(pointer, atKey),
    comments: () => reparse().comments(),
  };
  return { path: sent.path, findings: sent.findings, outcomes: unpackOutcomes(sent.outcomes, sentIds), source, document };
}
