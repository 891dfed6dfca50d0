/** What every reporter receives. */
import type { FileResult } from '../lint.js';
import type { Rule } from '../rules/rule.js';

export interface ReportInput {
  files: FileResult[];
  rules: Rule[];
  toolVersion: string;
  /** Directory file paths are reported relative to (SARIF's %SRCROOT%). */
  cwd: string;
}

export function countBySeverity(input: ReportInput, includeSuppressed = false) {
  const counts = { error: 0, warning: 0, note: 0, suppressed: 0 };
  for (const file of input.files) {
    for (const finding of file.findings) {
      if (finding.suppression) {
        counts.suppressed++;
        if (!includeSuppressed) continue;
      }
      counts[finding.severity]++;
    }
  }
  return counts;
}
