/**
 * Baselines: `--write-baseline FILE` records the current findings by fingerprint; `--baseline FILE` then reports
 * only findings that are not in it. Fingerprints come from rule, file and JSON pointer (src/fingerprint.ts), never
 * from line numbers, so inserting or moving lines does not make an old finding new.
 */
import { readFileSync } from 'node:fs';
import { UsageError } from './errors.js';
import type { FileResult } from './lint.js';

export const BASELINE_FORMAT = 1;

export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  file: string;
  /** For people reading the file; only the fingerprint is compared. */
  message: string;
}

export interface BaselineFile {
  tool: 'cmlint';
  baselineFormat: number;
  findings: BaselineEntry[];
}

/** The baseline of these results: every finding not already suppressed, in a stable order. */
export function buildBaseline(results: readonly FileResult[]): BaselineFile {
  const findings = results
    .flatMap((r) =>
      r.findings
        .filter((f) => !f.suppression)
        .map((f) => ({
          fingerprint: f.fingerprint,
          ruleId: f.ruleId,
          file: r.path.replace(/\\/g, '/'),
          message: f.message,
        })),
    )
    .sort((a, b) =>
      a.file < b.file
        ? -1
        : a.file > b.file
          ? 1
          : a.ruleId < b.ruleId
            ? -1
            : a.ruleId > b.ruleId
              ? 1
              : a.fingerprint < b.fingerprint
                ? -1
                : a.fingerprint > b.fingerprint
                  ? 1
                  : 0,
    );
  return { tool: 'cmlint', baselineFormat: BASELINE_FORMAT, findings };
}

export function formatBaseline(results: readonly FileResult[]): string {
  return JSON.stringify(buildBaseline(results), null, 2) + '\n';
}

/** Reads a baseline file's fingerprints; a missing or broken file is a usage error naming it. */
export function readBaseline(path: string): Set<string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      `${path}: cannot read baseline (${code === 'ENOENT' ? 'no such file; create it with --write-baseline' : (code ?? 'error')})`,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${path}: baseline is not valid JSON: ${(error as Error).message.split('\n')[0]}`);
  }
  const file = data as Partial<BaselineFile>;
  if (!file || typeof file !== 'object' || file.tool !== 'cmlint' || !Array.isArray(file.findings)) {
    throw new UsageError(`${path}: not a cmlint baseline (write one with --write-baseline)`);
  }
  if (file.baselineFormat !== BASELINE_FORMAT)
    throw new UsageError(
      `${path}: baseline format ${String(file.baselineFormat)} is not supported (expected ${BASELINE_FORMAT}); write it again with --write-baseline`,
    );
  const fingerprints = new Set<string>();
  file.findings.forEach((entry, index) => {
    if (!entry || typeof entry.fingerprint !== 'string')
      throw new UsageError(`${path}: findings[${index}].fingerprint: missing`);
    fingerprints.add(entry.fingerprint);
  });
  return fingerprints;
}

/** Drops the findings the baseline holds (they are known, not new); returns how many were dropped. */
export function applyBaseline(results: FileResult[], fingerprints: ReadonlySet<string>): number {
  let dropped = 0;
  for (const result of results) {
    const kept = result.findings.filter((f) => f.suppression || !fingerprints.has(f.fingerprint));
    dropped += result.findings.length - kept.length;
    result.findings = kept;
  }
  return dropped;
}
