/**
 * What each DNS record names: the CMG whose service or deployment name it is, else the internet-facing site system
 * whose public FQDN or server name it is. The topology draws a public record's edge to it.
 *
 * Fact, on each DNS record:
 * - target (element): that CMG or site system, when the export has one.
 */
import { lower } from '../facts.js';
import type { Cmg, DnsRecord, Server } from '../model-types.js';
import type { CelValue } from '../to-cel.js';

export function linkDnsTargets(records: readonly DnsRecord[], cmgs: readonly Cmg[], servers: readonly Server[]): void {
  const cmgByName = new Map<string, Cmg>();
  for (const c of cmgs)
    for (const name of [lower(c.ServiceName), lower(c.DeploymentName)])
      if (!cmgByName.has(name)) cmgByName.set(name, c);
  const serverByName = new Map<string, Server>();
  for (const s of servers) {
    const names =
      s.internetFacing === true ? [lower(s.PublicFqdn), lower(s.SiteSystemServerName)] : [lower(s.PublicFqdn)];
    for (const name of names) if (!serverByName.has(name)) serverByName.set(name, s);
  }
  for (const record of records) {
    const name = lower(record.Name);
    const target = cmgByName.get(name) ?? serverByName.get(name);
    // A dyn fact: a Cmg or a Server, which CEL reads as the maps they are.
    if (target) record.target = target as unknown as CelValue;
  }
}
