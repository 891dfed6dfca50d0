/** A finding as an LSP diagnostic: its region, severity, rule id and documentation page, related locations. */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { Finding, Severity } from '../findings.js';
import { escapeControl } from '../report/escape.js';
import type { Rule } from '../rules/rule.js';
import { rangeOf } from './positions.js';

/** Where the built-in rules' pages are published (docs/rules in the repository, generated from the rules). */
export const RULE_PAGES = 'https://github.com/cmlint/cmlint/blob/main/docs/rules/';

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  note: DiagnosticSeverity.Information,
};

/** A rule's page: the built-in page for a built-in rule, the rule's own link (its first source) for a custom one. */
export function rulePage(ruleId: string, rule: Rule | undefined): string | undefined {
  if (!rule) return /^CML\d{3}$/.test(ruleId) ? `${RULE_PAGES}${ruleId}.md` : undefined;
  return rule.builtin ? `${RULE_PAGES}${rule.id}.md` : rule.helpUri;
}

export function toDiagnostic(finding: Finding, uri: string, rules: ReadonlyMap<string, Rule>): Diagnostic {
  const href = rulePage(finding.ruleId, rules.get(finding.ruleId));
  const diagnostic: Diagnostic = {
    range: rangeOf(finding.region),
    severity: SEVERITIES[finding.severity],
    code: finding.ruleId,
    source: 'cmlint',
    // Messages quote the export's values: control characters are shown escaped, as in every other output.
    message: escapeControl(finding.message),
  };
  if (href) diagnostic.codeDescription = { href };
  const related = (finding.related ?? []).filter((r) => r.region);
  if (related.length) {
    diagnostic.relatedInformation = related.map((r) => ({
      location: { uri, range: rangeOf(r.region!) },
      message: `related: ${r.pointer.join('.')}`,
    }));
  }
  return diagnostic;
}
