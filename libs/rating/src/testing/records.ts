import type { PairwiseRecord } from '@policy-arena/domain';

/** `count` copies of one outcome between a and b: the building block of hand-computable cases. */
export function repeat(
  a: string,
  b: string,
  winner: PairwiseRecord['winner'],
  count: number,
): PairwiseRecord[] {
  return Array.from({ length: count }, () => ({ a, b, winner }));
}
