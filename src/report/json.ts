/** Machine-readable findings: one object per file. Every control and invisible character is escaped, so any export gives valid, inert JSON. */
import type { Finding } from '../findings.js';
import { jsonPointer } from '../findings.js';
import type { FileResult } from '../lint.js';
import { inertJson } from './escape.js';
import { countBySeverity, ruleCountsOf, totalRuleCounts, type ReportInput } from './report-input.js';

export function formatJson(input: ReportInput): string {
  return [...jsonPieces(input)].join('');
}

/** JSON.stringify with two-space indentation, its lines after the first indented `indent` more. */
function nested(value: unknown, indent: string): string {
  return inertJson(JSON.stringify(value, null, 2)).replace(/\n/g, `\n${indent}`);
}

/**
 * The report in pieces, one per finding, for write-output.ts to write as they come: a million findings make more text
 * than one string can hold. The text is the same as JSON.stringify(report, null, 2) would give.
 */
export function* jsonPieces(input: ReportInput): Generator<string> {
  const helpUris = new Map(input.rules.map((r) => [r.id, r.helpUri]));
  const summary = { ...countBySeverity(input), rules: totalRuleCounts(input) };
  yield `{\n  "tool": "cmlint",\n  "version": ${nested(input.toolVersion, '  ')},\n  "summary": ${nested(summary, '  ')},\n  "files": [`;
  let fileIndex = 0;
  for (const file of input.files) {
    yield `${fileIndex++ ? ',' : ''}\n    {\n      "path": ${nested(file.path, '')},\n      "findings": [`;
    let findingIndex = 0;
    for (const f of file.findings)
      yield `${findingIndex++ ? ',' : ''}\n        ${nested(findingObject(f, helpUris), '        ')}`;
    const counts = nested(ruleCountsOf(file, input.rules), '      ');
    yield `${findingIndex ? '\n      ' : ''}],\n      "ruleCounts": ${counts},\n      "rules": ${nested(ruleOutcomes(file), '      ')}\n    }`;
  }
  const skipped = input.skipped?.length ? `,\n  "skipped": ${nested(input.skipped, '  ')}` : '';
  yield `${fileIndex ? '\n  ' : ''}]${skipped}\n}\n`;
}

function findingObject(f: Finding, helpUris: Map<string, string>) {
  return {
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
    related: f.related?.map((r) => ({
      line: r.region?.startLine,
      column: r.region?.startColumn,
      pointer: jsonPointer(r.pointer),
    })),
    fingerprint: f.fingerprint,
    suppression: f.suppression,
    helpUri: helpUris.get(f.ruleId),
  };
}

function ruleOutcomes(file: FileResult) {
  return Object.fromEntries(
    [...file.outcomes].map(([id, o]) => [
      id,
      {
        status: o.status,
        ...(o.reason ? { reason: o.reason } : {}),
        ...(o.checked !== undefined ? { checked: o.checked, notJudged: o.skipped, elements: o.elements } : {}),
      },
    ]),
  );
}
