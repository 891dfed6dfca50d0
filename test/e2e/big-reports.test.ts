/**
 * Big reports stream (issue 21, item 5): a million findings give a valid JSON report and a valid SARIF log, where one
 * string of the whole report ("Invalid string length": V8 holds at most about 512 MB) made both fail before. The SARIF
 * log stays within GitHub code scanning's limits (25,000 results a run, 10 MB gzipped), keeping the most severe results
 * and saying what it left out; the Action's job summary stays within GitHub's 1 MiB.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { jobSummary, MAX_SUMMARY_BYTES } from '../../src/action/main.js';
import { writeAtomically } from '../../src/write-output.js';
import type { Finding, Severity } from '../../src/findings.js';
import type { FileResult } from '../../src/lint.js';
import { jsonPieces } from '../../src/report/json.js';
import type { ReportInput } from '../../src/report/report-input.js';
import { SARIF_MAX_GZIP_BYTES, SARIF_MAX_RESULTS, sarifPieces } from '../../src/report/sarif.js';
import { registrySarifValidator } from '../support/sarif-schemas.js';
import { tempDir } from '../support/workspace.js';

const SEVERITIES: Severity[] = ['note', 'warning', 'warning', 'error'];

/** A file with `count` findings shaped like real ones (a pointer, a sentence of a message, expected and actual). */
function fileWith(
  count: number,
  message: (i: number) => string = (i) =>
    `CMG cmg${i}.contoso.com at site P01 has ${i % 7} VM instances; a CMG in production needs at least two for its service level.`,
): FileResult {
  const findings: Finding[] = [];
  for (let i = 0; i < count; i++) {
    findings.push({
      ruleId: `BIG00${i % 4}`,
      severity: SEVERITIES[i % 4]!,
      message: message(i),
      pointer: ['cloudManagementGateways', i, 'VMInstanceCount'],
      expected: 'at least 2',
      actual: String(i % 7),
      file: 'exports/big.yaml',
      region: { startLine: i + 2, startColumn: 5, endLine: i + 2, endColumn: 24 },
      fingerprint: i.toString(16).padStart(16, '0'),
    });
  }
  return {
    path: 'exports/big.yaml',
    findings,
    outcomes: new Map(),
    source: { path: 'exports/big.yaml', bytes: Buffer.from('schemaVersion: 1\n') } as FileResult['source'],
    document: {} as FileResult['document'],
  };
}

function inputOf(files: FileResult[]): ReportInput {
  const rules = [0, 1, 2, 3].map((n) => ({
    id: `BIG00${n}`,
    title: `Big rule ${n}`,
    severity: SEVERITIES[n]!,
    sources: [{ title: 'Docs', url: 'https://example.com/rules' }],
    description: 'd',
    rationale: 'r',
    fix: 'f',
    family: 'BIG',
    helpUri: `https://example.com/rules/BIG00${n}`,
    origin: `custom/BIG00${n}.yaml`,
    builtin: false,
  }));
  return { files, rules, toolVersion: '0.1.0', cwd: process.cwd() };
}

/**
 * Parses a JSON report too large for one string: the findings array is cut into parts at the lines between two findings
 * (a line break followed by eight spaces and `},` can only be layout: JSON strings hold no raw line break), each part
 * is parsed as an array, and the rest of the report, with the array emptied, is parsed as a whole.
 */
function parseLargeReport(path: string): {
  findings: number;
  last: Record<string, unknown> | undefined;
  rest: Record<string, unknown>;
} {
  const bytes = readFileSync(path);
  const open = Buffer.from('"findings": [');
  const between = Buffer.from('\n        },\n        {');
  const close = Buffer.from('\n      ]');
  const start = bytes.indexOf(open) + open.length;
  const end = bytes.indexOf(close, start);
  let findings = 0;
  let last: Record<string, unknown> | undefined;
  for (let from = start; from < end;) {
    const cut = bytes.indexOf(between, Math.min(from + 50_000_000, end));
    const to = cut < 0 || cut > end ? end : cut + 10; // after the closing brace
    const part = JSON.parse(`[${bytes.subarray(from, to).toString('utf8')}]`) as Record<string, unknown>[];
    findings += part.length;
    last = part[part.length - 1];
    from = to === end ? end : to + 1; // past the comma
  }
  const rest = JSON.parse(bytes.subarray(0, start).toString('utf8') + bytes.subarray(end).toString('utf8')) as Record<
    string,
    unknown
  >;
  return { findings, last, rest };
}

