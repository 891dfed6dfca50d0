/** Temporary folders of exports and config files for tests that run cmlint on a project the way users lay one out. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `cmlint-${prefix}-`));
}

/** Writes files (path relative to dir → content) and returns dir. */
export function writeTree(dir: string, files: Record<string, string>): string {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

/** An export with no error findings (whatever the date: version-dependent warnings are not errors). */
export const CLEAN_EXPORT = [
  'schemaVersion: 1',
  'hierarchy:',
  '  sites:',
  '    - SiteCode: P01',
  '      SiteType: Primary',
  '      Version: 2403',
  '',
].join('\n');

/** CMG001 (error) on line 13: the CMG is at the child primary P01, not at the central administration site. */
export const BROKEN_EXPORT = [
  'schemaVersion: 1',
  'hierarchy:',
  '  sites:',
  '    - SiteCode: CAS',
  '      SiteType: Cas',
  '      Version: 2403',
  '    - SiteCode: P01',
  '      SiteType: Primary',
  '      ParentSiteCode: CAS',
  '      Version: 2403',
  'cloudManagementGateways:',
  '  - ServiceName: cmg.contoso.com',
  '    SiteCode: P01',
  '',
].join('\n');

/** The same design as JSON (no comments possible: suppressions go in the config file). */
export const BROKEN_JSON = JSON.stringify(
  {
    schemaVersion: 1,
    hierarchy: {
      sites: [
        { SiteCode: 'CAS', SiteType: 'Cas', Version: 2403 },
        { SiteCode: 'P01', SiteType: 'Primary', ParentSiteCode: 'CAS', Version: 2403 },
      ],
    },
    cloudManagementGateways: [{ ServiceName: 'cmg.contoso.com', SiteCode: 'P01' }],
  },
  null,
  2,
);

/** Pins the date so date-based rules give the same findings every day. */
export const AS_OF = '2026-06-01';

/** What a repository holds beside its exports, none of them an export: a folder search skips them all. */
export const NOT_EXPORTS: Record<string, string> = {
  'package.json': '{ "name": "designs", "version": "1.0.0", "private": true }\n',
  'tsconfig.json': '{ "compilerOptions": { "strict": true } }\n',
  'action.yml': 'name: local\nruns:\n  using: node20\n  main: index.js\n',
  'docker-compose.yml': 'services:\n  web:\n    image: nginx\n',
  'deploy/pod.yaml':
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n',
};
