/** The config file: discovery, validation with one-line errors, what each key does, and `cmlint init`. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, test } from 'vitest';
import { compileGlob } from '../../src/config/glob.js';
import { loadConfig } from '../../src/config/load-config.js';
import { STARTER_CONFIG } from '../../src/cli/init-command.js';
import { ROOT, runCli } from '../support/cli.js';
import { AS_OF, BROKEN_EXPORT, BROKEN_JSON, CLEAN_EXPORT, tempDir, writeTree } from '../support/workspace.js';

function ruleIds(stdout: string): string[] {
  return JSON.parse(stdout).files.flatMap((f: { findings: { ruleId: string }[] }) => f.findings.map((x) => x.ruleId));
}

describe('globs', () => {
  test.each([
    ['*.yaml', 'a.yaml', true],
    ['*.yaml', 'deep/er/a.yaml', true],
    ['*.yaml', 'a.json', false],
    ['archive/', 'archive/old/site.yaml', true],
    ['archive', 'archive/site.yaml', true],
    ['archive/', 'not-archive/site.yaml', false],
    ['exports/*.json', 'exports/a.json', true],
    ['exports/*.json', 'exports/sub/a.json', false],
    ['exports/**/*.json', 'exports/sub/a.json', true],
    ['exports/**/*.json', 'exports/a.json', true],
    ['**/*.draft.{yaml,yml}', 'x/y/site.draft.yml', true],
    ['site-?.yaml', 'site-1.yaml', true],
    ['site-[!0-9].yaml', 'site-1.yaml', false],
    ['site-[!0-9].yaml', 'site-a.yaml', true],
    ['./exports/a.json', 'exports/a.json', true],
    ['/a.yaml', 'sub/a.yaml', false],
    ['a+b(1).yaml', 'a+b(1).yaml', true],
    // A backslash makes the next character literal; paths use / (a backslash in a path is read as /).
    ['site\\*.yaml', 'site*.yaml', true],
    ['site\\*.yaml', 'site1.yaml', false],
    ['\\[draft\\].yaml', '[draft].yaml', true],
    ['\\{a,b\\}.yaml', '{a,b}.yaml', true],
    ['\\{a,b\\}.yaml', 'a.yaml', false],
    ['a\\\\b', 'a\\b', false],
    ['[]x].yaml', '].yaml', true],
    ['exports/*.json', 'exports\\a.json', true],
  ])('%s matches %s: %s', (pattern, path, expected) => {
    expect(compileGlob(pattern).matches(path)).toBe(expected);
  });

  test('matching takes linear time: a pattern that makes a backtracking matcher hang ends at once', () => {
    // Hand-written and picomatch's expressions backtrack over every way of splitting the name: 80 characters took
    // 11 s with picomatch, the former matcher never ended. RE2 reads the path once.
    const hostile = compileGlob('*a*a*a*a*a*a*ab');
    for (const length of [80, 1000, 100_000]) expect(hostile.matches('a'.repeat(length))).toBe(false);
    expect(compileGlob('**/*a*a*a*a*a*a*ab/**').matches(`${'a/'.repeat(2000)}${'a'.repeat(2000)}`)).toBe(false);
  });

  test.each([
    ['exports/[abc', /\[ without a closing \]/],
    ['exports/{a,b', /\{ without a closing \}/],
    ['exports/a}', /\} without an opening \{/],
    ['exports/a\\', /ends with a backslash/],
    ['site-[z-a].yaml', /invalid character class range/],
    ['[]', /\[ without a closing \]/],
  ])('%s is not a glob: an error saying why', (pattern, message) => {
    expect(() => compileGlob(pattern)).toThrow(message);
  });
});

describe('a bad glob is a config error at its line', () => {
  test('in ignore and in suppressions: exit 2, one line naming the file, line and key', () => {
    const ignore = writeTree(tempDir('bad-glob'), {
      'cmlint.config.yaml': 'asOf: "2026-06-01"\nignore:\n  - archive/\n  - "exports/[abc"\n',
      'site.yaml': CLEAN_EXPORT,
    });
    const run = runCli(['lint', 'site.yaml'], { cwd: ignore });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'cmlint: cmlint.config.yaml:4: ignore[1]: not a valid glob: "exports/[abc": [ without a closing ] (write \\[ for a bracket)\n',
    );
    const suppression = writeTree(tempDir('bad-glob'), {
      'cmlint.config.yaml': [
        'suppressions:',
        '  - files: "{a,b"',
        '    pointer: ""',
        '    rule: CMG001',
        '    justification: x',
        '',
      ].join('\n'),
      'site.yaml': CLEAN_EXPORT,
    });
    const second = runCli(['lint', 'site.yaml'], { cwd: suppression });
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(/^cmlint: cmlint\.config\.yaml:2: suppressions\[0\]\.files: not a valid glob: /);
  });

  test('ignore: ["*a*a*a*a*a*a*ab"] does not hang a folder scan of long names', () => {
    const dir = writeTree(tempDir('hostile-glob'), {
      'cmlint.config.yaml': 'ignore: ["*a*a*a*a*a*a*ab"]\n',
      [`${'a'.repeat(200)}.yaml`]: CLEAN_EXPORT,
    });
    const run = runCli(['lint', '--as-of', AS_OF, '.'], { cwd: dir, timeout: 60_000 });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/1 file/);
  });
});

