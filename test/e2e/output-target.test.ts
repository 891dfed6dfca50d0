/**
 * --output and --write-baseline write only where a report belongs: a regular file or a new path, never a device, a
 * FIFO, a link, nor any file the run reads (config, rule file, baseline, export). Each refusal is exit 2 with one line,
 * before anything is written.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from '../support/cli.js';
import { AS_OF, BROKEN_EXPORT, tempDir, writeTree } from '../support/workspace.js';

const RULE = readFileSync(
  join(import.meta.dirname, '..', '..', 'fixtures', 'rules', 'CML009', 'custom-rules', 'FAULTY901.yaml'),
  'utf8',
);

function project() {
  return writeTree(tempDir('output-target'), {
    'cmlint.config.yaml': `asOf: "${AS_OF}"\ncustomRuleFolders: [checks]\n`,
    'checks/FAULTY901.yaml': RULE,
    'site.yaml': BROKEN_EXPORT,
  });
}

const refused = (run: ReturnType<typeof runCli>, pattern: RegExp) => {
  expect(run.code, run.stdout + run.stderr).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr.trimEnd().split('\n'), run.stderr).toHaveLength(1);
  expect(run.stderr.trimEnd()).toMatch(pattern);
};

describe('--output onto anything but a regular file or a new path is a usage error', () => {
  // A device node of its own, made like /dev/null (character device 1:3): were the check missing, the test would
  // replace this node, never the system's /dev/null (as root, as in CI, the code before did replace it).
  const canMknod = (() => {
    const probe = join(tempDir('mknod'), 'null');
    return spawnSync('mknod', [probe, 'c', '1', '3']).status === 0 && statSync(probe).isCharacterDevice();
  })();
  test.skipIf(!canMknod)(
    `a character device like /dev/null: refused, the device left as it is${canMknod ? '' : ' (skipped: mknod needs root)'}`,
    () => {
      const dir = project();
      expect(spawnSync('mknod', [join(dir, 'null'), 'c', '1', '3']).status).toBe(0);
      refused(
        runCli(['lint', 'site.yaml', '-f', 'json', '-o', 'null'], { cwd: dir }),
        /^cmlint: null: is a character device; --output writes only to a regular file or a new path$/,
      );
      expect(statSync(join(dir, 'null')).isCharacterDevice()).toBe(true);
    },
  );

  test('a link to /proc/self/fd/1: refused, the link left in place', () => {
    const dir = project();
    symlinkSync('/proc/self/fd/1', join(dir, 'stdout.json'));
    refused(
      runCli(['lint', 'site.yaml', '-f', 'json', '-o', 'stdout.json'], { cwd: dir }),
      /^cmlint: stdout\.json: is a symbolic link; --output/m,
    );
    expect(lstatSync(join(dir, 'stdout.json')).isSymbolicLink()).toBe(true);
  });

  test.skipIf(spawnSync('mkfifo', ['--version']).status !== 0)('a FIFO: refused without blocking on it', () => {
    const dir = project();
    expect(spawnSync('mkfifo', [join(dir, 'pipe.json')]).status).toBe(0);
    refused(
      runCli(['lint', 'site.yaml', '-f', 'json', '-o', 'pipe.json'], { cwd: dir, timeout: 20_000 }),
      /^cmlint: pipe\.json: is a FIFO \(named pipe\); --output/m,
    );
    refused(
      runCli(['lint', 'site.yaml', '--write-baseline', 'pipe.json'], { cwd: dir, timeout: 20_000 }),
      /^cmlint: pipe\.json: is a FIFO \(named pipe\); --write-baseline/m,
    );
  });
});

describe('--output and --write-baseline never write over a file the run reads', () => {
  const cases: Record<string, { args: string[]; file: string; message: RegExp }> = {
    'the config file': {
      args: ['-f', 'json', '-o', 'cmlint.config.yaml'],
      file: 'cmlint.config.yaml',
      message: /refusing to write the report over the config file this run reads; choose another --output$/,
    },
    'a custom rule file': {
      args: ['-f', 'json', '-o', 'checks/FAULTY901.yaml'],
      file: 'checks/FAULTY901.yaml',
      message: /refusing to write the report over the rule file of FAULTY901/,
    },
    'the baseline it reads': {
      args: ['--baseline', 'baseline.json', '-f', 'json', '-o', 'baseline.json'],
      file: 'baseline.json',
      message: /refusing to write the report over the baseline this run reads/,
    },
    'an export it lints (another path to it)': {
      args: ['-f', 'json', '-o', './site.yaml'],
      file: 'site.yaml',
      message: /refusing to write the report over a file being linted/,
    },
    'an export, by --write-baseline': {
      args: ['--write-baseline', 'site.yaml'],
      file: 'site.yaml',
      message: /site\.yaml: refusing to write the baseline over a file being linted; choose another --write-baseline$/,
    },
    'the config file, by --write-baseline': {
      args: ['--write-baseline', 'cmlint.config.yaml'],
      file: 'cmlint.config.yaml',
      message: /refusing to write the baseline over the config file this run reads/,
    },
  };
  for (const [name, c] of Object.entries(cases)) {
    test(name, () => {
      const dir = project();
      if (c.args.includes('--baseline'))
        expect(runCli(['lint', 'site.yaml', '--write-baseline', 'baseline.json'], { cwd: dir }).code).toBe(0);
      const before = readFileSync(join(dir, c.file), 'utf8');
      refused(runCli(['lint', 'site.yaml', ...c.args], { cwd: dir }), c.message);
      expect(readFileSync(join(dir, c.file), 'utf8')).toBe(before);
    });
  }

  test('a file the search skipped that is not a report (package.json) is refused; an old report is rewritten', () => {
    const dir = project();
    writeTree(dir, { 'package.json': '{ "name": "x" }\n' });
    refused(
      runCli(['lint', '.', '-f', 'json', '-o', 'package.json'], { cwd: dir }),
      /package\.json: refusing to write the report over a file this run read \(no schemaVersion at the top level\); choose another --output$/,
    );
    expect(readFileSync(join(dir, 'package.json'), 'utf8')).toBe('{ "name": "x" }\n');
    for (let run = 0; run < 2; run++)
      expect(runCli(['lint', '.', '-f', 'json', '-o', 'report.json'], { cwd: dir }).code).toBe(1);
  });

  test('--write-baseline X --output X: refused before anything is written', () => {
    const dir = project();
    refused(
      runCli(['lint', 'site.yaml', '--write-baseline', 'same.json', '-f', 'json', '-o', './same.json'], { cwd: dir }),
      /^cmlint: \.?\/?same\.json: --output and --write-baseline name the same file; give each its own$/,
    );
    expect(existsSync(join(dir, 'same.json'))).toBe(false);
  });

  test('--baseline X --write-baseline X still brings the baseline up to date', () => {
    const dir = project();
    expect(runCli(['lint', 'site.yaml', '--write-baseline', 'b.json'], { cwd: dir }).code).toBe(0);
    const run = runCli(['lint', 'site.yaml', '--baseline', 'b.json', '--write-baseline', 'b.json'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'b.json'), 'utf8')).tool).toBe('cmlint');
  });
});
