/**
 * Draws a topology as inline SVG when the report is written: dagre lays the graph out here, in Node, so the page
 * ships no layout code. Text is measured with a monospace estimate (labels use a monospace font and are clipped to a
 * few dozen characters, the full text is in each node's tooltip), so no DOM is needed.
 *
 * Each node shows its worst finding three ways: the border colour, the border pattern (solid, dashed, dotted) and a
 * badge with an icon shape and words ("2 errors"). A node with findings is a link to its worst finding's row.
 */
import { graphlib, layout } from '@dagrejs/dagre';
import type { Finding, Severity } from '../findings.js';
import { escapeControl } from './escape.js';
import { escapeHtml } from './markup-escape.js';
import {
  countSeverities,
  NODE_KIND_LABEL,
  nodeFindings,
  worstFinding,
  type Topology,
  type TopologyNode,
  type TopologyRow,
  type TopologyZone,
} from './topology.js';

/** Approximate advance of a monospace glyph, as a fraction of the font size (DejaVu Sans Mono and Menlo 0.602, Consolas 0.55). */
const GLYPH = 0.62;
const PAD = 10;
const FONT = {
  kind: 10.5,
  title: 13,
  subtitle: 11,
  row: 12,
  detail: 11,
  edge: 11,
  zoneTitle: 14,
  zoneSubtitle: 11,
} as const;
const CLIP = { title: 38, subtitle: 46, row: 42, detail: 46, edge: 34, zoneTitle: 40, zoneSubtitle: 56 } as const;
const ZONE_HEADER = 40;

export interface SvgOptions {
  /** Prefix for element ids, unique per picture in one page. */
  idPrefix: string;
  /** The href for a finding: `#finding-<fingerprint>`. */
  findingHref: (finding: Finding) => string;
  /** Accessible title of the picture. */
  title: string;
}

const PLURAL: Record<Severity, [string, string]> = {
  error: ['error', 'errors'],
  warning: ['warning', 'warnings'],
  note: ['note', 'notes'],
};

/** Display width of text in glyphs: wide (East Asian, emoji) characters count twice. */
function glyphs(text: string): number {
  let n = 0;
  for (const ch of text)
    n +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{1f000}-\u{1faff}\u{20000}-\u{3fffd}]/u.test(
        ch,
      )
        ? 2
        : 1;
  return n;
}

/** Export text made visible (control characters escaped) and clipped to `max` glyphs with an ellipsis. */
function clip(value: string, max: number): string {
  const visible = escapeControl(value);
  if (glyphs(visible) <= max) return visible;
  let out = '';
  let n = 0;
  for (const ch of visible) {
    const w = glyphs(ch);
    if (n + w > max - 1) break;
    out += ch;
    n += w;
  }
  return `${out}…`;
}

function width(text: string, size: number): number {
  return glyphs(text) * size * GLYPH;
}

interface Badge {
  severity: Severity | 'ok';
  text: string;
  width: number;
}

function badgeFor(findings: readonly Finding[], compact: boolean): Badge | undefined {
  const worst = worstFinding(findings);
  if (!worst)
    return compact
      ? undefined
      : { severity: 'ok', text: 'no findings', width: 16 + width('no findings', FONT.kind) + 12 };
  const n = countSeverities(findings)[worst.severity];
  const text = compact ? String(n) : `${n} ${PLURAL[worst.severity][n === 1 ? 0 : 1]}`;
  return { severity: worst.severity, text, width: 16 + width(text, FONT.kind) + 12 };
}

function summary(findings: readonly Finding[]): string {
  const counts = countSeverities(findings);
  const parts = (['error', 'warning', 'note'] as const)
    .filter((s) => counts[s])
    .map((s) => `${counts[s]} ${PLURAL[s][counts[s] === 1 ? 0 : 1]}`);
  return parts.length ? parts.join(', ') : 'no findings';
}

