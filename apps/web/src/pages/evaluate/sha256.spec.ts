import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Sha256, sha256OfFile } from './sha256';

const reference = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('Sha256 (the fallback where WebCrypto is missing)', () => {
  it('matches the standard test vectors', () => {
    expect(new Sha256().hex()).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(new Sha256().update(new TextEncoder().encode('abc')).hex()).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('agrees with node:crypto at every length around the block and padding boundaries, in any chunking', () => {
    const data = randomBytes(300);
    for (let n = 0; n <= 200; n++) {
      const bytes = data.subarray(0, n);
      const split = Math.floor(n / 3);
      const hash = new Sha256().update(bytes.subarray(0, split)).update(bytes.subarray(split));
      expect(hash.hex(), `length ${n}`).toBe(reference(bytes));
    }
  });

  it('hashes a Blob in chunks larger than one read', async () => {
    const bytes = randomBytes(9 * 1024 * 1024 + 17);
    const seen: number[] = [];
    const subtle = globalThis.crypto.subtle;
    // Force the chunked path: hide WebCrypto for this call.
    Object.defineProperty(globalThis.crypto, 'subtle', { value: undefined, configurable: true });
    try {
      expect(await sha256OfFile(new Blob([bytes]), (b) => seen.push(b))).toBe(reference(bytes));
    } finally {
      Object.defineProperty(globalThis.crypto, 'subtle', { value: subtle, configurable: true });
    }
    expect(seen.at(-1)).toBe(bytes.length);
    expect(seen.length).toBe(3);
  });
});
