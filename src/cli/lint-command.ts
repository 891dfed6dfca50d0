/** `cmlint lint`: find the config and the exports, lint them, apply the baseline, report, and choose the exit code. */
import { availableParallelism } from 'node:os';
import { basename } from 'node:path';
import { applyBaseline, formatBaseline, readBaseline } from '../baseline.js';
import { CONFIG_NAME_PATTERN } from '../config/find-config.js';
import { checkRuleIds, isIgnored, type Config, type ExternalSuppression } from '../config/load-config.js';
import { resolveConfig } from '../config/resolve-config.js';
import { suppressionCoversFile } from '../suppress/external.js';
import { createLinter, today, type FileResult, type Linter, type LintOptions } from '../lint.js';
import { packageVersion } from '../paths.js';
import { displayPath, findFiles } from '../source/find-files.js';
import { readSource, readStreamSource, UnreadableSourceError, type Source } from '../source/read-source.js';
import { escapeControl } from '../report/escape.js';
import { colorWanted } from '../report/text.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError } from './exit-codes.js';
import { FORMATS, formatNames } from './formats.js';
import { lintInWorkers, poolWorthwhile, takeEarlyWorker, type PoolOutcome } from './lint-pool.js';
import { writeAtomically, writeToStream } from './write-output.js';

export interface LintCommandOptions {
  format: string;
  output?: string;
  maxWarnings?: string;
  quiet?: boolean;
  asOf?: string;
  maxFileSize?: string;
  rules?: string[];
  /** A config file, or false for --no-config; found from the working directory upward when undefined. */
  config?: string | false;
  baseline?: string;
  writeBaseline?: string;
  /** --jobs: threads to lint in; by default the number of CPUs, for runs long enough to gain from more than one. */
  jobs?: string;
}

function parseInteger(name: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min) throw new UsageError(`${name} must be a whole number of at least ${min}, not "${value}"`);
  return Number(value);
}

function checkDate(name: string, value: string | undefined): void {
  // Date.parse takes 2026-02-30 as 2 March: only a day that reads back the same is a calendar date.
  if (value !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value)) || new Date(Date.parse(value)).toISOString().slice(0, 10) !== value)) {
    throw new UsageError(`${name} must be a date as YYYY-MM-DD, not "${value}"`);
  }
}

// The config for this run; `cmlint rules` and `explain` resolve theirs the same way (the Action imports it from here).
export { resolveConfig };

export interface LintRunSettings {
  paths: string[];
  config: Config;
  asOf?: string;
  maxFileSize?: number;
  /** Rule folders from the command line, added to the config's. */
  ruleFolders?: string[];
  /** Threads to lint in (src/cli/lint-pool.ts); 1 (the default) lints in this thread. */
  jobs?: number;
  /** Whether `jobs` was asked for (--jobs); if not, several threads are used only for a run long enough to gain. */
  jobsChosen?: boolean;
}

export interface LintRun {
  linter: Linter;
  results: FileResult[];
  /** Paths that could not be linted (each one line on stderr, exit code 2). */
  problems: UnreadableSourceError[];
  /** External suppressions whose files were linted but which covered no finding. */
  unusedSuppressions: ExternalSuppression[];
  ignoredCount: number;
}

/** The lint options of a run: the command line's settings over the config's. The lint workers build theirs here too. */
export function lintOptionsFor(
  settings: Pick<LintRunSettings, 'asOf' | 'maxFileSize' | 'ruleFolders'>,
  config: Config,
  onExternalSuppressionUsed: (suppression: ExternalSuppression) => void,
): LintOptions {
  return {
    asOf: settings.asOf ?? config.asOf ?? today(),
    maxFileSize: settings.maxFileSize ?? config.maxFileSize,
    customRuleFolders: [...config.customRuleFolders, ...(settings.ruleFolders ?? [])],
    ruleSeverity: config.ruleSeverity,
    suppressions: config.suppressions,
    onExternalSuppressionUsed,
  };
}

