import type { Comparisons } from '../data/comparisons';
import { logistic } from '../math/special';
import { chiSquareSurvival } from '../math/special';

export interface GoodnessOfFit {
  /** G² = 2·Σ [s·ln(s/ŝ) + (m−s)·ln((m−s)/(m−ŝ))] over compared pairs (ties as half). */
  deviance: number;
  /** Pearson X² = Σ (s − m·p)² / (m·p·(1−p)). */
  pearson: number;
  /** Compared pairs − (policies − connected components): free cells after the skills. */
  df: number;
  /** P(χ²_df ≥ X²); small values say the BT model does not explain the head-to-heads. */
  pValue: number;
  /** Compared pairs. */
  cells: number;
}

function xlogy(x: number, y: number): number {
  return x === 0 ? 0 : x * Math.log(x / y);
}

function components(comparisons: Comparisons): number {
  const parent = comparisons.policies.map((_, k) => k);
  const find = (k: number): number => (parent[k] === k ? k : (parent[k] = find(parent[k])));
  for (const c of comparisons.cells) parent[find(c.i)] = find(c.j);
  return parent.filter((_, k) => find(k) === k).length;
}

/**
 * Pair-cell goodness of fit of a Bradley–Terry fit. The χ² reference is asymptotic: read it as a
 * flag (cells with a handful of trials make it rough), not as a test to publish.
 */
export function goodnessOfFit(comparisons: Comparisons, theta: readonly number[]): GoodnessOfFit {
  let deviance = 0;
  let pearson = 0;
  for (const cell of comparisons.cells) {
    const m = cell.winI + cell.winJ + cell.tie;
    const s = cell.winI + cell.tie / 2;
    const p = logistic(theta[cell.i] - theta[cell.j]);
    deviance += 2 * (xlogy(s, m * p) + xlogy(m - s, m * (1 - p)));
    pearson += (s - m * p) ** 2 / (m * p * (1 - p));
  }
  const df = comparisons.cells.length - (comparisons.policies.length - components(comparisons));
  return {
    deviance,
    pearson,
    df,
    pValue: df > 0 ? chiSquareSurvival(pearson, df) : 1,
    cells: comparisons.cells.length,
  };
}
