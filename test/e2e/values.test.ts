/**
 * Values are what they claim (issue 21, item 8): dates are calendar dates, numbers are finite and within the ranges
 * Configuration Manager keeps them in (32-bit integers, so nothing past 2^53 loses precision), port ranges are
 * ordered and within 1-65535. Each is a schema finding (CML003) at the value, from the validators compiled at run
 * time (source) and from the precompiled ones the bundle carries (CLI) alike.
 */
import { describe, expect, test } from 'vitest';
import { createLinter } from '../../src/lint.js';
import { decodeSource } from '../../src/source/read-source.js';
import { runCli } from '../support/cli.js';
import { AS_OF, tempDir, writeTree } from '../support/workspace.js';

const EXPORT = `schemaVersion: 1
hierarchy:
  sites:
    - SiteCode: P01
      SiteType: Primary
      Version: 2403
cloudManagementGateways:
  - ServiceName: cmg.contoso.com
    SiteCode: P01
    VMInstanceCount: 1e309
  - ServiceName: cmg2.contoso.com
    SiteCode: P01
    VMInstanceCount: -.inf
clientPopulations:
  - Name: pop
    Count: 99999999999999999999
  - Name: pop2
    Count: 9007199254740993
network:
  connections:
    - Direction: Outbound
      From: a
      To: b
      Protocol: TCP
      Ports: ["0-99999", "65535-0", "443-443", "10140-10143"]
pki:
  certificates:
    - Id: c1
      NotAfter: "2026-02-30"
    - Id: c2
      NotAfter: "2026-13-01"
    - Id: c3
      NotAfter: "2028-02-29"
`;

/** The schema findings, as line:column and the field named. */
const EXPECTED = [
  '10:22 "VMInstanceCount" must be an integer',
  '13:22 "VMInstanceCount" must be an integer',
  '16:12 "Count" must be <= 2147483647',
  '18:12 "Count" must be <= 2147483647',
  '25:15 "Ports" must be a range of ports from the lower to the higher, each from 1 to 65535',
  '25:26 "Ports" must be a range of ports from the lower to the higher, each from 1 to 65535',
  '29:17 "NotAfter" must match format "date"',
  '31:17 "NotAfter" must match format "date"',
];

function schemaFindings(findings: { ruleId: string; message: string; line: number; column: number }[]): string[] {
  return findings
    .filter((f) => f.ruleId === 'CML003')
    .map(
      (f) =>
        `${f.line}:${f.column} ${f.message.replace(/(must be an integer|must be <= 2147483647|format "date"|1 to 65535).*$/, '$1')}`,
    )
    .sort((a, b) => parseInt(a) - parseInt(b) || a.localeCompare(b));
}

describe('values are what they claim', () => {
  test('compiled at run time (from source)', () => {
    const result = createLinter({ asOf: AS_OF }).lintSource(decodeSource('values.yaml', Buffer.from(EXPORT)));
    const findings = result.findings.map((f) => ({
      ruleId: f.ruleId,
      message: f.message,
      line: f.region.startLine,
      column: f.region.startColumn,
    }));
    expect(schemaFindings(findings)).toEqual(EXPECTED);
    // A leap day is a calendar date; an ordered range within 1-65535 is a range.
    expect(findings.some((f) => f.line === 33 || (f.line === 25 && f.column > 30 && f.ruleId === 'CML003'))).toBe(
      false,
    );
  });

  test('precompiled (the CLI bundle)', () => {
    const dir = writeTree(tempDir('values'), { 'values.yaml': EXPORT });
    const run = runCli(['lint', '--no-config', '--as-of', AS_OF, '--format', 'json', 'values.yaml'], { cwd: dir });
    const findings = JSON.parse(run.stdout).files[0].findings;
    expect(schemaFindings(findings)).toEqual(EXPECTED);
  });

  test('--as-of and asOf take calendar dates only', () => {
    const run = runCli(['lint', '--no-config', '--as-of', '2026-02-30', 'x.yaml'], { cwd: tempDir('as-of') });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--as-of must be a date as YYYY-MM-DD, not "2026-02-30"');
  });
});
