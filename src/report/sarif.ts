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
import { pathToFileURL } from 'node:url';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { jsonPointer, type Severity } from '../findings.js';
import type { Rule } from '../rules/rule.js';
import { escapeControl, inertJson } from './escape.js';
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
    return { uri: rel.split('/').map((segment) => encodeURIComponent(segment)).join('/'), uriBaseId: '%SRCROOT%' };
  }
  return { uri: pathToFileURL(full).href };
}

/** SARIF wants a rule name distinct from its id: the title in PascalCase. */
function ruleName(rule: Rule): string {
  const words = rule.title.normalize('NFKD').replace(/[^A-Za-z0-9 ]+/g, ' ').split(/\s+/).filter(Boolean);
  return words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('') || `Rule${rule.id}`;
}

/** One line for people: whitespace collapsed, a full stop, control and bidirectional characters made visible. */
function sentence(text: string): string {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  return escapeControl(/[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`);
}

function ruleDescriptor(rule: Rule) {
  const sources = rule.sources.map((s) => escapeControl(`- [${s.title}${s.section ? ` › ${s.section}` : ''}](${s.url})`)).join('\n');
  return {
    id: rule.id,
    name: ruleName(rule),
    shortDescription: { text: sentence(rule.title) },
    fullDescription: { text: sentence(rule.description) },
    help: {
      text: `${sentence(rule.description)} Why: ${sentence(rule.rationale)} Fix: ${sentence(rule.fix)} See ${escapeControl(rule.helpUri)}`,
      markdown: `${sentence(rule.description)}\n\n**Why:** ${sentence(rule.rationale)}\n\n**How to fix:** ${sentence(rule.fix)}\n\n**Sources:**\n${sources}`,
    },
    helpUri: rule.helpUri,
    defaultConfiguration: { level: level(rule.severity) },
    properties: { tags: ['cmlint', rule.family] },
  };
}

export function buildSarif(input: ReportInput) {
  const rules = [...input.rules].sort((a, b) => (a.id < b.id ? -1 : 1));
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const artifacts = input.files.map((file) => ({
    location: artifactLocation(file.path, input.cwd),
    length: file.source.bytes.length,
    hashes: { 'sha-256': createHash('sha256').update(file.source.bytes).digest('hex') },
  }));
  const results = input.files.flatMap((file, fileIndex) =>
    file.findings.map((f) => {
      const result: Record<string, unknown> = {
        ruleId: f.ruleId,
        ruleIndex: ruleIndex.get(f.ruleId) ?? -1,
        level: level(f.severity),
        message: { text: sentence(f.message) },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { ...artifactLocation(file.path, input.cwd), index: fileIndex },
              region: {
                startLine: f.region.startLine,
                startColumn: f.region.startColumn,
                endLine: f.region.endLine,
                endColumn: Math.max(f.region.endColumn, f.region.endLine === f.region.startLine ? f.region.startColumn + 1 : 1),
              },
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
            region: {
              startLine: r.region!.startLine,
              startColumn: r.region!.startColumn,
              endLine: r.region!.endLine,
              endColumn: Math.max(r.region!.endColumn, r.region!.endLine === r.region!.startLine ? r.region!.startColumn + 1 : 1),
            },
          },
        }));
      }
      if (f.suppression) {
        result.suppressions = [{ kind: f.suppression.kind, justification: escapeControl(f.suppression.justification) }];
      }
      return result;
    }),
  );
  // Rules that could not judge everything are not passed: each (per file) is a tool notification, with what it lacks.
  const notifications = input.files.flatMap((file, fileIndex) =>
    [...file.outcomes]
      .filter(([, o]) => o.status === 'partly-evaluated' || o.status === 'not-evaluated')
      .map(([id, o]) => ({
        descriptor: { id: o.status },
        associatedRule: { id, index: ruleIndex.get(id) ?? -1 },
        level: 'note',
        message: { text: sentence(`${id} ${o.status === 'not-evaluated' ? 'was not evaluated' : 'was partly evaluated'} on ${file.path}: ${o.reason ?? 'the export lacks a fact it needs'}`) },
        locations: [{ physicalLocation: { artifactLocation: { ...artifactLocation(file.path, input.cwd), index: fileIndex } } }],
        properties: { status: o.status, ...(o.checked !== undefined ? { checked: o.checked, notJudged: o.skipped, elements: o.elements } : {}) },
      })),
  );
  return {
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
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        properties: { ruleCounts: totalRuleCounts(input), ruleCountsByFile: input.files.map((file) => ({ path: file.path, ...ruleCountsOf(file, input.rules) })) },
        artifacts,
        results,
        ...skippedInvocation(input),
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
}

/** Files a search skipped as not exports: one tool notification naming them, so the log shows what was not linted. */
function skippedInvocation(input: ReportInput) {
  const text = skippedSummary(input.skipped);
  if (!text) return {};
  const locations = input.skipped!.map((s) => ({ physicalLocation: { artifactLocation: artifactLocation(s.path, input.cwd) } }));
  const notification = { descriptor: { id: 'skipped-not-exports' }, level: 'note', message: { text: sentence(escapeControl(text)) }, locations };
  return { invocations: [{ executionSuccessful: true, toolExecutionNotifications: [notification] }] };
}

export function formatSarif(input: ReportInput): string {
  // Anything still invisible in a value (none should be left) is written as a \u escape, as in the JSON report.
  return inertJson(JSON.stringify(buildSarif(input), null, 2)) + '\n';
}
