/**
 * Builds the topology of one linted file: the zones, nodes and edges that stand for the model's elements
 * (zones.ts, nodes.ts, edges.ts), grouped when large (../topology-condense.ts), with the file's findings attached
 * (findings-attach.ts) and every text bounded as messages bound quoted values.
 */
import { MAX_QUOTED } from '../../findings.js';
import type { FileResult } from '../../lint.js';
import { buildModel, type Model } from '../../model/build.js';
import { condense } from '../topology-condense.js';
import { makeEdges } from './edges.js';
import { attach } from './findings-attach.js';
import { makeNodes } from './nodes.js';
import type { Topology } from './types.js';
import { makeZones } from './zones.js';

/**
 * The topology of one linted file. A linted file keeps no data (src/lint.ts), so the model is built again here from
 * its document, once per file and report. A file that could not be parsed or modelled gives an empty topology.
 */
export function buildTopology(file: FileResult): Topology {
  const topology: Topology = { zones: [], nodes: [], edges: [], unattached: [] };
  const data = file.document?.data;
  if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
    try {
      Object.assign(topology, topologyOf(buildModel(data)));
    } catch {
      // A model that cannot be built (data the schema rejected) gives no picture; the findings say why.
    }
  }
  condense(topology);
  attach(
    topology,
    file.findings.filter((f) => !f.suppression),
  );
  boundText(topology);
  return topology;
}

/** The zones, nodes and edges of a built model, before grouping and findings. */
export function topologyOf(model: Model): Pick<Topology, 'zones' | 'nodes' | 'edges'> {
  const zones = makeZones(model);
  const nodes = makeNodes(model, zones);
  const edges = makeEdges(model, zones, nodes);
  // Azure and the internet show only when something is in them; every site shows.
  return {
    zones: zones.all().filter((z) => z.kind === 'site' || nodes.list.some((n) => n.zone === z.id)),
    nodes: nodes.list,
    edges,
  };
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
