/** The report for people: findings grouped by file, one line each, and a summary. */
import { Chalk, type ChalkInstance } from 'chalk';
import type { Severity } from '../findings.js';
import { escapeControl } from './escape.js';
import { countBySeverity, skippedSummary, type ReportInput } from './report-input.js';

export interface TextOptions {
  color: boolean;
  /** Show errors only. */
  quiet?: boolean;
}

/** NO_COLOR (any non-empty value) turns colour off; FORCE_COLOR turns it on even when not writing to a terminal. */
export function colorWanted(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR === '0' || env.FORCE_COLOR === 'false') return false;
  return stream.isTTY === true && env.TERM !== 'dumb';
}

function paint(chalk: ChalkInstance, severity: Severity): string {
  const label = severity.padEnd(7);
  return severity === 'error' ? chalk.red(label) : severity === 'warning' ? chalk.yellow(label) : chalk.blue(label);
}

export function formatText(input: ReportInput, options: TextOptions): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const out: string[] = [];
  let notEvaluated = new Set<string>();
  for (const file of input.files) {
    for (const [id, outcome] of file.outcomes) if (outcome.status === 'not-evaluated') notEvaluated.add(id);
    const shown = file.findings.filter((f) => !f.suppression && (!options.quiet || f.severity === 'error'));
    if (!shown.length) continue;
    out.push(chalk.underline(escapeControl(file.path)));
    // reduce, not Math.max(...): a hostile file can have more findings than the stack has room for arguments.
    const width = shown.reduce((max, f) => Math.max(max, `${f.region.startLine}:${f.region.startColumn}`.length), 0);
    for (const f of shown) {
      const position = `${f.region.startLine}:${f.region.startColumn}`.padEnd(width);
      out.push(`  ${chalk.dim(position)}  ${paint(chalk, f.severity)}  ${escapeControl(f.message)}  ${chalk.dim(f.ruleId)}`);
    }
    out.push('');
  }
  const counts = countBySeverity(input);
  const problems = counts.error + counts.warning + counts.note;
  const parts = [`${counts.error} error${counts.error === 1 ? '' : 's'}`, `${counts.warning} warning${counts.warning === 1 ? '' : 's'}`, `${counts.note} note${counts.note === 1 ? '' : 's'}`];
  const fileCount = `${input.files.length} file${input.files.length === 1 ? '' : 's'}`;
  const extra: string[] = [];
  if (counts.suppressed) extra.push(`${counts.suppressed} suppressed`);
  if (notEvaluated.size) extra.push(`${notEvaluated.size} rule${notEvaluated.size === 1 ? '' : 's'} not evaluated for lack of facts`);
  const tail = extra.length ? `; ${extra.join(', ')}` : '';
  if (problems === 0) {
    out.push(chalk.green(`✔ ${fileCount} checked: no problems${tail}`));
  } else {
    const mark = counts.error ? chalk.red.bold('✖') : chalk.yellow.bold('⚠');
    out.push(`${mark} ${problems} problem${problems === 1 ? '' : 's'} (${parts.join(', ')}) in ${fileCount}${tail}`);
  }
  const skipped = skippedSummary(input.skipped);
  if (skipped) out.push(chalk.dim(escapeControl(skipped)));
  notEvaluated = new Set();
  return out.join('\n') + '\n';
}
