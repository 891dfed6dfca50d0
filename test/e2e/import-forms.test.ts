/**
 * The serialisations a class file comes in, beyond the fixtures' three: a CIM instance converted by ConvertTo-Json
 * as it is (values in CimInstanceProperties), Windows PowerShell's `{"value": [...], "Count": n}` wrapper, one
 * object, property names in another case, DMTF and offset dates, a byte-order mark.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { parse } from 'yaml';
import { importDump } from '../../src/import/run-import.js';
import { toDay } from '../../src/import/values.js';
import { runCli } from '../support/cli.js';
import { tempDir } from '../support/workspace.js';

function dump(files: Record<string, unknown>): string {
  const dir = join(tempDir('forms'), 'dump');
  mkdirSync(dir);
  for (const [name, data] of Object.entries(files)) writeFileSync(join(dir, name), `\uFEFF${JSON.stringify(data)}`);
  return dir;
}

test('a raw CIM instance, a {value, Count} wrapper and names in another case read the same as the collector’s form', () => {
  const raw = {
    SiteCode: 'P01',
    CimClass: { CimClassName: 'SMS_Site' },
    CimInstanceProperties: [
      { Name: 'SiteCode', Value: 'P01', CimType: 14 },
      { Name: 'Type', Value: 2, CimType: 3 },
      { Name: 'BuildNumber', Value: 9141, CimType: 3 },
    ],
    CimSystemProperties: { Namespace: 'root/sms/site_P01', ClassName: 'SMS_Site' },
  };
  const dir = dump({
    'SMS_Site.json': raw,
    'sms_adforest.json': { value: [{ forestfqdn: 'corp.example.org' }], Count: 1 },
    'SMS_AAD_Application_Ex.json': [
      { clientid: 'a', name: 'Server app', isclientapp: 'False', secretkeyexpiry: '20270131230000.000000-060' },
    ],
    'SMS_Azure_CloudService.json': { NAME: 'Cloud management', SERVICETYPE: '5' },
  });
  const data = importDump(dir).export as any;
  expect(data.hierarchy.sites).toEqual([{ SiteCode: 'P01', SiteType: 'Primary', Version: 2509 }]);
  expect(data.activeDirectory.forests).toEqual([{ ForestFqdn: 'corp.example.org' }]);
  expect(data.azureServices[0]).toEqual({
    Name: 'Cloud management',
    ServiceType: 'CloudManagement',
    ServerApp: { ClientId: 'a', Name: 'Server app', SecretExpiresOn: '2027-02-01' },
  });
});

test('dates in every form a dump holds', () => {
  expect(toDay('/Date(1801440000000)/')).toBe('2027-02-01');
  expect(toDay('/Date(1801440000000+0100)/')).toBe('2027-02-01');
  expect(toDay('2027-02-01T00:30:00+01:00')).toBe('2027-01-31');
  expect(toDay('2027-02-01T00:00:00Z')).toBe('2027-02-01');
  expect(toDay('2027-02-01T00:00:00')).toBe('2027-02-01');
  expect(toDay('20270201003000.000000+060')).toBe('2027-01-31');
  expect(toDay('next year')).toBeUndefined();
});

test('the import never writes over the dump it reads', () => {
  const dir = dump({ 'SMS_Site.json': [{ SiteCode: 'P01', Type: 2, BuildNumber: 9141 }] });
  const result = runCli(['import', dir, '-o', join(dir, 'SMS_Site.json')]);
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(/refusing to write/);
});

test('a hostile value from the dump stays a value: quoted in the YAML, escaped in the comment that names it', () => {
  const name = 'Evil\n- injected: true # \u001b[31m';
  const dir = dump({
    'SMS_ClientSettings.json': [
      {
        SettingsID: 1,
        Name: name,
        Type: 1,
        Priority: 1,
        AgentConfigurations: [{ __CLASS: 'SMS_CloudAgentConfig', AllowCMG: true }],
      },
    ],
  });
  const { yaml } = importDump(dir);
  const data = parse(yaml);
  expect(data.clientSettings[0].ClientSettingName).toBe(name);
  expect(data.clientSettings[0].AllowCloudManagementGateway).toBe(true);
  expect(yaml).not.toContain('\u001b');
  expect(yaml).toContain(
    '# SMS_ClientSettings[Evil\\u000a- injected: true # \\u001b[31m].AgentConfigurations[SMS_CloudAgentConfig].AllowCMG',
  );
});
