/**
 * Quick fixes for a finding: the "did you mean" correction of a misspelt key (CML002) or of a name that names nothing
 * (CML012), and, in YAML, a suppression comment above the finding's line for the reason to be typed after `-- `.
 */
import { CodeActionKind, type CodeAction, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../findings.js';
import { DANGLING_REFERENCE } from '../model/references.js';
import { UNSUPPRESSIBLE } from '../suppress/inline.js';
import { rangeOf } from './positions.js';

const MISSPELT_KEY = 'CML002';

/** The finding a diagnostic was made from: same rule, same range. */
function findingOf(diagnostic: Diagnostic, findings: readonly Finding[]): Finding | undefined {
  return findings.find((f) => {
    const r = rangeOf(f.region);
    return f.ruleId === diagnostic.code && sameRange(r, diagnostic.range);
  });
}

function sameRange(a: Range, b: Range): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}

export function codeActionsFor(
  document: TextDocument,
  format: 'yaml' | 'json',
  diagnostics: readonly Diagnostic[],
  findings: readonly Finding[],
): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== 'cmlint') continue;
    const finding = findingOf(diagnostic, findings);
    if (!finding) continue;
    const fix = correction(document, format, finding);
    if (fix)
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: true,
        edit: { changes: { [document.uri]: [fix.edit] } },
      });
    if (format === 'yaml' && !UNSUPPRESSIBLE.has(finding.ruleId))
      actions.push(suppression(document, finding, diagnostic));
  }
  return actions;
}

function correction(
  document: TextDocument,
  format: 'yaml' | 'json',
  finding: Finding,
): { title: string; edit: TextEdit } | undefined {
  let meant: string | undefined;
  // CML002 states the key the misspelt one stands for (the validator's closest allowed key) as the finding's fact.
  if (finding.ruleId === MISSPELT_KEY) meant = finding.fact;
  // CML012 names its closest existing name in the message, JSON-quoted and cut short past 60 characters (then no fix).
  else if (finding.ruleId === DANGLING_REFERENCE) {
    const quoted = /did you mean ("(?:[^"\\]|\\.)*")\?/.exec(finding.message)?.[1];
    const name = quoted ? (JSON.parse(quoted) as string) : undefined;
    meant = name && !(quoted!.length > 60 && name.endsWith('...')) ? name : undefined;
  }
  if (!meant) return undefined;
  const range = rangeOf(finding.region);
  const written = document.getText(range);
  return { title: `Change to "${meant}"`, edit: { range, newText: quoteLike(written, meant, format) } };
}

/** The replacement quoted as the text it replaces was: JSON strings always, YAML in the same quotes or none. */
function quoteLike(written: string, text: string, format: 'yaml' | 'json'): string {
  if (format === 'json' || written.startsWith('"')) return JSON.stringify(text);
  if (written.startsWith("'")) return `'${text.replace(/'/g, "''")}'`;
  // A plain scalar stays plain only when YAML reads it back as the same string.
  return /^[A-Za-z0-9_][A-Za-z0-9_.\-/ ]*$/.test(text) &&
    !/\s$/.test(text) &&
    !/^(true|false|null|yes|no|on|off|~|[-+]?[0-9.]+)$/i.test(text)
    ? text
    : JSON.stringify(text);
}

function suppression(document: TextDocument, finding: Finding, diagnostic: Diagnostic): CodeAction {
  const line = finding.region.startLine - 1;
  const lineText = document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
  const indent = /^[ \t]*/.exec(lineText)![0];
  // The comment goes above the line, at its indentation, ending in `-- ` where the reason is to be typed.
  const comment = `${indent}# cmlint-disable-next-line ${finding.ruleId} -- `;
  return {
    title: `Suppress ${finding.ruleId} on this line (with a reason)`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: {
      changes: {
        [document.uri]: [
          { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${comment}\n` },
        ],
      },
    },
  };
}
