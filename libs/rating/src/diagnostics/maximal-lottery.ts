import { maximiseUnitPacking } from './simplex';

export interface MaximalLottery {
  /** Probability per policy (same order as the margin matrix), summing to 1. */
  probabilities: number[];
  /** Indices with positive probability. */
  support: number[];
}

/**
 * The maximal lottery: a mixed strategy p with pᵀM ≥ 0 for the antisymmetric margin matrix M, i.e.
 * an optimal strategy of the symmetric zero-sum game M (value 0). It is the Condorcet winner when
 * there is one, and a mixture over a cycle when preferences are intransitive.
 *
 * Solved exactly as a linear program: with A = M + 2 > 0 the column player's optimum is
 * y/Σy for y maximising Σy s.t. A·y ≤ 1, y ≥ 0; as the game is symmetric (Aᵀ − 2 = −(A − 2)) that
 * strategy is also optimal for the row player.
 */
export function maximalLottery(margins: readonly (readonly number[])[]): MaximalLottery {
  const n = margins.length;
  if (n === 0) return { probabilities: [], support: [] };
  const shifted = margins.map((row) => row.map((v) => v + 2));
  const y = maximiseUnitPacking(shifted);
  const total = y.reduce((s, v) => s + v, 0);
  // Rounded to 1e-9 so tiny pivoting residue never changes the support or the JSON.
  const probabilities = y.map((v) => Math.round((v / total) * 1e9) / 1e9);
  const support = probabilities.flatMap((p, k) => (p > 0 ? [k] : []));
  return { probabilities, support };
}

/** A policy that beats every other one head-to-head (strictly positive margin), if any. */
export function condorcetWinner(margins: readonly (readonly number[])[]): number | undefined {
  const winner = margins.findIndex((row, i) => row.every((v, j) => j === i || v > 0));
  return winner < 0 ? undefined : winner;
}

/** Whether the strict majority relation (i→j when M_ij > 0) has a directed cycle (Kahn's algorithm). */
export function hasMajorityCycle(margins: readonly (readonly number[])[]): boolean {
  const n = margins.length;
  const indegree = margins.map((_, j) =>
    margins.reduce((s, row, i) => s + (row[j] > 0 && i !== j ? 1 : 0), 0),
  );
  const queue = indegree.flatMap((d, k) => (d === 0 ? [k] : []));
  let removed = 0;
  while (queue.length > 0) {
    const i = queue.shift() as number;
    removed++;
    for (let j = 0; j < n; j++) {
      if (j !== i && margins[i][j] > 0 && --indegree[j] === 0) queue.push(j);
    }
  }
  return removed < n;
}
