/**
 * The pre-commit hook, installed the way pre-commit installs it: `pre-commit try-repo` clones this repository (a
 * fresh git repository holding the working tree's committed files, so dist/ is not there and the `prepare` script
 * must build it), npm-installs it with the system Node, and runs `cmlint lint` on the target repository's exports.
 * Slow (two npm installs, run in parallel); skipped, saying why, only where pre-commit is not installed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { ROOT } from '../support/cli.js';
import { AS_OF, BROKEN_EXPORT, CLEAN_EXPORT, NOT_EXPORTS, tempDir, writeTree } from '../support/workspace.js';

const preCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
const available = preCommit.status === 0;

/** Git with a fixed identity and no user or system configuration (no signing, hooks or templates from the host). */
function git(cwd: string, ...args: string[]): void {
  const result = spawnSync(
    'git',
    [
      '-c',
      'user.name=cmlint test',
      '-c',
      'user.email=test@example.invalid',
      '-c',
      'commit.gpgsign=false',
      '-c',
      'init.defaultBranch=main',
      ...args,
    ],
    {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' },
    },
  );
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
}

/** A git repository with this working tree's files as a clone would have them (.gitignore decides; dist/ is built). */
function cloneOfWorkingTree(): string {
  const dir = join(tempDir('hook-repo'), 'cmlint');
  const skip = new Set(['.git', 'node_modules', 'test-output']);
  cpSync(ROOT, dir, {
    recursive: true,
    filter: (source) => {
      const rel = relative(ROOT, source).split(sep);
      if (skip.has(rel[0]!)) return false;
      // Build output would be ignored by git anyway (apart from dist/action/); skip copying it.
      return !(rel[0] === 'dist' && rel.length > 1 && rel[1] !== 'action');
    },
  });
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'cmlint under test');
  return dir;
}

function targetRepo(files: Record<string, string>): string {
  const dir = writeTree(tempDir('hook-target'), files);
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'designs');
  return dir;
}

function tryRepo(hookRepo: string, target: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('pre-commit', ['try-repo', hookRepo, 'cmlint', '--all-files', '--verbose'], {
      cwd: target,
      env: {
        ...process.env,
        PRE_COMMIT_HOME: tempDir('pre-commit-home'),
        PRE_COMMIT_COLOR: 'never',
        NO_COLOR: '1',
        // Use the npm cache where it has the packages (CI has just run npm ci); the registry otherwise.
        npm_config_prefer_offline: 'true',
        npm_config_audit: 'false',
        npm_config_fund: 'false',
        npm_config_update_notifier: 'false',
      },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('.pre-commit-hooks.yaml', () => {
  test('defines the cmlint hook for the system Node', () => {
    const hooks = parseYaml(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8'));
    expect(hooks).toHaveLength(1);
    const hook = hooks[0];
    // Staged files are linted as a folder search lints them: exports only, the rest skipped and named.
    expect(hook).toMatchObject({ id: 'cmlint', language: 'node', entry: 'cmlint lint --only-exports' });
    expect(hook.language_version).toBeUndefined();
    const files = new RegExp(hook.files);
    const exclude = new RegExp(hook.exclude);
    const selected = (path: string) => files.test(path) && !exclude.test(path);
    expect(['exports/site.yaml', 'site.yml', 'designs/p01.json'].filter(selected)).toHaveLength(3);
    expect(['.pre-commit-config.yaml', 'notes.md'].filter(selected)).toEqual([]);
  });

  test('package.json builds dist/ on install (pre-commit installs the repository with npm)', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(manifest.scripts.prepare).toMatch(/scripts\/build\.mjs/);
    expect(manifest.bin.cmlint).toBe('bin/cmlint.js');
  });
});

describe.skipIf(!available)(
  available ? 'pre-commit try-repo' : 'pre-commit try-repo (skipped: pre-commit is not installed; CI installs it)',
  () => {
    test(`${preCommit.stdout?.trim() ?? ''}: passes on a clean export and fails on a broken one, printing the finding`, async () => {
      const hookRepo = cloneOfWorkingTree();
      const config = `asOf: "${AS_OF}"\n`;
      // Beside the export, files a repository holds that are not exports: the hook passes them, cmlint skips them.
      const clean = targetRepo({
        'cmlint.config.yaml': config,
        'designs/site.yaml': CLEAN_EXPORT,
        'notes.md': '# not an export\n',
        ...NOT_EXPORTS,
      });
      const broken = targetRepo({
        'cmlint.config.yaml': config,
        'designs/site.yaml': CLEAN_EXPORT,
        'designs/p01.yaml': BROKEN_EXPORT,
      });
      const [pass, fail] = await Promise.all([tryRepo(hookRepo, clean), tryRepo(hookRepo, broken)]);

      expect(pass.code, pass.output).toBe(0);
      expect(pass.output).toMatch(/^cmlint\.+Passed$/m);
      expect(pass.output).toContain(`${Object.keys(NOT_EXPORTS).length} files skipped: not cmlint exports`);
      for (const name of Object.keys(NOT_EXPORTS)) expect(pass.output).toContain(name);

      expect(fail.code, fail.output).toBe(1);
      expect(fail.output).toMatch(/^cmlint\.+Failed$/m);
      expect(fail.output).toMatch(/- exit code: 1/);
      expect(fail.output).toContain('designs/p01.yaml');
      expect(fail.output).toMatch(
        /13:15 +error +CMG cmg\.contoso\.com is at site P01, which is not the top-tier site.*CMG001/,
      );
    }, 600_000);
  },
);
