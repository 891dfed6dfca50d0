/**
 * What each DNS record names: the CMG whose service or deployment name it is, else the internet-facing site system
 * whose public FQDN or server name it is. The topology draws a public record's edge to it.
 *
 * Fact, on each DNS record:
 * - target (element): that CMG or site system, when the export has one.
 */
import { lower } from '../facts.js';
import type { CelMap } from '../to-cel.js';

export function linkDnsTargets(records: readonly CelMap[], cmgs: readonly CelMap[], servers: readonly CelMap[]): void {
  const cmgByName = new Map<string, CelMap>();
  for (const c of cmgs) for (const name of [lower(c.ServiceName), lower(c.DeploymentName)]) if (!cmgByName.has(name)) cmgByName.set(name, c);
  const serverByName = new Map<string, CelMap>();
  for (const s of servers) {
    const names = s.internetFacing === true ? [lower(s.PublicFqdn), lower(s.SiteSystemServerName)] : [lower(s.PublicFqdn)];
    for (const name of names) if (!serverByName.has(name)) serverByName.set(name, s);
  }
  for (const record of records) {
    const name = lower(record.Name);
    const target = cmgByName.get(name) ?? serverByName.get(name);
    if (target) record.target = target;
  }
}
