/**
 * Marks suppressed findings (they stay in the results with their suppression, for SARIF and JSON; the text report
 * and the exit code leave them out), reports broken suppression comments (CML010) and unused ones (CML011).
 */
import type { Finding, RawFinding, Severity } from '../findings.js';
import type { ExternalSuppression } from '../config/load-config.js';
import { matchExternal } from './external.js';
import { readDirectives, UNSUPPRESSIBLE, UNUSED_SUPPRESSION } from './inline.js';

export interface SuppressContext {
  path: string;
  text: string;
  comments: { line: number; text: string }[];
  /** Every loaded rule id (a comment naming another id is reported). */
  ruleIds: ReadonlySet<string>;
  severity: Record<string, Severity | 'off'>;
  external: readonly ExternalSuppression[];
  /** Positions and fingerprints findings the suppression stage adds. */
  place(raw: RawFinding[]): Finding[];
  /** Called with each external suppression that covered a finding (to report unused ones after a run). */
  onExternalUsed?(suppression: ExternalSuppression): void;
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.region.startLine - b.region.startLine ||
    a.region.startColumn - b.region.startColumn ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)
  );
}

export function applySuppressions(findings: Finding[], context: SuppressContext): Finding[] {
  const { directives, problems } = readDirectives(context.comments, context.text, context.ruleIds);
  if (!directives.length && !problems.length && !context.external.length) return findings;
  const marked = findings.map((finding): Finding => {
    if (UNSUPPRESSIBLE.has(finding.ruleId) || finding.suppression) return finding;
    const inline = directives.filter(
      (d) => d.rules.includes(finding.ruleId) && (d.kind === 'file' || finding.region.startLine === d.line + 1),
    );
    // Credit every directive that covers the finding, so none of them is reported as unused.
    for (const d of inline) d.used.add(finding.ruleId);
    const nearest = inline.find((d) => d.kind === 'next-line') ?? inline[0];
    if (nearest) return { ...finding, suppression: { kind: 'inSource', justification: nearest.reason } };
    const external = matchExternal(finding, context.path, context.external);
    if (external) {
      context.onExternalUsed?.(external);
      return { ...finding, suppression: { kind: 'external', justification: external.justification } };
    }
    return finding;
  });
  const unused: RawFinding[] = [];
  for (const d of directives) {
    for (const rule of d.rules) {
      if (d.used.has(rule) || context.severity[rule] === 'off') continue;
      unused.push({
        ruleId: UNUSED_SUPPRESSION,
        severity: 'warning',
        message:
          d.kind === 'file'
            ? `Unused suppression: this file has no ${rule} finding to suppress; remove ${rule} from the cmlint-disable comment`
            : `Unused suppression: the next line has no ${rule} finding to suppress; remove ${rule} from the comment or move it above the finding`,
        region: d.region,
      });
    }
  }
  const added = [...problems, ...unused].filter((f) => context.severity[f.ruleId] !== 'off');
  if (!added.length) return marked;
  return [...marked, ...context.place(added)].sort(compareFindings);
}
