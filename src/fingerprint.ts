/** Identities for findings that survive unrelated edits: rule, file and JSON pointer, never line numbers. */
import { createHash } from 'node:crypto';
import { jsonPointer, type RawFinding } from './findings.js';

export function fingerprintOf(file: string, finding: RawFinding, occurrence: number): string {
  const where = finding.pointer ? jsonPointer(finding.pointer) : finding.message;
  return createHash('sha256').update(`${finding.ruleId}\u0000${file.replace(/\\/g, '/')}\u0000${where}\u0000${occurrence}`).digest('hex').slice(0, 32);
}
