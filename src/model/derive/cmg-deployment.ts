/**
 * What a CMG's deployment model means for its connection points: the kind of CMG, and how many VM instances the
 * connection point opens a port for. NET013 and NET014 read these, and the topology's CMG label; before, each spelled
 * the inference and the clamp itself.
 */
import { lower } from '../facts.js';
import type { CelMap } from '../to-cel.js';

/** 'cloudService' (classic or Azure Resource Manager), 'scaleSet', 'unknown' (not stated, name says nothing), 'unrecognized' (a stated value cmlint does not know). */
export type DeploymentKind = 'cloudService' | 'scaleSet' | 'unknown' | 'unrecognized';

/** The most VM instances a CMG can have: the connection point has one port per instance up to this many. */
export const MAX_INSTANCE_SLOTS = 16n;

/** The first TCP-TLS port of a cloud service CMG's instances, and the first HTTPS port when there are two or more. */
const TCP_TLS_FIRST = 10140n;
const HTTPS_FIRST = 10124n;

/**
 * The deployment facts of one CMG, from its export fields and its `instances` (VMInstanceCount, 1 when unset):
 * - deploymentKind (DeploymentKind): the kind of CMG; when DeploymentModel is absent, a DeploymentName ending in
 *   .cloudapp.net is a cloud service and one ending in .cloudapp.azure.com a scale set.
 * - deploymentKindStated (bool): the kind comes from DeploymentModel, not from the DeploymentName.
 * - instanceSlots (int): the VM instance count taken as 1 to 16: the number of ports each channel needs.
 * - tcpTlsPortFirst, httpsPortFirst (int): the first port of the TCP-TLS set (10140) and of the HTTPS set (443 for
 *   one instance, 10124 for more); each set has instanceSlots ports.
 * - tcpTlsPorts, httpsPorts (string): those sets as text, "10140" or "10140-10143", "443" or "10124-10127".
 */
export function cmgDeploymentFacts(raw: CelMap, instances: bigint): CelMap {
  const stated = raw.DeploymentModel;
  const name = lower(raw.DeploymentName);
  const deploymentKind: DeploymentKind =
    stated === 'Classic' || stated === 'AzureResourceManager'
      ? 'cloudService'
      : stated === 'VirtualMachineScaleSet'
        ? 'scaleSet'
        : stated !== undefined
          ? 'unrecognized'
          : name.endsWith('.cloudapp.net')
            ? 'cloudService'
            : name.endsWith('.cloudapp.azure.com')
              ? 'scaleSet'
              : 'unknown';
  const slots = instances < 1n ? 1n : instances > MAX_INSTANCE_SLOTS ? MAX_INSTANCE_SLOTS : instances;
  const httpsFirst = slots === 1n ? 443n : HTTPS_FIRST;
  return {
    deploymentKind,
    deploymentKindStated: stated !== undefined,
    instanceSlots: slots,
    tcpTlsPortFirst: TCP_TLS_FIRST,
    httpsPortFirst: httpsFirst,
    tcpTlsPorts: portsText(TCP_TLS_FIRST, slots),
    httpsPorts: portsText(httpsFirst, slots),
  };
}

function portsText(first: bigint, count: bigint): string {
  return count === 1n ? String(first) : `${first}-${first + count - 1n}`;
}
