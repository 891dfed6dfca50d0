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
import type { NodeMap } from './sourced.js';
import type { Warnings } from './warnings.js';

export function mapDump(dump: Dump, warnings: Warnings): NodeMap {
  const context = new ImportContext(dump, warnings);
  if (hasClass(dump, 'SMS_Site') && rowsOf(dump, 'SMS_Site').length === 0) warnings.add('SMS_Site is empty: the dump holds no site');
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
  const forests = mapForests(context);
  if (forests.length) root.activeDirectory = { forests };
  const settings = mapClientSettings(context);
  if (settings.length) root.clientSettings = settings;
  const populations = mapPopulations(context);
  if (populations.length) root.clientPopulations = populations;
  return root;
}
