/**
 * The GitHub Action (action.yml, runs.using node20): lints the workspace's exports, writes SARIF for
 * github/codeql-action/upload-sarif, annotates findings with workflow commands, writes a job summary and sets outputs.
 * It talks to the runner only through its documented contract, implemented here without dependencies: inputs arrive
 * as INPUT_<NAME> variables; outputs and the summary are appended to the files named by GITHUB_OUTPUT and
 * GITHUB_STEP_SUMMARY (outputs with the multiline-safe `name<<DELIMITER` syntax).
 *
 * Bundled to dist/action/index.js by scripts/build-action.mjs; the bundle is committed and a test checks it is fresh.
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync, closeSync, mkdirSync, openSync, realpathSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../cli/exit-codes.js';
import { lintProject, resolveConfig } from '../cli/lint-command.js';
import type { Finding, Severity } from '../findings.js';
import type { FileResult } from '../lint.js';
import { packageVersion } from '../paths.js';
import { escapeData, escapeProperty, formatGithub } from '../report/github.js';
import type { ReportInput } from '../report/report-input.js';
import { sarifPieces } from '../report/sarif.js';
import { RuleLoadError } from '../rules/load-rules.js';
import type { Rule } from '../rules/rule.js';
import { topologyMermaid } from '../report/topology-mermaid.js';
import { markdownText, markdownUrl } from '../report/markup-escape.js';

type Env = NodeJS.ProcessEnv;

/** An input as the runner passes it: INPUT_ + the name upper-cased with spaces as underscores (hyphens stay). */
export function getInput(name: string, env: Env = process.env): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

/** A `name<<delimiter` block for GITHUB_OUTPUT (or GITHUB_ENV); the delimiter never occurs in the value. */
export function fileCommand(name: string, value: string): string {
  let delimiter = `ghadelimiter_${randomUUID()}`;
  while (value.includes(delimiter) || name.includes(delimiter)) delimiter = `ghadelimiter_${randomUUID()}`;
  return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
}

