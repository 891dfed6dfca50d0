/**
 * Linting a project: the config's and the caller's settings made into one linter, the paths searched, each file linted
 * (in worker threads for a long run, src/project/lint-pool.ts), and the findings, skipped files, unreadable paths and
 * unused suppressions returned. Shared by the CLI (src/cli/lint-command.ts) and the GitHub Action (src/action/main.ts);
 * reporting and exit codes are theirs.
 */
import { basename } from 'node:path';
import { closest } from 'fastest-levenshtein';
import { CONFIG_NAME_PATTERN } from '../config/find-config.js';
import { checkRuleIds, isIgnored, type Config, type ExternalSuppression } from '../config/load-config.js';
import { UnreadableSourceError, UsageError } from '../errors.js';
import type { Severity } from '../findings.js';
import { createLinter, today, type FileResult, type Linter, type LintOptions } from '../lint.js';
import type { SkippedFile } from '../report/report-input.js';
import { displayPath, findFiles } from '../source/find-files.js';
import { readSource, readStreamSource, type Source } from '../source/read-source.js';
import { suppressionCoversFile } from '../suppress/external.js';
import { lintInWorkers, poolWorthwhile, takeEarlyWorker, type PoolOutcome } from './lint-pool.js';

export function checkDate(name: string, value: string | undefined): void {
  // Date.parse takes 2026-02-30 as 2 March: only a day that reads back the same is a calendar date.
  if (
    value !== undefined &&
    (!/^\d{4}-\d{2}-\d{2}$/.test(value) ||
      Number.isNaN(Date.parse(value)) ||
      new Date(Date.parse(value)).toISOString().slice(0, 10) !== value)
  ) {
    throw new UsageError(`${name} must be a date as YYYY-MM-DD, not "${value}"`);
  }
}

export interface LintRunSettings {
  paths: string[];
  config: Config;
  asOf?: string;
  maxFileSize?: number;
  /** Rule folders from the command line, added to the config's. */
  ruleFolders?: string[];
  /** Severities from the command line (--rule), over the config's. */
  ruleSeverity?: Record<string, Severity | 'off'>;
  /** Threads to lint in (src/project/lint-pool.ts); 1 (the default) lints in this thread. */
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
  checkCommandLineRuleIds(
    Object.keys(settings.ruleSeverity ?? {}),
    linter.rules.map((r) => r.id),
  );

  let ignoredCount = 0;
  // The config file is not an export (pre-commit passes it along with the exports); ignored paths are skipped.
  const ignore = (file: string) => {
    const skip = CONFIG_NAME_PATTERN.test(basename(file)) || isIgnored(config, file);
    if (skip) ignoredCount++;
    return skip;
  };
  // Rule files are never exports: a search does not enter the custom rule folders.
  const found = await findFiles(settings.paths.length ? settings.paths : ['.'], {
    ignore,
    neverExports: lintOptions.customRuleFolders,
  });
  const problems: UnreadableSourceError[] = [...found.problems];
  const results: FileResult[] = [];
  const skipped: SkippedFile[] = [];
  const lintOne = async (file: string): Promise<PoolOutcome> => {
    try {
      const source: Source =
        file === '-'
          ? await readStreamSource('<stdin>', process.stdin, lintOptions.maxFileSize)
          : await readSource(file, lintOptions.maxFileSize);
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
    const why =
      settings.jobsChosen === false
        ? `no --jobs, ${settings.jobsReason ?? 'default'}${jobs > 1 && !pooled ? '; too little work to split' : ''}`
        : '--jobs';
    process.stderr.write(
      `cmlint: debug: ${found.files.length} files in ${pooled ? jobs : 1} thread${pooled && jobs > 1 ? 's' : ''} (${why})\n`,
    );
  }
  const linted = pooled
    ? await lintInWorkers(
        found.files,
        {
          cwd: process.cwd(),
          configPath: config.path,
          configDir: config.dir,
          asOf: lintOptions.asOf!,
          maxFileSize: lintOptions.maxFileSize,
          ruleFolders: settings.ruleFolders ?? [],
          ruleSeverity: settings.ruleSeverity,
        },
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
    problems.push(
      new UnreadableSourceError('.', `${settings.paths.join(' ') || '.'}: no .yaml, .yml or .json export found`),
    );
  }
  const lintedPaths = results.map((r) => r.path).filter((p) => p !== '<stdin>');
  const unusedSuppressions = config.suppressions.filter(
    (s) => !used.has(s) && lintedPaths.some((p) => suppressionCoversFile(s, p)),
  );
  return { linter, results, problems, unusedSuppressions, ignoredCount, skipped };
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
    throw new UsageError(
      `--rule ${id}: no rule ${id}${suggestion ? ` (did you mean ${suggestion}?)` : ''}; \`cmlint rules\` lists them`,
    );
  }
}

async function sequentially<T>(files: readonly string[], lintOne: (file: string) => Promise<T>): Promise<T[]> {
  const outcomes: T[] = [];
  for (const file of files) outcomes.push(await lintOne(file));
  return outcomes;
}
