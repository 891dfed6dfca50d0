/** How every YAML text is read, by either parser and for every kind of file: as plain data. */

/** Aliases may be expanded at most this many times: a "billion laughs" file stops here instead of filling memory. */
export const MAX_ALIAS_COUNT = 1000;

/**
 * Plain data only: YAML 1.2 core schema even under `%YAML 1.1` (no !!binary, !!set, !!omap, !!timestamp), no merging.
 * Exports, rule files and the config file are all read with these (rule and config files through data-file.ts).
 */
export const YAML_OPTIONS = {
  version: '1.2',
  schema: 'core',
  merge: false,
  // Duplicate keys are found by findDuplicateKeys (precise.ts), in linear time (the package's own check is quadratic).
  uniqueKeys: false,
  strict: true,
  prettyErrors: false,
} as const;