function setOutput(name: string, value: string, env: Env): void {
  const file = env.GITHUB_OUTPUT;
  if (file) appendFileSync(file, fileCommand(name, value), 'utf8');
  // Without the file (an old runner or a local run) say it in the log; the deprecated ::set-output is not used.
  else process.stdout.write(`${name}=${value}\n`);
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
    .map((segment) => encodeURIComponent(segment).replace(/[()'*!~]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
  return `${GITHUB_SERVER_URL || 'https://github.com'}/${GITHUB_REPOSITORY}/blob/${GITHUB_SHA}/${encoded}#L${line}`;
}

const MAX_SUMMARY_ROWS = 200;
/** GitHub refuses a job summary over 1 MiB; cmlint's stays below it with room to spare. */
export const MAX_SUMMARY_BYTES = 1024 * 1024 - 4096;

export function jobSummary(results: FileResult[], rules: Rule[], counts: Record<Severity, number> & { suppressed: number }, env: Env): string {
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
  out.push(`${counts.error ? ':x:' : counts.warning ? ':warning:' : ':white_check_mark:'} ${headline}${counts.suppressed ? ` (${counts.suppressed} suppressed)` : ''}`, '');
  // The design as a picture: GitHub renders Mermaid blocks in job summaries. Labels are escaped by topologyMermaid.
  const parsed = results.filter((r) => r.document.data !== undefined);
  if (parsed.length) out.push('<details><summary>Topology</summary>', '', '```mermaid', topologyMermaid(parsed).trimEnd(), '```', '', '</details>', '');
  if (!byRule.size) return out.join('\n') + '\n';
  const severityRank: Record<Severity, number> = { error: 0, warning: 1, note: 2 };
  const ruleRows = [...byRule.entries()].sort(
    ([a, fa], [b, fb]) =>
      Math.min(...fa.map((f) => severityRank[f.severity])) - Math.min(...fb.map((f) => severityRank[f.severity])) || fb.length - fa.length || (a < b ? -1 : 1),
  );
  out.push('### Findings by rule', '', '| Rule | Severity | Findings | Title |', '| --- | --- | ---: | --- |');
  for (const [id, findings] of ruleRows) {
    const rule = ruleById.get(id);
    const severities = [...new Set(findings.map((f) => f.severity))].sort((a, b) => severityRank[a] - severityRank[b]).join(', ');
    // A rule file's URL is parsed and encoded (markdownUrl): it cannot close the link and add an image or another one.
    const url = markdownUrl(rule?.helpUri);
    const link = url ? `[${markdownText(id)}](${url})` : markdownText(id);
    out.push(`| ${link} | ${severities} | ${findings.length} | ${markdownCell(rule?.title ?? '')} |`);
  }
  out.push('', '### Findings', '', '| Location | Severity | Rule | Message |', '| --- | --- | --- | --- |');
  for (const { file, finding } of active.slice(0, MAX_SUMMARY_ROWS)) {
    const where = `${file.path}:${finding.region.startLine}:${finding.region.startColumn}`;
    const url = sourceLink(file.path, finding.region.startLine, env);
    const location = url ? `[${markdownCell(where)}](${url})` : markdownCell(where);
    out.push(`| ${location} | ${finding.severity} | ${finding.ruleId} | ${markdownCell(finding.message)} |`);
  }
  if (active.length > MAX_SUMMARY_ROWS) out.push('', `…and ${active.length - MAX_SUMMARY_ROWS} more; the SARIF file and the annotations have them all.`);
  return withinSummaryLimit(out);
}

/**
 * The summary's lines joined, at most MAX_SUMMARY_BYTES: past it, the topology (a large design's diagram) is left out
 * first, then table rows from the end, and a line says so.
 */
function withinSummaryLimit(lines: string[]): string {
  const size = (list: string[]) => list.reduce((sum, line) => sum + Buffer.byteLength(line, 'utf8') + 1, 0);
  const note = '_Part of this summary is left out: GitHub accepts at most 1 MiB. The SARIF file and the annotations have every finding._';
  if (size(lines) <= MAX_SUMMARY_BYTES) return lines.join('\n') + '\n';
  let kept = [...lines];
  const topology = kept.indexOf('<details><summary>Topology</summary>');
  if (topology >= 0) kept.splice(topology, kept.indexOf('</details>', topology) - topology + 2);
  const budget = MAX_SUMMARY_BYTES - Buffer.byteLength(note) - 2;
  while (size(kept) > budget) {
    // The last table row (every row starts with "| "); lines without one are the headline and headings.
    let last = kept.length - 1;
    while (last >= 0 && !kept[last]!.startsWith('| ')) last--;
    if (last < 0) {
      kept = kept.slice(0, 2);
      break;
    }
    kept.splice(last, 1);
  }
  return [...kept, '', note].join('\n') + '\n';
}

export async function runAction(env: Env = process.env): Promise<number> {
  const workspace = env.GITHUB_WORKSPACE || process.cwd();
  process.chdir(workspace);
  const paths = getInput('paths', env)
    .split(/\r?\n/)
    .flatMap((line) => line.trim().split(/\s+/))
    .filter(Boolean);
  const configInput = getInput('config', env);
  const failOn = getInput('fail-on', env) || 'error';
  if (!['error', 'warning', 'never'].includes(failOn)) throw new UsageError(`input fail-on must be error, warning or never, not "${failOn}"`);
  const sarifFile = resolve(workspace, getInput('sarif-file', env) || 'cmlint.sarif');

  const config = resolveConfig(configInput || undefined, workspace);
  const run = await lintProject({ paths, config });
  const input: ReportInput = { files: run.results, rules: run.linter.rules, toolVersion: packageVersion(), cwd: workspace };

  mkdirSync(dirname(sarifFile), { recursive: true });
  // Written piece by piece: the log of a large run is more text than one string holds. Within GitHub's limits, the
  // results left out are named in a warning.
  const notice = (message: string) => process.stdout.write(`::warning title=${escapeProperty('cmlint')}::${escapeData(message)}\n`);
  const sarif = openSync(sarifFile, 'w');
  try {
    for (const piece of sarifPieces(input, { notice })) writeSync(sarif, piece);
  } finally {
    closeSync(sarif);
  }
  process.stdout.write(formatGithub(input));
  for (const problem of run.problems) process.stdout.write(`::error title=${escapeProperty('cmlint')}::${escapeData(problem.message)}\n`);
  for (const s of run.unusedSuppressions) {
    process.stdout.write(`::warning title=${escapeProperty('cmlint: unused suppression')}::${escapeData(`${s.origin} (${s.rule} at "${s.pointer}" in ${s.files.pattern}) suppressed no finding`)}\n`);
  }

  const counts = { error: 0, warning: 0, note: 0, suppressed: 0 };
  for (const file of run.results) for (const f of file.findings) f.suppression ? counts.suppressed++ : counts[f.severity]++;
  if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, jobSummary(run.results, run.linter.rules, counts, env), 'utf8');
  setOutput('error-count', String(counts.error), env);
  setOutput('warning-count', String(counts.warning), env);
  setOutput('note-count', String(counts.note), env);
  setOutput('sarif-file', sarifFile, env);

  process.stdout.write(`cmlint: ${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${plural(counts.note, 'note')} in ${plural(run.results.length, 'file')}; SARIF written to ${sarifFile}\n`);
  if (run.problems.length) {
    process.stdout.write(`::error::${escapeData(`cmlint could not lint ${plural(run.problems.length, 'path')}`)}\n`);
    return 1;
  }
  const overWarnings = config.maxWarnings !== undefined && counts.warning > config.maxWarnings;
  const failed = failOn === 'error' ? counts.error > 0 || overWarnings : failOn === 'warning' ? counts.error + counts.warning > 0 : false;
  if (failed) process.stdout.write(`::error::${escapeData(`cmlint found ${plural(counts.error, 'error')} and ${plural(counts.warning, 'warning')} (fail-on: ${failOn})`)}\n`);
  return failed ? 1 : 0;
}

/** Entry point: failures are one ::error:: line and exit code 1, never a stack trace. */
export function main(): void {
  runAction().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      const known = error instanceof UsageError || error instanceof RuleLoadError;
      const message = error instanceof Error ? error.message : String(error);
      process.stdout.write(`::error title=cmlint::${escapeData(known ? message : `internal error: ${message}`)}\n`);
      if (!known && process.env.RUNNER_DEBUG === '1' && error instanceof Error) process.stdout.write(`::debug::${escapeData(error.stack ?? '')}\n`);
      process.exitCode = 1;
    },
  );
}

function isEntryPoint(): boolean {
  try {
    return !!process.argv[1] && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

// The runner runs `node dist/action/index.js`; importing this module (tests) runs nothing.
if (isEntryPoint()) main();
