import type { PairwiseRecord } from '@policy-arena/domain';
import fc from 'fast-check';

const WINNERS = ['a', 'b', 'tie', 'both_bad'] as const;

/**
 * Random records over up to `policies` names. Pairs are drawn freely, so boards with undefeated
 * policies and disconnected comparison graphs come up often.
 */
export function recordsArbitrary(policies = 6, maxLength = 60): fc.Arbitrary<PairwiseRecord[]> {
  return fc.array(
    fc
      .record({
        a: fc.integer({ min: 0, max: policies - 1 }),
        step: fc.integer({ min: 1, max: policies - 1 }),
        winner: fc.constantFrom(...WINNERS),
        category: fc.constantFrom('pick', 'place', undefined),
        propensity: fc.option(fc.double({ min: 0.01, max: 1, noNaN: true }), { nil: undefined }),
      })
      .map(({ a, step, winner, category, propensity }) => ({
        a: `p${a}`,
        b: `p${(a + step) % policies}`,
        winner,
        ...(category !== undefined ? { category } : {}),
        ...(propensity !== undefined ? { propensity } : {}),
      })),
    { minLength: 1, maxLength },
  );
}

/** Swaps the labels and flips the outcome: the same trial seen from the other side. */
export function swapped(record: PairwiseRecord): PairwiseRecord {
  const winner = record.winner === 'a' ? 'b' : record.winner === 'b' ? 'a' : record.winner;
  return { ...record, a: record.b, b: record.a, winner };
}
