/**
 * SARIF 2.1.0 for code scanning. Paths are relative to the %SRCROOT% base (the working directory), every result has a
 * physical location with a 1-based region, and partialFingerprints come from rule, file and JSON pointer, so moving
 * unrelated lines does not make an old finding look new.
 *
 * The file is JSON.stringify output, valid JSON for any input. Text that code scanning shows to people (messages,
 * rule descriptions from custom rule files, justifications) is also escaped as the text report escapes it, so a C1
 * control or a bidirectional override from an export is shown as `\u202e`, never obeyed by a viewer.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { jsonPointer, type Finding, type Region, type Severity } from '../findings.js';
import type { Rule } from '../rules/rule.js';
import { escapeControl, inertJson } from './escape.js';
import { markdownText, markdownUrl } from './markup-escape.js';
import { ruleCountsOf, skippedSummary, totalRuleCounts, type ReportInput } from './report-input.js';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const INFORMATION_URI = 'https://github.com/cmlint/cmlint';

function level(severity: Severity): 'error' | 'warning' | 'note' {
  return severity;
}

/**
 * Where an artifact is: a relative URI under %SRCROOT% (each segment percent-encoded) for files below the working
 * directory, an absolute file: URI otherwise.
 */
export function artifactLocation(path: string, cwd: string): { uri: string; uriBaseId?: string } {
  if (path === '<stdin>' || path === '-') return { uri: 'stdin', uriBaseId: '%SRCROOT%' };
  const full = resolve(cwd, path);
  const rel = relative(cwd, full).split(sep).join('/');
  if (rel && !rel.startsWith('..') && !isAbsolute(rel)) {
    return {
      uri: rel
        .split('/')
        .map((segment) => encodeURIComponent(segment))
        .join('/'),
      uriBaseId: '%SRCROOT%',
    };
  }
  return { uri: pathToFileURL(full).href };
}

/** SARIF wants a rule name distinct from its id: the title in PascalCase. */
function ruleName(rule: Rule): string {
  const words = rule.title
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9 ]+/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  return words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('') || `Rule${rule.id}`;
}