/** An icon whose shape tells the severity without colour: a cross, a triangle, an "i", a tick. */
function icon(severity: Severity | 'ok', x: number, y: number): string {
  const t = (dx: number, dy: number) => `${(x + dx).toFixed(1)},${(y + dy).toFixed(1)}`;
  switch (severity) {
    case 'error':
      return `<path class="icon" d="M${t(-4, -4)} L${t(4, 4)} M${t(4, -4)} L${t(-4, 4)}"/>`;
    case 'warning':
      return `<path class="icon" d="M${t(0, -5)} L${t(5, 4.5)} L${t(-5, 4.5)} Z M${t(0, -1.5)} L${t(0, 1.5)}"/>`;
    case 'note':
      return `<path class="icon" d="M${t(0, -4.5)} L${t(0, -3.5)} M${t(0, -1)} L${t(0, 4.5)}"/>`;
    default:
      return `<path class="icon" d="M${t(-4, 0)} L${t(-1, 3.5)} L${t(4.5, -3.5)}"/>`;
  }
}

function drawBadge(badge: Badge, right: number, top: number): string {
  const x = right - badge.width;
  return (
    `<g class="badge badge-${badge.severity}"><rect x="${x.toFixed(1)}" y="${top}" width="${badge.width.toFixed(1)}" height="17" rx="8.5"/>` +
    icon(badge.severity, x + 11, top + 8.5) +
    `<text x="${(x + 20).toFixed(1)}" y="${top + 12.5}" class="badge-text">${escapeHtml(badge.text)}</text></g>`
  );
}

interface NodeBox {
  node: TopologyNode;
  width: number;
  height: number;
  badge: Badge | undefined;
  title: string;
  subtitle?: string;
  rows: { row: TopologyRow; text: string; detail?: string; badge?: Badge }[];
}

function measure(node: TopologyNode): NodeBox {
  const badge = badgeFor(nodeFindings(node), false);
  const title = clip(node.title, CLIP.title);
  const subtitle = node.subtitle ? clip(node.subtitle, CLIP.subtitle) : undefined;
  const rows = node.rows.map((row) => ({
    row,
    text: clip(row.text, CLIP.row),
    detail: row.detail ? clip(row.detail, CLIP.detail) : undefined,
    badge: badgeFor(row.findings, true),
  }));
  const kind = NODE_KIND_LABEL[node.kind].toUpperCase();
  let w = width(kind, FONT.kind) + 12 + (badge?.width ?? 0);
  w = Math.max(w, width(title, FONT.title));
  if (subtitle) w = Math.max(w, width(subtitle, FONT.subtitle));
  for (const r of rows) {
    w = Math.max(w, width(r.text, FONT.row) + (r.badge ? r.badge.width + 8 : 0));
    if (r.detail) w = Math.max(w, width(r.detail, FONT.detail));
  }
  let h = PAD + 20 + 18 + (subtitle ? 15 : 0) + 4;
  for (const r of rows) h += 18 + (r.detail ? 14 : 0) + 2;
  return {
    node,
    width: Math.ceil(Math.max(170, w + 2 * PAD)),
    height: Math.ceil(h + PAD - 4),
    badge,
    title,
    subtitle,
    rows,
  };
}

interface Point {
  x: number;
  y: number;
}

