import type { PairwiseRecord } from '@policy-arena/domain';
import { buildComparisons } from '../data/comparisons';

/** Head-to-head counts: wins[i][j] = trials i won against j; ties[i][j] = ties (incl. both_bad). */
export interface WinMatrix {
  policies: string[];
  wins: number[][];
  ties: number[][];
  /** bothBad[i][j]: the subset of ties where the evaluator marked both as bad. */
  bothBad: number[][];
  /** trials[i][j] = wins[i][j] + wins[j][i] + ties[i][j]. */
  trials: number[][];
}

export function winMatrix(records: readonly PairwiseRecord[]): WinMatrix {
  const { policies } = buildComparisons(records);
  const index = new Map(policies.map((p, k) => [p, k]));
  const square = (): number[][] => policies.map(() => new Array<number>(policies.length).fill(0));
  const wins = square();
  const ties = square();
  const bothBad = square();
  const trials = square();
  for (const r of records) {
    const a = index.get(r.a) as number;
    const b = index.get(r.b) as number;
    trials[a][b]++;
    trials[b][a]++;
    if (r.winner === 'a') wins[a][b]++;
    else if (r.winner === 'b') wins[b][a]++;
    else {
      ties[a][b]++;
      ties[b][a]++;
      if (r.winner === 'both_bad') {
        bothBad[a][b]++;
        bothBad[b][a]++;
      }
    }
  }
  return { policies, wins, ties, bothBad, trials };
}

/**
 * M_ij = P̂(i≻j) − P̂(j≻i) with ties as half (so M_ij = 2·P̂(i≻j) − 1); 0 for pairs never compared.
 * Antisymmetric by construction.
 */
export function preferenceMargins(matrix: WinMatrix): number[][] {
  return matrix.policies.map((_, i) =>
    matrix.policies.map((__, j) => {
      const n = matrix.trials[i][j];
      return i === j || n === 0 ? 0 : (matrix.wins[i][j] - matrix.wins[j][i]) / n;
    }),
  );
}
