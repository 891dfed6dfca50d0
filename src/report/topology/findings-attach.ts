/**
 * Findings on the picture: each is attached to the zone, node or role row whose JSON pointer is the longest prefix of
 * the finding's pointer (each model element's pointer is its origin), so a picture can show every part's worst
 * finding; the rest are about the design as a whole.
 */
import type { Finding, Severity } from '../../findings.js';
import type { Attachable, Topology, TopologyNode } from './types.js';

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

/** One pointer part in a lookup key: escaped as in a JSON pointer, so that keys of different pointers never collide. */
function keyPart(part: string | number): string {
  return `/${String(part).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

/**
 * Gives each finding to the zone, node or row with the longest pointer that is a prefix of its own; ties go to the
 * first. Every target pointer is indexed once by its key; each finding then looks up its own prefixes, longest first,
 * so attaching costs the findings' pointer lengths, not findings times pointers.
 */
export function attach(topology: Topology, findings: Finding[]): void {
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
