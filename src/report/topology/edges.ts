/**
 * The edges of the picture, labelled with protocol and port: the traffic the roles and settings imply (clients to
 * their CMG and to internet-facing roles, connection points to their CMG and to the roles that take CMG traffic, the
 * service connection point to the CMGs, devices to what they front, site systems to their proxy, DNS records to what
 * they name, the CMG to the CRL) and the connections the export states (network.connections), between the nodes of
 * the elements the model links them to.
 */
import type { Pointer } from '../../findings.js';
import type { Element, Model } from '../../model/build.js';
import { lower } from '../../model/facts.js';
import { CLIENT_ROLES, protocolOf, type Nodes } from './nodes.js';
import type { TopologyEdge, TopologyNode } from './types.js';
import { list, pointerOf, row, text } from './values.js';
import type { Zones } from './zones.js';

type AddEdge = (
  from: TopologyNode | undefined,
  to: TopologyNode | undefined,
  label: string,
  kind?: TopologyEdge['kind'],
  stated?: boolean,
) => void;

/** Every edge, in the order of the picture's ids; adds the nodes only an edge needs (a proxy no device lists, the internet, Azure endpoints). */
export function makeEdges(model: Model, zones: Zones, nodes: Nodes): TopologyEdge[] {
  const edges = new Map<string, TopologyEdge>();
  // One edge per pair of nodes and kind: labels of the same standing merge; a stated connection replaces implied ones.
  const addEdge: AddEdge = (from, to, label, kind = 'traffic', stated = false) => {
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
  impliedEdges(model, nodes, addEdge);
  proxyEdges(model, zones, nodes, addEdge);
  dnsAndCrlEdges(model, nodes, addEdge);
  statedEdges(model, zones, nodes, addEdge);
  return [...edges.values()];
}

function impliedEdges(model: Model, nodes: Nodes, addEdge: AddEdge): void {
  const node = (element: unknown) => nodes.of.get(element as Element);
  const serverOf = (role: Element) => node(role.server);
  for (const cmg of model.cmgs) {
    for (const population of (cmg.populations as Element[]) ?? []) addEdge(node(population), node(cmg), 'HTTPS 443');
  }
  for (const population of model.populations) {
    if (!population.usesIbcm) continue;
    for (const role of model.roles) {
      if (!CLIENT_ROLES.has(String(role.kind)) || role.acceptsInternet !== true) continue;
      if (population.site !== undefined && role.site !== population.site) continue;
      addEdge(node(population), serverOf(role), `${protocolOf(role)} ${String(role.port)}`);
    }
  }
  for (const cp of model.connectionPoints) {
    if (cp.cmg) addEdge(serverOf(cp), node(cp.cmg), 'TCP-TLS 10140-10155, HTTPS 443');
    for (const role of model.roles) {
      if (role.site === cp.site && role.cmgTraffic === true && CLIENT_ROLES.has(String(role.kind)))
        addEdge(serverOf(cp), serverOf(role), `${protocolOf(role)} ${String(role.port)}`);
    }
  }
  for (const scp of model.roles.filter((r) => r.kind === 'ServiceConnectionPoint')) {
    for (const cmg of model.cmgs) addEdge(serverOf(scp), node(cmg), 'HTTPS 443');
  }
  for (const device of model.networkDevices) {
    const ssl =
      text(device.SslMode) === 'Bridging' ? ' (bridged)' : text(device.SslMode) === 'Tunneling' ? ' (tunnelled)' : '';
    for (const server of device.servers as Element[]) {
      const ports = ((server.allRoles as Element[]) ?? [])
        .filter((r) => CLIENT_ROLES.has(String(r.kind)))
        .map((r) => `${protocolOf(r)} ${String(r.port)}`);
      addEdge(node(device), node(server), [...new Set(ports.length ? ports : ['HTTPS 443'])].join(', ') + ssl);
    }
    for (const cmg of device.frontCmgs as Element[]) addEdge(node(device), node(cmg), 'HTTPS 443' + ssl);
  }
}

/** A site system set to use a proxy: to the device of that name, or to a proxy node of its own when no device has it. */
function proxyEdges(model: Model, zones: Zones, nodes: Nodes, addEdge: AddEdge): void {
  for (const server of model.servers) {
    if (server.EnableProxy !== true || !text(server.ProxyServerName)) continue;
    let proxy = nodes.deviceByName.get(lower(server.ProxyServerName));
    const proxyPointer: Pointer[] = pointerOf(server).map((p) => [...p, 'ProxyServerName']);
    if (!proxy) {
      proxy = nodes.add({
        kind: 'proxy',
        zone: zones.site(server.SiteCode).id,
        title: text(server.ProxyServerName)!,
        name: text(server.ProxyServerName)!,
        rows: [row('Web proxy', 'named by a site system')],
        pointers: proxyPointer,
      });
      nodes.deviceByName.set(lower(server.ProxyServerName), proxy);
    }
    addEdge(nodes.of.get(server), proxy, `HTTP proxy ${text(server.ProxyServerPort) ?? ''}`.trim(), 'proxy');
  }
}

/** Public DNS records to what they name (the model's record.target), and CMGs that check revocation to the CRL. */
function dnsAndCrlEdges(model: Model, nodes: Nodes, addEdge: AddEdge): void {
  if (nodes.dns) {
    for (const record of nodes.dns.records) {
      const target = record.target ? nodes.of.get(record.target as Element) : undefined;
      addEdge(nodes.dns.node, target, `DNS ${text(record.Type) ?? ''}`.trim(), 'dns');
    }
  }
  if (nodes.pki) {
    for (const cmg of model.cmgs)
      if (cmg.CheckClientCertRevocation === true) addEdge(nodes.of.get(cmg), nodes.pki, 'HTTP 80 (CRL)');
  }
}

/** Connections the export states, between the nodes of the model's connection.source and connection.destination. */
function statedEdges(model: Model, zones: Zones, nodes: Nodes, addEdge: AddEdge): void {
  let anyInternet: TopologyNode | undefined;
  let azureEndpoints: TopologyNode | undefined;
  const resolve = (connection: Element, end: 'from' | 'to'): TopologyNode | undefined => {
    const n = connection[end] as string;
    if (!n) return undefined;
    const element = (end === 'from' ? connection.source : connection.destination) as Element | undefined;
    if (element) return nodes.of.get(element);
    // A proxy no device lists, drawn because a site system names it.
    const proxy = nodes.deviceByName.get(n);
    if (proxy) return proxy;
    if (n === 'internet' || (n === 'any' && end === 'from')) {
      anyInternet ??= nodes.add({
        kind: 'internet-clients',
        zone: zones.internet().id,
        title: 'Any internet host',
        name: 'Internet',
        rows: [],
        pointers: [],
      });
      return anyInternet;
    }
    if ((end === 'from' ? connection.sourceIsAzure : connection.destinationIsAzure) === true) {
      const name = text(end === 'from' ? connection.From : connection.To)!;
      azureEndpoints ??= nodes.add({
        kind: 'azure-endpoints',
        zone: zones.azure().id,
        title: 'Azure endpoints',
        name: 'Azure',
        rows: [],
        pointers: [],
      });
      if (n !== 'azure' && !azureEndpoints.rows.some((r) => r.text === name) && azureEndpoints.rows.length < 6)
        azureEndpoints.rows.push(row(name));
      return azureEndpoints;
    }
    return undefined;
  };
  for (const connection of model.connections) {
    const from = resolve(connection, 'from');
    const to = resolve(connection, 'to');
    const ports = list(connection.Ports)
      .map((p) => text(p))
      .filter(Boolean)
      .join(',');
    const label = `${text(connection.Protocol) ?? 'TCP'} ${ports}`.trim();
    addEdge(from, to, label, 'traffic', true);
    // A finding about a connection belongs to where it leads (or comes from, when its destination is not drawn).
    (to ?? from)?.pointers.push(...pointerOf(connection));
  }
}
