/**
 * The topology of one export, shared by the HTML report's SVG picture, the DOT output and the Mermaid text: built in
 * topology/ (zones, nodes, edges, findings attached), grouped by topology-condense.ts, drawn by topology-svg.ts,
 * topology-dot.ts and topology-mermaid.ts.
 */
export { buildTopology, topologyOf } from './topology/index.js';
export { countSeverities, nodeFindings, worstFinding } from './topology/findings-attach.js';
export { roleName } from './topology/nodes.js';
export { NODE_KIND_LABEL } from './topology/types.js';
export type {
  Attachable,
  NodeKind,
  Topology,
  TopologyEdge,
  TopologyNode,
  TopologyRow,
  TopologyZone,
  ZoneKind,
} from './topology/types.js';
