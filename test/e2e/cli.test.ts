/** The command line as users meet it: exit codes, formats, colour, the rule registry. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from '../support/cli.js';
import { BROKEN_EXPORT, CLEAN_EXPORT, tempDir, writeTree } from '../support/workspace.js';

// A misspelt key (line 11) in a design whose CMG is at a child primary (CMG001 on line 14).
const BROKEN_WITH_TYPO = BROKEN_EXPORT.replace(
  '      Version: 2403\ncloudManagementGateways:',
  '      Version: 2403\n      UsePkiClientCertifcate: true\ncloudManagementGateways:',
);
const dir = writeTree(tempDir('cli'), { 'clean.yaml': CLEAN_EXPORT, 'broken.yaml': BROKEN_WITH_TYPO });
const clean = join(dir, 'clean.yaml');
const broken = join(dir, 'broken.yaml');

describe('cmlint lint', () => {
  test('exit 0 and a clean summary for an export without findings', () => {
    // A fixed run date: on later dates SITE009 rightly warns that 2403 is out of support.
    const result = runCli(['lint', clean, '--as-of', '2025-01-01']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('no problems');
  });

  test('exit 1 with each finding at file:line:column', () => {
    const result = runCli(['lint', broken]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/14:15 +error +CMG cmg\.contoso\.com is at site P01/);
  });

  test('a misspelt key is reported at its own line and column with the right key suggested', () => {
    const result = runCli(['lint', broken, '--format', 'json']);
    const finding = JSON.parse(result.stdout).files[0].findings.find((f: any) => f.ruleId === 'CML002');
    expect(finding).toMatchObject({ line: 11, column: 7, pointer: '/hierarchy/sites/1/UsePkiClientCertifcate' });
    expect(finding.message).toContain('Did you mean "UsePkiClientCertificate"?');
  });

  test('exit 2 and one line naming a path that does not exist', () => {
    const result = runCli(['lint', join(dir, 'missing.yaml')]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([
      `cmlint: ${join(dir, 'missing.yaml')}: no such file or directory`,
    ]);
  });

  test('exit 2 for usage errors, without a stack trace', () => {
    for (const args of [
      ['lint', '--format', 'nope', clean],
      ['lint', '--max-warnings', 'many', clean],
      ['lint', '--as-of', '2026-13-45', clean],
      ['--frobnicate'],
    ]) {
      const result = runCli(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });

  test('--max-warnings turns warnings into exit 1; --quiet shows errors only', () => {
    const warn = join(dir, 'warn.yaml');
    writeFileSync(
      warn,
      readFileSync(clean, 'utf8') +
        'cloudManagementGateways:\n  - ServiceName: cmg.contoso.com\n    SiteCode: P01\n    VMInstanceCount: 1\n',
    );
    const json = JSON.parse(runCli(['lint', warn, '--format', 'json']).stdout);
    const warnings = json.files[0].findings.filter((f: any) => f.severity === 'warning').length;
    const errors = json.files[0].findings.filter((f: any) => f.severity === 'error').length;
    if (errors === 0 && warnings > 0) {
      expect(runCli(['lint', warn]).code).toBe(0);
      expect(runCli(['lint', warn, '--max-warnings', String(warnings - 1)]).code).toBe(1);
      expect(runCli(['lint', warn, '--max-warnings', String(warnings)]).code).toBe(0);
    }
    const quiet = runCli(['lint', broken, '--quiet']);
    expect(quiet.stdout).not.toMatch(/ warning /);
  });

  test('reads stdin for -', () => {
    const result = runCli(['lint', '-'], { input: readFileSync(broken) });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('<stdin>');
  });

  test('--output writes the report to a file and nothing to stdout', () => {
    const out = join(dir, 'report.json');
    const result = runCli(['lint', broken, '--format', 'json', '--output', out]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).files[0].findings.length).toBeGreaterThan(0);
  });

  test('NO_COLOR turns colour off, FORCE_COLOR on', () => {
    expect(runCli(['lint', broken], { env: { NO_COLOR: '1' } }).stdout).not.toContain('\u001b[');
    expect(runCli(['lint', broken], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } }).stdout).toContain('\u001b[');
  });

  test('--help documents commands, options and exit codes', () => {
    const result = runCli(['lint', '--help']);
    expect(result.code).toBe(0);
    for (const option of ['--format', '--output', '--max-warnings', '--quiet', '--as-of'])
      expect(result.stdout).toContain(option);
    expect(runCli(['--help']).stdout).toContain('Exit codes');
  });
});

describe('cmlint rules and explain', () => {
  test('rules --format json lists id, title, severity and a learn.microsoft.com link', () => {
    const rules = JSON.parse(runCli(['rules', '--format', 'json']).stdout) as any[];
    for (const family of ['SITE', 'ROLE', 'PKI', 'DNS'])
      expect(
        rules.some((r) => r.family === family),
        family,
      ).toBe(true);
    for (const rule of rules) {
      expect(rule.id).toMatch(/^[A-Z]+\d{3}$/);
      expect(['error', 'warning', 'note']).toContain(rule.severity);
      expect(rule.title).toBeTruthy();
      if (!rule.id.startsWith('CML'))
        expect(rule.helpUri).toMatch(/^https:\/\/learn\.microsoft\.com\/mem\/configmgr\//);
    }
  });

  test('explain prints the rule documentation; an unknown id is a usage error', () => {
    const page = runCli(['explain', 'CMG001']);
    expect(page.code).toBe(0);
    expect(page.stdout).toContain('# CMG001');
    expect(page.stdout).toContain('## How to fix');
    expect(page.stdout).toContain('learn.microsoft.com');
    const missing = runCli(['explain', 'NOPE999']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no rule "NOPE999"');
  });
});
