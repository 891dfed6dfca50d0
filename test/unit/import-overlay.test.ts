/**
 * The overlay: list items matched by identity, case-insensitively as Configuration Manager compares names; the
 * overlay wins and each conflict is reported; items the site does not have are added; to-dos disappear once the
 * overlay fills them; the same dump and overlay give the same bytes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { mergeOverlay } from '../../src/import/overlay.js';
import { importDump } from '../../src/import/run-import.js';
import { plain, Sourced, type NodeMap } from '../../src/import/sourced.js';
import { TODO_MARK } from '../../src/import/write-yaml.js';
import { ROOT } from '../support/cli.js';
import { tempDir } from '../support/workspace.js';

const CMG = join(ROOT, 'test', 'import-fixtures', 'cmg-connection-points');

function site(): NodeMap {
  return {
    schemaVersion: 1,
    hierarchy: {
      sites: [
        { SiteCode: new Sourced('P01', 'SMS_Site.SiteCode'), Version: new Sourced(2503, 'SMS_Site.BuildNumber 9135') },
      ],
    },
    siteSystems: [
      {
        SiteSystemServerName: new Sourced('cm01.corp.example.org', 'x'),
        SiteCode: new Sourced('P01', 'x'),
        roles: { ManagementPoint: { EnableSsl: new Sourced(true, 'SMS_SCI_SysResUse.SslState') } },
      },
    ],
    clientSettings: [
      {
        ClientSettingName: new Sourced('Default Client Agent Settings', 'x'),
        AllowCloudManagementGateway: new Sourced(true, 'AllowCMG'),
      },
    ],
  };
}

describe('mergeOverlay', () => {
  test('matches sites, servers and settings by identity whatever the case, and keeps the site’s spelling', () => {
    const { merged, conflicts } = mergeOverlay(site(), {
      hierarchy: { sites: [{ SiteCode: 'p01', Location: 'Head office' }] },
      siteSystems: [{ SiteSystemServerName: 'CM01.CORP.EXAMPLE.ORG', NetworkLocation: 'Intranet' }],
      clientSettings: [{ ClientSettingName: 'default client agent settings', EnableUserPolicy: true }],
    });
    expect(conflicts).toEqual([]);
    const data = plain(merged) as any;
    expect(data.hierarchy.sites).toEqual([{ SiteCode: 'P01', Version: 2503, Location: 'Head office' }]);
    expect(data.siteSystems).toHaveLength(1);
    expect(data.siteSystems[0]).toMatchObject({
      SiteSystemServerName: 'cm01.corp.example.org',
      NetworkLocation: 'Intranet',
      roles: { ManagementPoint: { EnableSsl: true } },
    });
    expect(data.clientSettings[0]).toEqual({
      ClientSettingName: 'Default Client Agent Settings',
      AllowCloudManagementGateway: true,
      EnableUserPolicy: true,
    });
  });

  test('the overlay wins a conflict, which is reported with the site’s value and source', () => {
    const { merged, conflicts } = mergeOverlay(site(), {
      siteSystems: [
        { SiteSystemServerName: 'cm01.corp.example.org', roles: { ManagementPoint: { EnableSsl: false } } },
      ],
      hierarchy: { sites: [{ SiteCode: 'P01', Version: 2509 }] },
    });
    expect(conflicts).toEqual([
      {
        path: 'siteSystems[cm01.corp.example.org].roles.ManagementPoint.EnableSsl',
        site: true,
        source: 'SMS_SCI_SysResUse.SslState',
        overlay: false,
      },
      { path: 'hierarchy.sites[P01].Version', site: 2503, source: 'SMS_Site.BuildNumber 9135', overlay: 2509 },
    ]);
    const data = plain(merged) as any;
    expect(data.siteSystems[0].roles.ManagementPoint.EnableSsl).toBe(false);
    expect(data.hierarchy.sites[0].Version).toBe(2509);
  });

  test('adds what the site does not have: new items, new sections; lists without identity are replaced', () => {
    const { merged, conflicts } = mergeOverlay(site(), {
      siteSystems: [{ SiteSystemServerName: 'dmz01.example.org', SiteCode: 'P01', NetworkLocation: 'Perimeter' }],
      network: { connections: [{ From: 'Internet', To: 'dmz01.example.org', Ports: [443] }] },
    });
    expect(conflicts).toEqual([]);
    const data = plain(merged) as any;
    expect(data.siteSystems.map((s: any) => s.SiteSystemServerName)).toEqual([
      'cm01.corp.example.org',
      'dmz01.example.org',
    ]);
    expect(data.network.connections).toHaveLength(1);
  });
});

test('an overlay key such as __proto__ stays a key, reported by the schema, and changes no prototype', () => {
  const overlay = JSON.parse(
    '{"__proto__": {"polluted": true}, "siteSystems": [{"SiteSystemServerName": "cm01.corp.example.org", "__proto__": {"x": 1}}]}',
  );
  const { merged } = mergeOverlay(site(), overlay);
  const data = plain(merged) as any;
  expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
  expect(({} as any).polluted).toBeUndefined();
  expect(Object.keys(merged)).toContain('__proto__');
  expect(Object.getPrototypeOf(data.siteSystems[0])).toBe(Object.prototype);
});

describe('cmlint import --overlay', () => {
  test('an item’s to-do names only what the overlay has not filled, and a filled section loses its to-do', () => {
    const without = importDump(join(CMG, 'dump')).yaml;
    const withOverlay = importDump(join(CMG, 'dump'), join(CMG, 'overlay.yaml')).yaml;
    expect(without).toContain(
      `# ${TODO_MARK}: the site cannot tell SubscriptionType, RegisteredResourceProviders, ServiceCertificate, CARootCert, EnableCloudDPFunction, DeployedBy`,
    );
    expect(withOverlay).toContain(`# ${TODO_MARK}: the site cannot tell CARootCert, DeployedBy`);
    expect(without).toMatch(/^# {3}pki: /m);
    expect(withOverlay).not.toMatch(/^# {3}pki: /m);
  });

  test('the same dump and overlay give the same bytes, and the overlay file is not touched', () => {
    const overlay = join(CMG, 'overlay.yaml');
    const before = readFileSync(overlay, 'utf8');
    const first = importDump(join(CMG, 'dump'), overlay).yaml;
    const copy = join(tempDir('overlay'), 'parts.yaml');
    writeFileSync(copy, before);
    const second = importDump(join(CMG, 'dump'), copy).yaml;
    expect(second.replace('Overlay: parts.yaml.', 'Overlay: overlay.yaml.')).toBe(first);
    expect(readFileSync(overlay, 'utf8')).toBe(before);
  });
});
