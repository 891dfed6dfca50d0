/** Runs the built CLI as a user would, with a timeout, and returns its exit code and output. */
import { spawn, spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
export const CLI = join(ROOT, 'bin', 'cmlint.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string;
  /** Added to the environment; undefined removes a variable. NO_COLOR is set and FORCE_COLOR removed unless given. */
  env?: Record<string, string | undefined>;
  input?: string | Buffer;
  timeout?: number;
}

/** A test's environment, as a user's shell without colour or debugging would give it. */
function cliEnv(extra: CliOptions['env']): NodeJS.ProcessEnv {
  const env: Record<string, string | undefined> = {
    ...process.env,
    NO_COLOR: '1',
    FORCE_COLOR: undefined,
    CMLINT_DEBUG: undefined,
    ...extra,
  };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  return env as NodeJS.ProcessEnv;
}

export function runCli(args: string[], options: CliOptions = {}): CliResult {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? ROOT,
    env: cliEnv(options.env),
    input: options.input,
    encoding: 'utf8',
    timeout: options.timeout ?? 30_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

export interface AsyncCliResult extends CliResult {
  /** Wall time of the run, for messages about slow cases (never asserted against a budget of its own). */
  ms: number;
  /** The run was killed at its timeout: a hang or a slow blow-up. */
  timedOut: boolean;
}

/** Concurrent runs start one per core at most, so a run's time is its own and not that of its neighbours. */
const slots = { free: Math.max(1, availableParallelism()), waiting: [] as (() => void)[] };
async function withSlot<T>(work: () => Promise<T>): Promise<T> {
  if (slots.free > 0) slots.free--;
  else await new Promise<void>((resolve) => slots.waiting.push(resolve));
  try {
    return await work();
  } finally {
    const next = slots.waiting.shift();
    if (next) next();
    else slots.free++;
  }
}

/** Like runCli, for test.concurrent: resolves when the CLI exits or is killed at its timeout (SIGKILL). */
export function runCliAsync(args: string[], options: CliOptions = {}): Promise<AsyncCliResult> {
  return withSlot(
    () =>
      new Promise((resolve, reject) => {
        const started = Date.now();
        const child = spawn(process.execPath, [CLI, ...args], {
          cwd: options.cwd ?? ROOT,
          env: cliEnv(options.env),
          stdio: ['pipe', 'pipe', 'pipe'],
        });
        const out: Buffer[] = [];
        const err: Buffer[] = [];
        let timedOut = false;
        const timer = setTimeout(() => {
          timedOut = true;
          child.kill('SIGKILL');
        }, options.timeout ?? 30_000);
        child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
        child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
        child.on('error', reject);
        child.on('close', (code) => {
          clearTimeout(timer);
          resolve({
            code,
            stdout: Buffer.concat(out).toString('utf8'),
            stderr: Buffer.concat(err).toString('utf8'),
            ms: Date.now() - started,
            timedOut,
          });
        });
        child.stdin.on('error', () => undefined); // the CLI may stop reading early (a size limit)
        child.stdin.end(options.input ?? '');
      }),
  );
}
