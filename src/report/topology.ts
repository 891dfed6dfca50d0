/**
 * The topology of one export as a plain graph, shared by the HTML report's SVG picture, the DOT output and the Mermaid
 * text: zones (the internet, Azure, each on-premises site), nodes (client populations, CMGs, site systems with their
 * roles, firewalls and proxies, public DNS, PKI/CRL) and edges labelled with protocol and port.
 *
 * Each finding is attached to the zone, node or role row whose JSON pointer is the longest prefix of the finding's
 * pointer (originOf gives each model element's pointer), so a picture can show every part's worst finding. Values are
 * kept as they are in the export; each writer escapes them for its own language.
 */
import type { Finding, Pointer, Severity } from '../findings.js';
import { MAX_QUOTED } from '../findings.js';
import type { FileResult } from '../lint.js';
import { buildModel, type Element, type Model } from '../model/build.js';
import { lower } from '../model/facts.js';
import { originOf } from '../model/pointers.js';
import { condense } from './topology-condense.js';

export type ZoneKind = 'internet' | 'azure' | 'site';
export type NodeKind =
  | 'clients'
  | 'cmg'
  | 'cloud-dp'
  | 'azure-service'
  | 'azure-endpoints'
  | 'internet-clients'
  | 'server'
  | 'firewall'
  | 'proxy'
  | 'dns'
  | 'pki';

/** Something findings can be attached to. `findings` holds the unsuppressed findings attached to it. */
export interface Attachable {
  pointers: Pointer[];
  findings: Finding[];
}

export interface TopologyZone extends Attachable {
  id: string;
  kind: ZoneKind;
  title: string;
  subtitle?: string;
  /** Left to right: the internet, Azure, then sites by depth in the hierarchy. */
  rank: number;
  /** A site's parent site zone, when the export names one. */
  parent?: string;
  /** How many sites a grouped zone stands for (topology-condense.ts). */
  members?: number;
}

/** A line inside a node: a role of a site system, a DNS record, a CRL location. */
export interface TopologyRow extends Attachable {
  text: string;
  detail?: string;
}

export interface TopologyNode extends Attachable {
  id: string;
  kind: NodeKind;
  zone: string;
  title: string;
  /** What identifies the node in the export: the server name, the CMG service name, the population name. */
  name: string;
  subtitle?: string;
  rows: TopologyRow[];
  /** How many parts a grouped node stands for (topology-condense.ts). */
  members?: number;
}

export interface TopologyEdge {
  id: string;
  from: string;
  to: string;
  /** Protocols and ports, for example "HTTPS 443" or "TCP-TLS 10140-10155, HTTPS 443". */
  label: string;
  /** Stated in network.connections (true) or implied by the roles and settings (false). */
  stated: boolean;
  kind: 'traffic' | 'dns' | 'proxy';
}

export interface Topology {
  zones: TopologyZone[];
  nodes: TopologyNode[];
  edges: TopologyEdge[];
  /** Unsuppressed findings about the design as a whole (no zone or node claims their pointer). */
  unattached: Finding[];
}

export const NODE_KIND_LABEL: Record<NodeKind, string> = {
  clients: 'clients',
  cmg: 'CMG',
  'cloud-dp': 'cloud DP',
  'azure-service': 'Azure service',
  'azure-endpoints': 'Azure endpoints',
  'internet-clients': 'internet',
  server: 'site system',
  firewall: 'firewall',
  proxy: 'proxy',
  dns: 'public DNS',
  pki: 'PKI / CRL',
};

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
const CLIENT_ROLES = new Set(['ManagementPoint', 'DistributionPoint', 'SoftwareUpdatePoint', 'FallbackStatusPoint']);

export function roleName(kind: string): string {
  return ROLE_NAMES[kind] ?? kind.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, note: 2 };