/** Everything up to the findings; shared by the CLI and the GitHub Action. */
export async function lintProject(settings: LintRunSettings): Promise<LintRun> {
  const { config } = settings;
  checkDate(config.path ? `asOf in ${basename(config.path)}` : 'asOf', config.asOf);
  const used = new Set<ExternalSuppression>();
  const lintOptions = lintOptionsFor(settings, config, (s) => used.add(s));
  const linter = createLinter(lintOptions);
  checkRuleIds(config, linter.rules);

  let ignoredCount = 0;
  // The config file is not an export (pre-commit passes it along with the exports); ignored paths are skipped.
  const ignore = (file: string) => {
    const skip = CONFIG_NAME_PATTERN.test(basename(file)) || isIgnored(config, file);
    if (skip) ignoredCount++;
    return skip;
  };
  const found = await findFiles(settings.paths.length ? settings.paths : ['.'], ignore);
  const problems: UnreadableSourceError[] = [...found.problems];
  const results: FileResult[] = [];
  const lintOne = async (file: string): Promise<PoolOutcome> => {
    try {
      const source: Source = file === '-' ? await readStreamSource('<stdin>', process.stdin, lintOptions.maxFileSize) : await readSource(file, lintOptions.maxFileSize);
      source.path = displayPath(file);
      return { result: linter.lintSource(source), usedSuppressions: [] };
    } catch (error) {
      if (error instanceof UnreadableSourceError) return { unreadable: error, usedSuppressions: [] };
      throw error;
    }
  };
  const jobs = settings.jobs ?? 1;
  // Several cores: this thread and worker threads with the same options; results come back in the order of the files.
  const pooled = poolWorthwhile(found.files, jobs, settings.jobsChosen ?? true);
  if (!pooled) void takeEarlyWorker()?.terminate();
  const linted = pooled
    ? await lintInWorkers(
        found.files,
        { cwd: process.cwd(), configPath: config.path, configDir: config.dir, asOf: lintOptions.asOf!, maxFileSize: lintOptions.maxFileSize, ruleFolders: settings.ruleFolders ?? [] },
        jobs,
        lintOne,
      )
    : await sequentially(found.files, lintOne);
  for (const outcome of linted) {
    if (outcome.result) results.push(outcome.result);
    if (outcome.unreadable) problems.push(outcome.unreadable);
    for (const index of outcome.usedSuppressions) if (config.suppressions[index]) used.add(config.suppressions[index]);
  }
  if (!found.files.length && !problems.length && !ignoredCount) {
    problems.push(new UnreadableSourceError('.', `${settings.paths.join(' ') || '.'}: no .yaml, .yml or .json export found`));
  }
  const lintedPaths = results.map((r) => r.path).filter((p) => p !== '<stdin>');
  const unusedSuppressions = config.suppressions.filter(
    (s) => !used.has(s) && lintedPaths.some((p) => suppressionCoversFile(s, p)),
  );
  return { linter, results, problems, unusedSuppressions, ignoredCount };
}

async function sequentially<T>(files: readonly string[], lintOne: (file: string) => Promise<T>): Promise<T[]> {
  const outcomes: T[] = [];
  for (const file of files) outcomes.push(await lintOne(file));
  return outcomes;
}

export async function runLint(paths: string[], options: LintCommandOptions): Promise<number> {
  const loadFormatter = FORMATS[options.format];
  if (!loadFormatter) throw new UsageError(`unknown format "${options.format}"; use one of ${formatNames().join(', ')}`);
  const cliMaxWarnings = parseInteger('--max-warnings', options.maxWarnings, 0);
  const maxFileSize = parseInteger('--max-file-size', options.maxFileSize, 1);
  checkDate('--as-of', options.asOf);
  const config = resolveConfig(options.config);
  const maxWarnings = cliMaxWarnings ?? config.maxWarnings;
  // Read the baseline first: a missing one is a usage error before any work is done.
  const baseline = options.baseline !== undefined ? readBaseline(options.baseline) : undefined;

  // Without --jobs, every core may be used, but only for runs long enough to gain from it (poolWorthwhile).
  const chosenJobs = parseInteger('--jobs', options.jobs, 1);
  const jobs = chosenJobs ?? availableParallelism();
  const run = await lintProject({ paths, config, asOf: options.asOf, maxFileSize, ruleFolders: options.rules, jobs, jobsChosen: chosenJobs !== undefined });
  const { results, problems } = run;

  let baselined = 0;
  if (baseline) baselined += applyBaseline(results, baseline);
  if (options.writeBaseline !== undefined) {
    const content = formatBaseline(results);
    await writeAtomically(options.writeBaseline, content, results.map((r) => r.path));
    const recorded = applyBaseline(results, new Set(results.flatMap((r) => r.findings.map((f) => f.fingerprint))));
    baselined += recorded;
    process.stderr.write(`cmlint: wrote ${recorded} finding${recorded === 1 ? '' : 's'} to the baseline ${escapeControl(options.writeBaseline)}\n`);
  }

  const formatter = await loadFormatter();
  const color = options.output ? false : colorWanted(process.stdout);
  const notice = (message: string) => process.stderr.write(`cmlint: ${escapeControl(message)}\n`);
  const report = formatter({ files: results, rules: run.linter.rules, toolVersion: packageVersion(), cwd: process.cwd() }, { color, quiet: options.quiet ?? false, notice });
  // With nothing linted, a text report would only say "0 files"; the stderr lines say what went wrong.
  const nothingToSay = results.length === 0 && problems.length > 0 && options.format === 'text';
  if (options.output) await writeAtomically(options.output, report, results.map((r) => r.path));
  else if (!nothingToSay) await writeToStream(process.stdout, report);
  // Paths come from folder listings and file names are data too: shown escaped, never as raw control characters.
  for (const problem of problems) process.stderr.write(`cmlint: ${escapeControl(problem.message)}\n`);
  if (baselined && options.baseline !== undefined && !options.quiet) {
    process.stderr.write(`cmlint: ${baselined} finding${baselined === 1 ? ' is' : 's are'} in the baseline ${escapeControl(options.baseline)} and not reported\n`);
  }
  for (const s of run.unusedSuppressions) {
    // Config values are data too (a pointer may name any key an export has).
    process.stderr.write(`cmlint: warning: ${escapeControl(`${s.origin} (${s.rule} at "${s.pointer}" in ${s.files.pattern}) suppressed no finding; remove it`)}\n`);
  }

  if (problems.length) return EXIT_USAGE;
  const active = results.flatMap((r) => r.findings).filter((f) => !f.suppression);
  if (active.some((f) => f.severity === 'error')) return EXIT_FINDINGS;
  if (maxWarnings !== undefined && active.filter((f) => f.severity === 'warning').length > maxWarnings) return EXIT_FINDINGS;
  return EXIT_OK;
}

