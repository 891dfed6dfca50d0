/**
 * No output quotes more than 60 characters of a value or of a source line (issue 21, item 2; SECURITY.md): four names
 * of a megabyte each gave lines of a megabyte in every report. Each name here is one letter repeated, so the longest
 * run of that letter in a report is how much of it the report quotes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { MAX_QUOTED } from '../../src/findings.js';
import { display } from '../../src/engine/template.js';
import { runCli } from '../support/cli.js';
import { AS_OF, tempDir, writeTree } from '../support/workspace.js';

const MEGABYTE = 1024 * 1024;
const name = (letter: string) => `${letter.repeat(MEGABYTE)}.contoso.com`;

const EXPORT = `schemaVersion: 1
hierarchy:
  sites:
    - SiteCode: P01
      SiteType: Primary
      Version: 2403
siteSystems:
  - SiteSystemServerName: ${name('q')}
    SiteCode: P01
    PublicFqdn: ${name('w')}
    roles:
      ManagementPoint:
        ClientConnectionType: Internet
        EnableSsl: false
cloudManagementGateways:
  - ServiceName: ${name('z')}
    SiteCode: P01
    VMInstanceCount: 40
clientPopulations:
  - Name: ${name('y')}
    SiteCode: P01
    Count: 10
    Channels: [CMG, IBCM]
`;

function longestRun(text: string, letter: string): number {
  let longest = 0;
  for (const match of text.matchAll(new RegExp(`${letter}+`, 'g'))) longest = Math.max(longest, match[0].length);
  return longest;
}

describe('bounded quoting', () => {
  const dir = writeTree(tempDir('bounded'), { 'big-names.yaml': EXPORT });
  test.each(['text', 'json', 'sarif', 'github', 'junit', 'html', 'dot'])(
    '--format %s quotes at most 60 characters of each name',
    (format) => {
      const output = join(dir, `report.${format}`);
      const run = runCli(
        ['lint', '--no-config', '--as-of', AS_OF, '--format', format, '--output', output, 'big-names.yaml'],
        { cwd: dir, timeout: 120_000 },
      );
      expect(run.stderr).toBe('');
      expect(run.code).toBe(1);
      const report = readFileSync(output, 'utf8');
      // The names are reported on (CMG008 names the CMG; the schema and role rules the servers).
      expect(report).toMatch(/zzzz/);
      for (const letter of ['q', 'w', 'z', 'y'])
        expect(longestRun(report, letter), `${format}: ${letter}`).toBeLessThanOrEqual(MAX_QUOTED);
      // Far from a megabyte a line.
      expect(Math.max(...report.split('\n').map((line) => line.length)), format).toBeLessThan(
        format === 'html' ? 200_000 : 5_000,
      );
    },
    180_000,
  );

  test('a message quotes each value cut to 60 characters and names at most ten items of a list', () => {
    expect(display('x'.repeat(100))).toBe(`${'x'.repeat(59)}…`);
    expect(display({ ServiceName: 'y'.repeat(61) })).toHaveLength(60);
    expect(display(Array.from({ length: 25 }, (_, i) => `cmg${i}`))).toBe(
      'cmg0, cmg1, cmg2, cmg3, cmg4, cmg5, cmg6, cmg7, cmg8, cmg9 and 15 more',
    );
  });
});
