/** Baselines: record today's findings, then report only new ones; fingerprints do not depend on lines. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from '../support/cli.js';
import { AS_OF, BROKEN_EXPORT, tempDir, writeTree } from '../support/workspace.js';

function findings(stdout: string): { ruleId: string; line: number; fingerprint: string }[] {
  return JSON.parse(stdout).files.flatMap((f: { findings: unknown[] }) => f.findings);
}

describe('baseline', () => {
  const dir = writeTree(tempDir('baseline'), { 'site.yaml': BROKEN_EXPORT });
  const args = ['--no-config', '--as-of', AS_OF, '--format', 'json'];

  test('--write-baseline records the findings by fingerprint; --baseline then reports none of them', () => {
    const before = runCli(['lint', 'site.yaml', ...args], { cwd: dir });
    expect(before.code).toBe(1);
    const all = findings(before.stdout);
    expect(all.length).toBeGreaterThan(1);

    const written = runCli(['lint', 'site.yaml', ...args, '--write-baseline', 'baseline.json'], { cwd: dir });
    expect(written.code, written.stderr).toBe(0);
    expect(written.stderr).toMatch(new RegExp(`wrote ${all.length} findings to the baseline baseline\\.json`));
    const baseline = JSON.parse(readFileSync(join(dir, 'baseline.json'), 'utf8'));
    expect(baseline).toMatchObject({ tool: 'cmlint', baselineFormat: 1 });
    expect(baseline.findings.map((f: { fingerprint: string }) => f.fingerprint).sort()).toEqual(
      all.map((f) => f.fingerprint).sort(),
    );
    expect(JSON.stringify(baseline)).not.toMatch(/"line"/);

    const after = runCli(['lint', 'site.yaml', ...args, '--baseline', 'baseline.json'], { cwd: dir });
    expect(after.code).toBe(0);
    expect(findings(after.stdout)).toEqual([]);
    expect(after.stderr).toMatch(
      new RegExp(`${all.length} findings are in the baseline baseline\\.json and not reported`),
    );
  });

  test('inserting lines at the top does not make old findings new', () => {
    writeFileSync(join(dir, 'moved.yaml'), BROKEN_EXPORT);
    runCli(['lint', 'moved.yaml', ...args, '--write-baseline', 'moved-baseline.json'], { cwd: dir });
    const original = findings(runCli(['lint', 'moved.yaml', ...args], { cwd: dir }).stdout);
    writeFileSync(
      join(dir, 'moved.yaml'),
      `# Site design, reviewed by the CAB\n# owner: infrastructure team\n\n${BROKEN_EXPORT}`,
    );
    const shifted = findings(runCli(['lint', 'moved.yaml', ...args], { cwd: dir }).stdout);
    // Same findings, three lines lower, with the same fingerprints.
    expect(shifted.map((f) => f.line)).toEqual(original.map((f) => f.line + 3));
    expect(shifted.map((f) => f.fingerprint)).toEqual(original.map((f) => f.fingerprint));
    const result = runCli(['lint', 'moved.yaml', ...args, '--baseline', 'moved-baseline.json'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(findings(result.stdout)).toEqual([]);
  });

  test('a new finding is reported; the baselined ones stay quiet', () => {
    writeFileSync(join(dir, 'grown.yaml'), BROKEN_EXPORT);
    runCli(['lint', 'grown.yaml', ...args, '--write-baseline', 'grown-baseline.json'], { cwd: dir });
    // A second CMG at the child primary: one more CMG001, at a new pointer.
    writeFileSync(join(dir, 'grown.yaml'), `${BROKEN_EXPORT}  - ServiceName: cmg2.contoso.com\n    SiteCode: P01\n`);
    const result = runCli(['lint', 'grown.yaml', ...args, '--baseline', 'grown-baseline.json'], { cwd: dir });
    expect(result.code).toBe(1);
    const fresh = findings(result.stdout);
    const recorded = new Set(
      JSON.parse(readFileSync(join(dir, 'grown-baseline.json'), 'utf8')).findings.map(
        (f: { fingerprint: string }) => f.fingerprint,
      ),
    );
    expect(fresh.filter((f) => f.ruleId === 'CMG001').map((f) => f.line)).toEqual([15]);
    expect(fresh.filter((f) => recorded.has(f.fingerprint))).toEqual([]);
  });

  test('a missing or broken baseline is a usage error naming it', () => {
    writeFileSync(join(dir, 'broken-baseline.json'), '{"tool": "eslint"}');
    const missing = runCli(['lint', 'site.yaml', ...args, '--baseline', 'nope.json'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toBe(
      'cmlint: nope.json: cannot read baseline (no such file; create it with --write-baseline)',
    );
    const broken = runCli(['lint', 'site.yaml', ...args, '--baseline', 'broken-baseline.json'], { cwd: dir });
    expect(broken.code).toBe(2);
    expect(broken.stderr.trim()).toBe(
      'cmlint: broken-baseline.json: not a cmlint baseline (write one with --write-baseline)',
    );
  });
});
