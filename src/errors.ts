/**
 * The errors that end a run with one line and exit code 2, in one module below every layer: the config loader, the
 * rule loader, the importer and the Action throw them without importing the command line (src/cli/), which catches
 * and prints them (src/cli/main.ts).
 */

/** An error the CLI reports as one line and exit code 2. */
export class UsageError extends Error {}

/** A broken config file: exit code 2 with one line. */
export class ConfigError extends UsageError {}

/** A rule file or rule folder that cannot be loaded: exit code 2 with one line naming the file. */
export class RuleLoadError extends Error {}

/** A file that cannot be linted at all. The CLI prints `message` as one line and exits 2. */
export class UnreadableSourceError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

/** A dump that cannot be read at all: one line for the user. */
export class DumpError extends Error {}
