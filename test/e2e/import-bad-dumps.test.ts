/**
 * Bad dumps: truncated JSON, a class version the importer does not know, values of the wrong type, an empty site, a
 * lazy property that was not loaded, a folder that is no dump. Each is a warning naming the file, class or property
 * (and the rest of the dump is still imported), or one clear error line with exit code 2: never a stack trace,
 * never a silent default.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { importDump } from '../../src/import/run-import.js';
import { lintText } from '../../src/lint.js';
import { ROOT, runCli } from '../support/cli.js';
import { tempDir } from '../support/workspace.js';

const STANDALONE = join(ROOT, 'test', 'import-fixtures', 'standalone-primary', 'dump');
const CAS = join(ROOT, 'test', 'import-fixtures', 'cas-hierarchy', 'dump');

function copyOf(dump: string): string {
  const dir = join(tempDir('bad-dump'), 'dump');
  cpSync(dump, dir, { recursive: true });
  return dir;
}

function editRows(dir: string, file: string, edit: (rows: any[]) => void): void {
  const path = join(dir, file);
  const data = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
  const rows = Array.isArray(data) ? data : Array.isArray(data.value) ? data.value : [data];
  edit(rows);
  writeFileSync(path, JSON.stringify({ value: rows }));
}

describe('bad dumps', () => {
  test('truncated JSON: a warning naming the file and where it ends; the other classes are imported', () => {
    const dir = copyOf(STANDALONE);
    const text = readFileSync(join(dir, 'SMS_Site.json'), 'utf8');
    writeFileSync(join(dir, 'SMS_Site.json'), text.slice(0, Math.floor(text.length / 2)));
    const result = importDump(dir);
    expect(result.warnings[0]).toMatch(
      /^SMS_Site\.json: not valid JSON \(.*line \d+ column \d+.*\); the class is not imported$/,
    );
    const data = result.export as any;
    expect(data.hierarchy).toBeUndefined();
    expect(data.siteSystems).toHaveLength(1);
    expect(result.yaml).toContain('SMS_Site.json: not valid JSON');
  });

  test('a class version the importer does not know: rows without its key property and a newer manifest are named', () => {
    const dir = copyOf(CAS);
    editRows(dir, 'SMS_Site.json', (rows) => {
      for (const row of rows) {
        row.SiteCodeV2 = row.SiteCode;
        delete row.SiteCode;
      }
    });
    const manifest = JSON.parse(readFileSync(join(dir, 'cmlint-manifest.json'), 'utf8'));
    manifest.formatVersion = 2;
    writeFileSync(join(dir, 'cmlint-manifest.json'), JSON.stringify(manifest));
    const result = importDump(dir);
    expect(result.warnings).toContain(
      'SMS_Site instance 1 has no SiteCode: not the class version the importer knows; skipped',
    );
    expect(result.warnings).toContain(
      'cmlint-manifest.json: formatVersion 2 is newer than this importer knows (1); read as version 1',
    );
    expect((result.export as any).siteSystems).toHaveLength(4);
  });

  test('values of the wrong type or unknown values: each is a warning naming class, property and value, and is left out', () => {
    const dir = copyOf(STANDALONE);
    editRows(dir, 'SMS_Site.json', (rows) => {
      rows[0].Type = 'two';
      rows[0].BuildNumber = 9999;
      rows[0].Version = '5.00.9999.1000';
    });
    editRows(dir, 'SMS_SCI_Component.json', (rows) => {
      rows[0].Props.find((p: any) => p.PropertyName === 'IISSSLState').Value = 7;
    });
    editRows(dir, 'SMS_SCI_SysResUse.json', (rows) => {
      rows
        .find((r: any) => r.RoleName === 'SMS Site System')
        .Props.find((p: any) => p.PropertyName === 'UseProxy').Value = 'maybe';
      rows.find((r: any) => r.RoleName === 'SMS Management Point').SslState = 2;
    });
    const result = importDump(dir);
    expect(result.warnings).toEqual(
      expect.arrayContaining([
        'SMS_Site.Type = "two" is not a whole number; left out',
        expect.stringMatching(/^SMS_Site\.BuildNumber = "9999" \(site P01\) is a value the importer does not know/),
        expect.stringMatching(
          /^SMS_SCI_Component\[SMS_SITE_COMPONENT_MANAGER\]\.Props\[IISSSLState\]\.Value = 7 \(site P01\) is a value the importer does not know/,
        ),
        'SMS_SCI_SysResUse[SMS Site System].Props[UseProxy].Value = "maybe" is not true/false or 0/1; left out',
        expect.stringMatching(
          /^SMS_SCI_SysResUse\[SMS Management Point\]\.SslState = 2 \(ManagementPoint on cm01\.corp\.example\.org\)/,
        ),
      ]),
    );
    const site = (result.export as any).hierarchy.sites[0];
    expect(site.SiteType).toBeUndefined();
    expect(site.Version).toBeUndefined();
    expect(site.ClientComputerCommunicationType).toBeUndefined();
    expect(site.IISSSLState).toBe(7);
    // No silent default: the export says nothing about them, and lint says the required SiteType is missing.
    const missing = lintText(result.yaml, 'site.yaml', { asOf: '2026-01-15' }).findings.filter((f) =>
      f.ruleId.startsWith('CML'),
    );
    expect(missing.map((f) => f.message).join('\n')).toMatch(/SiteType/);
  });

  test('an empty site: SMS_Site without instances is a warning, and the export still lints', () => {
    const dir = copyOf(STANDALONE);
    writeFileSync(join(dir, 'SMS_Site.json'), '{"@odata.context":"x","value":[]}');
    const result = importDump(dir);
    expect(result.warnings).toContain('SMS_Site is empty: the dump holds no site');
    expect(
      lintText(result.yaml, 'site.yaml', { asOf: '2026-01-15' })
        .findings.filter((f) => f.severity === 'error')
        .map((f) => f.ruleId),
    ).toEqual([]);
  });

  test('lazy properties that were not loaded are named, not read as "not set"', () => {
    const dir = copyOf(STANDALONE);
    editRows(dir, 'SMS_SCI_SysResUse.json', (rows) => {
      for (const row of rows) row.Props = null;
    });
    editRows(dir, 'SMS_ClientSettingsDefault.json', (rows) => {
      rows[0].AgentConfigurations = null;
    });
    const result = importDump(dir);
    expect(result.warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^SMS_SCI_SysResUse SMS Management Point on cm01\.corp\.example\.org has no Props: the lazy property was not loaded/,
        ),
        expect.stringMatching(
          /^SMS_ClientSettingsDefault has no AgentConfigurations: the lazy property was not loaded/,
        ),
      ]),
    );
    expect((result.export as any).siteSystems[0].roles.ManagementPoint).toEqual({ EnableSsl: true });
  });

  test('a file that holds no instances and an unknown file are named', () => {
    const dir = copyOf(STANDALONE);
    writeFileSync(join(dir, 'SMS_ADForest.json'), '"corp.example.org"');
    writeFileSync(join(dir, 'SMS_Collection.json'), '[]');
    const result = importDump(dir);
    expect(result.warnings).toContain(
      'SMS_ADForest.json: holds "corp.example.org", not instances (an array, one object, or {"value": [...]}); the class is not imported',
    );
    expect(result.warnings).toContain('SMS_Collection.json: not a class the importer reads; ignored');
  });

  test('the CLI: warnings on stderr, one summary line, exit 0; no folder or no dump is one error line and exit 2', () => {
    const dir = copyOf(STANDALONE);
    const out = join(tempDir('bad-dump-out'), 'site.yaml');
    const ok = runCli(['import', dir, '-o', out]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toBe('');
    expect(
      ok.stderr
        .trim()
        .split('\n')
        .every((line) => line.startsWith('cmlint import: ')),
    ).toBe(true);
    expect(ok.stderr).toMatch(
      /cmlint import: wrote .*site\.yaml: 1 site\(s\), 1 site system\(s\), 0 CMG\(s\), 1 client setting\(s\), 1 boundary group\(s\), 2 population\(s\); 1 warning\(s\), 0 overlay conflict\(s\)\n$/,
    );
    expect(readFileSync(out, 'utf8')).toContain('SiteCode: P01 # SMS_Site.SiteCode');

    const empty = tempDir('empty-dump');
    mkdirSync(join(empty, 'dump'));
    for (const [args, message] of [
      [
        ['import', join(empty, 'dump')],
        /^cmlint: .*dump: no class files \(SMS_Site\.json, SMS_SCI_SysResUse\.json, \.\.\.\) in this folder; is it a dump written by collector\/Export-CmlintSite\.ps1\?\n$/,
      ],
      [['import', join(empty, 'missing')], /^cmlint: .*missing: cannot read the dump folder: ENOENT\n$/],
      [
        ['import', join(STANDALONE, 'SMS_Site.json')],
        /^cmlint: .*SMS_Site\.json: not a folder; give the folder the collector wrote \(one <ClassName>\.json per class\)\n$/,
      ],
    ] as const) {
      const result = runCli([...args]);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(message);
    }
  });

  test('an overlay that cannot be read is one error line naming its position', () => {
    const dir = tempDir('bad-overlay');
    writeFileSync(join(dir, 'broken.yaml'), 'siteSystems:\n  - SiteSystemServerName: a\n   bad: [\n');
    writeFileSync(join(dir, 'list.yaml'), '- a\n- b\n');
    const broken = runCli(['import', STANDALONE, '--overlay', join(dir, 'broken.yaml')]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^cmlint: .*broken\.yaml:\d+:\d+: the overlay is not valid YAML: .+\n$/);
    const list = runCli(['import', STANDALONE, '--overlay', join(dir, 'list.yaml')]);
    expect(list.code).toBe(2);
    expect(list.stderr).toMatch(/^cmlint: .*list\.yaml: the overlay must be a mapping/);
  });
});
