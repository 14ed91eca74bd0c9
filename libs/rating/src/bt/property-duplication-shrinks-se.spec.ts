import type { PairwiseRecord } from '@policy-arena/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { centredVariances } from '../ci/normal-intervals';
import { fitBradleyTerry } from './fit-bradley-terry';

// Twice the same evidence: sandwich standard errors shrink by √2 (up to the prior and the
// leverage correction, both small with 20+ trials per pair).
const pairsOf4: [string, string][] = [
  ['p0', 'p1'],
  ['p0', 'p2'],
  ['p0', 'p3'],
  ['p1', 'p2'],
  ['p1', 'p3'],
  ['p2', 'p3'],
];

const boardArbitrary = fc
  .array(
    fc.record({
      wins: fc.integer({ min: 5, max: 30 }),
      losses: fc.integer({ min: 5, max: 30 }),
      ties: fc.integer({ min: 0, max: 10 }),
    }),
    { minLength: 6, maxLength: 6 },
  )
  .map((cells) =>
    cells.flatMap(({ wins, losses, ties }, k): PairwiseRecord[] => {
      const [a, b] = pairsOf4[k];
      return [
        ...Array.from({ length: wins }, () => ({ a, b, winner: 'a' as const })),
        ...Array.from({ length: losses }, () => ({ a, b, winner: 'b' as const })),
        ...Array.from({ length: ties }, () => ({ a, b, winner: 'tie' as const })),
      ];
    }),
  );

describe('property: duplicating every trial shrinks the sandwich standard errors by about √2', () => {
  it('ratio within 5% of √2', () => {
    fc.assert(
      fc.property(boardArbitrary, (records) => {
        const once = centredVariances(fitBradleyTerry(records).covariance);
        const twice = centredVariances(fitBradleyTerry([...records, ...records]).covariance);
        once.forEach((v, k) => {
          const ratio = Math.sqrt(v / twice[k]);
          expect(Math.abs(ratio / Math.SQRT2 - 1)).toBeLessThan(0.05);
        });
      }),
      { numRuns: 50, seed: 3 },
    );
  });
});
