/** What every parser hands to the rest of the pipeline: the data, the problems found while parsing, and a way back from a pointer to a position. */
import type { Pointer, RawFinding, Region } from '../findings.js';

export interface ParsedDocument {
  format: 'yaml' | 'json';
  /** The export's data; undefined when the file could not be parsed at all. */
  data: unknown;
  /** Syntax problems (CML001), duplicate keys (CML008) and the like, already positioned. */
  problems: RawFinding[];
  /** Position of the node at `pointer`, or of its deepest existing ancestor. */
  locate(pointer: Pointer, atKey?: boolean): Region;
  /** Comments in the source, with the line each ends on (for suppressions). */
  comments(): { line: number; text: string }[];
}

/** Deepest nesting cmlint reads; the export format needs about ten levels. */
export const MAX_NESTING = 256;
