/**
 * Whether network.connections let one host open a connection to another on a port: the reachable() rule helper and
 * the connection points' reach of their CMG (NET013) are both this one reading.
 */
import { hostMatches, lower } from '../facts.js';
import type { Connection, Population, Role, RoleFacts } from '../model-types.js';
import { isAzureHost } from './azure-hosts.js';

/** What reachability reads: the connections (with from, to and ranges derived) and the population names. */
export interface Network {
  connections: readonly Connection[];
  populations: readonly Population[];
}

/** True when `from` may open a connection to `to` on `port`, according to network.connections. */
export function connectionAllows(network: Network, from: string, to: string, port: bigint): boolean {
  return allows(connectionsFrom(network, from), to, port);
}

/** The connections `from` may open: its own, those from any host, and those from the internet when it is on the internet. */
function connectionsFrom(network: Network, from: string): readonly Connection[] {
  const source = lower(from);
  return network.connections.filter(
    (c) => c.from === source || c.from === 'any' || (c.from === 'internet' && isInternetSource(network, source)),
  );
}

function allows(connections: readonly Connection[], to: string, port: bigint): boolean {
  return connections.some(
    (c) =>
      (hostMatches(String(c.to), to) || (c.to === 'azure' && isAzureHost(to))) &&
      (c.ranges as { from: bigint; to: bigint }[]).some((r) => r.from <= port && port <= r.to),
  );
}

/** Every port from `first` to `first + count - 1` is open to `to` through these connections. */
function rangeAllowed(connections: readonly Connection[], to: string, first: bigint, count: bigint): boolean {
  for (let port = first; port < first + count; port++) if (!allows(connections, to, port)) return false;
  return true;
}

function isInternetSource(network: Network, source: string): boolean {
  return source === 'internet' || network.populations.some((p) => lower(p.name) === source);
}

/**
 * How a CMG connection point reaches its CMG (named by its service name, its deployment name, Azure or the internet),
 * on every port of a set (a port per VM instance slot, cmg-deployment.ts):
 * - reachesCmgTcpTls (bool): the TCP-TLS set is open to one of those names.
 * - reachesCmgHttps (bool): the HTTPS set is open to one of those names.
 * Nothing for a connection point whose CMG the export does not have.
 */
export function connectionPointReach(
  network: Network,
  connectionPoint: Role,
): Pick<RoleFacts, 'reachesCmgTcpTls' | 'reachesCmgHttps'> {
  const cmg = connectionPoint.cmg;
  if (!cmg) return {};
  // The server's connections are picked once: a hierarchy of hundreds of connection points and thousands of
  // connections stays a pass over the connections per connection point.
  const mine = connectionsFrom(network, String(connectionPoint.serverName));
  const targets = [cmg.ServiceName, cmg.DeploymentName ?? cmg.ServiceName, 'Azure', 'Internet'].filter(
    (t): t is string => typeof t === 'string',
  );
  const slots = cmg.instanceSlots;
  const reaches = (first: bigint) => mine.length > 0 && targets.some((t) => rangeAllowed(mine, t, first, slots));
  return { reachesCmgTcpTls: reaches(cmg.tcpTlsPortFirst), reachesCmgHttps: reaches(cmg.httpsPortFirst) };
}
