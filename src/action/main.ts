/**
 * The GitHub Action's logic (action.yml, runs.using node24): lints the workspace's exports, writes SARIF for
 * github/codeql-action/upload-sarif, annotates findings with workflow commands, writes a job summary and sets outputs.
 * It talks to the runner through the toolkit (@actions/core: inputs, outputs, the job summary, the step's failure),
 * so @github/local-action can run this module (`run`) as it is and show what it sets.
 *
 * src/action/index.ts calls run(); scripts/build-action.mjs bundles it, @actions/core included, to
 * dist/action/index.js, which is committed (a test checks it is fresh).
 */
import * as core from '@actions/core';
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { applyBaseline, readBaseline } from '../baseline.js';
import { UsageError } from '../errors.js';
import { resolveConfig } from '../config/resolve-config.js';
import { lintProject, parseRuleOptions } from '../project/lint-project.js';
import type { Finding, Severity } from '../findings.js';
import type { FileResult } from '../lint.js';
import { packageVersion } from '../paths.js';
import { escapeData, escapeProperty, formatGithub } from '../report/github.js';
import { FAIL_ON_CHOICES, failsAt, type FailOn } from '../report/fail-on.js';
import { skippedSummary, type ReportInput } from '../report/report-input.js';
import { sarifPieces } from '../report/sarif.js';
import { RuleLoadError } from '../rules/load-rules.js';
import type { Rule } from '../rules/rule.js';
import { topologyMermaid } from '../report/topology-mermaid.js';
import { markdownText, markdownUrl } from '../report/markup-escape.js';

type Env = NodeJS.ProcessEnv;

/** A list input: one item per line or separated by spaces. */
function listInput(name: string): string[] {
  return core.getInput(name).split(/\s+/).filter(Boolean);
}

/**
 * Markdown-safe text for a table cell: one line, no HTML, and no link, image or emphasis from export values, not even
 * the ones GitHub makes by itself from https://…, www.… or an e-mail address (markdownText).
 */
