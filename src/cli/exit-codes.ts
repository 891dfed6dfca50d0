export const EXIT_OK = 0;
/** Error findings, or more warnings than --max-warnings. */
export const EXIT_FINDINGS = 1;
/** Usage errors, unreadable paths, broken rule or config files, internal faults. */
export const EXIT_USAGE = 2;

// Thrown below the CLI too (config, importer, Action): defined with the other run-ending errors.
export { UsageError } from '../errors.js';
