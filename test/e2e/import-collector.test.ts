/**
 * The collector, run for real by PowerShell 7 with the CIM cmdlets and Invoke-RestMethod replaced by test doubles
 * (test/support/collector-doubles.ps1) that serve test/import-fixtures/collector/site.json: the classes it reads, the
 * loading of lazy properties, the manifest (with a class that fails), no secret in the output, and an output the
 * importer turns into an export. And a check that the script uses nothing newer than Windows PowerShell 5.1.
 * Skipped, saying so, where pwsh is missing; under CI=true it must run.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { DUMP_CLASSES } from '../../src/import/classes.js';
import { importDump } from '../../src/import/run-import.js';
import { lintText } from '../../src/lint.js';
import { ROOT, runCli } from '../support/cli.js';
import { PWSH, PWSH_MISSING, PWSH_SKIP_MESSAGE, runPwshFile } from '../support/pwsh.js';
import { tempDir } from '../support/workspace.js';

const SCRIPT = join(ROOT, 'collector', 'Export-CmlintSite.ps1');
const DOUBLES = join(ROOT, 'test', 'support', 'collector-doubles.ps1');
const CHECKER = join(ROOT, 'test', 'support', 'check-ps51.ps1');
const FIXTURE = join(ROOT, 'test', 'import-fixtures', 'collector', 'site.json');
const fixture = JSON.parse(readFileSync(FIXTURE, 'utf8'));
const LAZY = ['SMS_SCI_Component', 'SMS_SCI_SysResUse', 'SMS_ClientSettings', 'SMS_ClientSettingsDefault'];

const mustRun = process.env.CI === 'true';
if (PWSH_MISSING && !mustRun) console.warn(PWSH_SKIP_MESSAGE);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  out: string;
  calls: Record<string, any>[];
}

function collect(args: Record<string, unknown>): Run {
  const dir = tempDir('collector');
  const out = join(dir, 'dump');
  const log = join(dir, 'calls.json');
  const result = runPwshFile(DOUBLES, [
    '-FixturePath',
    FIXTURE,
    '-CallLogPath',
    log,
    '-ScriptPath',
    SCRIPT,
    '-ArgumentsJson',
    JSON.stringify({ OutputPath: out, ...args }),
  ]);
  const calls = JSON.parse(readFileSync(log, 'utf8').replace(/^\uFEFF/, ''));
  return { ...result, out, calls: Array.isArray(calls) ? calls : [calls] };
}

function outputText(dir: string): string {
  return readdirSync(dir)
    .map((name) => readFileSync(join(dir, name), 'utf8'))
    .join('\n');
}

function manifestOf(dir: string): Record<string, any> {
  return JSON.parse(readFileSync(join(dir, 'cmlint-manifest.json'), 'utf8'));
}

/** The import without its header, which names how the dump was read. */
function body(yaml: string): string {
  return yaml.slice(yaml.indexOf('\nschemaVersion:'));
}

