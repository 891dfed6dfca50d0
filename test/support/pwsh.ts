/**
 * PowerShell for the collector's tests: `pwsh` on the PATH, or where `dotnet tool install --global PowerShell` puts
 * it. Missing, the tests are skipped with a message saying so, except under CI=true, where they must run (.ci/run
 * installs it).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

function findPwsh(): string | undefined {
  const candidates = [process.env.CMLINT_PWSH, 'pwsh', join(homedir(), '.dotnet', 'tools', 'pwsh')].filter(
    (c): c is string => !!c,
  );
  for (const candidate of candidates) {
    if (candidate.includes('/') && !existsSync(candidate)) continue;
    const probe = spawnSync(
      candidate,
      ['-NoProfile', '-NonInteractive', '-Command', '$PSVersionTable.PSVersion.ToString()'],
      { encoding: 'utf8', timeout: 120_000 },
    );
    if (probe.status === 0) return candidate;
  }
  return undefined;
}

export const PWSH = findPwsh();
export const PWSH_MISSING = PWSH === undefined;
export const PWSH_SKIP_MESSAGE =
  'PowerShell (pwsh) is not installed, so the collector tests cannot run (skipped outside CI; under CI=true they fail). Install it with `dotnet tool install --global PowerShell --version 7.6.10`.';

export interface PwshResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runPwshFile(file: string, args: string[], timeout = 180_000): PwshResult {
  const result = spawnSync(PWSH!, ['-NoProfile', '-NonInteractive', '-File', file, ...args], {
    encoding: 'utf8',
    timeout,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}
