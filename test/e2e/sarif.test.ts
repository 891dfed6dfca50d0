/** The SARIF report validates against SARIF 2.1.0 and passes Microsoft's validator with GitHub's ingestion rules. */
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli, ROOT } from '../support/cli.js';
import { multitoolPath, officialSarifValidator, registrySarifValidator } from '../support/sarif-schemas.js';
import { tempDir } from '../support/workspace.js';

const lintFixtures = () => {
  const result = runCli(['lint', 'fixtures', '--format', 'sarif'], { timeout: 120_000 });
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout);
};

describe('SARIF output', () => {
  const sarif = lintFixtures();
  const results = sarif.runs[0].results as any[];
  const rules = sarif.runs[0].tool.driver.rules as any[];

  test('validates against the SARIF 2.1.0 schema shipped on the registry', () => {
    const validate = registrySarifValidator();
    expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });

  test.skipIf(!process.env.CMLINT_SHARED)('validates against the official OASIS schema (CI, ../shared)', () => {
    const validate = officialSarifValidator()!;
    expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });

  test('lists every rule with descriptions, help, link and default level', () => {
    const listed = runCli(['rules', '--format', 'json']);
    const ids = JSON.parse(listed.stdout)
      .map((r: any) => r.id)
      .sort();
    expect(rules.map((r) => r.id)).toEqual(ids);
    for (const rule of rules) {
      expect(rule.shortDescription.text).toBeTruthy();
      expect(rule.fullDescription.text).toBeTruthy();
      expect(rule.help.text).toBeTruthy();
      expect(rule.helpUri).toMatch(/^https:\/\//);
      expect(['error', 'warning', 'note']).toContain(rule.defaultConfiguration.level);
      expect(rule.name).not.toBe(rule.id);
    }
  });

  test('every result has a rule, a level, a message and a relative physical location', () => {
    expect(results.length).toBeGreaterThan(0);
    for (const result of results) {
      expect(rules[result.ruleIndex].id).toBe(result.ruleId);
      expect(['error', 'warning', 'note']).toContain(result.level);
      expect(result.message.text).toBeTruthy();
      const location = result.locations[0].physicalLocation;
      expect(location.artifactLocation.uriBaseId).toBe('%SRCROOT%');
      expect(location.artifactLocation.uri).not.toMatch(/^\//);
      expect(location.region.startLine).toBeGreaterThanOrEqual(1);
      expect(location.region.startColumn).toBeGreaterThanOrEqual(1);
      expect(result.partialFingerprints['cmlint/v1']).toMatch(/^[0-9a-f]{32}$/);
    }
  });

  test('fingerprints stay the same when unrelated lines move', () => {
    const dir = tempDir('sarif');
    const original = readFileSync(join(ROOT, 'fixtures', 'rules', 'CMG001', 'fires.yaml'), 'utf8');
    writeFileSync(join(dir, 'site.yaml'), original);
    const before = JSON.parse(runCli(['lint', 'site.yaml', '--format', 'sarif'], { cwd: dir }).stdout).runs[0].results;
    writeFileSync(join(dir, 'site.yaml'), `# a comment\n# another\n\n${original}`);
    const after = JSON.parse(runCli(['lint', 'site.yaml', '--format', 'sarif'], { cwd: dir }).stdout).runs[0].results;
    expect(after.map((r: any) => r.locations[0].physicalLocation.region.startLine)).toEqual(
      before.map((r: any) => r.locations[0].physicalLocation.region.startLine + 3),
    );
    expect(after.map((r: any) => r.partialFingerprints)).toEqual(before.map((r: any) => r.partialFingerprints));
  });

  const multitool = multitoolPath();
  test.skipIf(!multitool)("passes Microsoft's SARIF validator with GitHub's ingestion rules", () => {
    const dir = tempDir('multitool');
    const input = join(dir, 'cmlint.sarif');
    const output = join(dir, 'validation.sarif');
    writeFileSync(input, JSON.stringify(sarif));
    try {
      chmodSync(multitool!, 0o755);
    } catch {
      // read-only install: try as is
    }
    const run = spawnSync(multitool!, ['validate', input, '--rule-kind', 'Sarif;Gh', '-o', output], {
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' },
    });
    expect(run.error).toBeUndefined();
    // The validator exits 0 even when it finds problems: its own SARIF output is the verdict.
    const verdict = JSON.parse(readFileSync(output, 'utf8'));
    const problems = (verdict.runs[0].results ?? []).map(
      (r: any) => `${r.ruleId} ${r.level ?? 'warning'} ${JSON.stringify(r.message.arguments ?? r.message.text)}`,
    );
    expect(problems).toEqual([]);
  });
});
