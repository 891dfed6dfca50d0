/**
 * A real editor: headless Neovim opens an example with a misspelt key, attaches `cmlint lsp` with its built-in LSP
 * client, waits for the diagnostics and writes them out (test/support/neovim-lsp.lua). Skipped with the reason in the
 * test name when nvim is missing; under CI (CI=true, where .ci/run installs neovim) a missing nvim fails instead.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { CLI, ROOT } from '../support/cli.js';
import { tempDir } from '../support/workspace.js';

const HAVE_NVIM = spawnSync('nvim', ['--version'], { encoding: 'utf8' }).status === 0;
const IN_CI = process.env.CI === 'true';

describe('Neovim shows cmlint lsp diagnostics', () => {
  test.runIf(!HAVE_NVIM && IN_CI)('nvim is installed under CI (.ci/run installs neovim)', () => {
    expect(HAVE_NVIM, 'nvim is missing under CI=true').toBe(true);
  });

  test.skipIf(!HAVE_NVIM)(
    `a misspelt key in an example is reported in the editor${HAVE_NVIM ? '' : ' (skipped: nvim is missing; apt-get install neovim)'}`,
    () => {
      const dir = tempDir('nvim');
      const lines = readFileSync(join(ROOT, 'examples', 'contoso.yaml'), 'utf8').split('\n');
      const at = lines.findIndex((l) => /^ {6}SiteName:/.test(l));
      lines[at] = lines[at]!.replace('SiteName:', 'SiteNmae:');
      const file = join(dir, 'contoso.yaml');
      writeFileSync(file, lines.join('\n'));
      const out = join(dir, 'diagnostics.txt');
      const run = spawnSync(
        'nvim',
        [
          '--headless',
          '-u',
          'NONE',
          '-i',
          'NONE',
          '-n',
          '-c',
          `luafile ${join(ROOT, 'test', 'support', 'neovim-lsp.lua')}`,
        ],
        {
          env: { ...process.env, CMLINT_NVIM_EXPORT: file, CMLINT_NVIM_OUT: out, CMLINT_NVIM_CLI: CLI },
          encoding: 'utf8',
          timeout: 60_000,
        },
      );
      expect(run.error, run.stderr).toBeUndefined();
      const seen = readFileSync(out, 'utf8')
        .trim()
        .split('\n')
        .map((l) => l.split('\t'));
      const typo = seen.find((d) => d[2] === 'CML002');
      expect(typo, seen.map((d) => d.join(' ')).join('\n')).toBeDefined();
      // Neovim's lines and columns are 0-based: the key is at column 6 of its line.
      expect(typo!.slice(0, 4)).toEqual([String(at), '6', 'CML002', 'cmlint']);
      expect(typo![4]).toContain('Did you mean "SiteName"?');
    },
  );
});
