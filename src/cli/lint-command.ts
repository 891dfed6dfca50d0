/** `cmlint lint`: find the config and the exports, lint them, apply the baseline, report, and choose the exit code. */
import { basename, join } from 'node:path';
import { applyBaseline, formatBaseline, readBaseline } from '../baseline.js';
import { CONFIG_NAME_PATTERN } from '../config/find-config.js';
import { checkRuleIds, isIgnored, type Config, type ExternalSuppression } from '../config/load-config.js';
import { resolveConfig } from '../config/resolve-config.js';
import { suppressionCoversFile } from '../suppress/external.js';
import { createLinter, today, type FileResult, type Linter, type LintOptions } from '../lint.js';
import { PACKAGE_ROOT, packageVersion, RULES_DIR } from '../paths.js';
import { displayPath, findFiles } from '../source/find-files.js';
import { readSource, readStreamSource, UnreadableSourceError, type Source } from '../source/read-source.js';
import { escapeControl } from '../report/escape.js';
import { FAIL_ON_CHOICES, failsAt, type FailOn } from '../report/fail-on.js';
import type { Severity } from '../findings.js';
import { closest } from 'fastest-levenshtein';
import { colorWanted } from '../report/text.js';
import type { SkippedFile } from '../report/report-input.js';
import { REPORT_REASONS } from '../validate/what-is-an-export.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError } from './exit-codes.js';
import { FORMATS, formatNames } from './formats.js';
import { defaultJobs, lintInWorkers, poolWorthwhile, takeEarlyWorker, type PoolOutcome } from './lint-pool.js';
import { writeAtomically, writeToStream } from './write-output.js';
import { checkDistinctOutputs, checkNotRead, checkOutputKind, type ReadFile } from './output-target.js';

export interface LintCommandOptions {
  format: string;
  output?: string;
  maxWarnings?: string;
  quiet?: boolean;
  /** --fail-on: findings of this severity or worse make exit code 1 (default error). */
  failOn?: string;
  /** --rule ID=severity, each re-grading or turning off one rule over the config file. */
  rule?: string[];
  /** --color / --no-color; undefined follows the terminal, NO_COLOR and FORCE_COLOR. */
  color?: boolean;
  asOf?: string;
  maxFileSize?: string;
  rules?: string[];
  /** A config file, or false for --no-config; found from the working directory upward when undefined. */
  config?: string | false;
  baseline?: string;
  writeBaseline?: string;
  /** --jobs: threads to lint in; by default one per CPU idle now (defaultJobs), for runs long enough to gain. */
  jobs?: string;
  /** --only-exports: named files without schemaVersion are skipped as a folder search skips them. */
  onlyExports?: boolean;
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
  /** Severities from the command line (--rule), over the config's. */
  ruleSeverity?: Record<string, Severity | 'off'>;
  /** Threads to lint in (src/cli/lint-pool.ts); 1 (the default) lints in this thread. */
  jobs?: number;
  /** Whether `jobs` was asked for (--jobs); if not, several threads are used only for a run long enough to gain. */
  jobsChosen?: boolean;
  /** Why `jobs` is what it is when not asked for (defaultJobs), for CMLINT_DEBUG. */
  jobsReason?: string;
  /** Treat named files as a folder search does: lint exports, skip the rest (--only-exports, the pre-commit hook). */
  onlyExports?: boolean;
}

export interface LintRun {
  linter: Linter;
  results: FileResult[];
  /** Paths that could not be linted (each one line on stderr, exit code 2). */
  problems: UnreadableSourceError[];
  /** External suppressions whose files were linted but which covered no finding. */
  unusedSuppressions: ExternalSuppression[];
  ignoredCount: number;
  /** Files a search found that are not exports (src/validate/what-is-an-export.ts): skipped, counted and named. */
  skipped: SkippedFile[];
}

