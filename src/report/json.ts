/** Machine-readable findings: one object per file. Every control and invisible character is escaped, so any export gives valid, inert JSON. */
import { jsonPointer } from '../findings.js';
import { inertJson } from './escape.js';
import { countBySeverity, ruleCountsOf, totalRuleCounts, type ReportInput } from './report-input.js';

export function formatJson(input: ReportInput): string {
  const files = input.files.map((file) => ({
    path: file.path,
    findings: file.findings.map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      message: f.message,
      line: f.region.startLine,
      column: f.region.startColumn,
      endLine: f.region.endLine,
      endColumn: f.region.endColumn,
      pointer: f.pointer ? jsonPointer(f.pointer) : undefined,
      expected: f.expected,
      actual: f.actual,
      related: f.related?.map((r) => ({ line: r.region?.startLine, column: r.region?.startColumn, pointer: jsonPointer(r.pointer) })),
      fingerprint: f.fingerprint,
      suppression: f.suppression,
      helpUri: input.rules.find((r) => r.id === f.ruleId)?.helpUri,
    })),
    ruleCounts: ruleCountsOf(file, input.rules),
    rules: Object.fromEntries(
      [...file.outcomes].map(([id, o]) => [
        id,
        {
          status: o.status,
          ...(o.reason ? { reason: o.reason } : {}),
          ...(o.checked !== undefined ? { checked: o.checked, notJudged: o.skipped, elements: o.elements } : {}),
        },
      ]),
    ),
  }));
  const summary = { ...countBySeverity(input), rules: totalRuleCounts(input) };
  return inertJson(JSON.stringify({ tool: 'cmlint', version: input.toolVersion, summary, files, ...(input.skipped?.length ? { skipped: input.skipped } : {}) }, null, 2)) + '\n';
}
