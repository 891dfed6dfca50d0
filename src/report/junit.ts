/**
 * JUnit XML, as Azure Pipelines (PublishTestResults, testResultsFormat JUnit), GitLab (artifacts:reports:junit) and
 * Jenkins read it: one <testsuite> per file and one <testcase> per rule and file. A rule with error or warning
 * findings fails (one <failure> listing them all); notes and suppressed findings go to <system-out>; a rule that could
 * not be evaluated is <skipped>. Every value is escaped, and characters XML 1.0 cannot carry are shown as escapes.
 */
import type { Finding } from '../findings.js';
import type { ReportInput } from './report-input.js';

// Characters XML 1.0 cannot hold at all, plus DEL and the C1 controls (allowed but invisible and confusing).
const NOT_XML = /[^\u0009\u000a\u000d\u0020-\u007e\u00a0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;
// Characters XML carries but a reader would not see, as every other format escapes them (escape.ts): bidirectional
// overrides and isolates, which reorder the text around them, zero-width and other invisible format characters.
const INVISIBLE = /[\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/gu;

function visible(text: string): string {
  const escape = (ch: string) => `\\u{${ch.codePointAt(0)!.toString(16)}}`;
  return text.replace(NOT_XML, escape).replace(INVISIBLE, escape);
}

export function xmlText(text: string): string {
  return visible(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function xmlAttribute(text: string): string {
  return xmlText(text).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

function describe(path: string, f: Finding): string {
  const suppressed = f.suppression ? ` [suppressed (${f.suppression.kind}): ${f.suppression.justification}]` : '';
  return `${path}:${f.region.startLine}:${f.region.startColumn}: ${f.severity}: ${f.message} (${f.ruleId})${suppressed}`;
}

export function formatJunit(input: ReportInput): string {
  const titles = new Map(input.rules.map((r) => [r.id, r.title]));
  const order = new Map(input.rules.map((r, i) => [r.id, i]));
  const suites: string[] = [];
  let total = { tests: 0, failures: 0, skipped: 0 };
  for (const file of input.files) {
    const byRule = new Map<string, Finding[]>();
    for (const id of file.outcomes.keys()) byRule.set(id, []);
    for (const f of file.findings) {
      if (!byRule.has(f.ruleId)) byRule.set(f.ruleId, []);
      byRule.get(f.ruleId)!.push(f);
    }
    const ids = [...byRule.keys()].sort((a, b) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity) || (a < b ? -1 : a > b ? 1 : 0));
    const cases: string[] = [];
    let failures = 0;
    let skipped = 0;
    for (const id of ids) {
      const findings = byRule.get(id)!;
      const failing = findings.filter((f) => !f.suppression && f.severity !== 'note');
      const informational = findings.filter((f) => f.suppression || f.severity === 'note');
      const name = titles.has(id) ? `${id}: ${titles.get(id)}` : id;
      const body: string[] = [];
      if (failing.length) {
        failures++;
        const type = failing.some((f) => f.severity === 'error') ? 'error' : 'warning';
        const first = failing[0]!;
        const message = failing.length === 1 ? first.message : `${failing.length} findings; first: ${first.message}`;
        const text = failing.map((f) => describe(file.path, f)).join('\n');
        body.push(`      <failure message="${xmlAttribute(message)}" type="${type}">${xmlText(text)}</failure>`);
      } else {
        const outcome = file.outcomes.get(id);
        if (outcome?.status === 'not-evaluated' && !findings.length) {
          skipped++;
          body.push(`      <skipped message="${xmlAttribute(`not evaluated: ${outcome.reason ?? 'the export lacks the facts this rule needs'}`)}"/>`);
        }
      }
      if (informational.length) body.push(`      <system-out>${xmlText(informational.map((f) => describe(file.path, f)).join('\n'))}</system-out>`);
      const open = `    <testcase name="${xmlAttribute(name)}" classname="${xmlAttribute(file.path)}" time="0"`;
      cases.push(body.length ? `${open}>\n${body.join('\n')}\n    </testcase>` : `${open}/>`);
    }
    total = { tests: total.tests + cases.length, failures: total.failures + failures, skipped: total.skipped + skipped };
    suites.push(
      `  <testsuite name="${xmlAttribute(file.path)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}" time="0">` +
        (cases.length ? `\n${cases.join('\n')}\n  </testsuite>` : '</testsuite>'),
    );
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="cmlint" tests="${total.tests}" failures="${total.failures}" errors="0" skipped="${total.skipped}" time="0">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
