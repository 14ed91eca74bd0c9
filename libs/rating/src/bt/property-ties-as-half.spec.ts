import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregateCells, buildComparisons, type IndexedTrial } from '../data/comparisons';
import { recordsArbitrary } from '../testing/arbitraries';
import { fitBradleyTerryCells } from './bradley-terry';

// Ties as half: one tie between i and j is the same evidence as a win for each side at weight ½.
describe('property: a tie equals half a win for each side', () => {
  it('fits the same skills when every tie becomes a ½-weight win plus a ½-weight loss', () => {
    fc.assert(
      fc.property(recordsArbitrary(), (records) => {
        const comparisons = buildComparisons(records);
        const n = comparisons.policies.length;
        const split: IndexedTrial[] = comparisons.trials.flatMap((t) =>
          t.outcome === 'tie'
            ? [
                { ...t, outcome: 'i' as const, weight: t.weight / 2 },
                { ...t, outcome: 'j' as const, weight: t.weight / 2 },
              ]
            : [t],
        );
        const withTies = fitBradleyTerryCells(aggregateCells(comparisons.trials), n, 3).theta;
        const withHalves = fitBradleyTerryCells(aggregateCells(split), n, 3).theta;
        withTies.forEach((v, k) => expect(withHalves[k]).toBeCloseTo(v, 9));
      }),
      { numRuns: 100, seed: 11 },
    );
  });
});
