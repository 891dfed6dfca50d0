/**
 * The nodes of the picture, one for each part of the design the model holds: client populations (on the internet),
 * CMGs, cloud distribution points and Azure services (in Azure), site systems with a row per role (in their site),
 * firewalls and proxies, public DNS and the PKI. Each node lists the pointers of the elements it stands for, so that
 * findings about them attach to it (findings-attach.ts). A node's id is its place in the order nodes are made.
 */
import type { Pointer } from '../../findings.js';
import type { Element, Model } from '../../model/build.js';
import { lower } from '../../model/facts.js';
import type { NodeKind, TopologyNode } from './types.js';
import { list, pointerOf, row, text } from './values.js';
import type { Zones } from './zones.js';

const ROLE_NAMES: Record<string, string> = {
  ManagementPoint: 'Management point',
  DistributionPoint: 'Distribution point',
  SoftwareUpdatePoint: 'Software update point',
  FallbackStatusPoint: 'Fallback status point',
  CloudManagementGatewayConnectionPoint: 'CMG connection point',
  ServiceConnectionPoint: 'Service connection point',
  SiteServer: 'Site server',
  SmsProvider: 'SMS Provider',
  SiteDatabaseServer: 'Site database server',
};

/** Roles clients talk to directly (over the internet, or through the CMG). */
export const CLIENT_ROLES = new Set([
  'ManagementPoint',
  'DistributionPoint',
  'SoftwareUpdatePoint',
  'FallbackStatusPoint',
]);

export function roleName(kind: string): string {
  return ROLE_NAMES[kind] ?? kind.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());
}

export function protocolOf(role: Element): string {
  return role.https === true ? 'HTTPS' : role.https === false ? 'HTTP' : 'HTTP(S)';
}

/** A CMG's deployment model as the picture names it, when the export states one cmlint knows. */
const DEPLOYMENT_LABEL: Record<string, string> = { scaleSet: 'scale set', cloudService: 'cloud service (ARM)' };

/** The nodes made so far, and the node of each model element drawn. */
export interface Nodes {
  list: TopologyNode[];
  /** The node standing for a population, CMG, cloud distribution point, site system or network device. */
  of: Map<Element, TopologyNode>;
  /** Firewalls and proxies by their lower-case name (the last of a name), and proxies only a site system names. */
  deviceByName: Map<string, TopologyNode>;
  /** The public DNS node and the records it stands for, when the export has public records. */
  dns?: { node: TopologyNode; records: Element[] };
  pki?: TopologyNode;
  add(node: Omit<TopologyNode, 'id' | 'findings'>): TopologyNode;
}

/** Makes a node for every element of the model the picture shows, in the order of the picture's ids. */
export function makeNodes(model: Model, zones: Zones): Nodes {
  const nodes: Nodes = {
    list: [],
    of: new Map(),
    deviceByName: new Map(),
    add(node) {
      const created: TopologyNode = { ...node, id: `n${this.list.length}`, findings: [] };
      this.list.push(created);
      return created;
    },
  };
  populationNodes(model, zones, nodes);
  azureNodes(model, zones, nodes);
  serverNodes(model, zones, nodes);
  networkDeviceNodes(model, zones, nodes);
  dnsNode(model, zones, nodes);
  pkiNode(model, zones, nodes);
  return nodes;
}

const certPointers = (...certs: unknown[]): Pointer[] => certs.flatMap((c) => pointerOf(c));

/** Client populations, on the internet; inventory devices belong to their population's node. */
function populationNodes(model: Model, zones: Zones, nodes: Nodes): void {
  for (const population of model.populations) {
    const channels = (population.channels as string[]).join(' + ') || 'no channel';
    const auth = (population.auth as string[]).join(', ');
    const facts = [`${String(population.count)} clients`, channels].join(' · ');
    const node = nodes.add({
      kind: 'clients',
      zone: zones.internet().id,
      title: String(population.name),
      name: String(population.name),
      subtitle: text(population.SiteCode) ? `assigned to ${text(population.SiteCode)}` : undefined,
      rows: [row(facts, auth ? `authentication: ${auth}` : undefined)],
      pointers: [...pointerOf(population), ...certPointers(population.clientCertificate)],
    });
    nodes.of.set(population, node);
  }
  for (const device of model.devices) {
    const owner = device.population ? nodes.of.get(device.population as Element) : undefined;
    if (owner) owner.pointers.push(...pointerOf(device));
  }
}

