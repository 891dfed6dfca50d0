export const EXIT_OK = 0;
/** Error findings, or more warnings than --max-warnings. */
export const EXIT_FINDINGS = 1;
/** Usage errors, unreadable paths, broken rule or config files, internal faults. */
export const EXIT_USAGE = 2;

/** An error the CLI reports as one line and exit code 2. */
export class UsageError extends Error {}
