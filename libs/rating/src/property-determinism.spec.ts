import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rate } from './rate';
import { recordsArbitrary } from './testing/arbitraries';
import { RATING_METHODS } from './types';

// The board is published and re-derivable: the same input must print the same bytes.
describe('property: the same input gives byte-identical output', () => {
  for (const method of RATING_METHODS) {
    for (const ci of ['sandwich', 'bootstrap'] as const) {
      it(`${method} / ${ci}`, () => {
        fc.assert(
          fc.property(recordsArbitrary(5, 40), fc.integer(), (records, seed) => {
            const options = { method, ci, rounds: 20, seed };
            const first = JSON.stringify(rate(records, options));
            const second = JSON.stringify(rate(structuredClone(records), options));
            expect(second).toBe(first);
          }),
          { numRuns: 15, seed: 5 },
        );
      });
    }
  }

  it('a different bootstrap seed gives different intervals', () => {
    const records = Array.from({ length: 40 }, (_, k) => ({
      a: `p${k % 4}`,
      b: `p${(k + 1) % 4}`,
      winner: (k % 3 === 0 ? 'b' : 'a') as 'a' | 'b',
    }));
    const a = rate(records, { ci: 'bootstrap', seed: 1 });
    const b = rate(records, { ci: 'bootstrap', seed: 2 });
    expect(JSON.stringify(a.rows)).not.toBe(JSON.stringify(b.rows));
  });
});