describe('loading a config file', () => {
  test('rules, ignore, options, custom rule folders (relative to the file) and suppressions', () => {
    const dir = writeTree(tempDir('config'), {
      'cmlint.config.yaml': [
        'rules:',
        '  CMG001: off',
        '  SITE003: warning',
        '  SITE009: on',
        'ignore: [archive/]',
        `asOf: "${AS_OF}"`,
        'maxFileSize: 1000',
        'maxWarnings: 3',
        'customRuleFolders: [my-rules]',
        'suppressions:',
        '  - files: exports/*.json',
        '    pointer: /cloudManagementGateways/0',
        '    rule: CMG001',
        '    justification: moving in June',
      ].join('\n'),
    });
    const config = loadConfig(join(dir, 'cmlint.config.yaml'), dir);
    expect(config.ruleSeverity).toEqual({ CMG001: 'off', SITE003: 'warning' });
    expect(config.asOf).toBe(AS_OF);
    expect(config.maxFileSize).toBe(1000);
    expect(config.maxWarnings).toBe(3);
    expect(config.customRuleFolders).toEqual([join(dir, 'my-rules')]);
    expect(config.ignore[0]!.matches('archive/x.yaml')).toBe(true);
    expect(config.suppressions).toMatchObject([
      { pointer: '/cloudManagementGateways/0', rule: 'CMG001', justification: 'moving in June', baseDir: dir },
    ]);
  });

  test('the starter config written by `cmlint init` is valid', () => {
    const dir = writeTree(tempDir('starter'), { 'cmlint.config.yaml': STARTER_CONFIG });
    expect(() => loadConfig(join(dir, 'cmlint.config.yaml'), dir)).not.toThrow();
  });

  test('the shipped schema is in the package and describes every key', () => {
    const schema = JSON.parse(
      readFileSync(join(import.meta.dirname, '..', '..', 'schemas', 'config.schema.json'), 'utf8'),
    );
    expect(Object.keys(schema.properties).sort()).toEqual([
      '$schema',
      'asOf',
      'customRuleFolders',
      'ignore',
      'maxFileSize',
      'maxWarnings',
      'rules',
      'suppressions',
      'versions',
    ]);
  });
});

