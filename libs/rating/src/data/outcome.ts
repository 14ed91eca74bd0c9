import type { PairwiseRecord } from '@policy-arena/domain';

/** Outcome of one trial seen from its ordered pair (i, j) with i < j in policy order. */
export type CellOutcome = 'i' | 'j' | 'tie';

/** `both_bad` is a tie: neither policy was preferred, which is all a pairwise model can use. */
export function cellOutcome(winner: PairwiseRecord['winner'], aIsI: boolean): CellOutcome {
  switch (winner) {
    case 'a':
      return aIsI ? 'i' : 'j';
    case 'b':
      return aIsI ? 'j' : 'i';
    case 'tie':
    case 'both_bad':
      return 'tie';
  }
}
