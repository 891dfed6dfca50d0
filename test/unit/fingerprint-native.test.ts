import { describe, expect, it } from 'vitest';
import { fingerprintOf, nativeSha256Hex } from '../../src/fingerprint.js';
import { sha256Hex } from '../../src/sha256.js';

describe('fingerprints hashed with node:crypto (finding-dense files)', () => {
  it('are the same hex as the hand-written SHA-256 gives, for ASCII and non-ASCII pointers and messages', () => {
    const native = nativeSha256Hex();
    expect(native).not.toBe(sha256Hex); // Node 20.16+ has process.getBuiltinModule
    const findings = [
      { ruleId: 'CMG001', severity: 'error' as const, message: 'm', pointer: ['hierarchy', 'sites', 0, 'cmg'] },
      { ruleId: 'NET002', severity: 'warning' as const, message: 'Größe ≠ 𝄞', pointer: ['devices', 12, 'naïve/~key'] },
      { ruleId: 'SCH001', severity: 'note' as const, message: 'no pointer: the message is hashed' },
    ];
    for (const f of findings)
      for (const n of [0, 7])
        expect(fingerprintOf('dir\\export.yaml', f, n, native)).toBe(fingerprintOf('dir\\export.yaml', f, n));
  });
});
