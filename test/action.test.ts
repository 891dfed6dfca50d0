/**
 * The GitHub Action, run as the runner runs it: `node dist/action/index.js` in the workspace, with INPUT_* variables
 * and the GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files. The committed bundle must be what the sources build today.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { fileCommand, markdownCell } from '../src/action/main.js';
import { ROOT } from './support/cli.js';
import { AS_OF, BROKEN_EXPORT, CLEAN_EXPORT, tempDir, writeTree } from './support/workspace.js';

const BUNDLE = join(ROOT, 'dist', 'action', 'index.js');

/** Reads a GITHUB_OUTPUT file: `name<<DELIMITER` blocks (and plain name=value lines). */
function readOutputs(path: string): Record<string, string> {
  const lines = readFileSync(path, 'utf8').split('\n');
  const outputs: Record<string, string> = {};
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const value: string[] = [];
      while (lines[++i] !== heredoc[2]) {
        if (i >= lines.length) throw new Error(`unterminated ${heredoc[1]}`);
        value.push(lines[i]!);
      }
      outputs[heredoc[1]!] = value.join('\n');
    } else if (line.includes('=')) outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
  }
  return outputs;
}

interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  workspace: string;
}

/** Runs the committed bundle like the runner: a clean environment with the runner's variables, cwd = workspace. */
function runAction(files: Record<string, string>, inputs: Record<string, string>): ActionRun {
  const workspace = writeTree(tempDir('action-ws'), files);
  const runnerTemp = tempDir('action-runner');
  const outputFile = join(runnerTemp, 'output');
  const summaryFile = join(runnerTemp, 'summary');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: runnerTemp,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: 'contoso/configmgr-design',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    RUNNER_TEMP: runnerTemp,
  };
  // The runner passes every declared input, with its default when the workflow does not set it.
  const defaults: Record<string, string> = { paths: '.', config: '', 'fail-on': 'error', 'sarif-file': 'cmlint.sarif' };
  for (const [name, value] of Object.entries({ ...defaults, ...inputs })) env[`INPUT_${name.toUpperCase()}`] = value;
  const result = spawnSync(process.execPath, [BUNDLE], { cwd: workspace, env, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, outputs: readOutputs(outputFile), summary: readFileSync(summaryFile, 'utf8'), workspace };
}

describe('action.yml', () => {
  const action = parseYaml(readFileSync(join(ROOT, 'action.yml'), 'utf8'));

  test('runs the committed bundle on node20 and declares the inputs and outputs', () => {
    expect(action.runs).toEqual({ using: 'node20', main: 'dist/action/index.js' });
    expect(existsSync(join(ROOT, action.runs.main))).toBe(true);
    expect(Object.keys(action.inputs)).toEqual(['paths', 'config', 'fail-on', 'sarif-file']);
    expect(action.inputs['fail-on'].default).toBe('error');
    expect(Object.keys(action.outputs)).toEqual(['error-count', 'warning-count', 'note-count', 'sarif-file']);
  });

  test('the committed dist/action/index.js is fresh (else run `npm run build:action` and commit it)', () => {
    const out = join(tempDir('action-build'), 'index.js');
    const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-action.mjs'), '--outfile', out], { cwd: ROOT, encoding: 'utf8' });
    expect(build.status, build.stderr).toBe(0);
    const fresh = readFileSync(out);
    const committed = readFileSync(BUNDLE);
    expect(committed.equals(fresh), 'dist/action/index.js differs from a fresh build: run `npm run build:action` and commit it').toBe(true);
  }, 120_000);
});

describe('the runner contract', () => {
  test('outputs use the delimiter syntax, with a delimiter the value does not contain', () => {
    const block = fileCommand('sarif-file', 'a\nghadelimiter_x\nb');
    const [head, ...rest] = block.trimEnd().split('\n');
    const delimiter = head!.slice('sarif-file<<'.length);
    expect(rest).toEqual(['a', 'ghadelimiter_x', 'b', delimiter]);
    expect('a\nghadelimiter_x\nb'.includes(delimiter)).toBe(false);
  });

  test('markdown cells cannot carry markup, links or table breaks from an export', () => {
    // A URL (or www. name or e-mail address) goes into a code span, where GitHub links nothing.
    expect(markdownCell('a | b <img src=x> [x](http://evil) `c`\n@team')).toBe('a \\| b &lt;img src=x&gt; \\[x\\]\\(`http://evil)` \\`c\\` \\@team');
  });
});

