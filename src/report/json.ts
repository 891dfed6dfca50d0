/** Machine-readable findings: one object per file. Every control and invisible character is escaped, so any export gives valid, inert JSON. */
import { jsonPointer } from '../findings.js';
import { countBySeverity, type ReportInput } from './report-input.js';

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
      fingerprint: f.fingerprint,
      suppression: f.suppression,
      helpUri: input.rules.find((r) => r.id === f.ruleId)?.helpUri,
    })),
    rules: Object.fromEntries([...file.outcomes].map(([id, o]) => [id, o.reason ? { status: o.status, reason: o.reason } : { status: o.status }])),
  }));
  return escapeInvisible(JSON.stringify({ tool: 'cmlint', version: input.toolVersion, summary: countBySeverity(input), files }, null, 2)) + '\n';
}

/**
 * JSON.stringify escapes C0 controls, quotes and lone surrogates; DEL, C1 controls (0x9b is a terminal's CSI),
 * line separators and bidirectional or invisible format characters are valid JSON as they are, but not safe to `cat`.
 * They can only occur inside strings, so writing them as \u escapes keeps the JSON equal and inert in a terminal.
 */
const INVISIBLE = /[\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

function escapeInvisible(json: string): string {
  return json.replace(INVISIBLE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
