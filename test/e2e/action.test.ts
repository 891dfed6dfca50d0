/**
 * The GitHub Action, run as the runner runs it: `node dist/action/index.js` in the workspace, with INPUT_* variables
 * and the GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files. The committed bundle must be what the sources build today.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { jobSummary, markdownCell, MAX_PICTURES, MERMAID_MAX_TEXT, topologySection } from '../../src/action/main.js';
import { createLinter, type FileResult } from '../../src/lint.js';
import { decodeSource } from '../../src/source/read-source.js';
import { ROOT } from '../support/cli.js';
import { AS_OF, BROKEN_EXPORT, CLEAN_EXPORT, NOT_EXPORTS, tempDir, writeTree } from '../support/workspace.js';

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
  const defaults: Record<string, string> = {
    paths: '.',
    config: '',
    'fail-on': 'error',
    rules: '',
    'max-warnings': '',
    baseline: '',
    'as-of': '',
    'sarif-file': 'cmlint.sarif',
  };
  for (const [name, value] of Object.entries({ ...defaults, ...inputs })) env[`INPUT_${name.toUpperCase()}`] = value;
  const result = spawnSync(process.execPath, [BUNDLE], { cwd: workspace, env, encoding: 'utf8', timeout: 60_000 });
  return {
    code: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    outputs: readOutputs(outputFile),
    summary: readFileSync(summaryFile, 'utf8'),
    workspace,
  };
}

describe('action.yml', () => {
  const action = parseYaml(readFileSync(join(ROOT, 'action.yml'), 'utf8'));

  test('runs the committed bundle on node24 and declares the inputs and outputs', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/action/index.js' });
    expect(existsSync(join(ROOT, action.runs.main))).toBe(true);
    expect(Object.keys(action.inputs)).toEqual([
      'paths',
      'config',
      'fail-on',
      'rules',
      'max-warnings',
      'baseline',
      'as-of',
      'sarif-file',
    ]);
    expect(action.inputs['fail-on'].default).toBe('error');
    expect(Object.keys(action.outputs)).toEqual(['error-count', 'warning-count', 'note-count', 'sarif-file']);
  });

  test('the committed dist/action/index.js is fresh (else run `npm run build:action` and commit it)', () => {
    const out = join(tempDir('action-build'), 'index.js');
    const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-action.mjs'), '--outfile', out], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(build.status, build.stderr).toBe(0);
    const fresh = readFileSync(out);
    const committed = readFileSync(BUNDLE);
    expect(
      committed.equals(fresh),
      'dist/action/index.js differs from a fresh build: run `npm run build:action` and commit it',
    ).toBe(true);
  }, 120_000);
});

describe('the runner contract', () => {
  test('markdown cells cannot carry markup, links or table breaks from an export', () => {
    // A URL (or www. name or e-mail address) goes into a code span, where GitHub links nothing.
    expect(markdownCell('a | b <img src=x> [x](http://evil) `c`\n@team')).toBe(
      'a \\| b &lt;img src=x&gt; \\[x\\]\\(`http://evil)` \\`c\\` \\@team',
    );
  });
});

describe('running the action', () => {
  const config = `asOf: "${AS_OF}"\n`;

  test('findings: exit 1, annotations, SARIF, job summary and outputs', () => {
    const run = runAction(
      {
        'cmlint.config.yaml': config,
        'exports/p01.yaml': BROKEN_EXPORT,
        'exports/clean.yaml': CLEAN_EXPORT,
        'README.md': 'not an export',
      },
      { paths: 'exports' },
    );
    expect(run.code, run.stdout + run.stderr).toBe(1);
    // Annotations: workflow commands on stdout, paths relative to the workspace.
    expect(run.stdout).toMatch(
      /^::error file=exports\/p01\.yaml,line=13,col=15,endLine=13,endColumn=18,title=CMG001%3A [^:]*::CMG cmg\.contoso\.com is at site P01.*\(CMG001\)$/m,
    );
    expect(run.stdout).toMatch(/^::error::cmlint found \d+ errors? and \d+ warnings? \(fail-on: error\)$/m);
    // Outputs.
    const sarifPath = join(run.workspace, 'cmlint.sarif');
    expect(run.outputs['sarif-file']).toBe(sarifPath);
    const sarif = JSON.parse(readFileSync(sarifPath, 'utf8'));
    const results = sarif.runs[0].results as {
      ruleId: string;
      level: string;
      locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
    }[];
    expect(Number(run.outputs['error-count'])).toBe(results.filter((r) => r.level === 'error').length);
    expect(Number(run.outputs['warning-count'])).toBe(results.filter((r) => r.level === 'warning').length);
    expect(Number(run.outputs['note-count'])).toBe(results.filter((r) => r.level === 'note').length);
    expect(Number(run.outputs['error-count'])).toBeGreaterThanOrEqual(2);
    // SARIF for code scanning: URIs relative to the workspace.
    expect(sarif.version).toBe('2.1.0');
    expect(results.find((r) => r.ruleId === 'CMG001')!.locations[0]!.physicalLocation.artifactLocation.uri).toBe(
      'exports/p01.yaml',
    );
    // Job summary: a table of findings by rule, with links to the rules and to the lines.
    expect(run.summary).toMatch(/^## cmlint$/m);
    // The topology, as Mermaid, which GitHub renders in job summaries.
    expect(run.summary).toMatch(/^```mermaid\n(flowchart|graph) /m);
    expect(run.summary).toMatch(/^\| Rule \| Severity \| Findings \| Title \|$/m);
    expect(run.summary).toMatch(
      /^\| \[CMG001\]\(https:\/\/learn\.microsoft\.com\/[^)]+\) \| error \| 1 \| The CMG is created at the top-tier site \|$/m,
    );
    expect(run.summary).toContain(
      '[exports/p01.yaml:13:15](https://github.com/contoso/configmgr-design/blob/0123456789abcdef0123456789abcdef01234567/exports/p01.yaml#L13)',
    );
  });

  test("the default paths '.' lint the exports only: package.json, action.yml and the like are skipped and named", () => {
    const run = runAction({ ...NOT_EXPORTS, 'cmlint.config.yaml': config, 'designs/site.yaml': CLEAN_EXPORT }, {});
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/in 1 file; SARIF written/);
    expect(run.stdout).toMatch(/^::notice title=cmlint%3A files skipped::5 files skipped: not cmlint exports/m);
    expect(run.summary).toContain('5 files skipped: not cmlint exports');
    for (const name of Object.keys(NOT_EXPORTS)) expect(run.summary).toContain(markdownCell(name));
    const sarif = JSON.parse(readFileSync(join(run.workspace, 'cmlint.sarif'), 'utf8'));
    expect(sarif.runs[0].artifacts.map((a: { location: { uri: string } }) => a.location.uri)).toEqual([
      'designs/site.yaml',
    ]);
    const skippedNote = sarif.runs[0].invocations[0].toolExecutionNotifications.find(
      (n: { descriptor?: { id: string } }) => n.descriptor?.id === 'skipped-not-exports',
    );
    expect(skippedNote.locations).toHaveLength(5);
  });

  test('fail-on never: the same findings, exit 0; fail-on warning fails on warnings alone', () => {
    const files = {
      'cmlint.config.yaml': `${config}rules:\n  CMG001: warning\n  SITE003: warning\n`,
      'site.yaml': BROKEN_EXPORT,
    };
    const never = runAction(files, { 'fail-on': 'never' });
    expect(never.code, never.stdout).toBe(0);
    expect(Number(never.outputs['warning-count'])).toBeGreaterThan(0);
    expect(runAction(files, { 'fail-on': 'error' }).code).toBe(0);
    expect(runAction(files, { 'fail-on': 'warning' }).code).toBe(1);
  });

  test('a clean workspace: exit 0, zero counts, a summary saying so, SARIF with no results', () => {
    const run = runAction(
      { 'cmlint.config.yaml': `${config}rules:\n  SITE009: off\n`, 'site.yaml': CLEAN_EXPORT },
      { 'sarif-file': 'reports/cmlint.sarif' },
    );
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({
      'error-count': '0',
      'warning-count': '0',
      'sarif-file': join(run.workspace, 'reports', 'cmlint.sarif'),
    });
    expect(JSON.parse(readFileSync(join(run.workspace, 'reports', 'cmlint.sarif'), 'utf8')).runs[0].results).toEqual(
      [],
    );
    expect(run.summary).toMatch(/:white_check_mark: 0 errors, 0 warnings, \d+ notes? in 1 file/);
    expect(run.stdout).not.toMatch(/^::error/m);
  });

  test('bad input or a broken config: one ::error:: line and exit 1, no stack trace', () => {
    const bad = runAction({ 'site.yaml': CLEAN_EXPORT }, { 'fail-on': 'sometimes' });
    expect(bad.code).toBe(1);
    expect(bad.stdout.trim()).toBe('::error::input fail-on must be error, warning, note or never, not "sometimes"');
    const broken = runAction({ 'cmlint.config.yaml': 'rules:\n  CMG001: loud\n', 'site.yaml': CLEAN_EXPORT }, {});
    expect(broken.code).toBe(1);
    expect(broken.stdout.trim()).toBe(
      '::error::cmlint.config.yaml:2: rules.CMG001: must be one of off, on, error, warning, note, not "loud"',
    );
    const missing = runAction({ 'site.yaml': CLEAN_EXPORT }, { paths: 'nope/' });
    expect(missing.code).toBe(1);
    expect(missing.stdout).toMatch(/^::error title=cmlint::nope\/: no such file or directory$/m);
  });

  test('suppressed findings stay in the SARIF with their justification and are not counted', () => {
    const run = runAction(
      {
        'cmlint.config.yaml': `${config}rules:\n  SITE003: off\n`,
        'site.yaml': BROKEN_EXPORT.replace(
          '    SiteCode: P01\n',
          '    # cmlint-disable-next-line CMG001 -- moves in June\n    SiteCode: P01\n',
        ),
      },
      {},
    );
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs['error-count']).toBe('0');
    const sarif = JSON.parse(readFileSync(run.outputs['sarif-file']!, 'utf8'));
    expect(sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'CMG001').suppressions).toEqual([
      { kind: 'inSource', justification: 'moves in June' },
    ]);
    expect(run.summary).toMatch(/\(1 suppressed\)/);
  });
});

describe('inputs the CLI grades with', () => {
  const warningsOnly = { 'site.yaml': CLEAN_EXPORT }; // SITE009 (2403 out of support at AS_OF) is a warning

  test('rules re-grades or turns off rules over the config file; a malformed one fails the step', () => {
    const config = { 'cmlint.config.yaml': 'rules:\n  SITE009: note\n' };
    const graded = runAction({ ...warningsOnly, ...config }, { 'as-of': AS_OF, rules: 'SITE009=error\nCML006=off' });
    expect(graded.code, graded.stdout).toBe(1);
    expect(graded.outputs['error-count']).toBe('1');
    expect(
      runAction({ ...warningsOnly, ...config }, { 'as-of': AS_OF, rules: 'SITE009=off CML006=off' }).outputs[
        'note-count'
      ],
    ).toBe('0');
    const bad = runAction(warningsOnly, { rules: 'SITE009=loud' });
    expect(bad.code).toBe(1);
    expect(bad.stdout.trim()).toBe(
      '::error::input rules takes ID=error, ID=warning, ID=note or ID=off, not "SITE009=loud"',
    );
  });

  test('as-of sets the run date; fail-on note fails on notes; max-warnings fails over the limit and says so', () => {
    expect(runAction(warningsOnly, { 'as-of': '2025-01-01' }).outputs['warning-count']).toBe('0');
    // The contoso example has one note (SCALE002) and, at AS_OF, no warning.
    const example = { 'site.yaml': readFileSync(join(ROOT, 'examples', 'contoso.yaml'), 'utf8') };
    const notes = runAction(example, { 'as-of': AS_OF, 'fail-on': 'note' });
    expect(notes.outputs).toMatchObject({ 'error-count': '0', 'warning-count': '0', 'note-count': '1' });
    expect(notes.code).toBe(1);
    expect(runAction(example, { 'as-of': AS_OF, 'fail-on': 'warning' }).code).toBe(0);
    expect(runAction(warningsOnly, { 'as-of': AS_OF, 'max-warnings': '1' }).code).toBe(0);
    const over = runAction(warningsOnly, { 'as-of': AS_OF, 'max-warnings': '0' });
    expect(over.code).toBe(1);
    expect(over.stdout).toMatch(/^::error::cmlint found 1 warning, more than max-warnings 0$/m);
  });

  test('baseline: findings recorded in it are not reported, counted or failed on', () => {
    const dir = writeTree(tempDir('action-baseline'), { 'site.yaml': BROKEN_EXPORT });
    const written = spawnSync(
      process.execPath,
      [
        join(ROOT, 'bin', 'cmlint.js'),
        'lint',
        'site.yaml',
        '--no-config',
        '--as-of',
        AS_OF,
        '--write-baseline',
        'cmlint-baseline.json',
      ],
      { cwd: dir, encoding: 'utf8' },
    );
    expect(written.status, written.stderr).toBe(0);
    const files = {
      'site.yaml': BROKEN_EXPORT,
      'cmlint-baseline.json': readFileSync(join(dir, 'cmlint-baseline.json'), 'utf8'),
    };
    expect(runAction(files, { 'as-of': AS_OF, paths: 'site.yaml' }).code).toBe(1);
    const run = runAction(files, { 'as-of': AS_OF, paths: 'site.yaml', baseline: 'cmlint-baseline.json' });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ 'error-count': '0', 'warning-count': '0' });
    expect(run.stdout).toMatch(/findings? in the baseline not reported/);
    expect(runAction(files, { baseline: 'missing.json' }).code).toBe(1);
  });
});

describe('the job summary stays within what GitHub and Mermaid take', () => {
  const linter = createLinter({ asOf: AS_OF });
  const contoso = readFileSync(join(ROOT, 'examples', 'contoso.yaml'));
  const counts = (results: FileResult[]) => {
    const c = { error: 0, warning: 0, note: 0, suppressed: 0 };
    for (const r of results) for (const f of r.findings) c[f.severity]++;
    return c;
  };

  test('one picture while the design is under 50,000 characters of Mermaid', () => {
    const results = [linter.lintSource(decodeSource('contoso.yaml', contoso))];
    const summary = jobSummary(results, linter.rules, counts(results), {});
    expect(summary.match(/```mermaid/g)).toHaveLength(1);
    expect(summary).toContain('<details><summary>Topology</summary>');
  });

  test('beyond it, one picture per export up to the cap, then a table and a note', () => {
    const results = Array.from({ length: MAX_PICTURES + 15 }, (_, i) =>
      linter.lintSource(decodeSource(`exports/site-${i}.yaml`, contoso)),
    );
    const summary = jobSummary(results, linter.rules, counts(results), {});
    const pictures = [...summary.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(pictures).toHaveLength(MAX_PICTURES);
    for (const picture of pictures) expect(picture.length).toBeLessThanOrEqual(MERMAID_MAX_TEXT);
    expect(summary).toContain('<details><summary>Topology of exports/site-0.yaml</summary>');
    expect(summary).toMatch(
      /The topology of 15 exports is not drawn here: Mermaid, .* takes at most 50,000 characters/,
    );
    expect(summary).toMatch(/^\| exports\/site-24\.yaml \| over the 10 pictures a summary shows \|$/m);
  });

  test("a hierarchy of 400 primary sites is drawn as one grouped picture, within Mermaid's limit", () => {
    const sites = [
      'schemaVersion: 1',
      'hierarchy:',
      '  sites:',
      '    - SiteCode: CAS',
      '      SiteType: CentralAdministration',
      '      Version: 2403',
    ];
    for (let i = 0; i < 400; i++)
      sites.push(
        `    - SiteCode: P${i.toString(36).toUpperCase().padStart(2, '0')}`,
        '      SiteType: Primary',
        '      ParentSiteCode: CAS',
        '      Version: 2403',
        `      SiteName: Site number ${i}`,
      );
    const results = [
      linter.lintSource(decodeSource('big.yaml', Buffer.from(`${sites.join('\n')}\n`))),
      linter.lintSource(decodeSource('contoso.yaml', contoso)),
    ];
    const summary = jobSummary(results, linter.rules, counts(results), {});
    expect(summary.match(/```mermaid/g)).toHaveLength(1);
    expect(summary).toContain('400 sites under CAS');
  });

  test('an export too large for Mermaid on its own is listed with its size, not drawn', () => {
    const results = [
      linter.lintSource(decodeSource('big.yaml', Buffer.from(BROKEN_EXPORT))),
      linter.lintSource(decodeSource('contoso.yaml', contoso)),
    ];
    // A writer that makes big.yaml's picture longer than Mermaid takes, as an ungrouped design could be.
    const render = (files: FileResult[]) =>
      files.some((f) => f.path === 'big.yaml') ? 'x'.repeat(MERMAID_MAX_TEXT + 1) : 'flowchart LR\n  a\n';
    const section = topologySection(results, render).join('\n');
    expect(section.match(/```mermaid/g)).toHaveLength(1);
    expect(section).toMatch(/^\| big\.yaml \| [\d,]+ characters of Mermaid, over its 50,000 \|$/m);
  });

  test('the whole summary stays under 1 MiB, however long the messages', () => {
    const base = linter.lintSource(decodeSource('site.yaml', Buffer.from(BROKEN_EXPORT)));
    const finding = base.findings.find((f) => f.severity === 'error')!;
    const findings = Array.from({ length: 200 }, (_, i) => ({ ...finding, message: `${i} ${'x'.repeat(100_000)}` }));
    const results = [{ ...base, findings }];
    const summary = jobSummary(results, linter.rules, counts(results), {});
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(1024 * 1024);
    expect(summary).toMatch(/…and \d+ more; the SARIF file and the annotations have them all\.\n$/);
  });
});
