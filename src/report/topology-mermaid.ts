/**
 * The topology as Mermaid flowchart text, for places that render Mermaid (a GitHub job summary, Markdown). The text is
 * the diagram only: wrap it in a ```mermaid fence to embed it. Ids are generated; every label is a quoted string in
 * which each character outside a small safe set is an entity code (mermaidString), so names cannot close a label,
 * start a comment, add markup or links, or use Mermaid's markdown strings.
 */
import type { Severity } from '../findings.js';
import type { FileResult } from '../lint.js';
import { mermaidString } from './markup-escape.js';
import { findingCue } from './topology-dot.js';
import { buildTopology, NODE_KIND_LABEL, nodeFindings, worstFinding, type Topology } from './topology.js';

const CLASS_DEFS: Record<Severity, string> = {
  error: 'classDef error stroke:#b3261e,stroke-width:3px',
  warning: 'classDef warning stroke:#b06d00,stroke-width:2px,stroke-dasharray:6 3',
  note: 'classDef note stroke:#0b57d0,stroke-width:2px,stroke-dasharray:2 3',
};

function topologyLines(topology: Topology, prefix: string, indent: string, classes: Map<Severity, string[]>): string[] {
  const out: string[] = [];
  const id = (local: string) => `${prefix}${local}`;
  for (const zone of [...topology.zones].sort((a, b) => a.rank - b.rank)) {
    const zoneLines = [
      zone.title,
      ...(zone.subtitle ? [zone.subtitle] : []),
      ...(zone.findings.length ? [findingCue(zone.findings)] : []),
    ];
    out.push(`${indent}subgraph ${id(zone.id)}[${mermaidString(...zoneLines)}]`);
    for (const node of topology.nodes.filter((n) => n.zone === zone.id)) {
      const findings = nodeFindings(node);
      const worst = worstFinding(findings)?.severity;
      const lines = [
        NODE_KIND_LABEL[node.kind].toUpperCase(),
        node.title,
        ...node.rows.slice(0, 4).map((r) => r.text),
        findingCue(findings),
      ];
      out.push(`${indent}  ${id(node.id)}[${mermaidString(...lines)}]`);
      if (worst) classes.get(worst)!.push(id(node.id));
    }
    out.push(`${indent}end`);
  }
  for (const edge of topology.edges) {
    const arrow = edge.kind === 'dns' || (!edge.stated && edge.kind === 'traffic') ? '-.->' : '-->';
    out.push(`${indent}${id(edge.from)} ${arrow}|${mermaidString(edge.label)}| ${id(edge.to)}`);
  }
  return out;
}

/** Mermaid flowchart text of the topology of each file (one subgraph per file when there are several). */
export function topologyMermaid(files: readonly FileResult[]): string {
  const classes = new Map<Severity, string[]>([
    ['error', []],
    ['warning', []],
    ['note', []],
  ]);
  const out = ['flowchart LR'];
  files.forEach((file, i) => {
    const prefix = `f${i}_`;
    const topology = buildTopology(file);
    if (files.length === 1) {
      out.push(...topologyLines(topology, prefix, '  ', classes));
    } else {
      out.push(`  subgraph ${prefix}file[${mermaidString(file.path)}]`);
      out.push(...topologyLines(topology, prefix, '    ', classes));
      out.push('  end');
    }
  });
  for (const [severity, ids] of classes) {
    if (!ids.length) continue;
    out.push(`  ${CLASS_DEFS[severity]}`);
    out.push(`  class ${ids.join(',')} ${severity}`);
  }
  return out.join('\n') + '\n';
}