describe('SARIF within 10 MB gzipped', () => {
  test('results that compress badly: fewer are kept, the most severe first', () => {
    // Hashes in base64 compress to about three quarters: 24,000 results of 616 such characters are over the limit.
    const noise = (i: number) =>
      Array.from({ length: 7 }, (_, k) => createHash('sha512').update(`${i}/${k}`).digest('base64')).join('');
    const input = inputOf([fileWith(24_000, noise)]);
    const notices: string[] = [];
    const text = [...sarifPieces(input, { notice: (message) => notices.push(message) })].join('');
    expect(gzipSync(text).length).toBeLessThanOrEqual(SARIF_MAX_GZIP_BYTES);
    const results = JSON.parse(text).runs[0].results as { level: string }[];
    expect(results.length).toBeLessThan(24_000);
    expect(results.length).toBeGreaterThan(10_000);
    // Every error (6,000) is kept; a note only when every warning (12,000) is.
    expect(results.filter((r) => r.level === 'error')).toHaveLength(6_000);
    if (results.some((r) => r.level === 'note'))
      expect(results.filter((r) => r.level === 'warning')).toHaveLength(12_000);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/results left out/);
  }, 120_000);
});

describe('the job summary stays within GitHub’s 1 MiB', () => {
  test('many long rows: rows are left out from the end and a line says so', () => {
    const files = Array.from({ length: 50 }, (_, i) => ({
      ...fileWith(400, (n) => `Finding ${n}: ${'x'.repeat(8_000)}`),
      path: `exports/big${i}.yaml`,
    }));
    const results = files.map((f) => ({ ...f, document: { data: undefined } as FileResult['document'] }));
    const input = inputOf(results);
    const summary = jobSummary(results, input.rules, { error: 5_000, warning: 10_000, note: 5_000, suppressed: 0 }, {});
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(MAX_SUMMARY_BYTES);
    expect(summary).toMatch(/Part of this summary is left out: GitHub accepts at most 1 MiB/);
    expect(summary.startsWith('## cmlint\n')).toBe(true);
  });
});

describe('a million findings', () => {
  const MILLION = 1_000_000;
  // Made in each test and let go after it: held for the whole file, a million findings slowed the other tests to a
  // crawl with garbage collection.
  const millionInput = () => inputOf([fileWith(MILLION)]);

  test('--format json: written in pieces, valid JSON with every finding', async () => {
    const path = join(tempDir('million-json'), 'report.json');
    await writeAtomically(path, jsonPieces(millionInput()));
    // More text than one string holds: writing it as one string is what failed.
    expect(statSync(path).size).toBeGreaterThan(2 ** 29);
    const parsed = parseLargeReport(path);
    expect(parsed.findings).toBe(MILLION);
    expect(parsed.rest.summary).toMatchObject({ error: 250_000, warning: 500_000, note: 250_000, suppressed: 0 });
    expect(parsed.last).toMatchObject({
      ruleId: 'BIG003',
      line: MILLION + 1,
      pointer: `/cloudManagementGateways/${MILLION - 1}/VMInstanceCount`,
    });
  }, 300_000);

  test('--format sarif: the 25,000 most severe results, a notification saying so, within 10 MB gzipped', async () => {
    const path = join(tempDir('million-sarif'), 'report.sarif');
    const notices: string[] = [];
    await writeAtomically(path, sarifPieces(millionInput(), { notice: (message) => notices.push(message) }));
    const text = readFileSync(path, 'utf8');
    expect(gzipSync(text).length).toBeLessThanOrEqual(SARIF_MAX_GZIP_BYTES);
    const log = JSON.parse(text);
    const validate = registrySarifValidator();
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const run = log.runs[0];
    expect(run.results).toHaveLength(SARIF_MAX_RESULTS);
    // 250,000 errors: all kept results are errors, in the order of the file.
    expect(new Set(run.results.map((r: { level: string }) => r.level))).toEqual(new Set(['error']));
    const lines = run.results.map(
      (r: { locations: { physicalLocation: { region: { startLine: number } } }[] }) =>
        r.locations[0]!.physicalLocation.region.startLine,
    );
    expect(lines).toEqual([...lines].sort((a: number, b: number) => a - b));
    const notification = run.invocations[0].toolExecutionNotifications[0];
    expect(notification.level).toBe('warning');
    expect(notification.message.text).toMatch(
      /^975,000 of 1,000,000 results left out: GitHub code scanning accepts at most 25,000 results/,
    );
    expect(notices).toEqual([`SARIF: ${notification.message.text}`]);
  }, 300_000);
});
