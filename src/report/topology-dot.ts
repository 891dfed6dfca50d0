/**
 * `--format dot`: the topology pictures as Graphviz DOT (render with `dot -Tsvg`). Zones are clusters; a report of
 * several exports puts each in its own cluster. Every label is a quoted DOT string built by dotString (backslashes,
 * quotes, entities and control characters escaped); node and cluster ids are generated, never taken from the export.
 * The worst finding of each node shows as its border colour and style and as a text line ("[2 errors]").
 */
import type { Severity } from '../findings.js';
import type { FileResult } from '../lint.js';
import { dotString } from './markup-escape.js';
import { skippedSummary, type ReportInput } from './report-input.js';
import {
  buildTopology,
  countSeverities,
  NODE_KIND_LABEL,
  nodeFindings,
  worstFinding,
  type Topology,
} from './topology.js';

const COLOR: Record<Severity, string> = { error: '#b3261e', warning: '#b06d00', note: '#0b57d0' };
const STYLE: Record<Severity, string> = {
  error: 'rounded,filled,bold',
  warning: 'rounded,filled,dashed',
  note: 'rounded,filled,dotted',
};

/** A finding count as words, for labels: "[2 errors, 1 note]" or "[no findings]". */
export function findingCue(findings: Parameters<typeof countSeverities>[0]): string {
  const counts = countSeverities(findings);
  const parts = (['error', 'warning', 'note'] as const)
    .filter((s) => counts[s])
    .map((s) => `${counts[s]} ${s}${counts[s] === 1 ? '' : 's'}`);
  return `[${parts.length ? parts.join(', ') : 'no findings'}]`;
}

function topologyDot(topology: Topology, prefix: string, indent: string): string[] {
  const out: string[] = [];
  const id = (local: string) => `${prefix}${local}`;
  for (const zone of [...topology.zones].sort((a, b) => a.rank - b.rank)) {
    const zoneCue = zone.findings.length ? [findingCue(zone.findings)] : [];
    out.push(`${indent}subgraph cluster_${id(zone.id)} {`);
    out.push(`${indent}  label=${dotString(zone.title, ...(zone.subtitle ? [zone.subtitle] : []), ...zoneCue)};`);
    out.push(
      `${indent}  style="rounded${zone.kind === 'internet' ? ',dashed' : ''}"; color="${zone.kind === 'azure' ? '#6b9bd1' : zone.kind === 'site' ? '#86a56b' : '#8c99a6'}";`,
    );
    for (const node of topology.nodes.filter((n) => n.zone === zone.id)) {
      const findings = nodeFindings(node);
      const worst = worstFinding(findings)?.severity;
      const lines = [
        NODE_KIND_LABEL[node.kind].toUpperCase(),
        node.title,
        ...(node.subtitle ? [node.subtitle] : []),
        ...node.rows.flatMap((r) => [r.detail ? `${r.text}: ${r.detail}` : r.text]),
        findingCue(findings),
      ];
      const attrs = worst
        ? `color="${COLOR[worst]}", penwidth=${worst === 'error' ? 3 : 2}, style="${STYLE[worst]}"`
        : 'color="#6e7781"';
      out.push(`${indent}  ${id(node.id)} [label=${dotString(...lines)}, ${attrs}];`);
    }
    out.push(`${indent}}`);
  }
  for (const edge of topology.edges) {
    const style = edge.kind === 'dns' ? 'dotted' : edge.stated || edge.kind === 'proxy' ? 'solid' : 'dashed';
    out.push(`${indent}${id(edge.from)} -> ${id(edge.to)} [label=${dotString(edge.label)}, style=${style}];`);
  }
  return out;
}

/** The topology of each file as one DOT digraph. */
export function topologyDotText(files: readonly FileResult[]): string {
  const out = [
    'digraph cmlint {',
    '  graph [rankdir=LR, fontname="Helvetica", fontsize=11, compound=true, nodesep=0.3, ranksep=0.8];',
    '  node [shape=box, style="rounded,filled", fillcolor="white", fontname="Helvetica", fontsize=10];',
    '  edge [fontname="Helvetica", fontsize=9, color="#56636f"];',
  ];
  files.forEach((file, i) => {
    const prefix = `f${i}_`;
    const topology = buildTopology(file);
    if (files.length === 1) {
      out.push(...topologyDot(topology, prefix, '  '));
    } else {
      out.push(
        `  subgraph cluster_${prefix}file {`,
        `    label=${dotString(file.path)};`,
        '    style="solid"; color="#d0d7de";',
      );
      out.push(...topologyDot(topology, prefix, '    '));
      out.push('  }');
    }
  });
  out.push('}');
  return out.join('\n') + '\n';
}

export function formatDot(input: ReportInput): string {
  const dot = topologyDotText(input.files);
  const skipped = skippedSummary(input.skipped);
  // Files a search skipped as not exports: named in the graph's comment attribute (a quoted DOT string).
  return skipped ? dot.replace('digraph cmlint {\n', `digraph cmlint {\n  comment=${dotString(skipped)};\n`) : dot;
}
