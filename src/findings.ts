/** Shared vocabulary of the pipeline: severities, positions and findings. */

export type Severity = 'error' | 'warning' | 'note';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'note'];

/** A place in a source file. Lines and columns are 1-based; columns count UTF-16 code units like editors do. */
export interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

/** A path into the parsed export: object keys and array indexes. */
export type Pointer = readonly (string | number)[];

/** What a rule (or the loader) reports, before it is given a position. */
export interface RawFinding {
  ruleId: string;
  severity: Severity;
  message: string;
  /** Where in the export the finding is; located to a line and column afterwards. */
  pointer?: Pointer;
  /** Report the key of the pointed node rather than its value (for unknown or misplaced keys). */
  atKey?: boolean;
  /** A position known directly (parse errors), used instead of the pointer. */
  region?: Region;
  /** What the rule expected and what it found, for reports that show both. */
  expected?: string;
  actual?: string;
  /**
   * Other elements involved in the same problem (the other CMG of a name clash, the other user of a certificate), at
   * most a few: the finding is reported once, at the element to change, and these become SARIF related locations.
   */
  related?: RelatedLocation[];
  /** The export field the finding leaves unknown, when the pointer does not say (a misspelt key: the key it stands for). */
  fact?: string;
}

/** An element a finding names besides its own position; the region is filled in when the finding is positioned. */
export interface RelatedLocation {
  pointer: Pointer;
  region?: Region;
}

/** Findings carry at most this many related locations; messages say how many more there are. */
export const MAX_RELATED = 5;

export interface Suppression {
  kind: 'inSource' | 'external';
  justification: string;
}

export interface Finding extends RawFinding {
  file: string;
  region: Region;
  /** Stable identity of the finding, independent of line numbers (SARIF partialFingerprints, baselines). */
  fingerprint: string;
  suppression?: Suppression;
}

export function jsonPointer(pointer: Pointer): string {
  return pointer.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

export function parseJsonPointer(text: string): (string | number)[] {
  if (text === '' || text === '/') return [];
  return text
    .replace(/^\//, '')
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^(0|[1-9][0-9]*)$/.test(part) ? Number(part) : part));
}

export const FILE_START: Region = { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 };

/**
 * The most characters of one value, or of one source line, that any output quotes (SECURITY.md): a report names a
 * value, it does not repeat a megabyte of it. Longer text is cut, with an ellipsis.
 */
export const MAX_QUOTED = 60;
