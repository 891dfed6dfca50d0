/** `cmlint lint`: find the config and the exports, lint them, apply the baseline, report, and choose the exit code. */
import { basename, join } from 'node:path';
import { applyBaseline, formatBaseline, readBaseline } from '../baseline.js';
import { resolveConfig } from '../config/resolve-config.js';
import { PACKAGE_ROOT, packageVersion, RULES_DIR } from '../paths.js';
import { checkDate, lintProject, parseRuleOptions, type LintRun } from '../project/lint-project.js';
import { defaultJobs } from '../project/lint-pool.js';
import { escapeControl } from '../report/escape.js';
import { FAIL_ON_CHOICES, failsAt, type FailOn } from '../report/fail-on.js';
import { colorWanted } from '../report/text.js';
import { REPORT_REASONS } from '../validate/what-is-an-export.js';
import { writeAtomically, writeToStream } from '../write-output.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError } from './exit-codes.js';
import { FORMATS, formatNames } from './formats.js';
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
  if (!/^\d+$/.test(value) || Number(value) < min)
    throw new UsageError(`${name} must be a whole number of at least ${min}, not "${value}"`);
  return Number(value);
}

const BASELINE_READ = 'the baseline this run reads';

/** The files a run has read, for the output checks. */
function filesRead(run: LintRun, configPath: string | undefined, baselinePath: string | undefined): ReadFile[] {
  const read: ReadFile[] = [];
  if (configPath) read.push({ path: configPath, role: 'the config file this run reads' });
  if (baselinePath !== undefined) read.push({ path: baselinePath, role: BASELINE_READ });
  for (const rule of run.linter.rules) {
    read.push({
      path: rule.builtin ? join(RULES_DIR, basename(rule.origin)) : rule.origin,
      role: `the rule file of ${rule.id}`,
    });
  }
  read.push({ path: join(PACKAGE_ROOT, 'dist', 'rules.json'), role: "cmlint's built-in rules" });
  for (const result of run.results) read.push({ path: result.path, role: 'a file being linted' });
  // A report or baseline found by the search is what `-o` rewrites on every run of the same command; other skipped
  // files (package.json) are not the user's reports.
  for (const skipped of run.skipped) {
    if (!REPORT_REASONS.has(skipped.reason))
      read.push({ path: skipped.path, role: `a file this run read (${skipped.reason})` });
  }
  return read;
}

export async function runLint(paths: string[], options: LintCommandOptions): Promise<number> {
  const loadFormatter = FORMATS[options.format];
  if (!loadFormatter)
    throw new UsageError(`unknown format "${options.format}"; use one of ${formatNames().join(', ')}`);
  const cliMaxWarnings = parseInteger('--max-warnings', options.maxWarnings, 0);
  const failOn = (options.failOn ?? 'error') as FailOn;
  if (!FAIL_ON_CHOICES.includes(failOn) || failOn === 'never')
    throw new UsageError(`--fail-on must be error, warning or note, not "${options.failOn}"`);
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
  const run = await lintProject({
    paths,
    config,
    asOf: options.asOf,
    maxFileSize,
    ruleFolders: options.rules,
    ruleSeverity,
    jobs,
    jobsChosen: chosenJobs !== undefined,
    jobsReason: choice?.reason,
    onlyExports: options.onlyExports,
  });
  const { results, problems } = run;

  // Never write over a file this run read: the config, a rule file, the baseline, an export or a skipped file.
  const read = filesRead(run, config.path, options.baseline);
  for (const o of outputs) {
    // --write-baseline over the --baseline it read is how a baseline is brought up to date (docs/configuration.md).
    checkNotRead(
      o.path,
      o.option,
      o.option === '--write-baseline' ? read.filter((f) => f.role !== BASELINE_READ) : read,
    );
  }

  let baselined = 0;
  if (baseline) baselined += applyBaseline(results, baseline);
  if (options.writeBaseline !== undefined) {
    const content = formatBaseline(results);
    await writeAtomically(
      options.writeBaseline,
      content,
      results.map((r) => r.path),
    );
    const recorded = applyBaseline(results, new Set(results.flatMap((r) => r.findings.map((f) => f.fingerprint))));
    baselined += recorded;
    process.stderr.write(
      `cmlint: wrote ${recorded} finding${recorded === 1 ? '' : 's'} to the baseline ${escapeControl(options.writeBaseline)}\n`,
    );
  }

  const formatter = await loadFormatter();
  const color = options.color ?? (options.output ? false : colorWanted(process.stdout));
  // --quiet leaves warnings and notes out of every format alike; the exit code below still counts them.
  const reported = options.quiet
    ? results.map((r) => ({ ...r, findings: r.findings.filter((f) => f.severity === 'error') }))
    : results;
  const notice = (message: string) => process.stderr.write(`cmlint: ${escapeControl(message)}\n`);
  const report = formatter(
    {
      files: reported,
      rules: run.linter.rules,
      toolVersion: packageVersion(),
      cwd: process.cwd(),
      skipped: run.skipped,
    },
    { color, quiet: options.quiet ?? false, failOn, notice },
  );
  // With nothing linted, a text report would only say "0 files"; the stderr lines say what went wrong.
  const nothingToSay = results.length === 0 && problems.length > 0 && options.format === 'text';
  if (options.output)
    await writeAtomically(
      options.output,
      report,
      results.map((r) => r.path),
    );
  else if (!nothingToSay) await writeToStream(process.stdout, report);
  // Paths come from folder listings and file names are data too: shown escaped, never as raw control characters.
  for (const problem of problems) process.stderr.write(`cmlint: ${escapeControl(problem.message)}\n`);
  if (baselined && options.baseline !== undefined && !options.quiet) {
    process.stderr.write(
      `cmlint: ${baselined} finding${baselined === 1 ? ' is' : 's are'} in the baseline ${escapeControl(options.baseline)} and not reported\n`,
    );
  }
  for (const s of run.unusedSuppressions) {
    // Config values are data too (a pointer may name any key an export has).
    process.stderr.write(
      `cmlint: warning: ${escapeControl(`${s.origin} (${s.rule} at "${s.pointer}" in ${s.files.pattern}) suppressed no finding; remove it`)}\n`,
    );
  }

  if (problems.length) return EXIT_USAGE;
  const active = results.flatMap((r) => r.findings).filter((f) => !f.suppression);
  const failing = active.filter((f) => failsAt(f.severity, failOn)).length;
  if (failing) {
    if (failOn !== 'error')
      process.stderr.write(
        `cmlint: ${failing} finding${failing === 1 ? '' : 's'} at ${failOn} or worse (--fail-on ${failOn})\n`,
      );
    return EXIT_FINDINGS;
  }
  const warnings = active.filter((f) => f.severity === 'warning').length;
  if (maxWarnings !== undefined && warnings > maxWarnings) {
    const limit =
      cliMaxWarnings !== undefined
        ? '--max-warnings'
        : `maxWarnings in ${config.path ? basename(config.path) : 'the config'}`;
    process.stderr.write(
      `cmlint: ${warnings} warning${warnings === 1 ? '' : 's'}, more than ${limit} ${maxWarnings}\n`,
    );
    return EXIT_FINDINGS;
  }
  return EXIT_OK;
}