describe('config errors: one line naming the file and the key, exit 2', () => {
  const cases: [string, string, RegExp][] = [
    [
      'unknown top-level key',
      'rulez:\n  CMG001: off\n',
      /^cmlint: cmlint\.config\.yaml:1: rulez: unknown key \(did you mean "rules"\?\)$/,
    ],
    [
      'bad severity',
      'rules:\n  CMG001: errror\n',
      /^cmlint: cmlint\.config\.yaml:2: rules\.CMG001: must be one of off, on, error, warning, note, not "errror"$/,
    ],
    ['lower-case rule id', 'rules:\n  cmg001: off\n', /^cmlint: cmlint\.config\.yaml:2: rules\.cmg001: not a rule id/],
    ['unknown rule id', 'rules:\n  CMG999: off\n', /^cmlint: cmlint\.config\.yaml: rules\.CMG999: no rule CMG999/],
    [
      'bad date',
      'asOf: tomorrow\n',
      /^cmlint: cmlint\.config\.yaml:1: asOf: must be a date as YYYY-MM-DD, not "tomorrow"$/,
    ],
    ['wrong type', 'ignore: archive\n', /^cmlint: cmlint\.config\.yaml:1: ignore: must be a list$/],
    [
      'suppression without justification',
      'suppressions:\n  - files: a.json\n    pointer: /x\n    rule: CMG001\n',
      /^cmlint: cmlint\.config\.yaml:2: suppressions\[0\]\.justification: is required$/,
    ],
    [
      'suppression with a bad pointer',
      'suppressions:\n  - files: a.json\n    pointer: x\n    rule: CMG001\n    justification: j\n',
      /^cmlint: cmlint\.config\.yaml:3: suppressions\[0\]\.pointer: must be a JSON pointer/,
    ],
    ['YAML syntax error', 'rules: [\n', /^cmlint: cmlint\.config\.yaml:\d+: cannot parse YAML: /],
    [
      'a version that is not YYMM',
      'versions:\n  - version: 2613\n    buildNumber: 9170\n',
      /^cmlint: cmlint\.config\.yaml:2: versions\[0\]: 2613 is not a current-branch version/,
    ],
    [
      'a version without its build number',
      'versions:\n  - version: 2709\n',
      /^cmlint: cmlint\.config\.yaml:2: versions\[0\]\.buildNumber: is required$/,
    ],
    [
      'a support end that is no date',
      'versions:\n  - version: 2709\n    buildNumber: 9170\n    supportEnds: "2029-02-30"\n',
      /^cmlint: cmlint\.config\.yaml:2: versions\[0\]: dates must be calendar dates/,
    ],
    [
      'missing custom rule folder',
      'customRuleFolders: [nope]\n',
      /^cmlint: .*nope: rule folder not found or not a directory$/,
    ],
  ];
  test.each(cases)('%s', (_name, text, expected) => {
    const dir = writeTree(tempDir('bad-config'), { 'cmlint.config.yaml': text, 'site.yaml': CLEAN_EXPORT });
    const result = runCli(['lint', 'site.yaml'], { cwd: dir });
    expect(result.code, result.stderr).toBe(2);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(expected);
  });

  test('a JSON config is validated the same way', () => {
    const dir = writeTree(tempDir('bad-json-config'), {
      'cmlint.config.json': '{\n  "rules": {\n    "CMG001": "loud"\n  }\n}\n',
      'site.yaml': CLEAN_EXPORT,
    });
    const result = runCli(['lint', 'site.yaml'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(
      'cmlint: cmlint.config.json:3: rules.CMG001: must be one of off, on, error, warning, note, not "loud"',
    );
  });

  test('two config files in one folder', () => {
    const dir = writeTree(tempDir('two-configs'), {
      'cmlint.config.yaml': '{}\n',
      'cmlint.config.json': '{}\n',
      'site.yaml': CLEAN_EXPORT,
    });
    const result = runCli(['lint', 'site.yaml'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/more than one config file/);
  });

  test('--config naming a file that does not exist', () => {
    const dir = writeTree(tempDir('no-config'), { 'site.yaml': CLEAN_EXPORT });
    const result = runCli(['lint', '--config', 'missing.yaml', 'site.yaml'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe('cmlint: missing.yaml: cannot read config file (no such file)');
  });
});

describe('what the config does', () => {
  test('is found from the working directory upward, and --no-config ignores it', () => {
    const dir = writeTree(tempDir('discovery'), {
      'cmlint.config.yaml': `asOf: "${AS_OF}"\nrules:\n  CMG001: off\n  SITE003: note\n`,
      'exports/deep/site.yaml': BROKEN_EXPORT,
    });
    const below = runCli(['lint', 'site.yaml', '--format', 'json'], { cwd: join(dir, 'exports', 'deep') });
    expect(below.code, below.stderr).toBe(0);
    expect(ruleIds(below.stdout)).not.toContain('CMG001');
    expect(
      JSON.parse(below.stdout).files[0].findings.find((f: { ruleId: string }) => f.ruleId === 'SITE003').severity,
    ).toBe('note');
    const without = runCli(['lint', 'site.yaml', '--format', 'json', '--no-config', '--as-of', AS_OF], {
      cwd: join(dir, 'exports', 'deep'),
    });
    expect(without.code).toBe(1);
    expect(ruleIds(without.stdout)).toContain('CMG001');
  });

  test('--config names a file elsewhere; its relative paths are relative to it', () => {
    const dir = writeTree(tempDir('explicit'), {
      'settings/lint.yaml': 'customRuleFolders: [rules]\nrules:\n  ACME001: error\n',
      'settings/rules/ACME001.yaml': [
        'id: ACME001',
        'title: Site codes are not P01 in this company',
        'severity: warning',
        'sources:',
        '  - title: Our naming standard',
        '    url: https://example.com/naming',
        'description: Site codes follow the company standard.',
        'rationale: P01 is reserved for the lab.',
        'fix: Rename the site.',
        'check:',
        '  cases:',
        '    - forEach: sites',
        "      assert: it.SiteCode != 'P01'",
        '      at: SiteCode',
        '      message: Site code {{ it.SiteCode }} is reserved.',
      ].join('\n'),
      'site.yaml': CLEAN_EXPORT,
    });
    const result = runCli(
      ['lint', 'site.yaml', '--config', 'settings/lint.yaml', '--format', 'json', '--as-of', AS_OF],
      { cwd: dir },
    );
    expect(result.code, result.stderr).toBe(1);
    const finding = JSON.parse(result.stdout).files[0].findings.find((f: { ruleId: string }) => f.ruleId === 'ACME001');
    expect(finding).toMatchObject({ severity: 'error', line: 4, message: 'Site code P01 is reserved.' });
  });

  test('ignore skips matching files, even when named on the command line (as pre-commit does)', () => {
    const dir = writeTree(tempDir('ignore'), {
      'cmlint.config.yaml': `asOf: "${AS_OF}"\nignore: [archive/, "*.draft.yaml"]\n`,
      'archive/old.yaml': BROKEN_EXPORT,
      'next.draft.yaml': BROKEN_EXPORT,
      'site.yaml': CLEAN_EXPORT,
    });
    const folder = runCli(['lint', '.', '--format', 'json'], { cwd: dir });
    expect(folder.code, folder.stderr).toBe(0);
    expect(JSON.parse(folder.stdout).files.map((f: { path: string }) => f.path)).toEqual(['site.yaml']);
    const named = runCli(['lint', 'archive/old.yaml', 'next.draft.yaml', 'cmlint.config.yaml'], { cwd: dir });
    expect(named.code, named.stderr).toBe(0);
    expect(named.stderr).toBe('');
  });

  test('maxWarnings from the config; --max-warnings overrides it', () => {
    const dir = writeTree(tempDir('max-warnings'), {
      'cmlint.config.yaml': 'maxWarnings: 0\nasOf: "2030-01-01"\nrules:\n  CMG001: warning\n  SITE003: warning\n',
      'site.yaml': BROKEN_EXPORT,
    });
    expect(runCli(['lint', 'site.yaml'], { cwd: dir }).code).toBe(1);
    expect(runCli(['lint', 'site.yaml', '--max-warnings', '100'], { cwd: dir }).code).toBe(0);
  });

  test('asOf from the config; --as-of overrides it', () => {
    const dir = writeTree(tempDir('as-of'), {
      'cmlint.config.yaml': 'asOf: "2020-01-01"\n',
      'site.yaml': CLEAN_EXPORT,
    });
    const sarif = (args: string[]) =>
      JSON.parse(runCli(['lint', 'site.yaml', '--format', 'json', ...args], { cwd: dir }).stdout);
    // The run date is not in the report, but SITE009 (support lifecycle) depends on it: 2403 was supported in 2020.
    expect(ruleIds(JSON.stringify(sarif([])))).not.toContain('SITE009');
    expect(ruleIds(JSON.stringify(sarif(['--as-of', '2030-01-01'])))).toContain('SITE009');
  });

  test('versions add a release newer than cmlint to its version facts: SITE009 knows its support end, a build number its version', () => {
    // Made-up facts for a version after the newest cmlint knows (2603, supported until 2027-11-05).
    const site = (version: string | number) =>
      `schemaVersion: 1\nhierarchy:\n  sites:\n    - SiteCode: P01\n      SiteType: Primary\n      Version: ${version}\n`;
    const dir = writeTree(tempDir('versions'), { 'newer.yaml': site(2709), 'build.yaml': site(9170) });
    const lint = (file: string, args: string[]) =>
      JSON.parse(runCli(['lint', file, '--format', 'json', '--as-of', '2028-01-10', ...args], { cwd: dir }).stdout)
        .files[0].findings as { ruleId: string; message: string }[];
    // Without the facts: 2709 is newer than anything known, and 2603's support has ended, so cmlint cannot tell.
    expect(lint('newer.yaml', ['--no-config']).map((f) => f.ruleId)).toContain('SITE009');
    expect(lint('build.yaml', ['--no-config']).find((f) => f.ruleId === 'CML003')?.message).toMatch(
      /9170 looks like a site build number/,
    );
    writeFileSync(
      join(dir, 'cmlint.config.yaml'),
      'versions:\n  - version: 2709\n    buildNumber: 9170\n    available: "2027-09-20"\n',
    );
    // With them: 2709 is supported until 2029-03-20 (18 months), and 9170 is its build number.
    expect(lint('newer.yaml', []).map((f) => f.ruleId)).not.toContain('SITE009');
    expect(lint('build.yaml', []).find((f) => f.ruleId === 'CML003')?.message).toBe(
      '9170 is the build number of version 2709 (5.00.9170), not a version; write Version: 2709.',
    );
    expect(lint('newer.yaml', ['--as-of', '2029-03-21']).find((f) => f.ruleId === 'SITE009')?.message).toMatch(
      /support ended on 2029-03-20/,
    );
  });

  test('external suppressions for JSON exports: kept in SARIF and JSON with their justification, left out of the exit code', () => {
    const dir = writeTree(tempDir('external'), {
      'cmlint.config.yaml': [
        `asOf: "${AS_OF}"`,
        'rules:',
        '  SITE003: off',
        'suppressions:',
        '  - files: exports/*.json',
        '    pointer: /cloudManagementGateways/0',
        '    rule: CMG001',
        '    justification: The CMG moves to the CAS in June (CHG-1234).',
        '  - files: exports/other.json',
        '    pointer: ""',
        '    rule: CMG001',
        '    justification: Never matches.',
      ].join('\n'),
      'exports/site.json': BROKEN_JSON,
    });
    const json = runCli(['lint', 'exports', '--format', 'json'], { cwd: dir });
    expect(json.code, json.stderr).toBe(0);
    const finding = JSON.parse(json.stdout).files[0].findings.find((f: { ruleId: string }) => f.ruleId === 'CMG001');
    expect(finding.suppression).toEqual({
      kind: 'external',
      justification: 'The CMG moves to the CAS in June (CHG-1234).',
    });
    const sarif = JSON.parse(runCli(['lint', 'exports', '--format', 'sarif'], { cwd: dir }).stdout);
    const result = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'CMG001');
    expect(result.suppressions).toEqual([
      { kind: 'external', justification: 'The CMG moves to the CAS in June (CHG-1234).' },
    ]);
    const text = runCli(['lint', 'exports'], { cwd: dir });
    expect(text.stdout).not.toMatch(/CMG001/);
    expect(text.stdout).toMatch(/1 suppressed/);
    // The second suppression's file was not linted: not reported as unused. The first one was used.
    expect(text.stderr).toBe('');
  });

  test('an external suppression whose file was linted but which matched nothing is a warning on stderr', () => {
    const dir = writeTree(tempDir('external-unused'), {
      'cmlint.config.yaml':
        'suppressions:\n  - files: site.json\n    pointer: /hierarchy\n    rule: CMG001\n    justification: stale\n',
      'site.json': BROKEN_JSON,
    });
    const result = runCli(['lint', 'site.json', '--as-of', AS_OF], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      'cmlint: warning: cmlint.config.yaml: suppressions[0] (CMG001 at "/hierarchy" in site.json) suppressed no finding; remove it',
    );
  });
});

describe('cmlint init', () => {
  test('writes a commented starter config and refuses to overwrite it', () => {
    const dir = tempDir('init');
    const first = runCli(['init'], { cwd: dir });
    expect(first.code, first.stderr).toBe(0);
    const written = readFileSync(join(dir, 'cmlint.config.yaml'), 'utf8');
    expect(written).toBe(
      `# yaml-language-server: $schema=${relative(dir, join(ROOT, 'schemas', 'config.schema.json'))
        .split(sep)
        .join('/')}\n${STARTER_CONFIG}`,
    );
    expect(written).toMatch(/^# /m);
    writeFileSync(join(dir, 'cmlint.config.yaml'), 'rules: {}\n# mine\n');
    const second = runCli(['init'], { cwd: dir });
    expect(second.code).toBe(2);
    expect(second.stderr.trim()).toBe('cmlint: cmlint.config.yaml: a config file already exists; not overwriting it');
    expect(readFileSync(join(dir, 'cmlint.config.yaml'), 'utf8')).toBe('rules: {}\n# mine\n');
  });

  test('refuses when a .json config exists too', () => {
    const dir = writeTree(tempDir('init-json'), { 'cmlint.config.json': '{}' });
    expect(runCli(['init'], { cwd: dir }).code).toBe(2);
    expect(existsSync(join(dir, 'cmlint.config.yaml'))).toBe(false);
  });

  test('the starter config lints a folder as is', () => {
    const dir = writeTree(tempDir('init-lint'), { 'site.yaml': CLEAN_EXPORT });
    mkdirSync(join(dir, 'empty'));
    expect(runCli(['init'], { cwd: dir }).code).toBe(0);
    const result = runCli(['lint', '--as-of', AS_OF], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
  });
});