/** CMGs, cloud distribution points and Azure services. */
function azureNodes(model: Model, zones: Zones, nodes: Nodes): void {
  for (const cmg of model.cmgs) {
    const deployment =
      cmg.deploymentKindStated !== true
        ? undefined
        : cmg.DeploymentModel === 'Classic'
          ? 'classic'
          : DEPLOYMENT_LABEL[String(cmg.deploymentKind)];
    const facts = [
      deployment,
      `${String(cmg.instances)} VM${cmg.instances === 1n ? '' : 's'}`,
      text(cmg.Region),
      cmg.contentEnabled ? 'content' : undefined,
    ]
      .filter(Boolean)
      .join(' · ');
    const node = nodes.add({
      kind: 'cmg',
      zone: zones.azure().id,
      title: text(cmg.ServiceName) ?? '(no service name)',
      name: text(cmg.ServiceName) ?? '',
      subtitle: text(cmg.DeploymentName),
      rows: [row(facts, `site ${text(cmg.SiteCode) ?? '?'}${cmg.Lifecycle === 'New' ? ' · planned' : ''}`)],
      pointers: [...pointerOf(cmg), ...certPointers(cmg.serviceCertificate, cmg.managementCertificate)],
    });
    nodes.of.set(cmg, node);
  }
  for (const cdp of model.cloudDistributionPoints) {
    const node = nodes.add({
      kind: 'cloud-dp',
      zone: zones.azure().id,
      title: text(cdp.ServiceName) ?? '(no service name)',
      name: text(cdp.ServiceName) ?? '',
      rows: [row('Cloud distribution point', `site ${text(cdp.SiteCode) ?? '?'}`)],
      pointers: [...pointerOf(cdp), ...certPointers(cdp.serviceCertificate)],
    });
    nodes.of.set(cdp, node);
  }
  for (const service of model.azureServices) {
    nodes.add({
      kind: 'azure-service',
      zone: zones.azure().id,
      title: text(service.Name) ?? '(no name)',
      name: text(service.Name) ?? '',
      rows: [
        row(
          text(service.ServiceType) === 'CloudManagement'
            ? 'Cloud management (Entra ID apps)'
            : (text(service.ServiceType) ?? 'Azure service'),
        ),
      ],
      pointers: pointerOf(service),
    });
  }
}

/** Site systems, one node per server with a row per role, in their site's zone. */
function serverNodes(model: Model, zones: Zones, nodes: Nodes): void {
  for (const server of model.servers) {
    const roles = (server.allRoles as Element[]) ?? [];
    const rows = roles.map((role) => {
      const kind = String(role.kind);
      let detail: string | undefined;
      if (CLIENT_ROLES.has(kind)) {
        const where =
          role.connectionType === 'Internet'
            ? 'internet'
            : role.connectionType === 'InternetAndIntranet'
              ? 'internet & intranet'
              : 'intranet';
        detail = [`${protocolOf(role)} ${String(role.port)}`, where, role.cmgTraffic ? 'CMG traffic' : undefined]
          .filter(Boolean)
          .join(' · ');
      } else if (kind === 'CloudManagementGatewayConnectionPoint') {
        detail = `to ${text(role.CloudManagementGatewayName) ?? '(no CMG named)'}${role.cmg ? '' : ' (not in the export)'}`;
      } else if (kind === 'ServiceConnectionPoint') {
        detail = text(role.Mode) ? `${text(role.Mode)} mode` : undefined;
      }
      return row(roleName(kind), detail, pointerOf(role));
    });
    const facts = [
      text(server.PublicFqdn) ? `public ${text(server.PublicFqdn)}` : undefined,
      text(server.NetworkLocation) && server.NetworkLocation !== 'Intranet'
        ? `in ${text(server.NetworkLocation)}`
        : undefined,
    ];
    const node = nodes.add({
      kind: 'server',
      zone: zones.site(server.SiteCode).id,
      title: text(server.SiteSystemServerName) ?? '(no name)',
      name: text(server.SiteSystemServerName) ?? '',
      subtitle: facts.filter(Boolean).join(' · ') || undefined,
      rows: rows.length ? rows : [row('no roles')],
      pointers: [...pointerOf(server), ...certPointers(server.serverCertificate, server.clientCertificate)],
    });
    nodes.of.set(server, node);
  }
}