function smoothPath(points: Point[]): string {
  if (!points.length) return '';
  const f = (p: Point) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`;
  if (points.length < 3) return `M${points.map(f).join(' L')}`;
  // Quadratic curves through the midpoints of dagre's polyline.
  let d = `M${f(points[0]!)}`;
  for (let i = 1; i < points.length - 1; i++) {
    const p = points[i]!;
    const next = points[i + 1]!;
    const mid = i === points.length - 2 ? next : { x: (p.x + next.x) / 2, y: (p.y + next.y) / 2 };
    d += ` Q${f(p)} ${f(mid)}`;
  }
  return d;
}

/** The topology as an `<svg>` element, or a short paragraph when there is nothing to draw. */
export function topologySvg(topology: Topology, options: SvgOptions): string {
  if (!topology.nodes.length && !topology.zones.length)
    return '<p class="no-topology">The export describes nothing to draw.</p>';
  const id = (suffix: string) => `${options.idPrefix}-${suffix}`;
  const g = new graphlib.Graph({ compound: true, multigraph: true });
  g.setGraph({ rankdir: 'LR', nodesep: 24, ranksep: 52, edgesep: 14, marginx: 12, marginy: 12 });
  g.setDefaultEdgeLabel(() => ({}));

  const zoneById = new Map(topology.zones.map((z) => [z.id, z]));
  const boxes = new Map<string, NodeBox>();
  const occupied = new Set(topology.nodes.map((n) => n.zone));
  for (const zone of topology.zones) {
    // A zone with no node (a site with no site systems yet) is a leaf for dagre: it needs a size of its own.
    const empty = !occupied.has(zone.id);
    g.setNode(zone.id, empty ? { width: emptyZoneWidth(zone), height: ZONE_HEADER + 30 } : {});
  }
  for (const node of topology.nodes) {
    const box = measure(node);
    boxes.set(node.id, box);
    g.setNode(node.id, { width: box.width, height: box.height });
    g.setParent(node.id, node.zone);
  }
  const zoneOfNode = new Map(topology.nodes.map((n) => [n.id, n.zone]));
  const rankOf = (nodeId: string) => zoneById.get(zoneOfNode.get(nodeId) ?? '')?.rank ?? 0;
  const edgeLabels = new Map<string, string>();
  for (const edge of topology.edges) {
    // Lay out from the outside in (internet, Azure, sites) whatever the traffic's direction, so zones read left to right.
    const reversed = rankOf(edge.from) > rankOf(edge.to);
    const label = clip(edge.label, CLIP.edge);
    edgeLabels.set(edge.id, label);
    const [a, b] = reversed ? [edge.to, edge.from] : [edge.from, edge.to];
    g.setEdge(a, b, { width: width(label, FONT.edge) + 8, height: 16, labelpos: 'c', reversed, minlen: 1 }, edge.id);
  }
  // A child site's zone is linked to its parent's (drawn after layout): an edge between a node of each (or the zone itself when
  // it is empty, a leaf for dagre) keeps the parent left of its children and gives the link a route.
  const zoneLinks = parentLinks(topology, occupied);
  for (const link of zoneLinks) g.setEdge(link.a, link.b, { width: 0, height: 0, minlen: 1, weight: 1 }, link.name);
  layout(g);

  const graph = g.graph();
  const W = Math.ceil(graph.width ?? 0);
  const H = Math.ceil((graph.height ?? 0) + makeRoomForZoneTitles(g, topology));
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="topology" id="${id('svg')}" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="group" aria-labelledby="${id('title')}">`,
  );
  out.push(`<title id="${id('title')}">${escapeHtml(options.title)}</title>`);
  out.push(
    `<defs><marker id="${id('arrow')}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="arrowhead"/></marker></defs>`,
  );

  // Zones.
  out.push('<g class="zones">');
  for (const zone of [...topology.zones].sort((a, b) => a.rank - b.rank)) {
    const z = g.node(zone.id);
    if (!z || ![z.x, z.y, z.width, z.height].every(Number.isFinite)) continue;
    const x = z.x - z.width / 2;
    const y = z.y - z.height / 2;
    out.push(zoneSvg(zone, x, y, z.width, z.height, options, !occupied.has(zone.id)));
  }
  out.push('</g>');

  // Edges.
  out.push('<g class="edges">');
  for (const link of zoneLinks) {
    const e = g.edge({ v: link.a, w: link.b, name: link.name });
    if (!e) continue;
    out.push(
      `<g class="edge zone-link" data-from="${link.parent.id}" data-to="${link.child.id}"><title>${escapeHtml(`${link.parent.title} is the parent of ${link.child.title}`)}</title>` +
        `<path d="${smoothPath((e.points as Point[] | undefined) ?? [])}" marker-end="url(#${id('arrow')})"/></g>`,
    );
  }
  for (const edge of topology.edges) {
    const reversed = rankOf(edge.from) > rankOf(edge.to);
    const [a, b] = reversed ? [edge.to, edge.from] : [edge.from, edge.to];
    const e = g.edge({ v: a, w: b, name: edge.id });
    if (!e) continue;
    const points = [...((e.points as Point[] | undefined) ?? [])];
    if (reversed) points.reverse();
    const label = edgeLabels.get(edge.id) ?? '';
    const style =
      edge.kind === 'dns'
        ? 'edge-dns'
        : edge.kind === 'proxy'
          ? 'edge-proxy'
          : edge.stated
            ? 'edge-stated'
            : 'edge-implied';
    out.push(
      `<g class="edge ${style}" data-from="${edge.from}" data-to="${edge.to}"><title>${escapeHtml(`${labelOf(topology, edge.from)} → ${labelOf(topology, edge.to)}: ${edge.label}${edge.stated ? ' (stated in network.connections)' : edge.kind === 'traffic' ? ' (implied by the roles)' : ''}`)}</title>` +
        `<path d="${smoothPath(points)}" marker-end="url(#${id('arrow')})"/>` +
        (label && typeof e.x === 'number'
          ? labelBackground(label, e.x, e.y) +
            `<text class="edge-label" x="${e.x.toFixed(1)}" y="${(e.y + 4).toFixed(1)}" text-anchor="middle">${escapeHtml(label)}</text>`
          : '') +
        '</g>',
    );
  }
  out.push('</g>');

  // Nodes.
  out.push('<g class="nodes">');
  for (const node of topology.nodes) {
    const n = g.node(node.id);
    const box = boxes.get(node.id);
    if (!n || !box || !Number.isFinite(n.x) || !Number.isFinite(n.y)) continue;
    out.push(nodeSvg(box, n.x - box.width / 2, n.y - box.height / 2, id(node.id), options));
  }
  out.push('</g></svg>');
  return out.join('\n');
}