describe('running the action', () => {
  const config = `asOf: "${AS_OF}"\n`;

  test('findings: exit 1, annotations, SARIF, job summary and outputs', () => {
    const run = runAction({ 'cmlint.config.yaml': config, 'exports/p01.yaml': BROKEN_EXPORT, 'exports/clean.yaml': CLEAN_EXPORT, 'README.md': 'not an export' }, { paths: 'exports' });
    expect(run.code, run.stdout + run.stderr).toBe(1);
    // Annotations: workflow commands on stdout, paths relative to the workspace.
    expect(run.stdout).toMatch(/^::error file=exports\/p01\.yaml,line=13,col=15,endLine=13,endColumn=18,title=CMG001%3A [^:]*::CMG cmg\.contoso\.com is at site P01.*\(CMG001\)$/m);
    expect(run.stdout).toMatch(/^::error::cmlint found \d+ errors? and \d+ warnings? \(fail-on: error\)$/m);
    // Outputs.
    const sarifPath = join(run.workspace, 'cmlint.sarif');
    expect(run.outputs['sarif-file']).toBe(sarifPath);
    const sarif = JSON.parse(readFileSync(sarifPath, 'utf8'));
    const results = sarif.runs[0].results as { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[];
    expect(Number(run.outputs['error-count'])).toBe(results.filter((r) => r.level === 'error').length);
    expect(Number(run.outputs['warning-count'])).toBe(results.filter((r) => r.level === 'warning').length);
    expect(Number(run.outputs['note-count'])).toBe(results.filter((r) => r.level === 'note').length);
    expect(Number(run.outputs['error-count'])).toBeGreaterThanOrEqual(2);
    // SARIF for code scanning: URIs relative to the workspace.
    expect(sarif.version).toBe('2.1.0');
    expect(results.find((r) => r.ruleId === 'CMG001')!.locations[0]!.physicalLocation.artifactLocation.uri).toBe('exports/p01.yaml');
    // Job summary: a table of findings by rule, with links to the rules and to the lines.
    expect(run.summary).toMatch(/^## cmlint$/m);
    // The topology, as Mermaid, which GitHub renders in job summaries.
    expect(run.summary).toMatch(/^```mermaid\n(flowchart|graph) /m);
    expect(run.summary).toMatch(/^\| Rule \| Severity \| Findings \| Title \|$/m);
    expect(run.summary).toMatch(/^\| \[CMG001\]\(https:\/\/learn\.microsoft\.com\/[^)]+\) \| error \| 1 \| The CMG is created at the top-tier site \|$/m);
    expect(run.summary).toContain('[exports/p01.yaml:13:15](https://github.com/contoso/configmgr-design/blob/0123456789abcdef0123456789abcdef01234567/exports/p01.yaml#L13)');
  });

  test('fail-on never: the same findings, exit 0; fail-on warning fails on warnings alone', () => {
    const files = { 'cmlint.config.yaml': `${config}rules:\n  CMG001: warning\n  SITE003: warning\n`, 'site.yaml': BROKEN_EXPORT };
    const never = runAction(files, { 'fail-on': 'never' });
    expect(never.code, never.stdout).toBe(0);
    expect(Number(never.outputs['warning-count'])).toBeGreaterThan(0);
    expect(runAction(files, { 'fail-on': 'error' }).code).toBe(0);
    expect(runAction(files, { 'fail-on': 'warning' }).code).toBe(1);
  });

  test('a clean workspace: exit 0, zero counts, a summary saying so, SARIF with no results', () => {
    const run = runAction({ 'cmlint.config.yaml': `${config}rules:\n  SITE009: off\n`, 'site.yaml': CLEAN_EXPORT }, { 'sarif-file': 'reports/cmlint.sarif' });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ 'error-count': '0', 'warning-count': '0', 'sarif-file': join(run.workspace, 'reports', 'cmlint.sarif') });
    expect(JSON.parse(readFileSync(join(run.workspace, 'reports', 'cmlint.sarif'), 'utf8')).runs[0].results).toEqual([]);
    expect(run.summary).toMatch(/:white_check_mark: 0 errors, 0 warnings, \d+ notes? in 1 file/);
    expect(run.stdout).not.toMatch(/^::error/m);
  });

  test('bad input or a broken config: one ::error:: line and exit 1, no stack trace', () => {
    const bad = runAction({ 'site.yaml': CLEAN_EXPORT }, { 'fail-on': 'sometimes' });
    expect(bad.code).toBe(1);
    expect(bad.stdout.trim()).toBe('::error title=cmlint::input fail-on must be error, warning or never, not "sometimes"');
    const broken = runAction({ 'cmlint.config.yaml': 'rules:\n  CMG001: loud\n', 'site.yaml': CLEAN_EXPORT }, {});
    expect(broken.code).toBe(1);
    expect(broken.stdout.trim()).toBe('::error title=cmlint::cmlint.config.yaml:2: rules.CMG001: must be one of off, on, error, warning, note, not "loud"');
    const missing = runAction({ 'site.yaml': CLEAN_EXPORT }, { paths: 'nope/' });
    expect(missing.code).toBe(1);
    expect(missing.stdout).toMatch(/^::error title=cmlint::nope\/: no such file or directory$/m);
  });

  test('suppressed findings stay in the SARIF with their justification and are not counted', () => {
    const run = runAction(
      { 'cmlint.config.yaml': `${config}rules:\n  SITE003: off\n`, 'site.yaml': BROKEN_EXPORT.replace('    SiteCode: P01\n', '    # cmlint-disable-next-line CMG001 -- moves in June\n    SiteCode: P01\n') },
      {},
    );
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs['error-count']).toBe('0');
    const sarif = JSON.parse(readFileSync(run.outputs['sarif-file']!, 'utf8'));
    expect(sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'CMG001').suppressions).toEqual([{ kind: 'inSource', justification: 'moves in June' }]);
    expect(run.summary).toMatch(/\(1 suppressed\)/);
  });
});
