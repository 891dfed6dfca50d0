/**
 * The command-line habits users bring from ESLint, Spectral and cfn-lint: --color/--no-color, --rule ID=severity,
 * --fail-on, --max-warnings saying why it failed, --quiet the same in every format, --format compact with its problem
 * matcher, rule documentation links in the text report, a mistyped command named as one, and `cmlint schema --path`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ROOT, runCli } from '../support/cli.js';
import { AS_OF, BROKEN_EXPORT, CLEAN_EXPORT, tempDir, writeTree } from '../support/workspace.js';

// warnings.yaml: one warning at AS_OF (SITE009, 2403 out of support). broken.yaml: errors and that warning too.
const files: Record<string, string> = { 'warnings.yaml': CLEAN_EXPORT, 'broken.yaml': BROKEN_EXPORT };
for (let i = 0; i < 12; i++) files[`many/site-${i}.yaml`] = CLEAN_EXPORT;
const dir = writeTree(tempDir('cli-habits'), files);
const example = join(ROOT, 'examples', 'contoso.yaml');

function lint(args: string[], env: Record<string, string | undefined> = {}) {
  return runCli(['lint', '--no-config', '--as-of', AS_OF, ...args], { cwd: dir, env });
}

const ESC = '\u001b[';

describe('colour', () => {
  test('--color colours a report that is not written to a terminal, over NO_COLOR', () => {
    expect(lint(['broken.yaml']).stdout).not.toContain(ESC);
    expect(lint(['broken.yaml', '--color'], { NO_COLOR: '1' }).stdout).toContain(ESC);
  });

  test('--no-color wins over FORCE_COLOR', () => {
    expect(lint(['broken.yaml'], { NO_COLOR: undefined, FORCE_COLOR: '1' }).stdout).toContain(ESC);
    expect(lint(['broken.yaml', '--no-color'], { NO_COLOR: undefined, FORCE_COLOR: '1' }).stdout).not.toContain(ESC);
  });
});

describe('--rule ID=severity', () => {
  test('turns a rule off or re-grades it, over the config file, and can be repeated', () => {
    const off = lint(['warnings.yaml', '--rule', 'SITE009=off', '--format', 'json']);
    expect(off.code).toBe(0);
    expect(JSON.parse(off.stdout).files[0].findings).toEqual([]);
    const graded = lint(['warnings.yaml', '--rule', 'SITE009=error', '--format', 'compact']);
    expect(graded.code).toBe(1);
    expect(graded.stdout).toMatch(/^warnings\.yaml:6:16: error .*\[SITE009\]$/m);
    const config = writeTree(tempDir('cli-habits-config'), {
      'cmlint.config.yaml': 'rules:\n  SITE009: off\n',
      'site.yaml': CLEAN_EXPORT,
    });
    const over = runCli(
      ['lint', 'site.yaml', '--as-of', AS_OF, '--format', 'compact', '--rule', 'SITE009=note', '--rule', 'CML006=off'],
      { cwd: config },
    );
    expect(over.stdout).toMatch(/: note .*\[SITE009\]$/m);
  });

  test('reaches the worker threads of a run with --jobs', () => {
    const run = lint(['many', '--jobs', '2', '--rule', 'SITE009=error', '--format', 'compact']);
    expect(run.stdout.trim().split('\n')).toHaveLength(12);
    expect(run.stdout).not.toMatch(/ warning /);
  });

  test('a malformed option or an unknown rule id is a usage error that names it', () => {
    const malformed = lint(['warnings.yaml', '--rule', 'SITE009']);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toBe('cmlint: --rule takes ID=error, ID=warning, ID=note or ID=off, not "SITE009"\n');
    const unknown = lint(['warnings.yaml', '--rule', 'SITE09=off']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--rule SITE09: no rule SITE09 (did you mean SITE009?)');
  });
});

describe('--fail-on and --max-warnings', () => {
  test('--fail-on error (the default) passes warnings; warning fails on them; note on notes too', () => {
    expect(lint(['warnings.yaml']).code).toBe(0);
    const warning = lint(['warnings.yaml', '--fail-on', 'warning']);
    expect(warning.code).toBe(1);
    expect(warning.stderr).toBe('cmlint: 1 finding at warning or worse (--fail-on warning)\n');
    expect(lint([example, '--rule', 'SITE009=off', '--fail-on', 'warning']).code).toBe(0);
    expect(lint([example, '--rule', 'SITE009=off', '--fail-on', 'note']).code).toBe(1);
    const wrong = lint(['warnings.yaml', '--fail-on', 'never']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("argument 'never' is invalid");
  });

  test('--max-warnings says why the run failed', () => {
    const result = lint(['warnings.yaml', 'many/site-0.yaml', '--max-warnings', '1']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('cmlint: 2 warnings, more than --max-warnings 1\n');
    const config = writeTree(tempDir('cli-habits-max'), {
      'cmlint.config.yaml': 'maxWarnings: 0\n',
      'site.yaml': CLEAN_EXPORT,
    });
    const fromConfig = runCli(['lint', 'site.yaml', '--as-of', AS_OF], { cwd: config });
    expect(fromConfig.code).toBe(1);
    expect(fromConfig.stderr).toBe('cmlint: 1 warning, more than maxWarnings in cmlint.config.yaml 0\n');
  });
});

describe('--quiet', () => {
  test('leaves warnings and notes out of every format, and still counts them for the exit code', () => {
    const json = JSON.parse(lint(['broken.yaml', example, '--quiet', '--format', 'json']).stdout);
    const severities = json.files.flatMap((f: any) => f.findings.map((x: any) => x.severity));
    expect(severities.length).toBeGreaterThan(0);
    expect(new Set(severities)).toEqual(new Set(['error']));
    const sarif = JSON.parse(lint(['broken.yaml', example, '--quiet', '--format', 'sarif']).stdout);
    expect(new Set(sarif.runs[0].results.map((r: any) => r.level))).toEqual(new Set(['error']));
    for (const format of ['text', 'compact', 'github', 'junit', 'html']) {
      const out = lint(['broken.yaml', example, '--quiet', '--format', format]).stdout;
      // The warning's and the note's messages (rule ids alone also name passed testcases in JUnit).
      expect(out, format).not.toMatch(/runs Configuration Manager 2403|counted internet clients/);
      expect(out, format).toMatch(/CMG001/);
    }
    expect(lint(['warnings.yaml', '--quiet', '--max-warnings', '0']).code).toBe(1);
  });

  test('the help says what it changes', () => {
    expect(runCli(['lint', '--help']).stdout).toMatch(
      /--quiet +leave warnings and notes out of the report, in every\s+format/,
    );
  });
});

describe('--format compact', () => {
  test('prints file:line:col: severity message [RULE], which the documented problem matcher parses', () => {
    const result = lint(['broken.yaml', example]);
    const compact = lint(['broken.yaml', example, '--format', 'compact']).stdout.trim().split('\n');
    expect(compact.length).toBeGreaterThan(2);
    const matchers = JSON.parse(
      readFileSync(join(ROOT, '.github', 'cmlint-problem-matcher.json'), 'utf8'),
    ).problemMatcher;
    const patterns = matchers.map((m: any) => ({
      re: new RegExp(m.pattern[0].regexp),
      pattern: m.pattern[0],
      severity: m.severity,
    }));
    for (const line of compact) {
      const hits = patterns.filter((p: any) => p.re.test(line));
      expect(hits, line).toHaveLength(1);
      const { re, pattern, severity } = hits[0];
      const m = re.exec(line);
      const parsed = {
        file: m[pattern.file],
        line: Number(m[pattern.line]),
        column: Number(m[pattern.column]),
        severity: pattern.severity ? m[pattern.severity] : severity,
        code: m[pattern.code],
      };
      expect(existsSync(join(dir, parsed.file)) || existsSync(parsed.file), parsed.file).toBe(true);
      expect(parsed.line).toBeGreaterThan(0);
      expect(['error', 'warning', 'notice']).toContain(parsed.severity);
      expect(parsed.code).toMatch(/^[A-Z]+\d{3}$/);
      // The same finding is in the text report at the same place.
      expect(result.stdout).toMatch(new RegExp(`\\b${parsed.line}:${parsed.column} .*${parsed.code}`));
    }
    expect(
      compact.filter((line) =>
        /^broken\.yaml:13:15: error CMG cmg\.contoso\.com is at site P01.*\[CMG001\]$/.test(line),
      ),
    ).toHaveLength(1);
    expect(readFileSync(join(ROOT, 'docs', 'problem-matcher.md'), 'utf8')).toContain('::add-matcher::');
  });

  test('a value with a line break stays on one line', () => {
    const hostile = writeTree(tempDir('cli-habits-hostile'), {
      'site.yaml': BROKEN_EXPORT.replace(
        'ServiceName: cmg.contoso.com',
        'ServiceName: "cmg\\nx.yaml:1:1: error forged [CMG001]"',
      ),
    });
    const lines = runCli(['lint', '--no-config', 'site.yaml', '--format', 'compact'], { cwd: hostile })
      .stdout.trim()
      .split('\n');
    expect(lines.filter((line) => line.startsWith('x.yaml'))).toEqual([]);
  });
});

describe('the text report', () => {
  test('ends with a documentation link for each rule it shows', () => {
    const out = lint(['broken.yaml']).stdout;
    expect(out).toMatch(/Rule documentation[^\n]*\n(?: {2}\S+ +https:\/\/\S+\n)+/);
    expect(out).toMatch(
      /^ {2}CMG001 +https:\/\/learn\.microsoft\.com\/mem\/configmgr\/core\/clients\/manage\/cmg\/plan-cloud-management-gateway#hierarchy-design$/m,
    );
    expect(lint(['warnings.yaml', '--rule', 'SITE009=off']).stdout).not.toContain('Rule documentation');
  });
});

describe('commands', () => {
  test('a mistyped command is named as one, with the command meant', () => {
    const result = runCli(['lnt', 'warnings.yaml'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'cmlint: unknown command lnt, did you mean lint? (to lint a file named lnt, use `cmlint lint ./lnt`)\n',
    );
    expect(runCli(['explian', 'CMG001'], { cwd: dir }).stderr).toContain('did you mean explain?');
    // A path is still a path: lint stays the default command.
    expect(runCli(['--no-config', '--as-of', AS_OF, 'warnings.yaml'], { cwd: dir }).code).toBe(0);
    expect(runCli(['lint', 'lnt'], { cwd: dir }).stderr).toBe('cmlint: lnt: no such file or directory\n');
  });

  test('schema --path prints the installed schema for editors; schema prints it', () => {
    const path = runCli(['schema', '--path']).stdout.trim();
    expect(path).toBe(join(ROOT, 'schemas', 'export.schema.json'));
    expect(runCli(['schema', 'config', '--path']).stdout.trim()).toBe(join(ROOT, 'schemas', 'config.schema.json'));
    expect(JSON.parse(runCli(['schema']).stdout).title).toBe(JSON.parse(readFileSync(path, 'utf8')).title);
    const wrong = runCli(['schema', 'nope']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toBe('cmlint: no schema "nope"; use one of export, config, rule\n');
  });
});
