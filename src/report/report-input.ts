/** What every reporter receives. */
import type { FileResult } from '../lint.js';
import type { Rule } from '../rules/rule.js';

export interface ReportInput {
  files: FileResult[];
  rules: Rule[];
  toolVersion: string;
  /** Directory file paths are reported relative to (SARIF's %SRCROOT%). */
  cwd: string;
  /** Files a folder search or a glob found that are not exports: every format counts and names them. */
  skipped?: SkippedFile[];
}

export interface SkippedFile {
  path: string;
  /** Why it is not an export, in a few words ("no schemaVersion at the top level", "a SARIF log"). */
  reason: string;
}

/** The summary's line for skipped files, the same in every format: "2 files skipped: not cmlint exports (a, b)". */
export function skippedSummary(skipped: readonly SkippedFile[] | undefined): string | undefined {
  if (!skipped?.length) return undefined;
  const names = skipped.map((s) => `${s.path}: ${s.reason}`).join('; ');
  return `${skipped.length} file${skipped.length === 1 ? '' : 's'} skipped: not cmlint exports (${names})`;
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
