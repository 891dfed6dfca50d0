/**
 * Linting many files on several cores: worker threads, each with its own linter (the rule set prepared once per
 * worker), take files in small batches from one queue and send back each file's result. Results are put back in the
 * order of the files, so the report is the one a single thread would have written, byte for byte.
 *
 * Workers run the bundled CLI (dist/cli-loader.cjs with --cmlint-lint-worker, see src/cli.ts), so the pool exists
 * only when cmlint runs from its bundle; run from source (tests of the API), files are linted in one thread.
 */
import { statSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import type { Worker as WorkerType } from 'node:worker_threads';
import { ruleOutcome, type RuleOutcome } from '../engine/evaluate.js';
import type { FileResult } from '../lint.js';
import { reparsedLater } from '../parse/parse.js';
import type { ParsedDocument } from '../parse/parsed-document.js';
import { decodeSource, UnreadableSourceError } from '../source/read-source.js';
import { runtime } from '../runtime.js';

/** What a worker needs to build the same linter as the main thread (src/project/lint-worker.ts). */
export interface PoolSettings {
  cwd: string;
  /** The config file the run uses (absolute), or none. */
  configPath?: string;
  configDir: string;
  asOf: string;
  maxFileSize?: number;
  ruleFolders: string[];
  /** Severities from the command line (--rule), over the config file's. */
  ruleSeverity?: Record<string, 'error' | 'warning' | 'note' | 'off'>;
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
  notAnExport?: string;
}

/**
 * A file's rule outcomes, packed: every file has one per rule, in the same order, so the rule ids are sent only when
 * they differ from the previous file's (a worker's messages arrive in order), and each status is a number.
 */
export interface PackedOutcomes {
  ids?: string[];
  statuses: Uint8Array;
  reasons: [number, string][];
  /** Outcomes that count and list the elements a rule could not judge, whole (few per file). */
  details: [number, RuleOutcome][];
}

const STATUSES: RuleOutcome['status'][] = ['passed', 'failed', 'not-evaluated', 'partly-evaluated'];

/** Packs one file's outcomes; `previous` holds the ids last sent (updated here). */
export function packOutcomes(outcomes: Map<string, RuleOutcome>, previous: { ids?: string[] }): PackedOutcomes {
  const ids = [...outcomes.keys()];
  const same =
    previous.ids !== undefined && previous.ids.length === ids.length && ids.every((id, i) => id === previous.ids![i]);
  if (!same) previous.ids = ids;
  const statuses = new Uint8Array(ids.length);
  const reasons: [number, string][] = [];
  const details: [number, RuleOutcome][] = [];
  let i = 0;
  for (const outcome of outcomes.values()) {
    statuses[i] = STATUSES.indexOf(outcome.status);
    if (outcome.checked !== undefined) details.push([i, outcome]);
    else if (outcome.reason !== undefined) reasons.push([i, outcome.reason]);
    i++;
  }
  return { ids: same ? undefined : ids, statuses, reasons, details };
}

function unpackOutcomes(packed: PackedOutcomes, previous: { ids?: string[] }): Map<string, RuleOutcome> {
  if (packed.ids) previous.ids = packed.ids;
  const ids = previous.ids ?? [];
  const reasons = new Map(packed.reasons);
  const details = new Map(packed.details);
  const outcomes = new Map<string, RuleOutcome>();
  ids.forEach((id, i) => {
    const status = STATUSES[packed.statuses[i]!]!;
    const reason = reasons.get(i);
    outcomes.set(id, details.get(i) ?? ruleOutcome(status, reason));
  });
  return outcomes;
}

export type WorkerReply =
  | { index: number; result: SentResult }
  | { index: number; unreadable: { path: string; message: string } }
  | { index: number; fault: string };

/** A worker's message: the results of some files, in the order it linted them; `last` with its final results. */
export interface WorkerMessage {
  replies: WorkerReply[];
  last?: boolean;
}

/** What a worker is started with: the linter's settings, every file, and the queue all threads take files from. */
export interface WorkerStart {
  settings: PoolSettings;
  files: readonly string[];
  /** One Int32 shared by all threads: the index of the next file not yet taken (see takeFile). */
  queue: SharedArrayBuffer;
}

/**
 * Takes the next file: the index, or -1 when none are left. Every thread takes files straight from this shared
 * counter, so no thread waits for another to hand it work; the main thread in particular may be busy with a large
 * file when a worker finishes one.
 */
export function takeFile(queue: Int32Array, count: number): number {
  const index = Atomics.add(queue, 0, 1);
  return index < count ? index : -1;
}

export interface PoolOutcome {
  result?: FileResult;
  unreadable?: UnreadableSourceError;
  usedSuppressions: number[];
}

/**
 * Whether to lint in several threads when --jobs is not given. A worker costs about as much as linting several hundred
 * small exports before it pays: it starts (about 0.2 s), then compiles and warms up the linter's code a second time,
 * work that in a run on one thread V8's compiler and garbage collector threads do beside it on an otherwise idle core.
 * On two cores, 1,000 minimal exports (about 1.5 s on one thread) lint about as fast either way, and slower on two
 * threads when another process takes a core; 1,000 exports like the bundled examples (about 4,200 units here) lint about 1.4
 * times as fast (docs/performance.md). So the pool is used by default only for runs of at least this much work,
 * counted in small exports (1 to 2 ms each on one thread).
 */
const AUTO_MIN_WORK = 4000;
/** …where 1 MiB of a large export counts as this many small exports (a 12 MB export lints in about 1.2 s). */
const WORK_PER_MIB = 100;
/** With --jobs, fewer files than this are linted in one thread, unless one is at least 1 MiB (LARGE_FILE_BYTES). */
const MIN_FILES = 8;
const LARGE_FILE_BYTES = 1024 * 1024;

const EARLY_WORKER = Symbol.for('cmlint.earlyLintWorker');

/**
 * The worker the loader started before the bundle, if the command line asked for several jobs (scripts/cli-loader.cjs);
 * it waits for its WorkerStart as a message. Taken once: the pool uses it, or the run, too small for workers, stops it.
 */
export function takeEarlyWorker(): WorkerType | undefined {
  const holder = globalThis as { [EARLY_WORKER]?: WorkerType };
  const worker = holder[EARLY_WORKER];
  delete holder[EARLY_WORKER];
  // A thread id of -1: it has already ended (its 'exit' event is past), so it cannot be used.
  return worker && worker.threadId !== -1 ? worker : undefined;
}

/** The script worker threads run (src/runtime.ts: the CLI bundle gives its loader); undefined: one thread. */
function workerEntry(): string | undefined {
  return runtime.workerScript;
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/** The number of threads a run lints in without --jobs, and why (shown with CMLINT_DEBUG=1 and by `npm run bench`). */
export interface JobsChoice {
  jobs: number;
  reason: string;
}

/**
 * Threads for a run without --jobs: one per core that is idle now, at least one. A worker thread only pays when a
 * core has nothing else to do: measured on a shared two-core machine (docs/performance.md, "Choosing the number of
 * threads"), a second thread made 20,000 minimal exports slower whenever other processes kept both cores busy, as
 * it spends more CPU in all (a second warm-up of the linter, results sent between threads) and gains nothing when
 * there is no idle core to run on. The one-minute load average (runnable threads, over the machine) tells how many
 * cores other work leaves: on 2 CPUs with a load of 0.3, two threads; with a load of 0.6 or more, one. Where there
 * is no load average (Windows reports 0), every core counts as idle.
 */
export function defaultJobs(cpus = availableParallelism(), load = loadavg()[0] ?? 0): JobsChoice {
  const idle = Math.max(0, cpus - load);
  const jobs = Math.max(1, Math.min(cpus, Math.round(idle)));
  const shown = `load ${load.toFixed(2)} on ${cpus} CPU${cpus === 1 ? '' : 's'}`;
  return { jobs, reason: jobs > 1 ? `${shown}: ${jobs} idle cores` : `${shown}: no idle core for a second thread` };
}

/**
 * Whether linting these files on `jobs` threads is likely to pay. `chosen`: the number came from --jobs, and any run
 * of MIN_FILES files or with a large one is split; otherwise only runs of at least AUTO_MIN_WORK (see there).
 */
export function poolWorthwhile(files: readonly string[], jobs: number, chosen: boolean): boolean {
  if (jobs < 2 || files.length < 2 || files.includes('-') || !workerEntry()) return false;
  if (chosen) return files.length >= MIN_FILES || files.some((file) => sizeOf(file) >= LARGE_FILE_BYTES);
  if (files.length >= AUTO_MIN_WORK) return true;
  let work = 0;
  for (const file of files) {
    work += 1 + (sizeOf(file) / (1024 * 1024)) * WORK_PER_MIB;
    if (work >= AUTO_MIN_WORK) return true;
  }
  return false;
}

/**
 * Lints `files` on `jobs` threads: this one (with `lintHere`, the run's own linter) and jobs - 1 workers, all taking
 * files from one shared queue. The outcomes are in the order of `files`. This thread's linter is ready and its code
 * already warm, so it takes a share rather than only waiting: a worker has to load and warm up the same code again.
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
  const { Worker } = (
    typeof require === 'function' ? require('node:worker_threads') : await import('node:worker_threads')
  ) as typeof import('node:worker_threads');
  const count = Math.max(1, Math.min(jobs - 1, files.length - 1));
  const queueBuffer = new SharedArrayBuffer(4);
  const queue = new Int32Array(queueBuffer);
  const outcomes: (PoolOutcome | undefined)[] = new Array(files.length);
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
    // Nothing more is taken: the run ends with the error.
    Atomics.store(queue, 0, files.length);
    finish!();
  };
  const start: WorkerStart = { settings, files, queue: queueBuffer };
  const early = takeEarlyWorker();
  for (let w = 0; w < count; w++) {
    let worker: WorkerType;
    if (w === 0 && early) {
      worker = early;
      worker.ref();
      worker.postMessage(start);
    } else {
      worker = new Worker(entry, { argv: ['--cmlint-lint-worker'], workerData: start, stdout: false, stderr: false });
    }
    workers.push(worker);
    const sentIds: { ids?: string[] } = {};
    let done = false;
    worker.on('message', ({ replies, last }: WorkerMessage) => {
      if (last) done = true;
      for (const reply of replies) {
        if ('fault' in reply) return fail(new Error(reply.fault));
        settle(
          reply.index,
          'result' in reply
            ? { result: fromSent(reply.result, sentIds), usedSuppressions: reply.result.usedSuppressions }
            : {
                unreadable: new UnreadableSourceError(reply.unreadable.path, reply.unreadable.message),
                usedSuppressions: [],
              },
        );
      }
    });
    worker.on('error', (error) => fail(error instanceof Error ? error : new Error(String(error))));
    // A worker ends by itself once the queue is empty and its last results are sent (messages sent before it ends
    // arrive before its exit event).
    worker.on('exit', (code) => {
      if (!done) fail(new Error(`a lint worker stopped early (exit code ${code})`));
    });
  }
  // This thread's share: one file at a time, letting the workers' messages in between.
  try {
    for (let index = takeFile(queue, files.length); index >= 0 && !failure; index = takeFile(queue, files.length)) {
      settle(index, await lintHere(files[index]!));
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    await finished;
  } finally {
    for (const worker of workers) {
      worker.removeAllListeners('exit');
      // Workers have ended by now unless the run failed.
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
  const document = reparsedLater(source, sent.document.format, sent.document.problems);
  return {
    path: sent.path,
    findings: sent.findings,
    outcomes: unpackOutcomes(sent.outcomes, sentIds),
    source,
    document,
    notAnExport: sent.notAnExport,
  };
}