/** Firewalls and proxies: a perimeter or intranet device sits in its first server's site (the top site when it fronts none). */
function networkDeviceNodes(model: Model, zones: Zones, nodes: Nodes): void {
  for (const device of model.networkDevices) {
    const type = text(device.Type) ?? 'Firewall';
    const kind: NodeKind = type === 'WebProxy' || type === 'ReverseProxy' ? 'proxy' : 'firewall';
    const location = text(device.Location);
    const firstServer = (device.servers as Element[])[0];
    const zone =
      location === 'Internet'
        ? zones.internet()
        : location === 'Azure'
          ? zones.azure()
          : firstServer
            ? zones.site(firstServer.SiteCode)
            : zones.topSite();
    const product = [text(device.Vendor), text(device.Product)].filter(Boolean).join(' ');
    const node = nodes.add({
      kind,
      zone: zone.id,
      title: text(device.Name) ?? '(no name)',
      name: text(device.Name) ?? '',
      subtitle: location ? `${location.toLowerCase()}` : undefined,
      rows: [
        row(
          type.replace(/([a-z])([A-Z])/g, '$1 $2') + (product ? ` (${product})` : ''),
          text(device.SslMode) ? `SSL: ${text(device.SslMode)}` : undefined,
        ),
      ],
      pointers: [...pointerOf(device), ...certPointers(device.certificate)],
    });
    nodes.deviceByName.set(lower(device.Name), node);
    nodes.of.set(device, node);
  }
}

/** One node for the public DNS records (the first six as rows), on the internet. */
function dnsNode(model: Model, zones: Zones, nodes: Nodes): void {
  const records = model.dnsRecords.filter((r) => r.isPublic === true);
  if (!records.length) return;
  const shown = records.slice(0, 6);
  const node = nodes.add({
    kind: 'dns',
    zone: zones.internet().id,
    title: `${records.length} public record${records.length === 1 ? '' : 's'}`,
    name: 'Public DNS',
    rows: [
      ...shown.map((r) =>
        row(`${text(r.Name) ?? '?'}`, `${text(r.Type) ?? '?'} ${text(r.Value) ?? ''}`.trim(), pointerOf(r)),
      ),
      ...(records.length > shown.length
        ? [row(`and ${records.length - shown.length} more`, undefined, records.slice(shown.length).flatMap(pointerOf))]
        : []),
    ],
    pointers: [['dns']],
  });
  nodes.dns = { node, records };
}

/** The certificates and CRL locations: on the internet when the CRL is published there, else in the top site. */
function pkiNode(model: Model, zones: Zones, nodes: Nodes): void {
  const pki = (model.export.pki ?? undefined) as Element | undefined;
  if (!pki || typeof pki !== 'object') return;
  const crlOnInternet = pki.CrlPublishedOnInternet;
  const urls = list(pki.CrlDistributionPoints)
    .map((u) => text(u) ?? '')
    .filter(Boolean);
  nodes.pki = nodes.add({
    kind: 'pki',
    zone: crlOnInternet === true ? zones.internet().id : zones.topSite().id,
    title: 'Certificates and CRL',
    name: 'PKI',
    subtitle: `CRL on the internet: ${crlOnInternet === true ? 'yes' : crlOnInternet === false ? 'no' : 'not stated'}`,
    rows: [
      ...urls.slice(0, 3).map((u, i) => row(u, undefined, [['pki', 'CrlDistributionPoints', i]])),
      row(`${model.certificates.length} certificate${model.certificates.length === 1 ? '' : 's'}`, undefined, [
        ['pki', 'certificates'],
      ]),
    ],
    pointers: [['pki']],
  });
}
