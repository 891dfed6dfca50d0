/**
 * Generates large exports for the benchmark and the tests: the design of examples/contoso.yaml plus a devices[]
 * inventory of any size. Most devices are unremarkable; a few in every 10,000 carry a finding (an IPv6-only device,
 * a Mac and a workgroup device without PKI or token authentication, all on CMG populations), so that positions of
 * findings deep in a large file are exercised too.
 *
 *   node bench/generate.mjs <devices> <yaml|json> <output file>
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The design parts every generated export shares (examples/contoso.yaml, without its comments). */
export function baseDesign() {
  return parse(readFileSync(join(ROOT, 'examples', 'contoso.yaml'), 'utf8'));
}

const POPULATIONS = ['NYC hybrid joined laptops', 'Remote-office domain-joined desktops', 'Entra joined new devices'];

/**
 * Device number i (0-based). Devices 5000, 7000 and 9000 of every 10,000 (and so of smaller inventories too, when
 * `findingsEvery` is lowered) carry a finding.
 */
export function device(i, findingsEvery = 10_000) {
  const name = `DEV-${String(i + 1).padStart(7, '0')}`;
  const population = POPULATIONS[i % POPULATIONS.length];
  const slot = i % findingsEvery;
  const d = { Name: name, Population: population };
  if (slot === Math.floor(findingsEvery / 2)) {
    d.Network = 'IPv6Only'; // CMG013
  } else if (slot === Math.floor((findingsEvery * 7) / 10)) {
    d.OperatingSystem = 'macOS'; // CLIENT003
    d.OsVersion = '14';
  } else if (slot === Math.floor((findingsEvery * 9) / 10)) {
    d.Identity = 'Workgroup'; // CLIENT002: a workgroup device authenticating with Entra ID only
    d.Authentication = ['EntraId'];
  } else {
    d.OperatingSystem = 'Windows';
    d.OsVersion = '11';
    if (i % 4 === 1) d.Authentication = ['EntraId', 'Pki'];
    if (i % 5 === 2) d.Network = 'DualStack';
  }
  return d;
}

function yamlScalar(value) {
  return /^[A-Za-z][A-Za-z0-9 ._-]*$/.test(value) && !/^(true|false|null|yes|no|on|off)$/i.test(value)
    ? value
    : JSON.stringify(value);
}

/** The export as text; `devices` devices, YAML (block style, as people write it) or JSON (indented, as tools write it). */
export function generateExport(devices, format, findingsEvery = 10_000) {
  const design = baseDesign();
  if (format === 'json') {
    const items = [];
    for (let i = 0; i < devices; i++) items.push(device(i, findingsEvery));
    return JSON.stringify({ ...design, devices: items }, null, 2) + '\n';
  }
  const parts = [YAML.stringify(design, { lineWidth: 0 }), 'devices:\n'];
  for (let i = 0; i < devices; i++) {
    const d = device(i, findingsEvery);
    let text = '';
    for (const [key, value] of Object.entries(d)) {
      const shown = Array.isArray(value) ? `[${value.map(yamlScalar).join(', ')}]` : yamlScalar(value);
      text += `${text ? '    ' : '  - '}${key}: ${shown}\n`;
    }
    parts.push(text);
  }
  return parts.join('');
}

import * as YAML from 'yaml';

/**
 * A small export, number i of a set: a hierarchy with a CMG, a connection point and a population, varied so that
 * different exports trip different rules (a CMG at a child primary, an old version, one VM instance, IPv6-only clients).
 */
