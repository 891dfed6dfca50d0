/** The report for people: findings grouped by file, one line each, and a summary. */
import { Chalk, type ChalkInstance } from 'chalk';
import type { Severity } from '../findings.js';
import { escapeControl } from './escape.js';
import {
  countBySeverity,
  describeRuleCounts,
  skippedSummary,
  totalRuleCounts,
  type ReportInput,
} from './report-input.js';

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
  const shownRules = new Set<string>();
  for (const file of input.files) {
    const shown = file.findings.filter((f) => !f.suppression && (!options.quiet || f.severity === 'error'));
    if (!shown.length) continue;
    out.push(chalk.underline(escapeControl(file.path)));
    // reduce, not Math.max(...): a hostile file can have more findings than the stack has room for arguments.
    const width = shown.reduce((max, f) => Math.max(max, `${f.region.startLine}:${f.region.startColumn}`.length), 0);
    for (const f of shown) {
      shownRules.add(f.ruleId);
      const position = `${f.region.startLine}:${f.region.startColumn}`.padEnd(width);
      out.push(
        `  ${chalk.dim(position)}  ${paint(chalk, f.severity)}  ${escapeControl(f.message)}  ${chalk.dim(f.ruleId)}`,
      );
    }
    out.push('');
  }
  // Where to read about each rule shown: its source in Microsoft's documentation; `cmlint explain` prints the rest.
  const helpUris = new Map(input.rules.map((r) => [r.id, r.helpUri]));
  const links = [...shownRules].sort().filter((id) => helpUris.get(id));
  if (links.length) {
    const idWidth = links.reduce((max, id) => Math.max(max, id.length), 0);
    out.push('Rule documentation (`cmlint explain <rule>` prints the whole of it):');
    for (const id of links)
      out.push(`  ${escapeControl(id.padEnd(idWidth))}  ${chalk.dim(escapeControl(helpUris.get(id)!))}`);
    out.push('');
  }
  const counts = countBySeverity(input);
  const problems = counts.error + counts.warning + counts.note;
  const parts = [
    `${counts.error} error${counts.error === 1 ? '' : 's'}`,
    `${counts.warning} warning${counts.warning === 1 ? '' : 's'}`,
    `${counts.note} note${counts.note === 1 ? '' : 's'}`,
  ];
  const fileCount = `${input.files.length} file${input.files.length === 1 ? '' : 's'}`;
  const extra: string[] = [];
  if (counts.suppressed) extra.push(`${counts.suppressed} suppressed`);
  const rules = totalRuleCounts(input);
  // Partly and not evaluated rules are named: an export that lacks facts is not "no problems" without saying so.
  if (rules.partlyEvaluated || rules.notEvaluated) {
    extra.push(
      `rules${input.files.length > 1 ? ' (added up over files)' : ''}: ${describeRuleCounts(rules)} (--format json lists what they lack)`,
    );
  }
  const tail = extra.length ? `; ${extra.join(', ')}` : '';
  if (problems === 0) {
    out.push(chalk.green(`✔ ${fileCount} checked: no problems${tail}`));
  } else {
    const mark = counts.error ? chalk.red.bold('✖') : chalk.yellow.bold('⚠');
    out.push(`${mark} ${problems} problem${problems === 1 ? '' : 's'} (${parts.join(', ')}) in ${fileCount}${tail}`);
  }
  const skipped = skippedSummary(input.skipped);
  if (skipped) out.push(chalk.dim(escapeControl(skipped)));
  return out.join('\n') + '\n';
}