/** One line for people: whitespace collapsed, a full stop, control and bidirectional characters made visible. */
function sentence(text: string): string {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  return escapeControl(/[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`);
}

/**
 * Plain text for a SARIF message: literal square brackets escaped with a backslash (SARIF 2.1.0 §3.11.6), so that
 * `[text](url)` from an export stays text instead of becoming an embedded link; a backslash before a bracket is
 * doubled so it cannot undo the escape.
 */
export function messageText(text: string): string {
  return text.replace(/(\\*)([[\]])/g, (_, slashes: string, bracket: string) => `${slashes}${slashes}\\${bracket}`);
}

function ruleDescriptor(rule: Rule) {
  // Code scanning shows help.markdown as Markdown: a custom rule's prose is escaped as text (markdownText) and its
  // links encoded; the built-in rules' prose is cmlint's own Markdown.
  const prose = (text: string) => (rule.builtin ? sentence(text) : markdownText(sentence(text)));
  const sources = rule.sources
    .map((s) => {
      const title = prose(`${s.title}${s.section ? ` › ${s.section}` : ''}`).replace(/\.$/, '');
      const url = markdownUrl(s.url);
      return url ? `- [${title}](${url})` : `- ${title}`;
    })
    .join('\n');
  // Parsed and encoded as for a Markdown link: brackets and parentheses are not valid in a URI's path (SARIF1002).
  const helpUri = markdownUrl(rule.helpUri);
  return {
    id: rule.id,
    name: ruleName(rule),
    shortDescription: { text: messageText(sentence(rule.title)) },
    fullDescription: { text: messageText(sentence(rule.description)) },
    help: {
      text: messageText(
        `${sentence(rule.description)} Why: ${sentence(rule.rationale)} Fix: ${sentence(rule.fix)}${helpUri ? ` See ${helpUri}` : ''}`,
      ),
      markdown: `${prose(rule.description)}\n\n**Why:** ${prose(rule.rationale)}\n\n**How to fix:** ${prose(rule.fix)}\n\n**Sources:**\n${sources}`,
    },
    ...(helpUri ? { helpUri } : {}),
    defaultConfiguration: { level: level(rule.severity) },
    properties: { tags: ['cmlint', rule.family] },
  };
}

/**
 * GitHub code scanning's limits on an uploaded SARIF file (docs.github.com, "SARIF results exceed limit" and "SARIF
 * file is too large"): it rejects a run of more than 25,000 results and a file of more than 10 MB gzipped. Past either,
 * cmlint keeps the most severe results and says what it left out, in the run (a tool execution notification) and on
 * stderr, so that it never writes a file code scanning would reject.
 */
export const SARIF_MAX_RESULTS = 25_000;
export const SARIF_MAX_GZIP_BYTES = 10 * 1000 * 1000;

/** The order results are kept in past a limit: errors, warnings, notes, then suppressed ones in the same order. */
function priority(f: Finding): number {
  return (f.suppression ? 3 : 0) + (f.severity === 'error' ? 0 : f.severity === 'warning' ? 1 : 2);
}

interface Located {
  file: number;
  finding: Finding;
}

/** The first `limit` of `all` by priority (stable within one priority), in their original order. */
function mostSevere(all: Located[], limit: number): Located[] {
  if (all.length <= limit) return all;
  const kept = new Set<Located>();
  for (let rank = 0; rank < 6 && kept.size < limit; rank++) {
    for (const item of all) {
      if (kept.size >= limit) break;
      if (priority(item.finding) === rank) kept.add(item);
    }
  }
  return all.filter((item) => kept.has(item));
}

/** A region as SARIF takes it: a one-line region ends at least one column after it starts. */
function sarifRegion(region: Region) {
  const endColumn = Math.max(region.endColumn, region.endLine === region.startLine ? region.startColumn + 1 : 1);
  return { startLine: region.startLine, startColumn: region.startColumn, endLine: region.endLine, endColumn };
}

function resultObject(input: ReportInput, ruleIndex: Map<string, number>, fileIndex: number, f: Finding) {
  const file = input.files[fileIndex]!;
  const result: Record<string, unknown> = {
    ruleId: f.ruleId,
    ruleIndex: ruleIndex.get(f.ruleId) ?? -1,
    level: level(f.severity),
    message: { text: messageText(sentence(f.message)) },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { ...artifactLocation(file.path, input.cwd), index: fileIndex },
          region: sarifRegion(f.region),
        },
      },
    ],
    partialFingerprints: { 'cmlint/v1': f.fingerprint },
  };
  const related = f.related?.filter((r) => r.region);
  if (related?.length) {
    // The other elements of the same problem (the other CMG of a name clash ...), reported once at the element to change.
    result.relatedLocations = related.map((r, id) => ({
      id,
      message: { text: `Also involved: ${jsonPointer(r.pointer)}` },
      physicalLocation: {
        artifactLocation: { ...artifactLocation(file.path, input.cwd), index: fileIndex },
        region: sarifRegion(r.region!),
      },
    }));
  }
  if (f.suppression) {
    result.suppressions = [{ kind: f.suppression.kind, justification: escapeControl(f.suppression.justification) }];
  }
  return result;
}

/** The SARIF log with its results given separately, in the order they are written, and what was left out. */
function sarifParts(input: ReportInput) {
  const rules = [...input.rules].sort((a, b) => (a.id < b.id ? -1 : 1));
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const artifacts = input.files.map((file) => ({
    location: artifactLocation(file.path, input.cwd),
    length: file.source.bytes.length,
    hashes: { 'sha-256': createHash('sha256').update(file.source.bytes).digest('hex') },
  }));
  const all: Located[] = [];
  input.files.forEach((file, index) => {
    for (const finding of file.findings) all.push({ file: index, finding });
  });
  const kept = mostSevere(all, SARIF_MAX_RESULTS);
  // Rules that could not judge everything are not passed: each (per file) is a tool notification, with what it lacks.
  const outcomeNotifications = input.files.flatMap((file, fileIndex) =>
    [...file.outcomes]
      .filter(([, o]) => o.status === 'partly-evaluated' || o.status === 'not-evaluated')
      .map(([id, o]) => ({
        descriptor: { id: o.status },
        associatedRule: { id, index: ruleIndex.get(id) ?? -1 },
        level: 'note',
        message: {
          text: messageText(
            sentence(
              `${id} ${o.status === 'not-evaluated' ? 'was not evaluated' : 'was partly evaluated'} on ${file.path}: ${o.reason ?? 'the export lacks a fact it needs'}`,
            ),
          ),
        },
        locations: [
          { physicalLocation: { artifactLocation: { ...artifactLocation(file.path, input.cwd), index: fileIndex } } },
        ],
        properties: {
          status: o.status,
          ...(o.checked !== undefined ? { checked: o.checked, notJudged: o.skipped, elements: o.elements } : {}),
        },
      })),
  );
  const log = (notification?: string) => ({
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'cmlint',
            version: input.toolVersion,
            semanticVersion: input.toolVersion,
            informationUri: INFORMATION_URI,
            rules: rules.map(ruleDescriptor),
          },
        },
        originalUriBaseIds: {
          '%SRCROOT%': { uri: pathToFileURL(input.cwd.endsWith(sep) ? input.cwd : input.cwd + sep).href },
        },
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: [
              ...outcomeNotifications,
              ...skippedNotifications(input),
              ...(notification
                ? [{ descriptor: { id: 'results-left-out' }, level: 'warning', message: { text: notification } }]
                : []),
            ],
          },
        ],
        properties: {
          ruleCounts: totalRuleCounts(input),
          ruleCountsByFile: input.files.map((file) => ({ path: file.path, ...ruleCountsOf(file, input.rules) })),
        },
        artifacts,
        results: RESULTS_PLACE as unknown,
        columnKind: 'utf16CodeUnits',
      },
    ],
  });
  return { all, kept, log, result: (item: Located) => resultObject(input, ruleIndex, item.file, item.finding) };
}

/** Where the results go in the log's text, written separately (sarifPieces). */
const RESULTS_PLACE = '\u0000results\u0000';

/** The log as an object, with at most SARIF_MAX_RESULTS results (the size limit is sarifPieces'). */
export function buildSarif(input: ReportInput) {
  const { all, kept, log, result } = sarifParts(input);
  const document = log(kept.length < all.length ? leftOut(all.length, kept.length) : undefined);
  document.runs[0]!.results = kept.map(result);
  return document;
}

function leftOut(total: number, kept: number): string {
  const n = (count: number) => count.toLocaleString('en-US');
  return `${n(total - kept)} of ${n(total)} results left out: GitHub code scanning accepts at most ${n(SARIF_MAX_RESULTS)} results in a run and ${SARIF_MAX_GZIP_BYTES / 1e6} MB gzipped; the ${n(kept)} most severe are kept. The JSON report has them all.`;
}

/** Files a search skipped as not exports: one tool notification naming them, so the log shows what was not linted. */
function skippedNotifications(input: ReportInput) {
  const text = skippedSummary(input.skipped);
  if (!text) return [];
  const locations = input.skipped!.map((s) => ({
    physicalLocation: { artifactLocation: artifactLocation(s.path, input.cwd) },
  }));
  const notification = {
    descriptor: { id: 'skipped-not-exports' },
    level: 'note',
    message: { text: messageText(sentence(escapeControl(text))) },
    locations,
  };
  return [notification];
}

export function formatSarif(input: ReportInput): string {
  return [...sarifPieces(input)].join('');
}

/** JSON.stringify with two-space indentation, its lines after the first indented `indent` more. */
function nested(value: unknown, indent: string): string {
  // Anything still invisible in a value (none should be left) is written as a \u escape, as in the JSON report.
  return inertJson(JSON.stringify(value, null, 2)).replace(/\n/g, `\n${indent}`);
}

/**
 * The log in pieces (one per result) for write-output.ts, within GitHub's limits: past 25,000 results or 10 MB
 * gzipped, the most severe results are kept and `notice` is told what was left out. The text is the same as
 * JSON.stringify(log, null, 2) would give.
 */
export function* sarifPieces(
  input: ReportInput,
  options: { notice?: (message: string) => void } = {},
): Generator<string> {
  const { all, log, result, kept: withinCount } = sarifParts(input);
  let kept = withinCount;
  const texts = new Map<Located, string>();
  const text = (item: Located) => {
    let value = texts.get(item);
    if (value === undefined) texts.set(item, (value = nested(result(item), '        ')));
    return value;
  };
  const frame = (notification?: string) => {
    const whole = nested(log(notification), '');
    const at = whole.indexOf(JSON.stringify(RESULTS_PLACE));
    return {
      head: whole.slice(0, at) + '[',
      tail: `${kept.length ? '\n      ' : ''}]` + whole.slice(at + JSON.stringify(RESULTS_PLACE).length) + '\n',
    };
  };
  // The notice's text is at most this long, which the size check allows for.
  const probe = frame(leftOut(all.length, 0));
  // Measured at gzip's fastest level, which compresses less than the default level an uploader uses: an upper bound.
  const gzipped = (items: Located[]) =>
    gzipSync(
      Buffer.from(probe.head + items.map((item, i) => `${i ? ',' : ''}\n        ${text(item)}`).join('') + probe.tail),
      { level: 1 },
    ).length;
  const rawLength = (items: Located[]) =>
    probe.head.length * 3 + probe.tail.length * 3 + items.reduce((sum, item) => sum + text(item).length * 3 + 10, 0);
  // UTF-8 takes at most 3 bytes a UTF-16 unit: a log whose raw bound is within the limit needs no compression to tell.
  if (rawLength(kept) > SARIF_MAX_GZIP_BYTES) {
    // Fewer results, keeping the most severe: as many as the measured size says fit, less 2% each time it is still over.
    for (let size = gzipped(kept); size > SARIF_MAX_GZIP_BYTES; size = gzipped(kept)) {
      kept = mostSevere(kept, Math.floor(kept.length * Math.min(0.98, (SARIF_MAX_GZIP_BYTES / size) * 0.98)));
    }
  }
  const notification = kept.length < all.length ? leftOut(all.length, kept.length) : undefined;
  if (notification) options.notice?.(`SARIF: ${notification}`);
  const { head, tail } = frame(notification);
  yield head;
  let index = 0;
  for (const item of kept) yield `${index++ ? ',' : ''}\n        ${text(item)}`;
  yield tail;
}
