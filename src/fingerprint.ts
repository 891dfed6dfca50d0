/** Identities for findings that survive unrelated edits: rule, file and JSON pointer, never line numbers. */
import { jsonPointer, type RawFinding } from './findings.js';
import { sha256Hex } from './sha256.js';

export function fingerprintOf(file: string, finding: RawFinding, occurrence: number): string {
  const where = finding.pointer ? jsonPointer(finding.pointer) : finding.message;
  // sha256Hex is node:crypto's SHA-256 without loading node:crypto (src/sha256.ts).
  return sha256Hex(`${finding.ruleId}\u0000${file.replace(/\\/g, '/')}\u0000${where}\u0000${occurrence}`).slice(0, 32);
}
