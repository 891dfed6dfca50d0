/**
 * Round trip: each bundled example, turned into a dump (in each of the three forms a dump comes in) by a helper that
 * inverts the mapping independently, imports back to the same collectable values: the fields COVERAGE says the
 * importer fills.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { COVERAGE, ROLE_FIELDS_COLLECTED } from '../../src/import/coverage.js';
import { populationName } from '../../src/import/map-populations.js';
import { IDENTITY } from '../../src/import/overlay.js';
import { importDump } from '../../src/import/run-import.js';
import { ROOT } from '../support/cli.js';
import { type DumpForm, dumpOfExport, writeDump } from '../support/export-to-dump.js';
import { tempDir } from '../support/workspace.js';

type Obj = Record<string, any>;

function at(data: Obj, section: string): Obj[] {
  return (
    section
      .replace('[]', '')
      .split('.')
      .reduce<any>((node, key) => node?.[key], data) ?? []
  );
}

/** The collectable values of an export, per section, as the site would hold them. */
function collectable(data: Obj): Obj {
  const out: Obj = {};
  for (const { section, collected } of COVERAGE) {
    if (section === 'clientPopulations[]') continue;
    out[section] = at(data, section).map((item) => {
      const picked: Obj = {};
      for (const field of collected) {
        if (item[field] === undefined) continue;
        if (field === 'roles') {
          picked.roles = Object.fromEntries(
            Object.entries<Obj>(item.roles).map(([role, settings]) => [
              role,
              Object.fromEntries(
                Object.entries(settings).filter(([key]) => ROLE_FIELDS_COLLECTED[role]?.includes(key)),
              ),
            ]),
          );
        } else picked[field] = Array.isArray(item[field]) ? [...item[field]].sort() : item[field];
      }
      return picked;
    });
    const key = IDENTITY[section.replace('[]', '')]!;
    out[section].sort((a: Obj, b: Obj) => String(a[key]).localeCompare(String(b[key])));
  }
  // Populations: the site tells how many clients of each identity each site has, not how the administrator groups them.
  const counts: Obj = {};
  for (const population of data.clientPopulations ?? []) {
    const name = populationName(population.SiteCode, population.Identity);
    counts[name] = (counts[name] ?? 0) + population.Count;
  }
  out.populations = counts;
  return out;
}

/**
 * What the import adds beyond the design, by how a live site is: a CMG in the site database is deployed
 * (Lifecycle Existing); IISSSLState states every communication-security flag, so flags the design left out read false;
 * a software update point always has its ports (defaults 8530, 8531) and its CMG flag.
 */
function asTheSiteHoldsIt(data: Obj): Obj {
  const copy = structuredClone(data);
  for (const cmg of copy.cloudManagementGateways ?? []) cmg.Lifecycle = 'Existing';
  for (const site of copy.hierarchy?.sites ?? []) {
    if (!site.ClientComputerCommunicationType) continue;
    for (const flag of [
      'UsePkiClientCertificate',
      'UseSmsGeneratedCert',
      'ClientCheckCertificateRevocationListForSiteSystem',
    ])
      site[flag] ??= false;
  }
  for (const system of copy.siteSystems ?? []) {
    const sup = system.roles?.SoftwareUpdatePoint;
    if (!sup) continue;
    sup.EnableCloudGateway ??= false;
    sup.WsusIisPort ??= 8530;
    sup.WsusIisSslPort ??= 8531;
  }
  return copy;
}

function withoutRaw(data: Obj): Obj {
  const copy = structuredClone(data);
  for (const site of copy.hierarchy?.sites ?? []) delete site.IISSSLState;
  return copy;
}

describe.each(['contoso', 'fourth-coffee'])('round trip of examples/%s.yaml', (name) => {
  const design = parse(readFileSync(join(ROOT, 'examples', `${name}.yaml`), 'utf8')) as Obj;
  test.each<DumpForm>(['adminservice', 'ps51', 'ps7'])('through a dump in %s form', (form) => {
    const dir = writeDump(join(tempDir('roundtrip'), 'dump'), dumpOfExport(design), form);
    const result = importDump(dir);
    expect(collectable(withoutRaw(result.export as Obj))).toEqual(collectable(asTheSiteHoldsIt(design)));
    // Nothing the helper wrote was misread: the only warning is the classes a design has no instances of.
    expect(result.warnings.filter((w) => !w.startsWith('not in the dump'))).toEqual([]);
  });
});
