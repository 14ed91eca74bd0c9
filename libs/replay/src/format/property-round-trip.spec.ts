import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rolloutArbitrary } from '../testing/rollout-arbitrary';
import { sampleRollout } from '../testing/sample-rollout';
import { decodeRollout } from './decode-rollout';
import { decodeRolloutBinary, encodeRolloutBinary } from './rollout-binary';
import { decodeRolloutJson, encodeRolloutJson } from './rollout-json';

// Both encodings carry exactly the same rollout: every double bit for bit (−0 and values float32
// cannot hold included), every optional part present or absent as it was.
describe('property: the JSON and binary encodings round-trip exactly', () => {
  it('JSON: decode(encode(r)) equals r', () => {
    fc.assert(
      fc.property(rolloutArbitrary(), (r) => {
        expect(decodeRolloutJson(encodeRolloutJson(r))).toStrictEqual(r);
      }),
      { numRuns: 150, seed: 42 },
    );
  });

  it('binary: decode(encode(r)) equals r', () => {
    fc.assert(
      fc.property(rolloutArbitrary(), (r) => {
        expect(decodeRolloutBinary(encodeRolloutBinary(r))).toStrictEqual(r);
      }),
      { numRuns: 150, seed: 43 },
    );
  });

  it('across encodings: JSON → binary → JSON gives the same bytes, and back', () => {
    fc.assert(
      fc.property(rolloutArbitrary(), (r) => {
        const json = encodeRolloutJson(r);
        const binary = encodeRolloutBinary(r);
        expect(encodeRolloutJson(decodeRollout(binary))).toBe(json);
        expect(encodeRolloutBinary(decodeRollout(new TextEncoder().encode(json)))).toStrictEqual(binary);
      }),
      { numRuns: 100, seed: 44 },
    );
  });

  it('keeps −0 and a double float32 would round (a fixed case the generator need not find)', () => {
    const r = sampleRollout({ frames: 3 });
    r.frames[1]!.q[2] = -0;
    r.frames[2]!.q[4] = 0.1;
    for (const decoded of [
      decodeRolloutJson(encodeRolloutJson(r)),
      decodeRolloutBinary(encodeRolloutBinary(r)),
    ]) {
      expect(Object.is(decoded.frames[1]!.q[2], -0)).toBe(true);
      expect(decoded.frames[2]!.q[4]).toBe(0.1);
    }
  });

  it('the binary encoding of a 9,000-frame rollout is less than half the JSON, even in float64', () => {
    const r = sampleRollout({ frames: 9000 });
    const json = new TextEncoder().encode(encodeRolloutJson(r)).length;
    const binary = encodeRolloutBinary(r).length;
    expect(binary).toBeLessThan(json / 2);
  });
});
