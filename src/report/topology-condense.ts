/**
 * Keeps a large design's topology a picture a person can read, and its layout cheap: what cannot be drawn legibly
 * one by one is grouped. Child sites of one parent beyond a threshold become one zone ("40 sites under CAS"), then,
 * if there are still too many, the sites of one depth; the site systems of a zone become one node per set of roles
 * and settings with a count ("12 site systems"), then one node per zone; many populations, firewalls or CMGs of a
 * zone become one node with a row per member (the first few) and a row for the rest.
 *
 * Grouping runs before findings are attached: a group's pointers are all its members' pointers (and a group row's
 * those of its members' rows), so every finding still lands on the node or row that drew its part, and the picture's
 * node count, and with it the layout's cost, has a ceiling whatever the export's size.
 */
import type { Pointer } from '../findings.js';
import {
  NODE_KIND_LABEL,
  type NodeKind,
  type Topology,
  type TopologyEdge,
  type TopologyNode,
  type TopologyRow,
  type TopologyZone,
} from './topology.js';

/** Thresholds past which parts are grouped. */
export const LEGIBLE = {
  /** Site zones in one picture. */
  sites: 12,
  /** Child sites of one parent drawn one by one. */
  childSites: 6,
  /** Site-system nodes in one zone. */
  servers: 8,
  /** Other nodes of one kind in one zone. */
  sameKind: 6,
  /** Member rows a grouped node lists by name. */
  rows: 5,
} as const;

export function condense(topology: Topology): void {
  groupSites(topology);
  groupServers(topology);
  groupOthers(topology);
}

