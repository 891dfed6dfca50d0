/** External suppressions from the config file: a rule's findings at (or below) a JSON pointer in matching files. */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { ExternalSuppression } from '../config/load-config.js';
import { jsonPointer, type Finding } from '../findings.js';

export type { ExternalSuppression };

/** Whether the suppression's glob (relative to the config file's folder) matches the file (relative to cwd). */
export function suppressionCoversFile(s: ExternalSuppression, file: string, cwd = process.cwd()): boolean {
  if (file === '<stdin>' || file === '-') return false;
  const rel = relative(s.baseDir, resolve(cwd, file));
  if (rel.startsWith('..') || isAbsolute(rel)) return false;
  return s.files.matches(rel.split(sep).join('/'));
}

/** The first external suppression covering the finding, or undefined. */
export function matchExternal(
  finding: Finding,
  file: string,
  suppressions: readonly ExternalSuppression[],
  cwd = process.cwd(),
): ExternalSuppression | undefined {
  if (!suppressions.length) return undefined;
  const pointer = finding.pointer ? jsonPointer(finding.pointer) : '';
  return suppressions.find(
    (s) =>
      s.rule === finding.ruleId &&
      (s.pointer === '' || pointer === s.pointer || pointer.startsWith(`${s.pointer}/`)) &&
      suppressionCoversFile(s, file, cwd),
  );
}
