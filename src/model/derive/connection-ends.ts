/**
 * What each network connection's From and To name, linked once: a site system (by server name or public FQDN), a CMG
 * (by service or deployment name), a client population, a cloud distribution point or a firewall or proxy. The
 * topology draws a stated connection between the nodes of these elements; before, it searched every list per end.
 *
 * Facts, on each connection:
 * - source, destination (element): what From and To name, when the export has it (in that order of kinds; within a
 *   kind, the first in the export, except network devices, where the last of a name wins as the picture always did).
 * - sourceIsAzure, destinationIsAzure (bool): From / To is Azure, an Azure host or an Azure wildcard such as
 *   *.blob.core.windows.net.
 */
import { lower } from '../facts.js';
import type { CloudDistributionPoint, Cmg, Connection, NetworkDevice, Population, Server } from '../model-types.js';
import type { CelValue } from '../to-cel.js';
import { isAzureHost } from './azure-hosts.js';

export interface Endpoints {
  servers: readonly Server[];
  cmgs: readonly Cmg[];
  populations: readonly Population[];
  cloudDistributionPoints: readonly CloudDistributionPoint[];
  networkDevices: readonly NetworkDevice[];
}

/** What a connection's end can name. */
export type Endpoint = Server | Cmg | Population | CloudDistributionPoint | NetworkDevice;

/** Links every connection's ends (see the file comment). */
export function linkConnectionEnds(connections: readonly Connection[], endpoints: Endpoints): void {
  const named = endpointsByName(endpoints);
  for (const connection of connections) {
    const source = named(connection.from as string);
    const destination = named(connection.to as string);
    // dyn facts: elements of several types, which CEL reads as the maps they are.
    if (source) connection.source = source as unknown as CelValue;
    if (destination) connection.destination = destination as unknown as CelValue;
    connection.sourceIsAzure = namesAzure(connection.from as string);
    connection.destinationIsAzure = namesAzure(connection.to as string);
  }
}

function namesAzure(name: string): boolean {
  return name !== '' && (isAzureHost(name) || (name.startsWith('*.') && isAzureHost(name.slice(1))));
}

/** A lookup of an element by a lower-case name, as described above. */
export function endpointsByName({
  servers,
  cmgs,
  populations,
  cloudDistributionPoints,
  networkDevices,
}: Endpoints): (name: string) => Endpoint | undefined {
  const server = firstOf(servers, (s) => [s.name as string, lower(s.PublicFqdn)]);
  const cmg = firstOf(cmgs, (c) => [c.name as string, lower(c.DeploymentName)]);
  const population = firstOf(populations, (p) => [lower(p.name)]);
  const cloudDistributionPoint = firstOf(cloudDistributionPoints, (c) => [c.name as string]);
  const device = new Map<string, Endpoint>();
  for (const d of networkDevices) device.set(lower(d.Name), d);
  return (name) =>
    name
      ? (server.get(name) ??
        cmg.get(name) ??
        population.get(name) ??
        cloudDistributionPoint.get(name) ??
        device.get(name))
      : undefined;
}

/** Each name to the first item that has it under any of its names. */
function firstOf<T extends Endpoint>(items: readonly T[], names: (item: T) => string[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) for (const name of names(item)) if (!map.has(name)) map.set(name, item);
  return map;
}
