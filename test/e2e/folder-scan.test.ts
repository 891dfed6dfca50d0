/**
 * What a folder search or a glob lints: exports (schemaVersion at the top) and nothing else, whatever a file looks
 * like at its start; what it skips is counted and named in every format; it stays inside the folder it searches; and
 * a file reached by two paths is linted once. Files named on the command line are always linted.
 */
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ROOT, runCli } from '../support/cli.js';
import { registrySarifValidator } from '../support/sarif-schemas.js';
import {
  AS_OF,
  BROKEN_EXPORT,
  BROKEN_JSON,
  CLEAN_EXPORT,
  NOT_EXPORTS,
  tempDir,
  writeTree,
} from '../support/workspace.js';

const lint = (args: string[], cwd: string) => runCli(['lint', '--no-config', '--as-of', AS_OF, ...args], { cwd });
const lintedPaths = (stdout: string): string[] => JSON.parse(stdout).files.map((f: { path: string }) => f.path);
const skippedPaths = (stdout: string): string[] =>
  (JSON.parse(stdout).skipped ?? []).map((s: { path: string }) => s.path);

describe('a folder search lints exports and skips, counts and names the rest', () => {
  const repo = () => writeTree(tempDir('scan-repo'), { ...NOT_EXPORTS, 'designs/site.yaml': BROKEN_EXPORT });

  test('a repository with package.json, action.yml, tsconfig.json, docker-compose and Kubernetes YAML: only the export', () => {
    const dir = repo();
    const run = lint(['--format', 'json'], dir);
    expect(run.code, run.stderr).toBe(1);
    expect(lintedPaths(run.stdout)).toEqual(['designs/site.yaml']);
    expect(skippedPaths(run.stdout).sort()).toEqual(Object.keys(NOT_EXPORTS).sort());
    const text = lint([], dir);
    expect(text.stdout).toContain('5 files skipped: not cmlint exports (');
    for (const name of Object.keys(NOT_EXPORTS)) expect(text.stdout).toContain(name);
    expect(text.stdout).toMatch(/in 1 file\b/);
  });

  test('every format counts and names the skipped files', () => {
    const dir = repo();
    const named = (out: string) => Object.keys(NOT_EXPORTS).every((name) => out.includes(name));
    const sarif = JSON.parse(lint(['--format', 'sarif'], dir).stdout);
    const validate = registrySarifValidator();
    expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const notification = sarif.runs[0].invocations[0].toolExecutionNotifications.find(
      (n: { descriptor?: { id: string } }) => n.descriptor?.id === 'skipped-not-exports',
    );
    expect(notification.message.text).toMatch(/^5 files skipped: not cmlint exports/);
    expect(
      notification.locations
        .map(
          (l: { physicalLocation: { artifactLocation: { uri: string } } }) => l.physicalLocation.artifactLocation.uri,
        )
        .sort(),
    ).toEqual(Object.keys(NOT_EXPORTS).sort());
    const junit = lint(['--format', 'junit'], dir).stdout;
    expect(junit).toContain('classname="cmlint.skipped"');
    expect((junit.match(/<skipped message="not a cmlint export: /g) ?? []).length).toBe(5);
    const github = lint(['--format', 'github'], dir).stdout;
    expect(github).toMatch(/^::notice title=cmlint%3A files skipped::5 files skipped: not cmlint exports/m);
    expect(skippedPaths(lint(['--format', 'json'], dir).stdout).sort()).toEqual(Object.keys(NOT_EXPORTS).sort());
    for (const format of ['text', 'github', 'junit', 'html', 'dot']) {
      const out = lint(['--format', format], dir).stdout;
      expect(out, format).toContain('5 files skipped: not cmlint exports');
      expect(named(out), format).toBe(true);
    }
  });

  test('a failing export is linted whatever its first key (a report-lookalike is no reason to skip it)', () => {
    const failing = JSON.parse(BROKEN_JSON);
    const dir = writeTree(tempDir('scan-lookalike'), {
      // First key "$schema" with "sarif" in it: skipped before, so the failing export passed the run.
      'a-sarif-schema.json': JSON.stringify({ $schema: 'https://json.schemastore.org/sarif-2.1.0.json', ...failing }),
      // First key "tool": "cmlint", as cmlint's JSON report and baseline begin.
      'b-tool.json': JSON.stringify({ tool: 'cmlint', ...failing }),
      'c-clean.yaml': CLEAN_EXPORT,
    });
    const run = lint(['--format', 'json'], dir);
    expect(run.code, run.stderr).toBe(1);
    expect(lintedPaths(run.stdout)).toEqual(['a-sarif-schema.json', 'b-tool.json', 'c-clean.yaml']);
    expect(JSON.parse(run.stdout).files[0].findings.map((f: { ruleId: string }) => f.ruleId)).toContain('CMG001');
    const glob = lint(['--format', 'json', '*.json'], dir);
    expect(lintedPaths(glob.stdout)).toEqual(['a-sarif-schema.json', 'b-tool.json']);
  });

  test("cmlint's own SARIF log, JSON report and baseline are skipped and named for what they are", () => {
    const dir = writeTree(tempDir('scan-own-output'), { 'site.yaml': BROKEN_EXPORT });
    mkdirSync(join(dir, 'out'));
    lint(['site.yaml', '--format', 'sarif', '--output', 'out/log.sarif.json'], dir);
    lint(['site.yaml', '--format', 'json', '--output', 'out/report.json'], dir);
    lint(['site.yaml', '--write-baseline', 'out/baseline.json'], dir);
    const run = lint(['--format', 'json'], dir);
    expect(lintedPaths(run.stdout)).toEqual(['site.yaml']);
    expect(JSON.parse(run.stdout).skipped).toEqual([
      { path: 'out/baseline.json', reason: 'a cmlint baseline' },
      { path: 'out/log.sarif.json', reason: 'a SARIF log' },
      { path: 'out/report.json', reason: 'a cmlint JSON report' },
    ]);
  });

  test('a file that does not parse is linted when it mentions schemaVersion, skipped otherwise', () => {
    const dir = writeTree(tempDir('scan-broken'), {
      'export.yaml': 'schemaVersion: 1\nhierarchy: [\n',
      'chart.yaml': 'name: {{ .Values.name }}\n',
    });
    const run = lint(['--format', 'json'], dir);
    expect(lintedPaths(run.stdout)).toEqual(['export.yaml']);
    expect(skippedPaths(run.stdout)).toEqual(['chart.yaml']);
  });

  test('a file named on the command line is linted: without schemaVersion it gets CML015 alone', () => {
    const dir = writeTree(tempDir('scan-named'), NOT_EXPORTS);
    const run = lint(['--format', 'json', 'package.json', 'docker-compose.yml'], dir);
    expect(run.code).toBe(1);
    const files = JSON.parse(run.stdout).files;
    expect(files.map((f: { path: string }) => f.path)).toEqual(['package.json', 'docker-compose.yml']);
    for (const file of files) expect(file.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['CML015']);
    expect(files[0].findings[0].message).toMatch(
      /not a cmlint export: an export is a YAML or JSON mapping whose top level has schemaVersion/,
    );
  });

  test('--only-exports (the pre-commit hook) skips named files that are not exports', () => {
    const dir = writeTree(tempDir('scan-only'), { ...NOT_EXPORTS, 'site.yaml': CLEAN_EXPORT });
    const run = lint(['--format', 'json', '--only-exports', ...Object.keys(NOT_EXPORTS), 'site.yaml'], dir);
    expect(run.code, run.stderr).toBe(0);
    expect(lintedPaths(run.stdout)).toEqual(['site.yaml']);
    expect(skippedPaths(run.stdout)).toEqual(Object.keys(NOT_EXPORTS));
  });

  test('the config file and the custom rule folders are never linted, nor listed as skipped', () => {
    const rule = readFileSync(join(ROOT, 'fixtures', 'rules', 'CML009', 'custom-rules', 'FAULTY901.yaml'), 'utf8');
    const dir = writeTree(tempDir('scan-rules'), {
      'cmlint.config.yaml': `asOf: "${AS_OF}"\ncustomRuleFolders: [checks]\n`,
      'checks/FAULTY901.yaml': rule,
      'site.yaml': CLEAN_EXPORT,
    });
    const run = runCli(['lint', '--format', 'json', '.'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(lintedPaths(run.stdout)).toEqual(['site.yaml']);
    expect(skippedPaths(run.stdout)).toEqual([]);
    // Without the config, the folder is just a folder: its rule file is found, and skipped as no export.
    expect(skippedPaths(lint(['--format', 'json', '.'], dir).stdout)).toEqual(['checks/FAULTY901.yaml']);
  });
});

describe('a folder search stays inside the folder it searches', () => {
  function tree() {
    const root = tempDir('scan-links');
    writeTree(root, {
      'secret.yaml': 'schemaVersion: 1\nsecretToken: hunter2-outside\n',
      'outside/config.yaml': 'schemaVersion: 1\ntoken: hunter2-folder\n',
    });
    const repo = writeTree(join(root, 'repo'), { 'site.yaml': CLEAN_EXPORT, 'inner/other.yaml': CLEAN_EXPORT });
    symlinkSync('../secret.yaml', join(repo, 'leak.yaml'));
    symlinkSync('../outside', join(repo, 'leaked-folder'));
    symlinkSync('inner', join(repo, 'inner-link'));
    symlinkSync('site.yaml', join(repo, 'alias.yaml'));
    return repo;
  }

  test('a link to ../secret (file or folder) is not followed by a folder search or a glob', () => {
    const repo = tree();
    for (const args of [['.'], ['**/*.yaml'], ['*.yaml']]) {
      const run = lint(['--format', 'json', ...args], repo);
      expect(run.code, `${args}: ${run.stderr}`).toBe(0);
      expect(run.stdout, args.join(' ')).not.toContain('hunter2');
      expect(
        lintedPaths(run.stdout).some((p) => p.startsWith('leak')),
        args.join(' '),
      ).toBe(false);
    }
  });

  test('a link named on the command line is read as given', () => {
    const run = lint(['--format', 'json', 'leak.yaml'], tree());
    expect(lintedPaths(run.stdout)).toEqual(['leak.yaml']);
    expect(run.stdout).toContain('secretToken');
  });

  test('the same file reached by two paths is linted and counted once', () => {
    const repo = tree();
    // A link inside the tree to a file and to a folder: each file once, under its own path.
    const folder = lint(['--format', 'json', '.'], repo);
    expect(lintedPaths(folder.stdout)).toEqual(['inner/other.yaml', 'site.yaml']);
    // A folder and a file in it, ./x and x: once, under the path named.
    const named = lint(['--format', 'json', '.', './site.yaml', 'site.yaml', 'inner/../site.yaml'], repo);
    expect(lintedPaths(named.stdout)).toEqual(['inner/other.yaml', 'site.yaml']);
    const text = lint(['.', 'site.yaml', './inner/other.yaml'], repo);
    expect(text.stdout).toMatch(/in 2 files/);
  });

  test('examples and examples/contoso.yaml: each export once', () => {
    const dir = writeTree(tempDir('scan-examples'), {
      'examples/a.yaml': BROKEN_EXPORT,
      'examples/b.yaml': CLEAN_EXPORT,
    });
    writeFileSync(join(dir, 'examples', 'c.json'), BROKEN_JSON);
    const run = lint(['--format', 'json', 'examples', 'examples/a.yaml', './examples/c.json'], dir);
    expect(lintedPaths(run.stdout)).toEqual(['examples/a.yaml', 'examples/b.yaml', 'examples/c.json']);
  });
});
