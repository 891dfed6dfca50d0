/**
 * The severity at or above which a finding fails a run (--fail-on, the Action's fail-on input): the CLI's exit code,
 * the Action's step result and JUnit's failed testcases all follow the same threshold.
 */
import type { Severity } from '../findings.js';

export type FailOn = Severity | 'never';

export const FAIL_ON_CHOICES: readonly FailOn[] = ['error', 'warning', 'note', 'never'];

const RANK: Record<Severity, number> = { error: 0, warning: 1, note: 2 };

/** Whether a finding of this severity fails a run that fails on `failOn` (never: nothing fails). */
export function failsAt(severity: Severity, failOn: FailOn): boolean {
  return failOn !== 'never' && RANK[severity] <= RANK[failOn];
}

/** Most severe first: errors, warnings, notes. */
export function severityOrder(a: Severity, b: Severity): number {
  return RANK[a] - RANK[b];
}