export function markdownCell(text: string): string {
  return markdownText(text);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function sourceLink(path: string, line: number, env: Env): string | undefined {
  const { GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_SHA } = env;
  if (!GITHUB_REPOSITORY || !GITHUB_SHA || path === '<stdin>') return undefined;
  // encodeURIComponent leaves ( ) ' * ! ~ as they are; a `)` in a file name would end the Markdown link early.
  const encoded = path
    .split(/[\\/]/)
    .map((segment) =>
      encodeURIComponent(segment).replace(/[()'*!~]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`),
    )
    .join('/');
  return `${GITHUB_SERVER_URL || 'https://github.com'}/${GITHUB_REPOSITORY}/blob/${GITHUB_SHA}/${encoded}#L${line}`;
}

const MAX_SUMMARY_ROWS = 200;
/** Mermaid renders no diagram whose text is longer than this (its maxTextSize default); GitHub keeps the default. */
export const MERMAID_MAX_TEXT = 50_000;
/** When the whole design is too large for one picture: at most this many pictures, one per export. */
export const MAX_PICTURES = 10;
/** GitHub takes a step summary of at most 1 MiB; this leaves room for the closing note. */
export const SUMMARY_MAX_BYTES = 1024 * 1024 - 4 * 1024;

function mermaidBlock(title: string, text: string): string[] {
  return [`<details><summary>${title}</summary>`, '', '```mermaid', text.trimEnd(), '```', '', '</details>', ''];
}

/**
 * The design as Mermaid pictures (GitHub renders them in job summaries): one for every export while its text is within
 * Mermaid's limit; else one per export, for exports within the limit, up to MAX_PICTURES; the rest in a table.
 */
export function topologySection(
  parsed: FileResult[],
  render: (files: FileResult[]) => string = topologyMermaid,
): string[] {
  // `render` is the Mermaid writer; tests pass one that gives a long text, since grouped topologies rarely need it.
  const whole = render(parsed);
  if (whole.length <= MERMAID_MAX_TEXT) return mermaidBlock('Topology', whole);
  const out: string[] = [];
  const notDrawn: { path: string; reason: string }[] = [];
  let drawn = 0;
  for (const file of parsed) {
    const text = render([file]);
    if (text.length > MERMAID_MAX_TEXT)
      notDrawn.push({
        path: file.path,
        reason: `${text.length.toLocaleString('en-US')} characters of Mermaid, over its ${MERMAID_MAX_TEXT.toLocaleString('en-US')}`,
      });
    else if (drawn >= MAX_PICTURES)
      notDrawn.push({ path: file.path, reason: `over the ${MAX_PICTURES} pictures a summary shows` });
    else {
      out.push(...mermaidBlock(`Topology of ${markdownCell(file.path)}`, text));
      drawn++;
    }
  }
  if (notDrawn.length) {
    out.push(
      `The topology of ${plural(notDrawn.length, 'export')} is not drawn here: Mermaid, which draws pictures in job summaries, takes at most ${MERMAID_MAX_TEXT.toLocaleString('en-US')} characters of diagram text. \`cmlint lint --format html\` draws any size.`,
      '',
      '| Export | Not drawn because |',
      '| --- | --- |',
      ...notDrawn.map((n) => `| ${markdownCell(n.path)} | ${n.reason} |`),
      '',
    );
  }
  return out;
}
/** The same limit under the name the size tests use. */
export const MAX_SUMMARY_BYTES = SUMMARY_MAX_BYTES;

export function jobSummary(
  results: FileResult[],
  rules: Rule[],
  counts: Record<Severity, number> & { suppressed: number },
  env: Env,
): string {
  const byRule = new Map<string, Finding[]>();
  const active: { file: FileResult; finding: Finding }[] = [];
  for (const file of results) {
    for (const finding of file.findings) {
      if (finding.suppression) continue;
      active.push({ file, finding });
      if (!byRule.has(finding.ruleId)) byRule.set(finding.ruleId, []);
      byRule.get(finding.ruleId)!.push(finding);
    }
  }
  const ruleById = new Map(rules.map((r) => [r.id, r]));
  const out: string[] = ['## cmlint', ''];
  const headline = `${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${plural(counts.note, 'note')} in ${plural(results.length, 'file')}`;
  out.push(
    `${counts.error ? ':x:' : counts.warning ? ':warning:' : ':white_check_mark:'} ${headline}${counts.suppressed ? ` (${counts.suppressed} suppressed)` : ''}`,
    '',
  );
  // The design as a picture: GitHub renders Mermaid blocks in job summaries. Labels are escaped by topologyMermaid.
  const parsed = results.filter((r) => r.document.data !== undefined);
  if (parsed.length) out.push(...topologySection(parsed));
  if (!byRule.size) return out.join('\n') + '\n';
  const severityRank: Record<Severity, number> = { error: 0, warning: 1, note: 2 };
  const ruleRows = [...byRule.entries()].sort(
    ([a, fa], [b, fb]) =>
      Math.min(...fa.map((f) => severityRank[f.severity])) - Math.min(...fb.map((f) => severityRank[f.severity])) ||
      fb.length - fa.length ||
      (a < b ? -1 : 1),
  );
  out.push('### Findings by rule', '', '| Rule | Severity | Findings | Title |', '| --- | --- | ---: | --- |');
  for (const [id, findings] of ruleRows) {
    const rule = ruleById.get(id);
    const severities = [...new Set(findings.map((f) => f.severity))]
      .sort((a, b) => severityRank[a] - severityRank[b])
      .join(', ');
    // A rule file's URL is parsed and encoded (markdownUrl): it cannot close the link and add an image or another one.
    const url = markdownUrl(rule?.helpUri);
    const link = url ? `[${markdownText(id)}](${url})` : markdownText(id);
    out.push(`| ${link} | ${severities} | ${findings.length} | ${markdownCell(rule?.title ?? '')} |`);
  }
  out.push('', '### Findings', '', '| Location | Severity | Rule | Message |', '| --- | --- | --- | --- |');
  // Rows until MAX_SUMMARY_ROWS or the summary's size limit, whichever comes first.
  let bytes = Buffer.byteLength(out.join('\n'));
  let rows = 0;
  let truncated = false;
  for (const { file, finding } of active.slice(0, MAX_SUMMARY_ROWS)) {
    const where = `${file.path}:${finding.region.startLine}:${finding.region.startColumn}`;
    const url = sourceLink(file.path, finding.region.startLine, env);
    const location = url ? `[${markdownCell(where)}](${url})` : markdownCell(where);
    const row = `| ${location} | ${finding.severity} | ${finding.ruleId} | ${markdownCell(finding.message)} |`;
    bytes += Buffer.byteLength(row) + 1;
    if (bytes > SUMMARY_MAX_BYTES) {
      truncated = true;
      break;
    }
    out.push(row);
    rows++;
  }
  if (truncated)
    out.push(
      '',
      '_Part of this summary is left out: GitHub accepts at most 1 MiB. The SARIF file and the annotations have every finding._',
    );
  if (active.length > rows)
    out.push('', `…and ${active.length - rows} more; the SARIF file and the annotations have them all.`);
  return out.join('\n') + '\n';
}

export async function runAction(env: Env = process.env): Promise<number> {
  const workspace = env.GITHUB_WORKSPACE || process.cwd();
  process.chdir(workspace);
  const paths = listInput('paths');
  const configInput = core.getInput('config');
  const failOn = (core.getInput('fail-on') || 'error') as FailOn;
  if (!FAIL_ON_CHOICES.includes(failOn))
    throw new UsageError(`input fail-on must be error, warning, note or never, not "${failOn}"`);
  const ruleSeverity = parseRuleOptions(listInput('rules'), 'input rules');
  const maxWarningsInput = core.getInput('max-warnings');
  if (maxWarningsInput && !/^\d+$/.test(maxWarningsInput))
    throw new UsageError(`input max-warnings must be a whole number, not "${maxWarningsInput}"`);
  const asOf = core.getInput('as-of') || undefined;
  if (asOf !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(asOf))))
    throw new UsageError(`input as-of must be a date as YYYY-MM-DD, not "${asOf}"`);
  const baselineInput = core.getInput('baseline');
  const sarifFile = resolve(workspace, core.getInput('sarif-file') || 'cmlint.sarif');

  const config = resolveConfig(configInput || undefined, workspace);
  const baseline = baselineInput ? readBaseline(resolve(workspace, baselineInput)) : undefined;
  const run = await lintProject({ paths, config, asOf, ruleSeverity });
  const baselined = baseline ? applyBaseline(run.results, baseline) : 0;
  const input: ReportInput = {
    files: run.results,
    rules: run.linter.rules,
    toolVersion: packageVersion(),
    cwd: workspace,
    skipped: run.skipped,
  };

  mkdirSync(dirname(sarifFile), { recursive: true });
  // Written piece by piece: the log of a large run is more text than one string holds. Within GitHub's limits, the
  // results left out are named in a warning.
  const notice = (message: string) =>
    process.stdout.write(`::warning title=${escapeProperty('cmlint')}::${escapeData(message)}\n`);
  const sarif = openSync(sarifFile, 'w');
  try {
    for (const piece of sarifPieces(input, { notice })) writeSync(sarif, piece);
  } finally {
    closeSync(sarif);
  }
  process.stdout.write(formatGithub(input));
  for (const problem of run.problems)
    process.stdout.write(`::error title=${escapeProperty('cmlint')}::${escapeData(problem.message)}\n`);
  for (const s of run.unusedSuppressions) {
    process.stdout.write(
      `::warning title=${escapeProperty('cmlint: unused suppression')}::${escapeData(`${s.origin} (${s.rule} at "${s.pointer}" in ${s.files.pattern}) suppressed no finding`)}\n`,
    );
  }

  const counts = { error: 0, warning: 0, note: 0, suppressed: 0 };
  for (const file of run.results)
    for (const f of file.findings) f.suppression ? counts.suppressed++ : counts[f.severity]++;
  if (env.GITHUB_STEP_SUMMARY) {
    const skipped = skippedSummary(run.skipped);
    await core.summary
      .addRaw(jobSummary(run.results, run.linter.rules, counts, env) + (skipped ? `\n${markdownCell(skipped)}\n` : ''))
      .write();
  }
  core.setOutput('error-count', String(counts.error));
  core.setOutput('warning-count', String(counts.warning));
  core.setOutput('note-count', String(counts.note));
  core.setOutput('sarif-file', sarifFile);

  const inBaseline = baselined ? `; ${plural(baselined, 'finding')} in the baseline not reported` : '';
  process.stdout.write(
    `cmlint: ${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${plural(counts.note, 'note')} in ${plural(run.results.length, 'file')}${inBaseline}; SARIF written to ${sarifFile}\n`,
  );
  if (run.problems.length) {
    core.setFailed(`cmlint could not lint ${plural(run.problems.length, 'path')}`);
    return 1;
  }
  const failing =
    failOn === 'never'
      ? 0
      : (['error', 'warning', 'note'] as const)
          .filter((s) => failsAt(s, failOn))
          .reduce((sum, s) => sum + counts[s], 0);
  const maxWarnings = maxWarningsInput ? Number(maxWarningsInput) : config.maxWarnings;
  if (failing) {
    core.setFailed(
      `cmlint found ${plural(counts.error, 'error')} and ${plural(counts.warning, 'warning')} (fail-on: ${failOn})`,
    );
    return 1;
  }
  if (failOn !== 'never' && maxWarnings !== undefined && counts.warning > maxWarnings) {
    core.setFailed(`cmlint found ${plural(counts.warning, 'warning')}, more than max-warnings ${maxWarnings}`);
    return 1;
  }
  return 0;
}

/** The step: failures are one ::error:: line and a failed step, never a stack trace. */
export async function run(): Promise<void> {
  try {
    await runAction();
  } catch (error) {
    const known = error instanceof UsageError || error instanceof RuleLoadError;
    const message = error instanceof Error ? error.message : String(error);
    if (!known && error instanceof Error) core.debug(error.stack ?? '');
    core.setFailed(known ? message : `internal error: ${message}`);
  }
}