export function smallExport(i) {
  const version = [2103, 2211, 2303, 2403, 2503][i % 5];
  const childPrimary = i % 3 === 0;
  const sites = childPrimary
    ? [
        { SiteCode: 'CAS', SiteType: 'Cas', Version: version },
        { SiteCode: 'P01', SiteType: 'Primary', ParentSiteCode: 'CAS', Version: version },
      ]
    : [{ SiteCode: 'P01', SiteType: 'Primary', Version: version }];
  const cmg = `cmg${i}.contoso.com`;
  const design = {
    schemaVersion: 1,
    description: `Small export ${i}`,
    hierarchy: { sites },
    siteSystems: [
      {
        SiteSystemServerName: `cm${i}.corp.contoso.com`,
        SiteCode: 'P01',
        roles: {
          ManagementPoint: { ClientConnectionType: 'Intranet', EnableSsl: i % 2 === 0, EnableCloudGateway: true },
          CloudManagementGatewayConnectionPoint: { CloudManagementGatewayName: cmg },
        },
      },
    ],
    cloudManagementGateways: [
      { ServiceName: cmg, SiteCode: 'P01', VMInstanceCount: 1 + (i % 3), EnableCloudDPFunction: i % 4 === 0 },
    ],
    clientPopulations: [
      {
        Name: 'Laptops',
        Count: 100 * ((i % 50) + 1),
        SiteCode: 'P01',
        OperatingSystem: 'Windows',
        Identity: 'HybridEntraId',
        Authentication: ['EntraId'],
        Network: i % 7 === 0 ? 'IPv6Only' : 'IPv4',
        Channels: ['CMG'],
        CloudManagementGateway: cmg,
      },
    ],
  };
  return YAML.stringify(design);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [count, format, output] = process.argv.slice(2);
  if (!count || !format || !output) {
    process.stderr.write('usage: node bench/generate.mjs <devices> <yaml|json> <output file>\n');
    process.exit(2);
  }
  writeFileSync(output, generateExport(Number(count), format));
}

/**
 * A large hierarchy: a central administration site with `primaries` primary sites, each with its share of
 * `siteSystems` site systems (a management point and a distribution point each, every fifth also a software update
 * point; every tenth faces the internet over HTTP, so the IBCM rules have something to say), and one CMG at the top
 * with a connection point at every primary. What a large organisation's export looks like to the topology.
 */
export function hierarchyExport(primaries, siteSystems) {
  const codes = Array.from({ length: primaries }, (_, i) =>
    i < 99 ? `P${String(i + 1).padStart(2, '0')}` : `Q${String(i - 98).padStart(2, '0')}`,
  );
  const sites = [
    { SiteCode: 'CAS', SiteName: 'Central', SiteType: 'Cas', Version: 2503 },
    ...codes.map((c, i) => ({
      SiteCode: c,
      SiteName: `Region ${i + 1}`,
      SiteType: 'Primary',
      ParentSiteCode: 'CAS',
      Version: 2503,
    })),
  ];
  const cmg = 'cmg.contoso.com';
  const systems = [];
  for (let i = 0; i < siteSystems; i++) {
    const site = codes[i % primaries];
    const internet = i % 10 === 0;
    const roles = {
      ManagementPoint: {
        ClientConnectionType: internet ? 'Internet' : 'Intranet',
        EnableSsl: !internet,
        EnableCloudGateway: !internet,
      },
      DistributionPoint: { ClientConnectionType: 'Intranet', EnableSsl: true },
    };
    if (i % 5 === 0) roles.SoftwareUpdatePoint = { ClientConnectionType: 'Intranet', EnableSsl: true };
    if (i < primaries) roles.CloudManagementGatewayConnectionPoint = { CloudManagementGatewayName: cmg };
    systems.push({
      SiteSystemServerName: `cm${String(i).padStart(4, '0')}.${site.toLowerCase()}.contoso.com`,
      SiteCode: site,
      NetworkLocation: internet ? 'Perimeter' : 'Intranet',
      ...(internet ? { PublicFqdn: `cm${i}.contoso.com` } : {}),
      roles,
    });
  }
  const design = {
    schemaVersion: 1,
    description: `A hierarchy of ${primaries} primary sites and ${siteSystems} site systems`,
    hierarchy: { sites },
    siteSystems: systems,
    cloudManagementGateways: [{ ServiceName: cmg, SiteCode: 'CAS', VMInstanceCount: 2, EnableCloudDPFunction: true }],
    clientPopulations: codes.slice(0, 20).map((c, i) => ({
      Name: `Laptops ${c}`,
      Count: 1000 + i,
      SiteCode: c,
      OperatingSystem: 'Windows',
      Identity: 'HybridEntraId',
      Authentication: ['EntraId'],
      Network: 'IPv4',
      Channels: ['CMG'],
      CloudManagementGateway: cmg,
    })),
  };
  return YAML.stringify(design, { lineWidth: 0 });
}
