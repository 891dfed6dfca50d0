/**
 * What makes a file a cmlint export: its top level is a mapping with schemaVersion. A folder search or a glob lints
 * the files that are exports and skips, counts and names the others (package.json, action.yml, a Kubernetes
 * manifest, cmlint's own reports); a file named on the command line without schemaVersion gets CML015 instead of a
 * page of schema findings about keys it was never meant to have.
 *
 * The decision errs towards linting: a file that does not parse is an export when its text mentions schemaVersion
 * anywhere (its syntax error is then reported rather than hidden).
 */
import type { RawFinding } from '../findings.js';

export const EXPORT_KEY = 'schemaVersion';

type Data = Record<string, unknown>;

function isMapping(data: unknown): data is Data {
  return data !== null && typeof data === 'object' && !Array.isArray(data);
}

/** Whether parsed data is a mapping lacking schemaVersion: such a file gets CML015 and nothing else is checked. */
export function lacksExportKey(data: unknown): boolean {
  return isMapping(data) && !Object.hasOwn(data, EXPORT_KEY);
}

/**
 * Why a parsed file is not an export, in a few words for the report, or undefined when it is one (or may be one).
 * @param parsedCleanly false when the parser reported a problem (the data may then be partial or missing).
 */
export function notAnExportReason(data: unknown, parsedCleanly: boolean, text: string): string | undefined {
  if (isMapping(data) && Object.hasOwn(data, EXPORT_KEY)) return undefined;
  if (!parsedCleanly && text.includes(EXPORT_KEY)) return undefined;
  if (!isMapping(data))
    return data === undefined && !parsedCleanly
      ? 'does not parse and has no schemaVersion'
      : 'not a mapping with schemaVersion';
  // Named for what they are, when the whole structure shows it: cmlint's own outputs are common beside exports.
  if (data.tool === 'cmlint' && typeof data.baselineFormat === 'number' && Array.isArray(data.findings))
    return 'a cmlint baseline';
  if (data.tool === 'cmlint' && Array.isArray(data.files) && isMapping(data.summary)) return 'a cmlint JSON report';
  if (typeof data.version === 'string' && Array.isArray(data.runs)) return 'a SARIF log';
  return 'no schemaVersion at the top level';
}

/** Reasons that name a report or baseline (cmlint's own outputs): a later run may write its report over one. */
export const REPORT_REASONS: ReadonlySet<string> = new Set([
  'a cmlint baseline',
  'a cmlint JSON report',
  'a SARIF log',
]);

/** CML015: the finding for a file named on the command line that is not an export. */
export function notAnExportFinding(): RawFinding {
  return {
    ruleId: 'CML015',
    severity: 'error',
    message:
      'This file is not a cmlint export: an export is a YAML or JSON mapping whose top level has schemaVersion (docs/export-format.md). ' +
      'Add `schemaVersion: 1` if it is one; nothing else was checked. A folder search skips such files.',
    pointer: [],
  };
}