describe.skipIf(PWSH_MISSING && !mustRun)(
  'collector/Export-CmlintSite.ps1 under PowerShell 7 with test doubles',
  () => {
    // Run once, on first use; without pwsh (under CI=true) every test fails here with the message.
    let cimRun: Run | undefined;
    let restRun: Run | undefined;
    const runs = () => {
      expect(PWSH, PWSH_SKIP_MESSAGE).toBeDefined();
      cimRun ??= collect({});
      restRun ??= collect({ Provider: 'cm01.corp.example.com', SiteCode: 'P01', AdminService: true });
      return { cim: cimRun, rest: restRun };
    };

    test('finds the provider and site code through SMS_ProviderLocation and says in one line what it wrote and could not read', () => {
      const { cim, rest } = runs();
      expect(cim.stderr).toBe('');
      expect(cim.code).toBe(1); // a class failed
      expect(cim.stdout.trim().split('\n')).toHaveLength(1);
      expect(cim.stdout.trim()).toMatch(
        /^cmlint collector: wrote 16 of 17 classes \(\d+ instances\) from cm01\.corp\.example\.com site P01 to .*; could not read: SMS_AAD_Tenant_Ex \(Access is denied\.\)$/,
      );
      expect(cim.calls[0]).toEqual({ op: 'session', computer: '', protocol: null }); // this computer's WMI
      expect(rest.calls[0]).toEqual({ op: 'session', computer: 'cm01.corp.example.com', protocol: 'Dcom' });
      expect(cim.calls.find((c) => c.op === 'query')).toMatchObject({
        namespace: 'root\\sms',
        class: 'SMS_ProviderLocation',
      });
      expect(cim.calls.at(-1)).toEqual({ op: 'close' });
    });

    test('queries exactly the importer’s classes, in the site’s namespace', () => {
      const { cim } = runs();
      const queries = cim.calls.filter((c) => c.op === 'query' && c.class !== 'SMS_ProviderLocation');
      expect(queries.map((q) => q.class)).toEqual([...DUMP_CLASSES]);
      expect(new Set(queries.map((q) => q.namespace))).toEqual(new Set(['root\\sms\\site_P01']));
      expect(queries.find((q) => q.class === 'SMS_SCI_Component')?.filter).toBe(
        "ItemName LIKE 'SMS_SITE_COMPONENT_MANAGER%'",
      );
      expect(queries.find((q) => q.class === 'SMS_CombinedDeviceResources')?.property).toContain('AADDeviceID');
    });

    test('loads lazy properties by fetching each instance of a lazy class again', () => {
      const { cim } = runs();
      for (const className of LAZY) {
        const refetched = cim.calls.filter((c) => c.op === 'refetch' && c.class === className).map((c) => c.index);
        expect(refetched, className).toEqual(fixture.classes[className].map((_: unknown, i: number) => i));
      }
      const sysResUse = JSON.parse(readFileSync(join(cim.out, 'SMS_SCI_SysResUse.json'), 'utf8'));
      expect(
        sysResUse.find((r: any) => r.RoleName === 'SMS Management Point').Props.map((p: any) => p.PropertyName),
      ).toContain('MPInternetFacing');
      const defaults = JSON.parse(readFileSync(join(cim.out, 'SMS_ClientSettingsDefault.json'), 'utf8'));
      expect(defaults[0].AgentConfigurations.map((a: any) => a.__CLASS)).toEqual([
        'SMS_CloudAgentConfig',
        'SMS_PolicyAgentConfig',
        'SMS_SoftwareUpdatesAgentConfig',
      ]);
    });

    test('writes a manifest with each class’s count or error', () => {
      const { cim } = runs();
      const manifest = manifestOf(cim.out);
      expect(manifest).toMatchObject({
        formatVersion: 1,
        collectorVersion: '1.0.0',
        provider: 'cm01.corp.example.com',
        siteCode: 'P01',
        source: 'CIM',
      });
      expect(manifest.collectedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      expect(Object.keys(manifest.classes)).toEqual([...DUMP_CLASSES]);
      for (const className of DUMP_CLASSES) {
        if (className === 'SMS_AAD_Tenant_Ex')
          expect(manifest.classes[className]).toEqual({ error: 'Access is denied.' });
        else expect(manifest.classes[className].count, className).toBe(fixture.classes[className].length);
      }
      expect(readdirSync(cim.out)).not.toContain('SMS_AAD_Tenant_Ex.json');
    });

    test('never writes a secret, and names what it left out', () => {
      const { cim, rest } = runs();
      for (const run of [cim, rest]) {
        expect(outputText(run.out)).not.toContain('S3CRET');
        const manifest = manifestOf(run.out);
        expect(manifest.classes.SMS_AAD_Application_Ex.redacted).toEqual(['SecretKey']);
        expect(manifest.classes.SMS_AzureService.redacted).toEqual(['ServiceCertificate', 'ManagementCertificate']);
        expect(manifest.classes.SMS_SCI_SysResUse.redacted).toEqual(['ProxyPassword']);
      }
      // The secret's expiry date is not a secret.
      expect(readFileSync(join(cim.out, 'SMS_AAD_Application_Ex.json'), 'utf8')).toContain('SecretKeyExpiry');
    });

    test('writes what the importer reads: the export it gives is valid and the same through WMI and the AdminService', () => {
      const { cim, rest } = runs();
      const fromCim = importDump(cim.out);
      expect(fromCim.warnings).toEqual([
        'SMS_AAD_Tenant_Ex could not be collected (manifest: Access is denied.); what it holds is not imported',
      ]);
      const data = fromCim.export as Record<string, any>;
      expect(data.hierarchy.sites[0]).toMatchObject({
        SiteCode: 'P01',
        SiteType: 'Primary',
        Version: 2403,
        ClientComputerCommunicationType: 'HttpsOrHttp',
      });
      expect(data.siteSystems[0]).toMatchObject({
        SiteSystemServerName: 'cm01.corp.example.com',
        PublicFqdn: 'cm01.example.com',
        EnableProxy: true,
        ProxyServerName: 'proxy.corp.example.com',
        ProxyServerPort: 8080,
      });
      expect(data.siteSystems[0].roles.ManagementPoint).toEqual({
        ClientConnectionType: 'InternetAndIntranet',
        EnableSsl: true,
        EnableCloudGateway: true,
      });
      expect(data.cloudManagementGateways[0]).toMatchObject({
        ServiceName: 'examplecmg.example.com',
        VMSSVMSize: 'A2_v2',
        EnforceProtocol: true,
      });
      expect(data.azureServices[0].ServerApp).toEqual({
        ClientId: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
        Name: 'Example server app',
        AppIdUri: 'api://example/ConfigMgrService',
        SecretExpiresOn: '2027-06-30',
      });
      expect(data.clientSettings.map((s: any) => s.ClientSettingName)).toEqual([
        'Default Client Agent Settings',
        'Internet laptops',
      ]);
      const linted = lintText(fromCim.yaml, 'site.yaml', { asOf: '2025-01-01' });
      // The one name the site cannot resolve: a client setting is deployed to collections, and DeployedTo names client
      // populations, which the administrator adds in the overlay (docs/collect.md). Nothing else is malformed.
      const cml = linted.findings.filter((f) => f.ruleId.startsWith('CML'));
      expect(cml.filter((f) => !(f.ruleId === 'CML012' && f.message.startsWith('DeployedTo ')))).toEqual([]);

      expect(rest.code).toBe(1);
      expect(rest.calls.filter((c) => c.op === 'rest').map((c) => c.uri)).toContain(
        'https://cm01.corp.example.com/AdminService/wmi/SMS_ClientSettings(16777217)',
      );
      expect(manifestOf(rest.out).source).toBe('AdminService');
      expect(body(importDump(rest.out).yaml)).toBe(body(fromCim.yaml));
    });

    test('the command line turns the collector’s output into an export that lints', () => {
      const { cim } = runs();
      const site = join(tempDir('collector-cli'), 'site.yaml');
      const imported = runCli(['import', cim.out, '-o', site]);
      expect(imported.code).toBe(0);
      expect(imported.stderr).toMatch(
        /wrote .*site\.yaml: 1 site\(s\), 1 site system\(s\), 1 CMG\(s\), 2 client setting\(s\), 1 boundary group\(s\), 2 population\(s\); 1 warning\(s\), 0 overlay conflict\(s\)\n$/,
      );
      const linted = runCli(['lint', site, '--no-config', '--as-of', '2025-01-01', '--format', 'json']);
      expect(linted.stderr).toBe('');
      const report = JSON.parse(linted.stdout);
      const findings = report.files?.[0]?.findings ?? report.findings ?? [];
      expect(
        findings.filter(
          (f: any) =>
            String(f.ruleId).startsWith('CML') &&
            !(f.ruleId === 'CML012' && String(f.message).startsWith('DeployedTo ')),
        ),
      ).toEqual([]);
    });
  },
);

describe.skipIf(PWSH_MISSING && !mustRun)('the collector needs nothing newer than Windows PowerShell 5.1', () => {
  function check(path: string): { line: number; what: string }[] {
    expect(PWSH, PWSH_SKIP_MESSAGE).toBeDefined();
    const result = runPwshFile(CHECKER, ['-Path', path]);
    expect(result.stderr).toBe('');
    const parsed = JSON.parse(result.stdout);
    return Array.isArray(parsed) ? parsed : [parsed];
  }

  test('Export-CmlintSite.ps1 parses and uses no newer syntax, command, parameter or variable', () => {
    expect(check(SCRIPT)).toEqual([]);
  });

  test('the check finds each newer construct', () => {
    const sample = join(tempDir('ps51'), 'newer.ps1');
    writeFileSync(
      sample,
      [
        '$a = $true ? 1 : 2',
        '$b = $null ?? 3',
        '$c ??= 4',
        '$d = ${a}?.Length',
        'Get-Item x && Get-Item y',
        "$j = '{}' | ConvertFrom-Json -AsHashtable",
        '1..3 | ForEach-Object -Parallel { $_ }',
        'if ($IsWindows) { Join-String -InputObject 1 }',
        'Set-Content -Path x -Value y -Encoding utf8NoBOM',
        'function f { process { 1 } clean { 2 } }',
        '',
      ].join('\n'),
    );
    expect(check(sample).map((f) => f.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 8, 9, 10]);
  });
});