/** The lint options of a run: the command line's settings over the config's. The lint workers build theirs here too. */
export function lintOptionsFor(
  settings: Pick<LintRunSettings, 'asOf' | 'maxFileSize' | 'ruleFolders' | 'ruleSeverity'>,
  config: Config,
  onExternalSuppressionUsed: (suppression: ExternalSuppression) => void,
): LintOptions {
  return {
    asOf: settings.asOf ?? config.asOf ?? today(),
    maxFileSize: settings.maxFileSize ?? config.maxFileSize,
    customRuleFolders: [...config.customRuleFolders, ...(settings.ruleFolders ?? [])],
    ruleSeverity: { ...config.ruleSeverity, ...settings.ruleSeverity },
    suppressions: config.suppressions,
    onExternalSuppressionUsed,
    versionFacts: config.versionFacts,
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
  checkCommandLineRuleIds(Object.keys(settings.ruleSeverity ?? {}), linter.rules.map((r) => r.id));

  let ignoredCount = 0;
  // The config file is not an export (pre-commit passes it along with the exports); ignored paths are skipped.
  const ignore = (file: string) => {
    const skip = CONFIG_NAME_PATTERN.test(basename(file)) || isIgnored(config, file);
    if (skip) ignoredCount++;
    return skip;
  };
  // Rule files are never exports: a search does not enter the custom rule folders.
  const found = await findFiles(settings.paths.length ? settings.paths : ['.'], { ignore, neverExports: lintOptions.customRuleFolders });
  const problems: UnreadableSourceError[] = [...found.problems];
  const results: FileResult[] = [];
  const skipped: SkippedFile[] = [];
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
  if (process.env.CMLINT_DEBUG) {
    const why = settings.jobsChosen === false ? `no --jobs, ${settings.jobsReason ?? 'default'}${jobs > 1 && !pooled ? '; too little work to split' : ''}` : '--jobs';
    process.stderr.write(`cmlint: debug: ${found.files.length} files in ${pooled ? jobs : 1} thread${pooled && jobs > 1 ? 's' : ''} (${why})\n`);
  }
  const linted = pooled
    ? await lintInWorkers(
        found.files,
        { cwd: process.cwd(), configPath: config.path, configDir: config.dir, asOf: lintOptions.asOf!, maxFileSize: lintOptions.maxFileSize, ruleFolders: settings.ruleFolders ?? [], ruleSeverity: settings.ruleSeverity },
        jobs,
        lintOne,
      )
    : await sequentially(found.files, lintOne);
  linted.forEach((outcome, index) => {
    const file = found.files[index]!;
    if (outcome.result?.notAnExport && (settings.onlyExports || found.searched.has(file))) {
      skipped.push({ path: outcome.result.path, reason: outcome.result.notAnExport });
      return;
    }
    if (outcome.result) results.push(outcome.result);
    if (outcome.unreadable) problems.push(outcome.unreadable);
    for (const index of outcome.usedSuppressions) if (config.suppressions[index]) used.add(config.suppressions[index]);
  });
  if (!found.files.length && !problems.length && !ignoredCount) {
    problems.push(new UnreadableSourceError('.', `${settings.paths.join(' ') || '.'}: no .yaml, .yml or .json export found`));
  }
  const lintedPaths = results.map((r) => r.path).filter((p) => p !== '<stdin>');
  const unusedSuppressions = config.suppressions.filter(
    (s) => !used.has(s) && lintedPaths.some((p) => suppressionCoversFile(s, p)),
  );
  return { linter, results, problems, unusedSuppressions, ignoredCount, skipped };
}

const BASELINE_READ = 'the baseline this run reads';

/** The files a run has read, for the output checks. */
function filesRead(run: LintRun, configPath: string | undefined, baselinePath: string | undefined): ReadFile[] {
  const read: ReadFile[] = [];
  if (configPath) read.push({ path: configPath, role: 'the config file this run reads' });
  if (baselinePath !== undefined) read.push({ path: baselinePath, role: BASELINE_READ });
  for (const rule of run.linter.rules) {
    read.push({ path: rule.builtin ? join(RULES_DIR, basename(rule.origin)) : rule.origin, role: `the rule file of ${rule.id}` });
  }
  read.push({ path: join(PACKAGE_ROOT, 'dist', 'rules.json'), role: "cmlint's built-in rules" });
  for (const result of run.results) read.push({ path: result.path, role: 'a file being linted' });
  // A report or baseline found by the search is what `-o` rewrites on every run of the same command; other skipped
  // files (package.json) are not the user's reports.
  for (const skipped of run.skipped) {
    if (!REPORT_REASONS.has(skipped.reason)) read.push({ path: skipped.path, role: `a file this run read (${skipped.reason})` });
  }
  return read;
}

/** --rule ID=severity options, as a severity for each rule id; a malformed one is a usage error. */
export function parseRuleOptions(options: readonly string[] = [], name = '--rule'): Record<string, Severity | 'off'> {
  const severities: Record<string, Severity | 'off'> = {};
  for (const option of options) {
    const match = /^\s*([^=\s]+)\s*=\s*(error|warning|note|off)\s*$/.exec(option);
    if (!match) throw new UsageError(`${name} takes ID=error, ID=warning, ID=note or ID=off, not "${option}"`);
    severities[match[1]!] = match[2] as Severity | 'off';
  }
  return severities;
}

function checkCommandLineRuleIds(named: string[], ids: string[]): void {
  for (const id of named) {
    if (ids.includes(id)) continue;
    const suggestion = closest(id, ids);
    throw new UsageError(`--rule ${id}: no rule ${id}${suggestion ? ` (did you mean ${suggestion}?)` : ''}; \`cmlint rules\` lists them`);
  }
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
  const failOn = (options.failOn ?? 'error') as FailOn;
  if (!FAIL_ON_CHOICES.includes(failOn) || failOn === 'never') throw new UsageError(`--fail-on must be error, warning or note, not "${options.failOn}"`);
  const ruleSeverity = parseRuleOptions(options.rule);
  const maxFileSize = parseInteger('--max-file-size', options.maxFileSize, 1);
  checkDate('--as-of', options.asOf);
  const config = resolveConfig(options.config);
  const maxWarnings = cliMaxWarnings ?? config.maxWarnings;
  // Where reports go, refused before any work when it is no regular file or new path (src/cli/output-target.ts).
  const outputs = [
    { path: options.output, option: '--output' },
    { path: options.writeBaseline, option: '--write-baseline' },
  ].filter((o): o is { path: string; option: string } => o.path !== undefined);
  for (const o of outputs) checkOutputKind(o.path, o.option);
  checkDistinctOutputs(outputs);
  // Read the baseline first: a missing one is a usage error before any work is done.
  const baseline = options.baseline !== undefined ? readBaseline(options.baseline) : undefined;

  // Without --jobs, the cores idle now may be used, but only for runs long enough to gain from it (poolWorthwhile).
  const chosenJobs = parseInteger('--jobs', options.jobs, 1);
  const choice = chosenJobs === undefined ? defaultJobs() : undefined;
  const jobs = chosenJobs ?? choice!.jobs;
  const run = await lintProject({ paths, config, asOf: options.asOf, maxFileSize, ruleFolders: options.rules, ruleSeverity, jobs, jobsChosen: chosenJobs !== undefined, jobsReason: choice?.reason, onlyExports: options.onlyExports });
  const { results, problems } = run;

  // Never write over a file this run read: the config, a rule file, the baseline, an export or a skipped file.
  const read = filesRead(run, config.path, options.baseline);
  for (const o of outputs) {
    // --write-baseline over the --baseline it read is how a baseline is brought up to date (docs/configuration.md).
    checkNotRead(o.path, o.option, o.option === '--write-baseline' ? read.filter((f) => f.role !== BASELINE_READ) : read);
  }

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
  const color = options.color ?? (options.output ? false : colorWanted(process.stdout));
  // --quiet leaves warnings and notes out of every format alike; the exit code below still counts them.
  const reported = options.quiet ? results.map((r) => ({ ...r, findings: r.findings.filter((f) => f.severity === 'error') })) : results;
  const notice = (message: string) => process.stderr.write(`cmlint: ${escapeControl(message)}\n`);
  const report = formatter({ files: reported, rules: run.linter.rules, toolVersion: packageVersion(), cwd: process.cwd(), skipped: run.skipped }, { color, quiet: options.quiet ?? false, failOn, notice });
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
  const failing = active.filter((f) => failsAt(f.severity, failOn)).length;
  if (failing) {
    if (failOn !== 'error') process.stderr.write(`cmlint: ${failing} finding${failing === 1 ? '' : 's'} at ${failOn} or worse (--fail-on ${failOn})\n`);
    return EXIT_FINDINGS;
  }
  const warnings = active.filter((f) => f.severity === 'warning').length;
  if (maxWarnings !== undefined && warnings > maxWarnings) {
    const limit = cliMaxWarnings !== undefined ? '--max-warnings' : `maxWarnings in ${config.path ? basename(config.path) : 'the config'}`;
    process.stderr.write(`cmlint: ${warnings} warning${warnings === 1 ? '' : 's'}, more than ${limit} ${maxWarnings}\n`);
    return EXIT_FINDINGS;
  }
  return EXIT_OK;
}

