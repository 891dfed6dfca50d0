/**
 * The Action run by @github/local-action, GitHub's tool for running an action's code locally: it reads action.yml,
 * loads src/action/main.ts with its own stand-in for @actions/core, calls run(), and prints the outputs the action
 * set. That the outputs show up there proves the entry point follows the toolkit's contract. Offline: local-action
 * and the tsx it runs the TypeScript with are devDependencies.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { ROOT } from '../support/cli.js';
import { AS_OF, tempDir, writeTree } from '../support/workspace.js';

const LOCAL_ACTION = join(ROOT, 'node_modules', '@github', 'local-action', 'bin', 'local-action.js');

// A CMG with one VM instance at a primary without the CMG feature: SITE003 (error), CMG009 and SITE009 (warnings).
const BROKEN =
  'schemaVersion: 1\nhierarchy:\n  sites:\n    - SiteCode: P01\n      SiteType: Primary\n      Version: 2403\ncloudManagementGateways:\n  - ServiceName: cmg.contoso.com\n    SiteCode: P01\n    VMInstanceCount: 1\n';

function localAction(envFile: string): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };
    execFile(
      process.execPath,
      [LOCAL_ACTION, 'run', ROOT, 'src/action/main.ts', envFile],
      { cwd: ROOT, env, encoding: 'utf8', timeout: 240_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout: stdout + stderr });
      },
    );
  });
}

/** The rows of local-action's "Action Outputs" table: │ index │ 'name' │ 'value' │. */
function outputsTable(stdout: string): Record<string, string> {
  const table = stdout.slice(stdout.lastIndexOf('Action Outputs'));
  return Object.fromEntries([...table.matchAll(/│ \d+\s+│ '([^']+)'\s+│ '([^']*)'\s+│/g)].map((m) => [m[1]!, m[2]!]));
}

test.skipIf(!existsSync(LOCAL_ACTION))(
  existsSync(LOCAL_ACTION)
    ? '@github/local-action runs the Action and reads its outputs'
    : '@github/local-action runs the Action (skipped: run npm ci)',
  async () => {
    const dir = tempDir('local-action');
    const workspace = writeTree(join(dir, 'ws'), {
      'site.yaml': BROKEN,
      'contoso.yaml': readFileSync(join(ROOT, 'examples', 'contoso.yaml'), 'utf8'),
      'package.json': '{}',
    });
    const summary = join(dir, 'summary.md');
    const envFile = join(dir, '.env');
    writeFileSync(
      envFile,
      [
        `GITHUB_WORKSPACE=${workspace}`,
        `GITHUB_STEP_SUMMARY=${summary}`,
        'INPUT_PATHS=site.yaml contoso.yaml',
        `INPUT_AS-OF=${AS_OF}`,
        'INPUT_RULES=CMG009=note',
        'INPUT_SARIF-FILE=out/cmlint.sarif',
        '',
      ].join('\n'),
    );
    const run = await localAction(envFile);
    const outputs = outputsTable(run.stdout);
    expect(outputs, run.stdout).toEqual({
      'error-count': '1',
      'warning-count': '1',
      'note-count': '2',
      'sarif-file': join(workspace, 'out', 'cmlint.sarif'),
    });
    expect(JSON.parse(readFileSync(join(workspace, 'out', 'cmlint.sarif'), 'utf8')).runs[0].results).toHaveLength(4);
    // The annotations and the failure, as workflow commands.
    expect(run.stdout).toMatch(/^::error file=site\.yaml,line=4,col=7,.*\(SITE003\)$/m);
    expect(run.stdout).toMatch(/^::error::cmlint found 1 error and 1 warning \(fail-on: error\)$/m);
    // The job summary through core.summary, with the topology as Mermaid.
    const text = readFileSync(summary, 'utf8');
    expect(text).toMatch(/^## cmlint$/m);
    expect(text).toMatch(/:x: 1 error, 1 warning, 2 notes in 2 files/);
    expect(text).toContain('```mermaid');
  },
  300_000,
);