function mergeZones(topology: Topology, members: TopologyZone[], title: string): void {
  const [first] = members;
  if (!first || members.length < 2) return;
  const gone = new Set(members.slice(1).map((z) => z.id));
  const codes = members.map((z) => z.title.replace(/^Site /, '').replace(/ \(.*$/, ''));
  first.title = title;
  first.subtitle = codes.length > 8 ? `${codes.slice(0, 8).join(', ')} and ${codes.length - 8} more` : codes.join(', ');
  first.pointers = members.flatMap((z) => z.pointers);
  first.members = members.length;
  for (const node of topology.nodes) if (gone.has(node.zone)) node.zone = first.id;
  for (const zone of topology.zones) if (zone.parent && gone.has(zone.parent)) zone.parent = first.id;
  topology.zones = topology.zones.filter((z) => !gone.has(z.id));
}

function groupSites(topology: Topology): void {
  const sites = () => topology.zones.filter((z) => z.kind === 'site');
  if (sites().length <= LEGIBLE.sites) return;
  const titleOf = (id: string | undefined) =>
    topology.zones
      .find((z) => z.id === id)
      ?.title.replace(/^Site /, '')
      .replace(/ \(.*$/, '') ?? 'no parent';
  // Parents before children, so that a merged parent's children group under the merged zone.
  const ranks = [...new Set(sites().map((z) => z.rank))].sort((a, b) => a - b);
  for (const rank of ranks) {
    const byParent = new Map<string, TopologyZone[]>();
    for (const zone of sites().filter((z) => z.rank === rank)) {
      const key = zone.parent ?? '';
      byParent.set(key, [...(byParent.get(key) ?? []), zone]);
    }
    for (const [parent, children] of byParent) {
      if (children.length > LEGIBLE.childSites)
        mergeZones(topology, children, `${children.length} sites under ${parent ? titleOf(parent) : 'no parent'}`);
    }
  }
  if (sites().length <= LEGIBLE.sites) return;
  for (const rank of ranks) {
    const zones = sites().filter((z) => z.rank === rank);
    const count = zones.reduce((n, z) => n + (z.members ?? 1), 0);
    mergeZones(topology, zones, `${count} sites at depth ${rank - 2}`);
  }
}

/** Replaces `members` (nodes of one zone) by `group` in the node list and the edges. */
function replaceNodes(topology: Topology, members: TopologyNode[], group: TopologyNode): void {
  const ids = new Set(members.map((n) => n.id));
  const at = topology.nodes.findIndex((n) => ids.has(n.id));
  topology.nodes = topology.nodes.filter((n) => !ids.has(n.id));
  topology.nodes.splice(at, 0, group);
  const edges = new Map<string, TopologyEdge>();
  for (const edge of topology.edges) {
    const from = ids.has(edge.from) ? group.id : edge.from;
    const to = ids.has(edge.to) ? group.id : edge.to;
    if (from === to) continue;
    const key = `${from}>${to}>${edge.kind}`;
    const existing = edges.get(key);
    if (!existing) {
      edges.set(key, { ...edge, from, to });
      continue;
    }
    existing.stated ||= edge.stated;
    const parts = existing.label.split(', ');
    for (const part of edge.label.split(', ')) if (!parts.includes(part) && parts.length < 4) parts.push(part);
    existing.label = parts.join(', ');
  }
  topology.edges = [...edges.values()];
}

function names(members: TopologyNode[]): string {
  const shown = members.slice(0, 2).map((n) => n.title);
  return members.length > 2 ? `${shown.join(', ')} and ${members.length - 2} more` : shown.join(', ');
}

/** Site systems with the same rows (roles and their settings): one node whose rows hold every member's rows. */
function serverGroup(members: TopologyNode[], rowsOf: (n: TopologyNode) => TopologyRow[][]): TopologyNode {
  const [first] = members as [TopologyNode];
  const template = rowsOf(first);
  const rows: TopologyRow[] = template.map((same, i) => {
    const all = members.flatMap((m) => rowsOf(m)[i] ?? []);
    const details = new Set(all.map((r) => r.detail).filter(Boolean));
    const detail = details.size > 1 ? `${details.size} different settings` : [...details][0];
    return {
      text: `${same[0]!.text} ×${all.length}`,
      ...(detail ? { detail } : {}),
      pointers: all.flatMap((r) => r.pointers),
      findings: [],
    };
  });
  return {
    id: first.id,
    kind: 'server',
    zone: first.zone,
    title: `${members.length} site systems`,
    name: `${members.length} site systems`,
    subtitle: names(members),
    rows,
    pointers: members.flatMap((m) => m.pointers as Pointer[]),
    findings: [],
    members: members.length,
  };
}

function groupServers(topology: Topology): void {
  for (const zone of topology.zones) {
    let servers = topology.nodes.filter((n) => n.zone === zone.id && n.kind === 'server');
    if (servers.length <= LEGIBLE.servers) continue;
    // First the same roles and settings together; each row stays a row of its own.
    const bySignature = new Map<string, TopologyNode[]>();
    for (const node of servers) {
      const key = `${node.subtitle ? 'public' : ''}|${node.rows.map((r) => `${r.text}\u0000${r.detail ?? ''}`).join('\u0001')}`;
      bySignature.set(key, [...(bySignature.get(key) ?? []), node]);
    }
    for (const members of bySignature.values())
      if (members.length > 1)
        replaceNodes(
          topology,
          members,
          serverGroup(members, (n) => n.rows.map((r) => [r])),
        );
    servers = topology.nodes.filter((n) => n.zone === zone.id && n.kind === 'server');
    if (servers.length <= LEGIBLE.servers) continue;
    // Still too many: every site system of the zone in one node, a row per role.
    const roles = [...new Set(servers.flatMap((n) => n.rows.map((r) => r.text.replace(/ ×\d+$/, ''))))].sort();
    const byRole = (n: TopologyNode) =>
      roles.map((role) => n.rows.filter((r) => r.text.replace(/ ×\d+$/, '') === role));
    const total = servers.reduce((sum, n) => sum + (n.members ?? 1), 0);
    const group = serverGroup(servers, byRole);
    group.title = group.name = `${total} site systems`;
    group.rows = group.rows.map((r, i) => ({
      ...r,
      text: `${roles[i]} ×${servers.flatMap((n) => byRole(n)[i]!).reduce((sum, row) => sum + Number(/ ×(\d+)$/.exec(row.text)?.[1] ?? 1), 0)}`,
    }));
    group.members = total;
    replaceNodes(topology, servers, group);
  }
}

function groupOthers(topology: Topology): void {
  const kinds: NodeKind[] = ['clients', 'cmg', 'cloud-dp', 'azure-service', 'firewall', 'proxy'];
  for (const zone of topology.zones) {
    for (const kind of kinds) {
      const members = topology.nodes.filter((n) => n.zone === zone.id && n.kind === kind);
      if (members.length <= LEGIBLE.sameKind) continue;
      const shown = members.slice(0, LEGIBLE.rows);
      const rest = members.slice(LEGIBLE.rows);
      const rowOf = (n: TopologyNode): TopologyRow => ({
        text: n.title,
        ...(n.rows[0] ? { detail: n.rows[0].text } : {}),
        pointers: [...n.pointers, ...n.rows.flatMap((r) => r.pointers)],
        findings: [],
      });
      const label = NODE_KIND_LABEL[kind];
      const group: TopologyNode = {
        id: members[0]!.id,
        kind,
        zone: zone.id,
        title: `${members.length} × ${label}`,
        name: `${members.length} × ${label}`,
        rows: [
          ...shown.map(rowOf),
          { text: `and ${rest.length} more`, pointers: rest.flatMap((n) => rowOf(n).pointers), findings: [] },
        ],
        pointers: [],
        findings: [],
        members: members.length,
      };
      replaceNodes(topology, members, group);
    }
  }
}
