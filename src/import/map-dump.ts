/** A dump to the export's shape, part by part; each part's mapping is its own module. */
import { ImportContext } from './context.js';
import { boundaryGroupsHolding, mapBoundaryGroups, mapForests } from './map-boundaries.js';
import { mapAzureServices } from './map-azure.js';
import { mapClientSettings } from './map-client-settings.js';
import { cmgNames, mapCloudDistributionPoints, mapCmgs } from './map-cmg.js';
import { mapSites } from './map-hierarchy.js';
import { mapPopulations } from './map-populations.js';
import { mapSiteSystems } from './map-site-systems.js';
import { hasClass, type Dump, rowsOf } from './read-dump.js';
import { type NodeMap, Sourced } from './sourced.js';
import type { Warnings } from './warnings.js';

export function mapDump(dump: Dump, warnings: Warnings): NodeMap {
  const context = new ImportContext(dump, warnings);
  if (hasClass(dump, 'SMS_Site') && rowsOf(dump, 'SMS_Site').length === 0)
    warnings.add('SMS_Site is empty: the dump holds no site');
  const cmgs = cmgNames(context);
  const root: NodeMap = { schemaVersion: 1 };
  const sites = mapSites(context);
  if (sites.length) root.hierarchy = { sites };
  const parts: [string, NodeMap[]][] = [
    ['siteSystems', mapSiteSystems(context, cmgs)],
    ['azureServices', mapAzureServices(context)],
    ['cloudManagementGateways', mapCmgs(context, boundaryGroupsHolding(context))],
    ['cloudDistributionPoints', mapCloudDistributionPoints(context)],
    ['boundaryGroups', mapBoundaryGroups(context, cmgs)],
  ];
  for (const [key, items] of parts) if (items.length) root[key] = items;
  tenantsOfCmgs(parts[1]![1], parts[2]![1]);
  const forests = mapForests(context);
  if (forests.length) root.activeDirectory = { forests };
  const settings = mapClientSettings(context);
  if (settings.length) root.clientSettings = settings;
  const populations = mapPopulations(context);
  if (populations.length) root.clientPopulations = populations;
  return root;
}

/**
 * A CMG's tenant is the tenant of the Azure service whose server app it uses (SMS_AzureService.AADApplicationId is
 * that app's client id).
 */
function tenantsOfCmgs(services: NodeMap[], cmgs: NodeMap[]): void {
  for (const cmg of cmgs) {
    const app = cmg.ServerAppClientId;
    if (!(app instanceof Sourced)) continue;
    const service = services.find((candidate) => {
      const server = candidate.ServerApp as NodeMap | undefined;
      return (
        server?.ClientId instanceof Sourced &&
        String(server.ClientId.value).toLowerCase() === String(app.value).toLowerCase()
      );
    });
    const tenant = service?.TenantId;
    if (!(tenant instanceof Sourced)) continue;
    // In the schema's place, before GroupName (when there is one), so the output reads like an export written by hand.
    const entries = Object.entries(cmg).filter(([key]) => key !== 'TenantId');
    const at = entries.findIndex(([key]) => key === 'GroupName');
    entries.splice(at < 0 ? entries.length : at, 0, [
      'TenantId',
      new Sourced(tenant.value, `${tenant.source} (the tenant of the server app ${String(app.value)})`),
    ]);
    for (const key of Object.keys(cmg)) delete cmg[key];
    for (const [key, value] of entries) cmg[key] = value;
  }
}
