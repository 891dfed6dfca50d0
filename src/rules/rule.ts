/** A rule as loaded from its YAML file. */
import type { Severity } from '../findings.js';

export interface RuleSource {
  title: string;
  section?: string;
  url: string;
}

export interface RuleCase {
  forEach?: string;
  /** CEL values named for this case, computed per element when first read, in order (a let may read earlier ones). */
  let?: Record<string, string>;
  where?: string;
  assert?: string;
  schema?: object;
  report?: true;
  at?: string;
  message: string;
  expected?: string;
  actual?: string;
  severity?: Severity;
  versions?: { from?: number; before?: number };
  /** CEL: the other model elements involved in the finding (a list, or one element); SARIF related locations. */
  related?: string;
}

export interface RuleDefinition {
  id: string;
  title: string;
  severity: Severity;
  sources: RuleSource[];
  description: string;
  rationale: string;
  fix: string;
  versions?: string;
  /** cmlint's own CML rules are reported by a pipeline stage rather than a check. */
  emittedBy?: 'parser' | 'schema' | 'engine' | 'suppressions' | 'references';
  check?: {
    requires?: { expression: string; missing: string }[];
    /** CEL values computed once per export before the cases run, by name (an index of elements by a key, say). */
    let?: Record<string, string>;
    cases: RuleCase[];
  };
}

export interface Rule extends RuleDefinition {
  family: string;
  helpUri: string;
  /** Where the rule was loaded from ("<builtin>/SITE001.yaml" or a custom folder's path). */
  origin: string;
  builtin: boolean;
  /** The line of a key of a custom rule file, for load errors that name it (not kept for built-in rules). */
  lineOf?: (pointer: readonly (string | number)[]) => number;
}

export function familyOf(id: string): string {
  return id.replace(/[0-9]+$/, '');
}
