/** Identities for findings that survive unrelated edits: rule, file and JSON pointer, never line numbers. */
import { jsonPointer, type RawFinding } from './findings.js';
import { sha256Hex } from './sha256.js';

/**
 * Above this many findings in one file, node:crypto's native SHA-256 pays for its loading; below it the hand-written
 * one (src/sha256.ts) keeps small runs from loading node:crypto. Both give the same hex.
 */
export const NATIVE_HASH_FROM = 300;

type Hash = (text: string) => string;
let native: Hash | undefined;

/** node:crypto's SHA-256, loaded on first use (process.getBuiltinModule, Node >= 20.16); the hand-written one without it. */
export function nativeSha256Hex(): Hash {
  if (native) return native;
  const load = (process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule;
  const crypto = load?.('node:crypto') as typeof import('node:crypto') | undefined;
  native = crypto ? (text) => crypto.createHash('sha256').update(text, 'utf8').digest('hex') : sha256Hex;
  return native;
}

export function fingerprintOf(file: string, finding: RawFinding, occurrence: number, hash: Hash = sha256Hex): string {
  const where = finding.pointer ? jsonPointer(finding.pointer) : finding.message;
  return hash(`${finding.ruleId}\u0000${file.replace(/\\/g, '/')}\u0000${where}\u0000${occurrence}`).slice(0, 32);
}