/**
 * dagre has no cluster labels. Where a zone's first node sits closer to the zone's top edge than its title needs, a
 * horizontal band is opened just below that edge: everything lower moves down (zones crossing the line grow), so
 * nothing overlaps and edges stay connected. Returns the height added.
 */
function makeRoomForZoneTitles(g: graphlib.Graph, topology: Topology): number {
  type Box = { x: number; y: number; width: number; height: number; points?: Point[] };
  const zoneBoxes = topology.zones
    .map((z) => ({ zone: z, box: g.node(z.id) as Box | undefined }))
    .filter((z): z is { zone: TopologyZone; box: Box } => z.box !== undefined);
  const nodeBoxes = topology.nodes
    .map((n) => ({ node: n, box: g.node(n.id) as Box | undefined }))
    .filter((n): n is { node: TopologyNode; box: Box } => n.box !== undefined);
  const edges = g.edges().map((e: Parameters<graphlib.Graph['edge']>[0]) => g.edge(e) as Box);
  let added = 0;
  const shiftBelow = (line: number, by: number) => {
    for (const { box } of nodeBoxes) if (box.y > line) box.y += by;
    for (const { box } of zoneBoxes) {
      const top = box.y - box.height / 2;
      const bottom = box.y + box.height / 2;
      const newTop = top > line ? top + by : top;
      const newBottom = bottom > line ? bottom + by : bottom;
      box.y = (newTop + newBottom) / 2;
      box.height = newBottom - newTop;
    }
    for (const edge of edges) {
      if (typeof edge.y === 'number' && edge.y > line) edge.y += by;
      for (const p of edge.points ?? []) if (p.y > line) p.y += by;
    }
  };
  for (const { zone, box } of [...zoneBoxes].sort(
    (a, b) => a.box.y - a.box.height / 2 - (b.box.y - b.box.height / 2),
  )) {
    const top = box.y - box.height / 2;
    const children = nodeBoxes.filter((n) => n.node.zone === zone.id).map((n) => n.box.y - n.box.height / 2);
    const firstChild = children.length ? Math.min(...children) : top + box.height;
    const need = Math.ceil(ZONE_HEADER + 6 - (firstChild - top));
    if (need > 0) {
      shiftBelow(top + 0.5, need);
      added += need;
    }
  }
  return added;
}

/** A filled box behind an edge label, so that the edge's line and dashes do not show through the text or between its words. */
function labelBackground(label: string, cx: number, cy: number): string {
  const w = width(label, FONT.edge) + 8;
  return `<rect class="edge-label-bg" x="${(cx - w / 2).toFixed(1)}" y="${(cy - 8).toFixed(1)}" width="${w.toFixed(1)}" height="16" rx="3" fill="#fff"/>`;
}

