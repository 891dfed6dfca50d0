/** Fingerprints hash with src/sha256.ts instead of node:crypto (for start-up): it must give exactly node:crypto's hashes. */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { sha256Hex } from '../../src/sha256.js';

const reference = (text: string) => createHash('sha256').update(text).digest('hex');

test('known values and block boundaries', () => {
  expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  for (let length = 0; length < 200; length++)
    expect(sha256Hex('x'.repeat(length)), String(length)).toBe(reference('x'.repeat(length)));
});

test('any text, including non-ASCII and lone surrogates, hashes as node:crypto hashes it', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => sha256Hex(text) === reference(text)),
    { numRuns: 2000 },
  );
  expect(sha256Hex('\ud800 \udfff')).toBe(reference('\ud800 \udfff'));
});
