import { logistic } from '../math/special';
import { misorderDrop, normalCdf } from './bivariate-normal';

/**
 * A Gaussian belief about the skills of a board: means θ and covariance Σ (row-major, n×n), over
 * every policy the board ranks (fitted or merely eligible).
 */
export interface SkillBelief {
  theta: Float64Array;
  sigma: Float64Array;
  n: number;
}

/** Information one trial between k and l adds about θk − θl: its outcome variance p(1−p). */
export function trialInformation(belief: SkillBelief, k: number, l: number): number {
  const p = logistic(belief.theta[k] - belief.theta[l]);
  return p * (1 - p);
}

/** Var(θk − θl) under the belief. */
export function differenceVariance(belief: SkillBelief, k: number, l: number): number {
  const { sigma, n } = belief;
  return Math.max(0, sigma[k * n + k] + sigma[l * n + l] - 2 * sigma[k * n + l]);
}

/**
 * Σu for u = e_k − e_l (a column difference of Σ), written into `out`.
 */
function columnDifference(belief: SkillBelief, k: number, l: number, out: Float64Array): void {
  const { sigma, n } = belief;
  for (let i = 0; i < n; i++) out[i] = sigma[i * n + k] - sigma[i * n + l];
}

/**
 * The belief after `trials` more trials between k and l, whatever their outcomes: the Laplace
 * (Fisher-information) update Σ′ = Σ − Σu uᵀΣ·w/(1 + w·uᵀΣu) with u = e_k − e_l and w =
 * trials·p(1−p). Means are left alone (the outcome is unknown). Mutates `belief`.
 */
export function absorbTrials(belief: SkillBelief, k: number, l: number, trials = 1): void {
  const { sigma, n } = belief;
  const w = trials * trialInformation(belief, k, l);
  const c = new Float64Array(n);
  columnDifference(belief, k, l, c);
  const s2 = c[k] - c[l];
  const gain = w / (1 + w * s2);
  if (!(gain > 0) || !Number.isFinite(gain)) return;
  for (let i = 0; i < n; i++) {
    const ci = gain * c[i];
    if (ci === 0) continue;
    for (let j = 0; j < n; j++) sigma[i * n + j] -= ci * c[j];
  }
}

/**
 * The rank lookahead (one-step knowledge gradient for Kendall τ): for each candidate pair (k, l),
 * the expected drop, summed over every pair (i, j) on the board, of the posterior probability that
 * the board orders i and j wrongly, if `trials` more trials of (k, l) were run. The information of
 * one trial is p(1−p) — `information-gain`'s quantity — and it shrinks Var(θi − θj) by
 * δij = w·((Σu)i − (Σu)j)²/(1 + w·uᵀΣu); `expectedMisorderDrop` turns (mij, Var, δij) into the drop.
 * The expected number of wrongly ordered pairs is what Kendall τ counts: τ = 1 − 2·#discordant/#pairs.
 *
 * Returns, per candidate, the largest drop per trial over the given horizons (a multi-trial
 * horizon lets a pair that one trial cannot settle still score, as in Frazier & Powell's KG*).
 * Cost: O(#candidates · n²) drop evaluations at most (pruned where mij is far beyond √δij).
 */
export function rankLookaheadScores(
  belief: SkillBelief,
  candidates: readonly (readonly [number, number])[],
  horizons: readonly number[] = [1],
): number[] {
  const { theta, n } = belief;
  // Per target pair: mean difference and variance (shared by every candidate).
  const absMean = new Float64Array((n * (n - 1)) / 2);
  const sd = new Float64Array(absMean.length);
  const phiAbove = new Float64Array(absMean.length);
  for (let i = 0, t = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++, t++) {
      absMean[t] = Math.abs(theta[i] - theta[j]);
      sd[t] = Math.sqrt(differenceVariance(belief, i, j));
      phiAbove[t] = sd[t] > 0 ? normalCdf(absMean[t] / sd[t]) : 1;
    }
  }
  const c = new Float64Array(n);
  return candidates.map(([k, l]) => {
    columnDifference(belief, k, l, c);
    const s2 = Math.max(0, c[k] - c[l]);
    const w1 = trialInformation(belief, k, l);
    let best = 0;
    for (const h of horizons) {
      const gain = (h * w1) / (1 + h * w1 * s2);
      let total = 0;
      for (let i = 0, t = 0; i < n; i++) {
        const ci = c[i];
        for (let j = i + 1; j < n; j++, t++) {
          const a = ci - c[j];
          const delta = Math.min(gain * a * a, sd[t] * sd[t]);
          // Prune: the mean cannot cross zero (|m| > 8.5·√δ); the drop is below 1e-17.
          if (!(delta > 0) || absMean[t] * absMean[t] > 72.25 * delta) continue;
          total += misorderDrop(absMean[t], sd[t], phiAbove[t], delta);
        }
      }
      best = Math.max(best, total / h);
    }
    return best;
  });
}