/** Room for an empty zone's whole title, its findings badge and its subtitle (the title of a zone with nodes has its nodes' width). */
function emptyZoneWidth(zone: TopologyZone): number {
  const badge = worstFinding(zone.findings) ? badgeFor(zone.findings, false) : undefined;
  const title = width(clip(zone.title, CLIP.zoneTitle), FONT.zoneTitle) + 24 + (badge ? badge.width + 8 : 0);
  const subtitle = zone.subtitle ? width(clip(zone.subtitle, CLIP.zoneSubtitle), FONT.zoneSubtitle) + 24 : 0;
  return Math.ceil(Math.max(240, title, subtitle));
}

interface ZoneLink {
  parent: TopologyZone;
  child: TopologyZone;
  /** The dagre ends: a node of each zone, or the zone when it has none. */
  a: string;
  b: string;
  name: string;
}

function parentLinks(topology: Topology, occupied: Set<string>): ZoneLink[] {
  const byId = new Map(topology.zones.map((z) => [z.id, z]));
  // The site server stands for its site where there is one, then any site system, then any node of the zone.
  const anchor = (zone: TopologyZone) => {
    if (!occupied.has(zone.id)) return zone.id;
    const inZone = topology.nodes.filter((n) => n.zone === zone.id);
    const servers = inZone.filter((n) => n.kind === 'server');
    return (servers.find((n) => n.rows.some((r) => r.text.startsWith('Site server'))) ?? servers[0] ?? inZone[0]!).id;
  };
  const links: ZoneLink[] = [];
  for (const child of topology.zones) {
    const parent = child.parent ? byId.get(child.parent) : undefined;
    if (!parent || parent === child) continue;
    links.push({ parent, child, a: anchor(parent), b: anchor(child), name: `parent-${child.id}` });
  }
  return links;
}

function labelOf(topology: Topology, nodeId: string): string {
  return topology.nodes.find((n) => n.id === nodeId)?.title ?? nodeId;
}

function zoneSvg(
  zone: TopologyZone,
  x: number,
  y: number,
  w: number,
  h: number,
  options: SvgOptions,
  empty: boolean,
): string {
  const badge = badgeFor(zone.findings, false);
  const worst = worstFinding(zone.findings);
  const room = (w - 24 - (badge && worst ? badge.width + 8 : 0)) / (FONT.zoneTitle * GLYPH);
  const title = clip(zone.title, Math.max(8, Math.min(CLIP.zoneTitle, Math.floor(room))));
  const subtitleRoom = Math.floor((w - 24) / (FONT.zoneSubtitle * GLYPH));
  const header =
    `<text class="zone-title" x="${(x + 12).toFixed(1)}" y="${(y + 20).toFixed(1)}">${escapeHtml(title)}</text>` +
    (zone.subtitle
      ? `<text class="zone-subtitle" x="${(x + 12).toFixed(1)}" y="${(y + 35).toFixed(1)}">${escapeHtml(clip(zone.subtitle, Math.max(8, Math.min(CLIP.zoneSubtitle, subtitleRoom))))}</text>`
      : '') +
    (badge && worst ? drawBadge(badge, x + 12 + width(title, FONT.zoneTitle) + 8 + badge.width, y + 7) : '');
  const tooltip = `<title>${escapeHtml(`${zone.title}${zone.subtitle ? ` (${zone.subtitle})` : ''}: ${summary(zone.findings)}${worst ? '. Go to the worst finding.' : ''}`)}</title>`;
  const emptyNote = empty
    ? `<text class="zone-subtitle" x="${(x + 12).toFixed(1)}" y="${(y + ZONE_HEADER + 16).toFixed(1)}">no site systems in the export</text>`
    : '';
  return (
    `<g class="zone zone-${zone.kind}${worst ? ` sev-${worst.severity}` : ''}" data-zone="${escapeHtml(zone.title)}">` +
    `<rect class="zone-box" x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${w.toFixed(1)}" height="${h.toFixed(1)}" rx="10"/>` +
    emptyNote +
    (worst
      ? `<a href="${escapeHtml(options.findingHref(worst))}">${tooltip}${hitRect(x, y, Math.min(w, 24 + width(title, FONT.zoneTitle) + 8 + (badge?.width ?? 0)), ZONE_HEADER)}${header}</a>`
      : `<g>${tooltip}${header}</g>`) +
    '</g>'
  );
}

