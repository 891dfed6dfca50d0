/**
 * GitHub Actions workflow commands: one `::error file=…,line=…::message` line per finding, which the runner turns into
 * annotations on the pull request. Values from an export are data: `%`, CR and LF are percent-encoded in messages,
 * and `:` and `,` too in properties, so no value can end the line early or start a command of its own (`::set-output`,
 * `::add-mask`, `::stop-commands`). Other control characters are shown as visible escapes.
 */
import type { Severity } from '../findings.js';
import { escapeControl } from './escape.js';
import { skippedSummary, type ReportInput } from './report-input.js';
import { isAbsolute, relative, sep } from 'node:path';

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = {
  error: 'error',
  warning: 'warning',
  note: 'notice',
};

/** Escapes a command's message (the runner decodes %25, %0D and %0A back). */
export function escapeData(text: string): string {
  return escapeControl(text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

/** Escapes a property value (file, title): as data, plus `:` and `,`, which end a property. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** Path for the `file` property: relative to the working directory (the workspace in Actions), with `/`. */
function annotationPath(path: string, cwd: string): string | undefined {
  if (path === '<stdin>' || path === '-') return undefined;
  const rel = relative(cwd, path);
  const usable = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
  return usable.split(sep).join('/');
}

export interface GithubOptions {
  quiet?: boolean;
}

export function formatGithub(input: ReportInput, options: GithubOptions = {}): string {
  const lines: string[] = [];
  const titles = new Map(input.rules.map((r) => [r.id, r.title]));
  for (const file of input.files) {
    const path = annotationPath(file.path, input.cwd);
    for (const f of file.findings) {
      if (f.suppression || (options.quiet && f.severity !== 'error')) continue;
      const properties: [string, string | number][] = [];
      if (path !== undefined) properties.push(['file', path]);
      properties.push(
        ['line', f.region.startLine],
        ['col', f.region.startColumn],
        ['endLine', f.region.endLine],
        ['endColumn', f.region.endColumn],
      );
      const title = titles.get(f.ruleId);
      properties.push(['title', title ? `${f.ruleId}: ${title}` : f.ruleId]);
      const props = properties.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(',');
      lines.push(`::${COMMAND[f.severity]} ${props}::${escapeData(`${f.message} (${f.ruleId})`)}`);
    }
  }
  const skipped = skippedSummary(input.skipped);
  if (skipped) lines.push(`::notice title=${escapeProperty('cmlint: files skipped')}::${escapeData(skipped)}`);
  return lines.length ? lines.join('\n') + '\n' : '';
}
