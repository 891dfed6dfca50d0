/**
 * One line per finding, `file:line:col: severity message [RULE]`, the shape editors' and CI's problem matchers parse
 * (.github/cmlint-problem-matcher.json; docs/problem-matcher.md). Suppressed findings are left out. Every value is
 * shown with control characters escaped, so no value can start a line of its own.
 */
import { escapeControl } from './escape.js';
import type { ReportInput } from './report-input.js';

export function formatCompact(input: ReportInput): string {
  const lines: string[] = [];
  for (const file of input.files) {
    const path = escapeControl(file.path);
    for (const f of file.findings) {
      if (f.suppression) continue;
      lines.push(
        `${path}:${f.region.startLine}:${f.region.startColumn}: ${f.severity} ${escapeControl(f.message)} [${escapeControl(f.ruleId)}]`,
      );
    }
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}
