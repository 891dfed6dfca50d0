/** What every mapper gets: the dump and a reader that turns values into sourced values or warnings. */
import type { Dump } from './read-dump.js';
import { rowsOf } from './read-dump.js';
import type { Row } from './row.js';
import { ValueReader } from './values.js';
import type { Warnings } from './warnings.js';

export class ImportContext {
  readonly read: ValueReader;

  constructor(
    readonly dump: Dump,
    readonly warnings: Warnings,
  ) {
    this.read = new ValueReader(warnings);
  }

  /** Rows of a class that have every one of the given properties; a row without one is a warning naming it. */
  rows(className: string, ...required: string[]): Row[] {
    return rowsOf(this.dump, className).filter((row, index) => {
      const lacking = required.filter(
        (name) => row.get(name) === undefined || row.get(name) === null || row.get(name) === '',
      );
      if (lacking.length) {
        this.warnings.add(
          `${className} instance ${index + 1} has no ${lacking.join(', ')}: not the class version the importer knows; skipped`,
        );
      }
      return lacking.length === 0;
    });
  }
}

/** Case-insensitive equality, as Configuration Manager compares site codes and server names. */
export function sameName(a: unknown, b: unknown): boolean {
  return typeof a === 'string' && typeof b === 'string' && a.toLowerCase() === b.toLowerCase();
}

/** Sorting key: case-insensitive, then exact, so the order never depends on the dump's order. */
export function byName(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
}
