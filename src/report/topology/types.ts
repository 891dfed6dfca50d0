/**
 * The topology of one export as a plain graph, shared by the HTML report's SVG picture, the DOT output and the Mermaid
 * text: zones (the internet, Azure, each on-premises site), nodes (client populations, CMGs, site systems with their
 * roles, firewalls and proxies, public DNS, PKI/CRL) and edges labelled with protocol and port. Values are kept as
 * they are in the export; each writer escapes them for its own language.
 */
import type { Finding, Pointer } from '../../findings.js';

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
