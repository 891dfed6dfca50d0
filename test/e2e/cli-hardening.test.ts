/**
 * The command line with hostile rule files, config files and names, run through the built CLI:
 *
 * - everything that reaches a terminal (errors, `rules`, `explain`, commander's usage errors) is escaped;
 * - rule and config files are parsed with the export's defences (no tag acted on, merge keys refused, bounded aliases
 *   and nesting);
 * - `rules` and `explain` load the custom rule folders `lint` would (config file and --rules);
 * - a report written into the folder being linted is not linted, on this run or a later one;
 * - a reader that closes the pipe early gets no stack trace, whatever the command.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { CLI, runCli } from '../support/cli.js';
import { AS_OF, BROKEN_EXPORT, CLEAN_EXPORT, tempDir, writeTree } from '../support/workspace.js';

/** Characters no terminal line from cmlint may carry raw (tab and line feed are layout). */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;
const STACK_TRACE = /^\s+at .+[:(]|node:internal|Error: .*\n\s+at /m;

/** A custom rule whose every text tries to drive the terminal: ESC sequences, C1 CSI, bidi overrides, a newline. */
const HOSTILE_TITLE = 'Evil \u001b[2J\u001b]0;pwned\u0007 \u009b31m \u202egnp.exe\u202c \u2066x\u2069 \u200e\u200f';
function hostileRule(id: string, title = HOSTILE_TITLE): string {
  return [
    `id: ${id}`,
    `title: ${JSON.stringify(title)}`,
    'severity: warning',
    'sources:',
    '  - title: "Docs \\u202e"',
    '    url: https://example.com/rules',
    `description: ${JSON.stringify(`Line one\u001b[31m\nline two \u202e`)}`,
    'rationale: Because.',
    'fix: Fix it.',
    'check:',
    '  cases:',
    '    - forEach: sites',
    '      assert: "true"',
    '      message: never',
    '',
  ].join('\n');
}

describe('nothing reaches the terminal raw', () => {
  const dir = writeTree(tempDir('escape'), {
    'custom/ACME001.yaml': hostileRule('ACME001'),
    'site.yaml': CLEAN_EXPORT,
  });

  test("`rules` shows a custom rule's title escaped", () => {
    const run = runCli(['rules', '--no-config', '--rules', 'custom'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    const line = run.stdout.split('\n').find((l) => l.startsWith('ACME001'));
    expect(line).toBe(
      'ACME001    warning  Evil \\e[2J\\e]0;pwned\\x07 \\x9b31m \\u202egnp.exe\\u202c \\u2066x\\u2069 \\u200e\\u200f',
    );
    expect(run.stdout).not.toMatch(RAW_CONTROL);
  });

  test('`rules --format json` is valid JSON with every invisible character written as an escape', () => {
    const run = runCli(['rules', '--no-config', '--rules', 'custom', '--format', 'json'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(RAW_CONTROL);
    const acme = (JSON.parse(run.stdout) as { id: string; title: string }[]).find((r) => r.id === 'ACME001');
    expect(acme?.title).toBe(HOSTILE_TITLE);
  });

  test("`explain` shows a custom rule's documentation escaped, its lines still lines", () => {
    const run = runCli(['explain', '--no-config', '--rules', 'custom', 'ACME001'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).not.toMatch(RAW_CONTROL);
    expect(run.stdout).toContain('# ACME001: Evil \\e[2J');
    expect(run.stdout).toContain('Line one\\e[31m line two \\u202e');
  });

  test('error lines name a path, a rule id or a value escaped, on one line', () => {
    const cases: [string[], RegExp][] = [
      [
        ['rules', '--no-config', '--rules', 'no-\u001b[2J\n-folder'],
        /^cmlint: no-\\e\[2J\\n-folder: rule folder not found or not a directory$/,
      ],
      [
        ['explain', '--no-config', 'NOPE\u202e001\u009b'],
        /^cmlint: no rule "NOPE\\u202e001\\x9b"; `cmlint rules` lists them$/,
      ],
      [
        ['lint', '--no-config', '--max-warnings', 'x\u001b[31m'],
        /^cmlint: --max-warnings must be a whole number of at least 0, not "x\\e\[31m"$/,
      ],
      [
        ['lint', '--no-config', '--baseline', 'gone-\u001b[2J.json', 'site.yaml'],
        /^cmlint: gone-\\e\[2J\.json: cannot read baseline/,
      ],
      [['lint', '--bogus-\u001b[31m'], /^error: unknown option '--bogus-\\e\[31m'$/],
    ];
    for (const [args, expected] of cases) {
      const run = runCli(args, { cwd: dir });
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).not.toMatch(RAW_CONTROL);
      expect(run.stderr.trimEnd().split('\n'), args.join(' ')).toHaveLength(1);
      expect(run.stderr.trimEnd(), args.join(' ')).toMatch(expected);
    }
  });

  test('a rule file whose name or content is broken is named escaped', () => {
    const broken = writeTree(tempDir('escape-broken'), { 'custom/BAD\u001b[2J001.yaml': 'id: [\n' });
    const run = runCli(['rules', '--no-config', '--rules', 'custom'], { cwd: broken });
    expect(run.code).toBe(2);
    expect(run.stderr).not.toMatch(RAW_CONTROL);
    expect(run.stderr).toMatch(/^cmlint: custom\/BAD\\e\[2J001\.yaml:\d+: cannot parse rule file: /);
  });

  test("SARIF and GitHub annotations show a custom rule's texts and a finding's message escaped", () => {
    const project = writeTree(tempDir('escape-sarif'), {
      'custom/ACME002.yaml': hostileRule('ACME002')
        .replace('assert: "true"', 'report: true')
        .replace('message: never', `message: ${JSON.stringify('Site {{ it.SiteCode }} \u202eevil\u009b')}`),
      'site.yaml': CLEAN_EXPORT,
    });
    const sarifRun = runCli(
      ['lint', '--no-config', '--rules', 'custom', '--as-of', AS_OF, '--format', 'sarif', 'site.yaml'],
      { cwd: project },
    );
    expect(sarifRun.stdout).not.toMatch(RAW_CONTROL);
    const sarif = JSON.parse(sarifRun.stdout);
    const result = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'ACME002');
    expect(result.message.text).toBe('Site P01 \\u202eevil\\x9b.');
    const rule = sarif.runs[0].tool.driver.rules.find((r: { id: string }) => r.id === 'ACME002');
    for (const text of [rule.shortDescription.text, rule.fullDescription.text, rule.help.text, rule.help.markdown])
      expect(text).not.toMatch(RAW_CONTROL);
    expect(rule.shortDescription.text).toContain('\\u202egnp.exe');
    const github = runCli(
      ['lint', '--no-config', '--rules', 'custom', '--as-of', AS_OF, '--format', 'github', 'site.yaml'],
      { cwd: project },
    );
    expect(github.stdout).not.toMatch(RAW_CONTROL);
    expect(github.stdout).toContain('Site P01 \\u202eevil\\x9b (ACME002)');
  });
});

describe("rule and config files are parsed with the export's defences", () => {
  const rule = (extra: string) => hostileRule('ACME003', 'A rule').replace('rationale: Because.', extra);
  const ruleCases: [string, string, RegExp][] = [
    [
      'a !!js/function tag',
      'rationale: !!js/function "function () { return 1 }"',
      /ACME003\.yaml:8: cannot parse rule file: Unresolved tag: tag:yaml\.org,2002:js\/function/,
    ],
    ['a custom tag', 'rationale: !custom because', /ACME003\.yaml:8: cannot parse rule file: Unresolved tag: !custom/],
    [
      '!!binary under %YAML 1.1',
      'rationale: !!binary aGk=',
      /ACME003\.yaml:\d+: cannot parse rule file: Unresolved tag: tag:yaml\.org,2002:binary/,
    ],
    [
      'a merge key',
      'base: &b {x: 1}\nrationale: Because.\nextra:\n  <<: *b',
      /ACME003\.yaml:11: cannot parse rule file: Merge key \(<<\)/,
    ],
    [
      'aliases expanding 9^9 times',
      'a: &a [x,x,x,x,x,x,x,x,x]\n' +
        'bcdefghi'
          .split('')
          .map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`)
          .join('\n') +
        '\nrationale: Because.',
      /ACME003\.yaml:\d+: cannot parse rule file: Aliases expand to more than 1000 nodes/,
    ],
    [
      'nesting 100,000 deep',
      'rationale: ' + '['.repeat(100_000) + ']'.repeat(100_000),
      /ACME003\.yaml:8: cannot parse rule file: Nesting deeper than 256 levels/,
    ],
    [
      'a duplicate key',
      'rationale: Because.\nrationale: Again.',
      /ACME003\.yaml:9: cannot parse rule file: Duplicate key/,
    ],
  ];
  for (const [name, extra, expected] of ruleCases) {
    test(`a custom rule file with ${name} is refused, naming the line`, () => {
      const text = name.includes('%YAML') ? `%YAML 1.1\n---\n${rule(extra)}` : rule(extra);
      const dir = writeTree(tempDir('rule-yaml'), { 'custom/ACME003.yaml': text, 'site.yaml': CLEAN_EXPORT });
      const run = runCli(['lint', '--no-config', '--rules', 'custom', 'site.yaml'], { cwd: dir });
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(run.stderr.trimEnd()).toMatch(expected);
      expect(run.stderr).not.toMatch(STACK_TRACE);
    });
  }

  const configCases: [string, string, RegExp][] = [
    [
      'a tag',
      'asOf: !!js/function "x"\n',
      /^cmlint: cmlint\.config\.yaml:1: cannot parse YAML: Unresolved tag: tag:yaml\.org,2002:js\/function/,
    ],
    [
      'a merge key',
      'base: &b\n  CMG001: off\nrules:\n  <<: *b\n',
      /^cmlint: cmlint\.config\.yaml:4: cannot parse YAML: Merge key \(<<\)/,
    ],
    [
      '!!timestamp under %YAML 1.1',
      '%YAML 1.1\n---\nasOf: !!timestamp 2026-01-01\n',
      /^cmlint: cmlint\.config\.yaml:3: cannot parse YAML: Unresolved tag: tag:yaml\.org,2002:timestamp/,
    ],
    [
      'nesting 100,000 deep',
      'ignore: ' + '['.repeat(100_000) + ']'.repeat(100_000) + '\n',
      /^cmlint: cmlint\.config\.yaml:1: cannot parse YAML: Nesting deeper than 256 levels/,
    ],
  ];
  for (const [name, text, expected] of configCases) {
    test(`a config file with ${name} is refused, naming the line`, () => {
      const dir = writeTree(tempDir('config-yaml'), { 'cmlint.config.yaml': text, 'site.yaml': CLEAN_EXPORT });
      const run = runCli(['lint', 'site.yaml'], { cwd: dir });
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(run.stderr.trimEnd()).toMatch(expected);
    });
  }

  test('a JSON config with a duplicate key is refused (JSON.parse would keep the last silently)', () => {
    const dir = writeTree(tempDir('config-json'), {
      'cmlint.config.json': '{\n  "asOf": "2026-01-01",\n  "asOf": "2026-02-01"\n}\n',
      'site.yaml': CLEAN_EXPORT,
    });
    const run = runCli(['lint', 'site.yaml'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr.trimEnd()).toMatch(/^cmlint: cmlint\.config\.json:3: cannot parse JSON: Duplicate key "asOf"/);
  });
});

describe('`rules` and `explain` load the rules `lint` would', () => {
  const dir = writeTree(tempDir('registry'), {
    'cmlint.config.yaml': 'customRuleFolders: [team-rules]\n',
    'team-rules/TEAM001.yaml': hostileRule('TEAM001', 'A team rule'),
    'more/MORE001.yaml': hostileRule('MORE001', 'Another rule'),
    'elsewhere.yaml': 'customRuleFolders: [more]\n',
  });
  const ids = (args: string[]) => {
    const run = runCli(['rules', '--format', 'json', ...args], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    return (JSON.parse(run.stdout) as { id: string }[]).map((r) => r.id).filter((id) => /^(TEAM|MORE)/.test(id));
  };

  test('the config file found from the working folder, then --rules', () => {
    expect(ids([])).toEqual(['TEAM001']);
    expect(ids(['--rules', 'more'])).toEqual(['TEAM001', 'MORE001']);
    expect(ids(['--no-config'])).toEqual([]);
    expect(ids(['--config', 'elsewhere.yaml'])).toEqual(['MORE001']);
    expect(runCli(['rules'], { cwd: join(dir, 'team-rules') }).stdout).toMatch(/^TEAM001 +warning +A team rule$/m);
  });

  test("explain finds a rule from the config's folders", () => {
    const run = runCli(['explain', 'TEAM001'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^# TEAM001: A team rule$/m);
    expect(runCli(['explain', '--no-config', 'TEAM001'], { cwd: dir }).code).toBe(2);
  });

  test('a broken config file is the same one-line error as for lint', () => {
    const broken = writeTree(tempDir('registry-broken'), { 'cmlint.config.yaml': 'customRuleFolders: [missing]\n' });
    const run = runCli(['rules'], { cwd: broken });
    expect(run.code).toBe(2);
    expect(run.stderr.trimEnd()).toMatch(/^cmlint: .*missing: rule folder not found or not a directory$/);
  });
});

describe('reports written into the folder being linted are not linted', () => {
  const findingsOf = (stdout: string) => JSON.parse(stdout).files.map((f: { path: string }) => f.path);

  test('--output: not on this run, nor on the next run with the same command', () => {
    const dir = writeTree(tempDir('own-output'), { 'site.yaml': BROKEN_EXPORT, 'nested/other.yaml': CLEAN_EXPORT });
    for (let run = 0; run < 2; run++) {
      const result = runCli(
        ['lint', '.', '--no-config', '--as-of', AS_OF, '--format', 'json', '--output', './report.json'],
        { cwd: dir },
      );
      expect(result.code, result.stderr).toBe(1);
      expect(findingsOf(readFileSync(join(dir, 'report.json'), 'utf8'))).toEqual(['nested/other.yaml', 'site.yaml']);
    }
  });

  test('a JSON report, a SARIF log or a baseline left by an earlier run is not an export', () => {
    const dir = writeTree(tempDir('old-output'), { 'site.yaml': BROKEN_EXPORT });
    mkdirSync(join(dir, 'out'));
    expect(
      runCli(['lint', '.', '--no-config', '--as-of', AS_OF, '--format', 'sarif', '--output', 'out/cmlint.sarif.json'], {
        cwd: dir,
      }).code,
    ).toBe(1);
    expect(
      runCli(['lint', '.', '--no-config', '--as-of', AS_OF, '--format', 'json', '--output', 'out/report.json'], {
        cwd: dir,
      }).code,
    ).toBe(1);
    expect(
      runCli(['lint', '.', '--no-config', '--as-of', AS_OF, '--write-baseline', 'out/baseline.json'], { cwd: dir })
        .code,
    ).toBe(0);
    expect(
      ['out/cmlint.sarif.json', 'out/report.json', 'out/baseline.json'].every((f) => existsSync(join(dir, f))),
    ).toBe(true);
    const later = runCli(['lint', '.', '--no-config', '--as-of', AS_OF, '--format', 'json'], { cwd: dir });
    expect(findingsOf(later.stdout)).toEqual(['site.yaml']);
    const glob = runCli(['lint', 'out/*.json', 'site.yaml', '--no-config', '--as-of', AS_OF, '--format', 'json'], {
      cwd: dir,
    });
    expect(findingsOf(glob.stdout)).toEqual(['site.yaml']);
    // Named on the command line, a file is linted whatever it holds (and a report is no export).
    const named = runCli(['lint', 'out/report.json', '--no-config', '--format', 'json'], { cwd: dir });
    expect(findingsOf(named.stdout)).toEqual(['out/report.json']);
    expect(named.code).toBe(1);
  });

  test('a JSON export is still linted when found in a folder', () => {
    const dir = writeTree(tempDir('json-export'), {
      'site.json': JSON.stringify({ $schema: '../schemas/export.schema.json', schemaVersion: 1, tool: 'cmlint' }),
    });
    const run = runCli(['lint', '.', '--no-config', '--format', 'json'], { cwd: dir });
    expect(findingsOf(run.stdout)).toEqual(['site.json']);
  });
});

describe('a reader that closes the pipe early', () => {
  /** Runs the CLI with its stdout closed before it writes anything; resolves with its exit code and stderr. */
  function withClosedStdout(args: string[], cwd: string): Promise<{ code: number | null; stderr: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [CLI, ...args], {
        cwd,
        env: { ...process.env, NO_COLOR: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout.destroy();
      const err: Buffer[] = [];
      child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stderr: Buffer.concat(err).toString('utf8') }));
    });
  }

  const dir = writeTree(tempDir('epipe'), { 'site.yaml': BROKEN_EXPORT, 'clean.yaml': CLEAN_EXPORT });
  const cases: [string[], number][] = [
    [['rules'], 0],
    [['rules', '--format', 'json'], 0],
    [['explain', 'CMG001'], 0],
    [['--help'], 0],
    [['--version'], 0],
    [['lint', '--no-config', '--as-of', AS_OF, 'site.yaml'], 1],
    [['lint', '--no-config', '--as-of', AS_OF, '--format', 'sarif', 'site.yaml'], 1],
    [['lint', '--no-config', '--as-of', AS_OF, 'clean.yaml'], 0],
  ];
  for (const [args, code] of cases) {
    test(`cmlint ${args.join(' ')}: exit ${code}, nothing on stderr`, async () => {
      const run = await withClosedStdout(args, dir);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(code);
    });
  }

  test.skipIf(!existsSync('/dev/full'))(
    'a write that fails for another reason (a full disk) is one line and exit 2',
    () => {
      const full = openSync('/dev/full', 'w');
      try {
        const run = spawnSync(process.execPath, [CLI, 'rules'], {
          cwd: dir,
          stdio: ['ignore', full, 'pipe'],
          encoding: 'utf8',
        });
        expect(run.stderr.trimEnd()).toMatch(/^cmlint: cannot write output: .*ENOSPC/);
        expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
        expect(run.status).toBe(2);
      } finally {
        closeSync(full);
      }
    },
  );
});
