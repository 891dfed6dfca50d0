/**
 * JUnit XML, as Azure Pipelines (PublishTestResults, testResultsFormat JUnit), GitLab (artifacts:reports:junit) and
 * Jenkins read it: one <testsuite> per file and one <testcase> per rule and file. A rule with findings at or above
 * --fail-on (default error) fails (one <failure> listing them all), so a pipeline that fails on failed tests fails
 * exactly when the CLI's exit code does; findings below it and suppressed findings go to the testcase's <system-out>;
 * a rule that could not be evaluated is <skipped>. Every value is escaped, and characters XML 1.0 cannot carry are
 * shown as escapes.
 */
import type { Finding } from '../findings.js';
import { failsAt, type FailOn } from './fail-on.js';
import { skippedSummary, type ReportInput } from './report-input.js';

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
  return xmlText(text)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

function describe(path: string, f: Finding): string {
  const suppressed = f.suppression ? ` [suppressed (${f.suppression.kind}): ${f.suppression.justification}]` : '';
  return `${path}:${f.region.startLine}:${f.region.startColumn}: ${f.severity}: ${f.message} (${f.ruleId})${suppressed}`;
}

export interface JunitOptions {
  /** Findings at or above this severity fail their testcase; default error, like the CLI's exit code. */
  failOn?: FailOn;
}

export function formatJunit(input: ReportInput, options: JunitOptions = {}): string {
  const failOn = options.failOn ?? 'error';
  const titles = new Map(input.rules.map((r) => [r.id, r.title]));
  const order = new Map(input.rules.map((r, i) => [r.id, i]));
  const suites: string[] = [];
  let total = { tests: 0, failures: 0 };
  for (const file of input.files) {
    const byRule = new Map<string, Finding[]>();
    for (const id of file.outcomes.keys()) byRule.set(id, []);
    // A file that could not be read or modelled ran no rule: each is skipped, never left out (the counts of every
    // report agree: report-input.ts ruleCountsOf).
    const unparsed = file.outcomes.size === 0;
    if (unparsed) for (const rule of input.rules) if (rule.check) byRule.set(rule.id, []);
    for (const f of file.findings) {
      if (!byRule.has(f.ruleId)) byRule.set(f.ruleId, []);
      byRule.get(f.ruleId)!.push(f);
    }
    const ids = [...byRule.keys()].sort(
      (a, b) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity) || (a < b ? -1 : a > b ? 1 : 0),
    );
    const cases: string[] = [];
    let failures = 0;
    let skipped = 0;
    for (const id of ids) {
      const findings = byRule.get(id)!;
      const failing = findings.filter((f) => !f.suppression && failsAt(f.severity, failOn));
      const informational = findings.filter((f) => f.suppression || !failsAt(f.severity, failOn));
      const name = titles.has(id) ? `${id}: ${titles.get(id)}` : id;
      const body: string[] = [];
      if (failing.length) {
        failures++;
        const type = failing.some((f) => f.severity === 'error')
          ? 'error'
          : failing.some((f) => f.severity === 'warning')
            ? 'warning'
            : 'note';
        const first = failing[0]!;
        const message = failing.length === 1 ? first.message : `${failing.length} findings; first: ${first.message}`;
        const text = failing.map((f) => describe(file.path, f)).join('\n');
        body.push(`      <failure message="${xmlAttribute(message)}" type="${type}">${xmlText(text)}</failure>`);
      } else {
        const outcome =
          file.outcomes.get(id) ??
          (unparsed
            ? { status: 'not-evaluated' as const, reason: 'the export could not be read or modelled, so no rule ran' }
            : undefined);
        if ((outcome?.status === 'not-evaluated' || outcome?.status === 'partly-evaluated') && !findings.length) {
          // A rule partly evaluated is not a pass either: skipped, with what it could not judge.
          skipped++;
          const label = outcome.status === 'partly-evaluated' ? 'partly evaluated' : 'not evaluated';
          body.push(
            `      <skipped message="${xmlAttribute(`${label}: ${outcome.reason ?? 'the export lacks the facts this rule needs'}`)}"/>`,
          );
        }
      }
      if (informational.length)
        body.push(
          `      <system-out>${xmlText(informational.map((f) => describe(file.path, f)).join('\n'))}</system-out>`,
        );
      const open = `    <testcase name="${xmlAttribute(name)}" classname="${xmlAttribute(file.path)}" time="0"`;
      cases.push(body.length ? `${open}>\n${body.join('\n')}\n    </testcase>` : `${open}/>`);
    }
    total = { tests: total.tests + cases.length, failures: total.failures + failures };
    suites.push(
      `  <testsuite name="${xmlAttribute(file.path)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}" time="0">` +
        (cases.length ? `\n${cases.join('\n')}\n  </testsuite>` : '</testsuite>'),
    );
  }
  // Files a search skipped as not exports: one skipped testcase each, under a suite that says why.
  const skippedFiles = input.skipped ?? [];
  if (skippedFiles.length) {
    const cases = skippedFiles.map(
      (s) =>
        `    <testcase name="${xmlAttribute(s.path)}" classname="cmlint.skipped" time="0">\n      <skipped message="${xmlAttribute(`not a cmlint export: ${s.reason}`)}"/>\n    </testcase>`,
    );
    total = { ...total, tests: total.tests + cases.length };
    suites.push(
      `  <testsuite name="${xmlAttribute(skippedSummary(skippedFiles)!)}" tests="${cases.length}" failures="0" errors="0" skipped="${cases.length}" time="0">\n${cases.join('\n')}\n  </testsuite>`,
    );
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    // No skipped count here: the JUnit schema Jenkins validates against (junit-10.xsd) has none on <testsuites>; each
    // <testsuite> carries its own.
    `<testsuites name="cmlint" tests="${total.tests}" failures="${total.failures}" errors="0" time="0">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
