/**
 * SARIF 2.1.0 for code scanning. Paths are relative to the %SRCROOT% base (the working directory), every result has a
 * physical location with a 1-based region, and partialFingerprints come from rule, file and JSON pointer, so moving
 * unrelated lines does not make an old finding look new.
 */
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { relative, sep } from 'node:path';
import type { Severity } from '../findings.js';
import type { Rule } from '../rules/rule.js';
import type { ReportInput } from './report-input.js';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const INFORMATION_URI = 'https://github.com/cmlint/cmlint';

function level(severity: Severity): 'error' | 'warning' | 'note' {
  return severity;
}

/** A relative URI reference for a path under %SRCROOT%, with each segment percent-encoded. */
export function artifactUri(path: string, cwd: string): string {
  if (path === '<stdin>' || path === '-') return 'stdin';
  const rel = relative(cwd, path).split(sep).join('/');
  const usable = rel && !rel.startsWith('..') && !rel.startsWith('/') ? rel : path.split(sep).join('/');
  return usable.split('/').map((segment) => encodeURIComponent(segment)).join('/');
}

function sentence(text: string): string {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

function ruleDescriptor(rule: Rule) {
  const sources = rule.sources.map((s) => `- [${s.title}${s.section ? ` › ${s.section}` : ''}](${s.url})`).join('\n');
  return {
    id: rule.id,
    name: rule.id,
    shortDescription: { text: sentence(rule.title) },
    fullDescription: { text: sentence(rule.description) },
    help: {
      text: `${sentence(rule.description)} Why: ${sentence(rule.rationale)} Fix: ${sentence(rule.fix)} See ${rule.helpUri}`,
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
    location: { uri: artifactUri(file.path, input.cwd), uriBaseId: '%SRCROOT%' },
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
              artifactLocation: { uri: artifactUri(file.path, input.cwd), uriBaseId: '%SRCROOT%', index: fileIndex },
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
      if (f.suppression) {
        result.suppressions = [{ kind: f.suppression.kind, justification: f.suppression.justification }];
      }
      return result;
    }),
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
        artifacts,
        results,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
}

export function formatSarif(input: ReportInput): string {
  return JSON.stringify(buildSarif(input), null, 2) + '\n';
}