/** The most severe finding (then the first in the file) of a list, or undefined. */
export function worstFinding(findings: readonly Finding[]): Finding | undefined {
  let worst: Finding | undefined;
  for (const f of findings) {
    if (!worst || SEVERITY_ORDER[f.severity] < SEVERITY_ORDER[worst.severity]) worst = f;
  }
  return worst;
}

/** A node's own findings and its rows' findings together. */
export function nodeFindings(node: TopologyNode): Finding[] {
  return [...node.findings, ...node.rows.flatMap((r) => r.findings)];
}

export function countSeverities(findings: readonly Finding[]): Record<Severity, number> {
  const counts = { error: 0, warning: 0, note: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

const AZURE_SUFFIXES = ['.cloudapp.net', '.cloudapp.azure.com', '.windows.net', '.azure.com', '.azure.net', '.usgovcloudapp.net', '.usgovcloudapi.net', '.azure.us', '.microsoftonline.com'];

function isAzureHost(host: string): boolean {
  const h = lower(host);
  return h === 'azure' || AZURE_SUFFIXES.some((d) => h.endsWith(d) || `.${h}` === d);
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function pointerOf(element: unknown): Pointer[] {
  const p = originOf(element);
  return p && p.length ? [p] : [];
}

function list(value: unknown): Element[] {
  return Array.isArray(value) ? (value as Element[]) : [];
}

/** Builds the topology of one linted file. A file that could not be parsed or modelled gives an empty topology. */
export function buildTopology(file: FileResult): Topology {
  const topology: Topology = { zones: [], nodes: [], edges: [], unattached: [] };
  const data = file.document?.data;
  if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
    try {
      populate(topology, buildModel(data));
    } catch {
      // A model that cannot be built (data the schema rejected) gives no picture; the findings say why.
      topology.zones = [];
      topology.nodes = [];
      topology.edges = [];
    }
  }
  condense(topology);
  attach(topology, file.findings.filter((f) => !f.suppression));
  boundText(topology);
  return topology;
}

/** Text from an export cut to MAX_QUOTED characters, as messages quote values (SECURITY.md). */
function bounded(text: string): string {
  return text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED - 1)}…` : text;
}

/**
 * Every text of the picture bounded, once it is built (names are its keys until then): the DOT, Mermaid and SVG
 * outputs show no more of a value than a message does.
 */
function boundText(topology: Topology): void {
  for (const zone of topology.zones) {
    zone.title = bounded(zone.title);
    if (zone.subtitle !== undefined) zone.subtitle = bounded(zone.subtitle);
  }
  for (const node of topology.nodes) {
    node.title = bounded(node.title);
    node.name = bounded(node.name);
    if (node.subtitle !== undefined) node.subtitle = bounded(node.subtitle);
    for (const row of node.rows) {
      row.text = bounded(row.text);
      if (row.detail !== undefined) row.detail = bounded(row.detail);
    }
  }
  for (const edge of topology.edges) edge.label = bounded(edge.label);
}

function populate(topology: Topology, model: Model): void {
  const zones = new Map<string, TopologyZone>();
  const addZone = (key: string, zone: Omit<TopologyZone, 'id' | 'findings'>): TopologyZone => {
    const existing = zones.get(key);
    if (existing) return existing;
    const created: TopologyZone = { ...zone, id: `z${zones.size}`, findings: [] };
    zones.set(key, created);
    return created;
  };
  const internetZone = () => addZone('internet', { kind: 'internet', title: 'Internet', rank: 0, pointers: [] });
  const azureZone = () => addZone('azure', { kind: 'azure', title: 'Microsoft Azure', rank: 1, pointers: [] });

  // Sites first (hierarchy order), so the site zones exist even when a site has no site systems yet.
  const depth = (site: Element): number => {
    let d = 0;
    for (let s = site.parent as Element | undefined; s && d < 10; s = s.parent as Element | undefined) d++;
    return d;
  };
  const siteZoneByCode = new Map<string, TopologyZone>();
  for (const site of model.sites) {
    const code = text(site.SiteCode) ?? '?';
    if (siteZoneByCode.has(lower(code))) continue;
    const facts = [text(site.SiteType), site.version !== undefined ? `version ${String(site.version)}` : 'version not stated', text(site.ParentSiteCode) ? `parent ${text(site.ParentSiteCode)}` : undefined];
    const zone = addZone(`site:${lower(code)}`, {
      kind: 'site',
      title: `Site ${code}${text(site.SiteName) ? ` (${text(site.SiteName)})` : ''}`,
      subtitle: facts.filter(Boolean).join(' · '),
      rank: 2 + depth(site),
      pointers: pointerOf(site),
    });
    siteZoneByCode.set(lower(code), zone);
  }
  for (const site of model.sites) {
    const zone = siteZoneByCode.get(lower(text(site.SiteCode) ?? '?'));
    const parent = site.parent ? siteZoneByCode.get(lower((site.parent as Element).SiteCode)) : undefined;
    if (zone && parent && parent !== zone) zone.parent = parent.id;
  }
  const topSiteZone = (): TopologyZone => {
    const top = model.hierarchy.topSite as Element | undefined;
    const zone = top ? siteZoneByCode.get(lower(top.SiteCode)) : [...siteZoneByCode.values()][0];
    return zone ?? addZone('site:?', { kind: 'site', title: 'On-premises', subtitle: 'no site in hierarchy.sites', rank: 2, pointers: [] });
  };
  const siteZone = (code: unknown): TopologyZone => {
    const key = lower(code);
    const known = siteZoneByCode.get(key);
    if (known) return known;
    if (!key) return topSiteZone();
    const zone = addZone(`site:${key}`, { kind: 'site', title: `Site ${text(code) ?? key}`, subtitle: 'not in hierarchy.sites', rank: 2, pointers: [] });
    siteZoneByCode.set(key, zone);
    return zone;
  };

  const nodes: TopologyNode[] = [];
  const addNode = (node: Omit<TopologyNode, 'id' | 'findings'>): TopologyNode => {
    const created: TopologyNode = { ...node, id: `n${nodes.length}`, findings: [] };
    nodes.push(created);
    return created;
  };
  const row = (textValue: string, detail?: string, pointers: Pointer[] = []): TopologyRow => ({ text: textValue, ...(detail ? { detail } : {}), pointers, findings: [] });
  const certPointers = (...certs: unknown[]): Pointer[] => certs.flatMap((c) => pointerOf(c));

  // Client populations: on the internet. ---------------------------------------------------------------------
  const nodeOf = new Map<Element, TopologyNode>();
  for (const population of model.populations) {
    const channels = (population.channels as string[]).join(' + ') || 'no channel';
    const auth = (population.auth as string[]).join(', ');
    const facts = [`${String(population.count)} clients`, channels].join(' · ');
    const node = addNode({
      kind: 'clients',
      zone: internetZone().id,
      title: String(population.name),
      name: String(population.name),
      subtitle: text(population.SiteCode) ? `assigned to ${text(population.SiteCode)}` : undefined,
      rows: [row(facts, auth ? `authentication: ${auth}` : undefined)],
      pointers: [...pointerOf(population), ...certPointers(population.clientCertificate)],
    });
    nodeOf.set(population, node);
  }
  // Inventory devices belong to their population's node.
  for (const device of model.devices) {
    const owner = device.population ? nodeOf.get(device.population as Element) : undefined;
    if (owner) owner.pointers.push(...pointerOf(device));
  }

  // Azure: CMGs, cloud distribution points, Azure services. ---------------------------------------------------
  for (const cmg of model.cmgs) {
    const model_ = text(cmg.DeploymentModel) === 'VirtualMachineScaleSet' ? 'scale set' : text(cmg.DeploymentModel) === 'Classic' ? 'classic' : text(cmg.DeploymentModel) === 'AzureResourceManager' ? 'cloud service (ARM)' : undefined;
    const facts = [model_, `${String(cmg.instances)} VM${cmg.instances === 1n ? '' : 's'}`, text(cmg.Region), cmg.contentEnabled ? 'content' : undefined].filter(Boolean).join(' · ');
    const node = addNode({
      kind: 'cmg',
      zone: azureZone().id,
      title: text(cmg.ServiceName) ?? '(no service name)',
      name: text(cmg.ServiceName) ?? '',
      subtitle: text(cmg.DeploymentName),
      rows: [row(facts, `site ${text(cmg.SiteCode) ?? '?'}${cmg.Lifecycle === 'New' ? ' · planned' : ''}`)],
      pointers: [...pointerOf(cmg), ...certPointers(cmg.serviceCertificate, cmg.managementCertificate)],
    });
    nodeOf.set(cmg, node);
  }
  for (const cdp of model.cloudDistributionPoints) {
    const node = addNode({
      kind: 'cloud-dp',
      zone: azureZone().id,
      title: text(cdp.ServiceName) ?? '(no service name)',
      name: text(cdp.ServiceName) ?? '',
      rows: [row('Cloud distribution point', `site ${text(cdp.SiteCode) ?? '?'}`)],
      pointers: [...pointerOf(cdp), ...certPointers(cdp.serviceCertificate)],
    });
    nodeOf.set(cdp, node);
  }
  for (const service of model.azureServices) {
    addNode({
      kind: 'azure-service',
      zone: azureZone().id,
      title: text(service.Name) ?? '(no name)',
      name: text(service.Name) ?? '',
      rows: [row(text(service.ServiceType) === 'CloudManagement' ? 'Cloud management (Entra ID apps)' : (text(service.ServiceType) ?? 'Azure service'))],
      pointers: pointerOf(service),
    });
  }

  // Site systems, one node per server with a row per role. -----------------------------------------------------
  const serverNodes = new Map<Element, TopologyNode>();
  for (const server of model.servers) {
    const roles = (server.allRoles as Element[]) ?? [];
    const rows = roles.map((role) => {
      const kind = String(role.kind);
      let detail: string | undefined;
      if (CLIENT_ROLES.has(kind)) {
        const where = role.connectionType === 'Internet' ? 'internet' : role.connectionType === 'InternetAndIntranet' ? 'internet & intranet' : 'intranet';
        detail = [`${protocolOf(role)} ${String(role.port)}`, where, role.cmgTraffic ? 'CMG traffic' : undefined].filter(Boolean).join(' · ');
      } else if (kind === 'CloudManagementGatewayConnectionPoint') {
        detail = `to ${text(role.CloudManagementGatewayName) ?? '(no CMG named)'}${role.cmg ? '' : ' (not in the export)'}`;
      } else if (kind === 'ServiceConnectionPoint') {
        detail = text(role.Mode) ? `${text(role.Mode)} mode` : undefined;
      }
      return row(roleName(kind), detail, pointerOf(role));
    });
    const facts = [text(server.PublicFqdn) ? `public ${text(server.PublicFqdn)}` : undefined, text(server.NetworkLocation) && server.NetworkLocation !== 'Intranet' ? `in ${text(server.NetworkLocation)}` : undefined];
    const node = addNode({
      kind: 'server',
      zone: siteZone(server.SiteCode).id,
      title: text(server.SiteSystemServerName) ?? '(no name)',
      name: text(server.SiteSystemServerName) ?? '',
      subtitle: facts.filter(Boolean).join(' · ') || undefined,
      rows: rows.length ? rows : [row('no roles')],
      pointers: [...pointerOf(server), ...certPointers(server.serverCertificate, server.clientCertificate)],
    });
    serverNodes.set(server, node);
  }

  // Firewalls and proxies. -----------------------------------------------------------------------------------
  const deviceByName = new Map<string, TopologyNode>();
  for (const device of model.networkDevices) {
    const type = text(device.Type) ?? 'Firewall';
    const kind: NodeKind = type === 'WebProxy' || type === 'ReverseProxy' ? 'proxy' : 'firewall';
    const location = text(device.Location);
    const firstServer = (device.servers as Element[])[0];
    // A perimeter or intranet device sits in front of its first server's site (the top site when it fronts none).
    const zone = location === 'Internet' ? internetZone() : location === 'Azure' ? azureZone() : firstServer ? siteZone(firstServer.SiteCode) : topSiteZone();
    const product = [text(device.Vendor), text(device.Product)].filter(Boolean).join(' ');
    const node = addNode({
      kind,
      zone: zone.id,
      title: text(device.Name) ?? '(no name)',
      name: text(device.Name) ?? '',
      subtitle: location ? `${location.toLowerCase()}` : undefined,
      rows: [row(type.replace(/([a-z])([A-Z])/g, '$1 $2') + (product ? ` (${product})` : ''), text(device.SslMode) ? `SSL: ${text(device.SslMode)}` : undefined)],
      pointers: [...pointerOf(device), ...certPointers(device.certificate)],
    });
    deviceByName.set(lower(device.Name), node);
    nodeOf.set(device, node);
  }

  // Public DNS and PKI. ----------------------------------------------------------------------------------------
  const publicRecords = model.dnsRecords.filter((r) => r.isPublic === true);
  let dnsNode: TopologyNode | undefined;
  if (publicRecords.length) {
    const shown = publicRecords.slice(0, 6);
    dnsNode = addNode({
      kind: 'dns',
      zone: internetZone().id,
      title: `${publicRecords.length} public record${publicRecords.length === 1 ? '' : 's'}`,
      name: 'Public DNS',
      rows: [
        ...shown.map((r) => row(`${text(r.Name) ?? '?'}`, `${text(r.Type) ?? '?'} ${text(r.Value) ?? ''}`.trim(), pointerOf(r))),
        ...(publicRecords.length > shown.length ? [row(`and ${publicRecords.length - shown.length} more`, undefined, publicRecords.slice(shown.length).flatMap(pointerOf))] : []),
      ],
      pointers: [['dns']],
    });
  }
  const pki = (model.export.pki ?? undefined) as Element | undefined;
  let pkiNode: TopologyNode | undefined;
  if (pki && typeof pki === 'object') {
    const crlOnInternet = pki.CrlPublishedOnInternet;
    const urls = list(pki.CrlDistributionPoints).map((u) => text(u) ?? '').filter(Boolean);
    pkiNode = addNode({
      kind: 'pki',
      zone: crlOnInternet === true ? internetZone().id : topSiteZone().id,
      title: 'Certificates and CRL',
      name: 'PKI',
      subtitle: `CRL on the internet: ${crlOnInternet === true ? 'yes' : crlOnInternet === false ? 'no' : 'not stated'}`,
      rows: [
        ...urls.slice(0, 3).map((u, i) => row(u, undefined, [['pki', 'CrlDistributionPoints', i]])),
        row(`${model.certificates.length} certificate${model.certificates.length === 1 ? '' : 's'}`, undefined, [['pki', 'certificates']]),
      ],
      pointers: [['pki']],
    });
  }

  // Edges. -------------------------------------------------------------------------------------------------------
  const edges = new Map<string, TopologyEdge>();
  const addEdge = (from: TopologyNode | undefined, to: TopologyNode | undefined, label: string, kind: TopologyEdge['kind'] = 'traffic', stated = false) => {
    if (!from || !to || from === to) return;
    const key = `${from.id}>${to.id}>${kind}`;
    const existing = edges.get(key);
    if (existing) {
      if (stated && !existing.stated) {
        existing.label = label;
        existing.stated = true;
      } else if (stated === existing.stated) {
        const parts = existing.label.split(', ');
        for (const part of label.split(', ')) if (!parts.includes(part)) parts.push(part);
        existing.label = parts.join(', ');
      }
      return;
    }
    edges.set(key, { id: `e${edges.size}`, from: from.id, to: to.id, label, stated, kind });
  };
  const serverOf = (role: Element) => serverNodes.get(role.server as Element);

  for (const cmg of model.cmgs) {
    for (const population of (cmg.populations as Element[]) ?? []) addEdge(nodeOf.get(population), nodeOf.get(cmg), 'HTTPS 443');
  }
  for (const population of model.populations) {
    if (!population.usesIbcm) continue;
    for (const role of model.roles) {
      if (!CLIENT_ROLES.has(String(role.kind)) || role.acceptsInternet !== true) continue;
      if (population.site !== undefined && role.site !== population.site) continue;
      addEdge(nodeOf.get(population), serverOf(role), `${protocolOf(role)} ${String(role.port)}`);
    }
  }
  for (const cp of model.connectionPoints) {
    const cmg = cp.cmg as Element | undefined;
    if (cmg) addEdge(serverOf(cp), nodeOf.get(cmg), 'TCP-TLS 10140-10155, HTTPS 443');
    for (const role of model.roles) {
      if (role.site === cp.site && role.cmgTraffic === true && CLIENT_ROLES.has(String(role.kind))) addEdge(serverOf(cp), serverOf(role), `${protocolOf(role)} ${String(role.port)}`);
    }
  }
  for (const scp of model.roles.filter((r) => r.kind === 'ServiceConnectionPoint')) {
    for (const cmg of model.cmgs) addEdge(serverOf(scp), nodeOf.get(cmg), 'HTTPS 443');
  }
  for (const device of model.networkDevices) {
    const node = nodeOf.get(device);
    const ssl = text(device.SslMode) === 'Bridging' ? ' (bridged)' : text(device.SslMode) === 'Tunneling' ? ' (tunnelled)' : '';
    for (const server of device.servers as Element[]) {
      const ports = ((server.allRoles as Element[]) ?? []).filter((r) => CLIENT_ROLES.has(String(r.kind))).map((r) => `${protocolOf(r)} ${String(r.port)}`);
      addEdge(node, serverNodes.get(server), [...new Set(ports.length ? ports : ['HTTPS 443'])].join(', ') + ssl);
    }
    for (const cmg of device.frontCmgs as Element[]) addEdge(node, nodeOf.get(cmg), 'HTTPS 443' + ssl);
  }
  for (const server of model.servers) {
    if (server.EnableProxy !== true || !text(server.ProxyServerName)) continue;
    let proxy = deviceByName.get(lower(server.ProxyServerName));
    const proxyPointer: Pointer[] = pointerOf(server).map((p) => [...p, 'ProxyServerName']);
    if (!proxy) {
      proxy = addNode({ kind: 'proxy', zone: siteZone(server.SiteCode).id, title: text(server.ProxyServerName)!, name: text(server.ProxyServerName)!, rows: [row('Web proxy', 'named by a site system')], pointers: proxyPointer });
      deviceByName.set(lower(server.ProxyServerName), proxy);
    }
    addEdge(serverNodes.get(server), proxy, `HTTP proxy ${text(server.ProxyServerPort) ?? ''}`.trim(), 'proxy');
  }
  if (dnsNode) {
    for (const record of publicRecords) {
      const name = lower(record.Name);
      const target =
        model.cmgs.find((c) => lower(c.ServiceName) === name || lower(c.DeploymentName) === name) ??
        model.servers.find((s) => lower(s.PublicFqdn) === name || (s.internetFacing === true && lower(s.SiteSystemServerName) === name));
      const targetNode = target ? (nodeOf.get(target) ?? serverNodes.get(target)) : undefined;
      addEdge(dnsNode, targetNode, `DNS ${text(record.Type) ?? ''}`.trim(), 'dns');
    }
  }
  if (pkiNode) {
    for (const cmg of model.cmgs) if (cmg.CheckClientCertRevocation === true) addEdge(nodeOf.get(cmg), pkiNode, 'HTTP 80 (CRL)');
  }

  // Connections the export states (network.connections). -----------------------------------------------------
  let anyInternet: TopologyNode | undefined;
  let azureEndpoints: TopologyNode | undefined;
  const resolve = (name: unknown, end: 'from' | 'to'): TopologyNode | undefined => {
    const n = lower(name);
    if (!n) return undefined;
    const server = model.servers.find((s) => s.name === n || lower(s.PublicFqdn) === n);
    if (server) return serverNodes.get(server);
    const cmg = model.cmgs.find((c) => c.name === n || lower(c.DeploymentName) === n);
    if (cmg) return nodeOf.get(cmg);
    const population = model.populations.find((p) => lower(p.name) === n);
    if (population) return nodeOf.get(population);
    const cdp = model.cloudDistributionPoints.find((c) => c.name === n);
    if (cdp) return nodeOf.get(cdp);
    if (deviceByName.has(n)) return deviceByName.get(n);
    if (n === 'internet' || (n === 'any' && end === 'from')) {
      anyInternet ??= addNode({ kind: 'internet-clients', zone: internetZone().id, title: 'Any internet host', name: 'Internet', rows: [], pointers: [] });
      return anyInternet;
    }
    if (isAzureHost(n) || n.startsWith('*.') && isAzureHost(n.slice(1))) {
      azureEndpoints ??= addNode({ kind: 'azure-endpoints', zone: azureZone().id, title: 'Azure endpoints', name: 'Azure', rows: [], pointers: [] });
      if (n !== 'azure' && !azureEndpoints.rows.some((r) => r.text === text(name)) && azureEndpoints.rows.length < 6) azureEndpoints.rows.push(row(text(name)!));
      return azureEndpoints;
    }
    return undefined;
  };
  for (const connection of model.connections) {
    const from = resolve(connection.From, 'from');
    const to = resolve(connection.To, 'to');
    const ports = list(connection.Ports).map((p) => text(p)).filter(Boolean).join(',');
    const label = `${text(connection.Protocol) ?? 'TCP'} ${ports}`.trim();
    addEdge(from, to, label, 'traffic', true);
    // A finding about a connection belongs to where it leads (or comes from, when its destination is not drawn).
    (to ?? from)?.pointers.push(...pointerOf(connection));
  }
  // (addEdge replaced the label of an implied edge between two nodes the export states a connection for.)
  topology.edges = [...edges.values()];
  topology.zones = [...zones.values()].filter((z) => z.kind === 'site' || nodes.some((n) => n.zone === z.id));
  topology.nodes = nodes;
}

function protocolOf(role: Element): string {
  return role.https === true ? 'HTTPS' : role.https === false ? 'HTTP' : 'HTTP(S)';
}

/** One pointer part in a lookup key: escaped as in a JSON pointer, so that keys of different pointers never collide. */
function keyPart(part: string | number): string {
  return `/${String(part).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

/**
 * Gives each finding to the zone, node or row with the longest pointer that is a prefix of its own; ties go to the
 * first. Every target pointer is indexed once by its key; each finding then looks up its own prefixes, longest first,
 * so attaching costs the findings' pointer lengths, not findings times pointers.
 */
function attach(topology: Topology, findings: Finding[]): void {
  const targets: Attachable[] = [...topology.zones, ...topology.nodes.flatMap((n) => [n, ...n.rows])];
  const byPointer = new Map<string, Attachable>();
  for (const target of targets) {
    for (const p of target.pointers) {
      if (!p.length) continue;
      let key = '';
      for (const part of p) key += keyPart(part);
      if (!byPointer.has(key)) byPointer.set(key, target);
    }
  }
  for (const finding of findings) {
    const pointer = finding.pointer;
    let best: Attachable | undefined;
    if (pointer && pointer.length) {
      const prefixes: string[] = [];
      let key = '';
      for (const part of pointer) prefixes.push((key += keyPart(part)));
      for (let i = prefixes.length - 1; i >= 0 && !best; i--) best = byPointer.get(prefixes[i]!);
    }
    if (best) best.findings.push(finding);
    else topology.unattached.push(finding);
  }
}
