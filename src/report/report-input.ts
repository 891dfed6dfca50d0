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

/** What became of the rules on one file, or added up over files: every reporter shows these same counts. */
export interface RuleCounts {
  passed: number;
  failed: number;
  partlyEvaluated: number;
  notEvaluated: number;
}

/**
 * A file's rule counts from its outcomes. A file that could not be read or modelled has none: then every rule with a
 * check counts as not evaluated, never as passed. Rules turned off in the configuration are not counted.
 */
export function ruleCountsOf(file: FileResult, rules: readonly Rule[]): RuleCounts {
  const counts: RuleCounts = { passed: 0, failed: 0, partlyEvaluated: 0, notEvaluated: 0 };
  if (file.outcomes.size === 0) {
    counts.notEvaluated = rules.filter((r) => r.check).length;
    return counts;
  }
  for (const outcome of file.outcomes.values()) {
    if (outcome.status === 'passed') counts.passed++;
    else if (outcome.status === 'failed') counts.failed++;
    else if (outcome.status === 'partly-evaluated') counts.partlyEvaluated++;
    else counts.notEvaluated++;
  }
  return counts;
}

/** The rule counts of every file, added up (a rule counts once per file). */
export function totalRuleCounts(input: ReportInput): RuleCounts {
  const total: RuleCounts = { passed: 0, failed: 0, partlyEvaluated: 0, notEvaluated: 0 };
  for (const file of input.files) {
    const counts = ruleCountsOf(file, input.rules);
    total.passed += counts.passed;
    total.failed += counts.failed;
    total.partlyEvaluated += counts.partlyEvaluated;
    total.notEvaluated += counts.notEvaluated;
  }
  return total;
}

/** "128 passed, 2 failed, 1 partly evaluated, 1 not evaluated". */
export function describeRuleCounts(counts: RuleCounts): string {
  return `${counts.passed} passed, ${counts.failed} failed, ${counts.partlyEvaluated} partly evaluated, ${counts.notEvaluated} not evaluated`;
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
