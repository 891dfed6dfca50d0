/** `cmlint lint`: find the exports, lint them, report, and choose the exit code. */
import { createLinter, today, type FileResult, type LintOptions } from '../lint.js';
import { packageVersion } from '../paths.js';
import { displayPath, findFiles } from '../source/find-files.js';
import { decodeSource, readSource, UnreadableSourceError, type Source } from '../source/read-source.js';
import { colorWanted } from '../report/text.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError } from './exit-codes.js';
import { FORMATS, formatNames } from './formats.js';
import { writeAtomically } from './write-output.js';

export interface LintCommandOptions {
  format: string;
  output?: string;
  maxWarnings?: string;
  quiet?: boolean;
  asOf?: string;
  maxFileSize?: string;
  rules?: string[];
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parseInteger(name: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min) throw new UsageError(`${name} must be a whole number of at least ${min}, not "${value}"`);
  return Number(value);
}

export async function runLint(paths: string[], options: LintCommandOptions): Promise<number> {
  const loadFormatter = FORMATS[options.format];
  if (!loadFormatter) throw new UsageError(`unknown format "${options.format}"; use one of ${formatNames().join(', ')}`);
  const maxWarnings = parseInteger('--max-warnings', options.maxWarnings, 0);
  const maxFileSize = parseInteger('--max-file-size', options.maxFileSize, 1);
  if (options.asOf !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(options.asOf) || Number.isNaN(Date.parse(options.asOf)))) {
    throw new UsageError(`--as-of must be a date as YYYY-MM-DD, not "${options.asOf}"`);
  }
  const lintOptions: LintOptions = { asOf: options.asOf ?? today(), maxFileSize, customRuleFolders: options.rules ?? [] };
  const linter = createLinter(lintOptions);

  const found = await findFiles(paths.length ? paths : ['.']);
  const problems: UnreadableSourceError[] = [...found.problems];
  const results: FileResult[] = [];
  for (const file of found.files) {
    try {
      const source: Source = file === '-' ? decodeSource('<stdin>', await readStdin(), maxFileSize) : await readSource(file, maxFileSize);
      source.path = displayPath(file);
      results.push(linter.lintSource(source));
    } catch (error) {
      if (error instanceof UnreadableSourceError) problems.push(error);
      else throw error;
    }
  }
  if (!found.files.length && !problems.length) problems.push(new UnreadableSourceError('.', `${paths.join(' ') || '.'}: no .yaml, .yml or .json export found`));

  const formatter = await loadFormatter();
  const color = options.output ? false : colorWanted(process.stdout);
  const report = formatter({ files: results, rules: linter.rules, toolVersion: packageVersion(), cwd: process.cwd() }, { color, quiet: options.quiet ?? false });
  // With nothing linted, a text report would only say "0 files"; the stderr lines say what went wrong.
  const nothingToSay = results.length === 0 && problems.length > 0 && options.format === 'text';
  if (options.output) await writeAtomically(options.output, report);
  else if (!nothingToSay) process.stdout.write(report);
  for (const problem of problems) process.stderr.write(`cmlint: ${problem.message}\n`);

  if (problems.length) return EXIT_USAGE;
  const active = results.flatMap((r) => r.findings).filter((f) => !f.suppression);
  if (active.some((f) => f.severity === 'error')) return EXIT_FINDINGS;
  if (maxWarnings !== undefined && active.filter((f) => f.severity === 'warning').length > maxWarnings) return EXIT_FINDINGS;
  return EXIT_OK;
}