function hitRect(x: number, y: number, w: number, h: number): string {
  return `<rect class="hit" x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${Math.max(0, w).toFixed(1)}" height="${Math.max(0, h).toFixed(1)}" fill="transparent"/>`;
}

function nodeSvg(box: NodeBox, x: number, y: number, elementId: string, options: SvgOptions): string {
  const { node } = box;
  const findings = nodeFindings(node);
  const worst = worstFinding(findings);
  const severity = worst?.severity ?? 'ok';
  const left = x + PAD;
  const right = x + box.width - PAD;
  const parts: string[] = [];
  parts.push(
    `<g class="node node-${node.kind} sev-${severity}" id="${elementId}" data-kind="${node.kind}" data-name="${escapeHtml(node.name)}" data-severity="${severity}">`,
    `<rect class="node-box" x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${box.width}" height="${box.height}" rx="6"/>`,
  );
  let cy = y + PAD;
  const head: string[] = [];
  head.push(
    `<text class="node-kind" x="${left.toFixed(1)}" y="${(cy + 12).toFixed(1)}">${escapeHtml(NODE_KIND_LABEL[node.kind].toUpperCase())}</text>`,
  );
  if (box.badge) head.push(drawBadge(box.badge, right, cy));
  cy += 20;
  head.push(
    `<text class="node-title" x="${left.toFixed(1)}" y="${(cy + 13).toFixed(1)}">${escapeHtml(box.title)}</text>`,
  );
  cy += 18;
  if (box.subtitle) {
    head.push(
      `<text class="node-subtitle" x="${left.toFixed(1)}" y="${(cy + 11).toFixed(1)}">${escapeHtml(box.subtitle)}</text>`,
    );
    cy += 15;
  }
  const tooltip = `<title>${escapeHtml(`${NODE_KIND_LABEL[node.kind]} ${node.title}${node.subtitle ? ` (${node.subtitle})` : ''}: ${summary(findings)}${worst ? '. Go to the worst finding.' : ''}`)}</title>`;
  // A transparent area makes the whole header clickable, not only its glyphs.
  const headHit = hitRect(x, y, box.width, cy - y + 2);
  parts.push(
    worst
      ? `<a href="${escapeHtml(options.findingHref(worst))}" class="node-link">${tooltip}${headHit}${head.join('')}</a>`
      : `<g>${tooltip}${head.join('')}</g>`,
  );
  cy += 4;
  for (const r of box.rows) {
    const rowWorst = worstFinding(r.row.findings);
    const content: string[] = [
      `<text class="row-text" x="${left.toFixed(1)}" y="${(cy + 13).toFixed(1)}">${escapeHtml(r.text)}</text>`,
    ];
    if (r.badge) content.push(drawBadge(r.badge, right, cy + 1));
    const rowHeight = 18 + (r.detail ? 14 : 0);
    if (r.detail)
      content.push(
        `<text class="row-detail" x="${left.toFixed(1)}" y="${(cy + 28).toFixed(1)}">${escapeHtml(r.detail)}</text>`,
      );
    const rowTitle = `<title>${escapeHtml(`${r.row.text}${r.row.detail ? ` (${r.row.detail})` : ''}: ${summary(r.row.findings)}`)}</title>`;
    parts.push(
      rowWorst
        ? `<a href="${escapeHtml(options.findingHref(rowWorst))}" class="row-link sev-${rowWorst.severity}">${rowTitle}${hitRect(x + 2, cy, box.width - 4, rowHeight + 2)}${content.join('')}</a>`
        : `<g class="row">${rowTitle}${content.join('')}</g>`,
    );
    cy += rowHeight + 2;
  }
  parts.push('</g>');
  return parts.join('');
}
