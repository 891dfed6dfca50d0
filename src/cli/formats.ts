/** Report formats, each loaded only when asked for so start-up stays small. */
import type { FailOn } from '../report/fail-on.js';
import type { ReportInput } from '../report/report-input.js';

export interface FormatOptions {
  color: boolean;
  quiet: boolean;
  /** Findings at or above this severity fail the run (JUnit marks their testcases failed). */
  failOn: FailOn;
  /** Where a report says what it left out (SARIF past GitHub's limits): one line on stderr. */
  notice?: (message: string) => void;
}

/** A report as one string, or as pieces in order for the formats that can be too large for one (write-output.ts). */
export type Formatter = (input: ReportInput, options: FormatOptions) => string | Iterable<string>;

export const FORMATS: Record<string, () => Promise<Formatter>> = {
  text: async () => {
    const { formatText } = await import('../report/text.js');
    return (input, options) => formatText(input, options);
  },
  json: async () => (await import('../report/json.js')).jsonPieces,
  sarif: async () => {
    const { sarifPieces } = await import('../report/sarif.js');
    return (input, options) => sarifPieces(input, { notice: options.notice });
  },
  github: async () => {
    const { formatGithub } = await import('../report/github.js');
    return (input, options) => formatGithub(input, options);
  },
  junit: async () => {
    const { formatJunit } = await import('../report/junit.js');
    return (input, options) => formatJunit(input, { failOn: options.failOn });
  },
  compact: async () => (await import('../report/compact.js')).formatCompact,
  html: async () => (await import('../report/html.js')).formatHtml,
  dot: async () => (await import('../report/topology-dot.js')).formatDot,
};

export function formatNames(): string[] {
  return Object.keys(FORMATS);
}
