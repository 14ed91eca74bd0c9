import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rate } from '../rate';
import { recordsArbitrary, swapped } from '../testing/arbitraries';

// Which policy was labelled A is an accident of the blinding coin: it must not matter.
describe('property: swapping a and b with the result flipped changes nothing', () => {
  for (const method of ['bt', 'davidson', 'task'] as const) {
    it(`${method}: same rows`, () => {
      fc.assert(
        fc.property(
          recordsArbitrary(),
          fc.array(fc.boolean(), { minLength: 60, maxLength: 60 }),
          (records, flips) => {
            const flipped = records.map((r, k) => (flips[k] ? swapped(r) : r));
            expect(rate(flipped, { method }).rows).toEqual(rate(records, { method }).rows);
          },
        ),
        { numRuns: 60, seed: 20250101 },
      );
    });
  }

  it('bt with ipw weights: same rows', () => {
    fc.assert(
      fc.property(recordsArbitrary(), (records) => {
        const options = { weighting: 'ipw' as const };
        expect(rate(records.map(swapped), options).rows).toEqual(rate(records, options).rows);
      }),
      { numRuns: 60, seed: 7 },
    );
  });
});
