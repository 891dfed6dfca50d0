/**
 * Client populations from the device list (SMS_CombinedDeviceResources): clients counted by assigned site and by how
 * they are joined. Only the count, the site and the identity come from the site; how each group reaches the
 * internet and what it uses there is the administrator's (the overlay, matched by population name).
 *
 * Identity (inferred from the properties' names; a real dump should confirm it): an Entra device id and a domain is
 * hybrid joined, an Entra device id without a domain (or with WORKGROUP) Entra joined, a domain alone Active
 * Directory, neither a workgroup.
 */
import { byName, type ImportContext } from './context.js';
import type { Row } from './row.js';
import { type NodeMap, Sourced } from './sourced.js';
import { toBoolean } from './values.js';

const LABELS: Record<string, string> = {
  ActiveDirectory: 'domain-joined clients',
  HybridEntraId: 'hybrid joined clients',
  EntraId: 'Entra joined clients',
  Workgroup: 'workgroup clients',
};
const SOURCE = 'SMS_CombinedDeviceResources (clients counted by SiteCode, Domain, AADDeviceID)';

export function identityOf(row: Row): string {
  const aad = String(row.get('AADDeviceID') ?? '').trim();
  const hasAad = aad !== '' && !/^[0-]+$/.test(aad);
  const domain = String(row.get('Domain') ?? '').trim();
  const hasDomain = domain !== '' && domain.toUpperCase() !== 'WORKGROUP';
  if (hasAad) return hasDomain ? 'HybridEntraId' : 'EntraId';
  return hasDomain ? 'ActiveDirectory' : 'Workgroup';
}

export function populationName(site: string, identity: string): string {
  return `${site} ${LABELS[identity]}`;
}

export function mapPopulations(context: ImportContext): NodeMap[] {
  const counts = new Map<string, { site: string; identity: string; count: number }>();
  let unassigned = 0;
  for (const row of context.rows('SMS_CombinedDeviceResources')) {
    if (row.has('IsClient') && toBoolean(row.get('IsClient')) !== true) continue;
    const site = String(row.get('SiteCode') ?? '').trim();
    if (!site) {
      unassigned++;
      continue;
    }
    const identity = identityOf(row);
    const key = `${site.toUpperCase()}|${identity}`;
    const entry = counts.get(key) ?? { site: site.toUpperCase(), identity, count: 0 };
    entry.count++;
    counts.set(key, entry);
  }
  if (unassigned)
    context.warnings.add(
      `${unassigned} clients in SMS_CombinedDeviceResources have no SiteCode (not assigned to a site); not counted in any population`,
    );
  return [...counts.values()]
    .sort((a, b) => byName(a.site, b.site) || byName(a.identity, b.identity))
    .map(({ site, identity, count }) => ({
      Name: new Sourced(populationName(site, identity), SOURCE),
      Count: new Sourced(count, SOURCE),
      SiteCode: new Sourced(site, 'SMS_CombinedDeviceResources.SiteCode'),
      Identity: new Sourced(identity, 'SMS_CombinedDeviceResources.Domain, AADDeviceID'),
    }));
}
