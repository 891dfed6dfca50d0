/**
 * `cmlint lint --jobs N` lints in worker threads (src/project/lint-pool.ts); the report must be the one a single thread
 * writes, byte for byte, in every format, with suppressions, a config file, unreadable files and a large export.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
// @ts-expect-error the benchmark's generator is plain JavaScript
import { generateExport, smallExport } from '../../bench/generate.mjs';
import { defaultJobs } from '../../src/project/lint-pool.js';
import { runCli } from '../support/cli.js';
import { AS_OF, tempDir, writeTree } from '../support/workspace.js';

function project(): string {
  const dir = tempDir('jobs');
  const files: Record<string, string> = {};
  for (let i = 0; i < 40; i++) files[`exports/site-${String(i).padStart(2, '0')}.yaml`] = smallExport(i);
  // An inline suppression, a config suppression, an unreadable file, a JSON export and one large enough for the fast way.
  files['exports/site-05.yaml'] = files['exports/site-05.yaml']!.replace(
    'VMInstanceCount: 3',
    'VMInstanceCount: 3 # cmlint-disable-line CMG009 -- test',
  );
  files['exports/broken.yaml'] = 'schemaVersion: 1\nhierarchy: [\n';
  files['exports/design.json'] = JSON.stringify(
    { schemaVersion: 1, hierarchy: { sites: [{ SiteCode: 'P01', SiteType: 'Primary', Version: 2103 }] } },
    null,
    2,
  );
  files['exports/inventory.yaml'] = generateExport(9000, 'yaml', 1000);
  files['cmlint.config.yaml'] = [
    'suppressions:',
    '  - rule: SITE009',
    '    files: exports/site-1*.yaml',
    "    pointer: ''",
    '    justification: upgrade planned',
    '  - rule: CMG001',
    '    files: exports/nothing-*.yaml',
    "    pointer: ''",
    '    justification: covers nothing',
    '',
  ].join('\n');
  writeTree(dir, files);
  writeFileSync(join(dir, 'exports', 'binary.yaml'), Buffer.from([0, 1, 2]));
  return dir;
}

describe('--jobs', () => {
  const dir = project();
  for (const format of ['text', 'json', 'sarif', 'junit', 'github']) {
    test(`${format}: --jobs 2 writes byte for byte what --jobs 1 writes`, () => {
      const one = runCli(['lint', 'exports', '--format', format, '--as-of', AS_OF, '--jobs', '1'], {
        cwd: dir,
        timeout: 120_000,
      });
      const two = runCli(['lint', 'exports', '--format', format, '--as-of', AS_OF, '--jobs', '2'], {
        cwd: dir,
        timeout: 120_000,
      });
      expect(one.code).toBe(2); // the binary file
      expect(one.stdout.length).toBeGreaterThan(100);
      expect(two.stdout).toBe(one.stdout);
      expect(two.stderr).toBe(one.stderr);
      expect(two.code).toBe(one.code);
    }, 240_000);
  }

  test('baselines written with --jobs 2 and --jobs 1 are equal', () => {
    runCli(['lint', 'exports', '--as-of', AS_OF, '--jobs', '1', '--write-baseline', 'one.json'], {
      cwd: dir,
      timeout: 120_000,
    });
    runCli(['lint', 'exports', '--as-of', AS_OF, '--jobs', '2', '--write-baseline', 'two.json'], {
      cwd: dir,
      timeout: 120_000,
    });
    const read = (name: string) =>
      runCli(['lint', 'exports', '--as-of', AS_OF, '--jobs', '1', '--baseline', name, '--format', 'json'], {
        cwd: dir,
        timeout: 120_000,
      }).stdout;
    expect(read('two.json')).toBe(read('one.json'));
  }, 240_000);

  test('without --jobs (threads only for long runs), the report is the one --jobs 1 writes', () => {
    const one = runCli(['lint', 'exports', '--format', 'json', '--as-of', AS_OF, '--jobs', '1'], {
      cwd: dir,
      timeout: 120_000,
    });
    const auto = runCli(['lint', 'exports', '--format', 'json', '--as-of', AS_OF], { cwd: dir, timeout: 120_000 });
    expect(auto.stdout).toBe(one.stdout);
    expect(auto.stderr).toBe(one.stderr);
    expect(auto.code).toBe(one.code);
  }, 240_000);

  test('--jobs 3 on two files, one large enough to go parallel: the same report', () => {
    const one = runCli(
      ['lint', 'exports/site-01.yaml', 'exports/inventory.yaml', '--format', 'json', '--as-of', AS_OF, '--jobs', '1'],
      { cwd: dir, timeout: 120_000 },
    );
    const three = runCli(
      ['lint', 'exports/site-01.yaml', 'exports/inventory.yaml', '--format', 'json', '--as-of', AS_OF, '--jobs', '3'],
      { cwd: dir, timeout: 120_000 },
    );
    expect(three.stdout).toBe(one.stdout);
    expect(three.code).toBe(one.code);
  }, 240_000);

  // The loader starts a worker before the bundle when the command line asks for jobs (scripts/cli-loader.cjs); a run
  // that ends up in one thread, or never lints, must stop it and end as a run without it would.
  test('--jobs 2 on one file, on stdin, and with a usage error: the result of --jobs 1, without waiting on a worker', () => {
    for (const [args, input] of [
      [['lint', 'exports/site-01.yaml', '--format', 'json', '--as-of', AS_OF], undefined],
      [['lint', '-', '--as-of', AS_OF], smallExport(3)],
      [['lint', 'exports', '--format', 'nope'], undefined],
      [['lint', 'exports', '--baseline', 'missing.json'], undefined],
    ] as [string[], string | undefined][]) {
      const one = runCli([...args, '--jobs', '1'], { cwd: dir, input });
      for (const jobs of [['--jobs', '2'], ['--jobs=2'], ['-j2']]) {
        const two = runCli([...args, ...jobs], { cwd: dir, input });
        expect(two.stdout).toBe(one.stdout);
        expect(two.stderr).toBe(one.stderr);
        expect(two.code).toBe(one.code);
      }
    }
  }, 120_000);

  test('-j2 and --jobs=2 split a run as --jobs 2 does', () => {
    const one = runCli(['lint', 'exports', '--format', 'json', '--as-of', AS_OF, '--jobs', '1'], {
      cwd: dir,
      timeout: 120_000,
    });
    for (const jobs of ['-j2', '--jobs=2']) {
      const two = runCli(['lint', 'exports', '--format', 'json', '--as-of', AS_OF, jobs], {
        cwd: dir,
        timeout: 120_000,
      });
      expect(two.stdout).toBe(one.stdout);
      expect(two.code).toBe(one.code);
    }
  }, 240_000);

  test('--jobs takes a whole number of at least 1', () => {
    const result = runCli(['lint', 'exports', '--jobs', '0'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--jobs must be a whole number of at least 1/);
  });
});

describe('the number of threads without --jobs', () => {
  test('one per core idle now, at least one: a busy machine lints in one thread', () => {
    // Measured on two shared cores (docs/performance.md): a second thread is slower when other work keeps both busy.
    expect(defaultJobs(2, 0)).toMatchObject({ jobs: 2 });
    expect(defaultJobs(2, 0.3)).toMatchObject({ jobs: 2 });
    expect(defaultJobs(2, 0.6)).toMatchObject({ jobs: 1 });
    expect(defaultJobs(2, 1)).toMatchObject({ jobs: 1 });
    expect(defaultJobs(2, 14.9)).toEqual({ jobs: 1, reason: 'load 14.90 on 2 CPUs: no idle core for a second thread' });
    expect(defaultJobs(8, 3.2)).toEqual({ jobs: 5, reason: 'load 3.20 on 8 CPUs: 5 idle cores' });
    expect(defaultJobs(1, 0)).toMatchObject({ jobs: 1 });
  });

  test('CMLINT_DEBUG=1 says how many threads a run used and why', () => {
    const dir = writeTree(tempDir('jobs-debug'), { 'a.yaml': smallExport(1), 'b.yaml': smallExport(2) });
    const run = runCli(['lint', '--no-config', '--as-of', AS_OF, '.'], { cwd: dir, env: { CMLINT_DEBUG: '1' } });
    expect(run.stderr).toMatch(
      /^cmlint: debug: 2 files in 1 thread \(no --jobs, load \d+\.\d\d on \d+ CPUs?: [^)]*\)$/m,
    );
    const asked = runCli(['lint', '--no-config', '--as-of', AS_OF, '--jobs', '1', '.'], {
      cwd: dir,
      env: { CMLINT_DEBUG: '1' },
    });
    expect(asked.stderr).toMatch(/^cmlint: debug: 2 files in 1 thread \(--jobs\)$/m);
  });
});
