import { comparePolicies } from '../data/comparisons';
import { DEFAULT_PRIOR_SD } from '../bt/prior';
import { logistic } from '../math/special';
import { createRng } from '../math/prng';

export type MatchStrategy = 'uniform' | 'information-gain';

export interface NewVersionBoost {
  /** A policy with fewer trials than this (per `counts`) is "new". */
  belowTrials: number;
  /** Pairs that include a new policy get their weight multiplied by this. */
  factor: number;
}

export interface ChooseMatchInput {
  /** Names aligned with `thetas` and `covariance` (e.g. from `fitBradleyTerry`). */
  policies: readonly string[];
  /** Skills in natural units (log-odds), not Elo points. */
  thetas: readonly number[];
  covariance: readonly (readonly number[])[];
  /** Policies that may be drawn now (e.g. those that fit the station). Unfitted ones are allowed. */
  eligible: readonly string[];
  /** Trials so far per policy; needed only by `newVersionBoost`. */
  counts?: Readonly<Record<string, number>>;
  strategy: MatchStrategy;
  seed: number | string;
  /** Share of probability spread uniformly over all eligible pairs. Default 0.1. */
  explorationFloor?: number;
  newVersionBoost?: NewVersionBoost;
  /** Variance assumed for an eligible policy the fit has not seen. Default priorSd² = 9. */
  unseenVariance?: number;
}

export interface PairProbability {
  pair: [string, string];
  probability: number;
}

/** The default exploration floor: the best of 0.05, 0.1 and 0.2 in the ranking benchmark (README). */
export const DEFAULT_EXPLORATION_FLOOR = 0.1;

function pairWeight(input: ChooseMatchInput, index: Map<string, number>, x: string, y: string): number {
  if (input.strategy === 'uniform') return 1;
  const unseen = input.unseenVariance ?? DEFAULT_PRIOR_SD * DEFAULT_PRIOR_SD;
  const ix = index.get(x);
  const iy = index.get(y);
  const thetaX = ix === undefined ? 0 : input.thetas[ix];
  const thetaY = iy === undefined ? 0 : input.thetas[iy];
  const varX = ix === undefined ? unseen : input.covariance[ix][ix];
  const varY = iy === undefined ? unseen : input.covariance[iy][iy];
  const cov = ix === undefined || iy === undefined ? 0 : input.covariance[ix][iy];
  const p = logistic(thetaX - thetaY);
  // Expected information about the pair's difference: outcome variance p(1−p) times how uncertain
  // the difference still is. Close, poorly measured pairs score highest.
  return p * (1 - p) * Math.max(0, varX + varY - 2 * cov);
}

function isNew(input: ChooseMatchInput, policy: string): boolean {
  const boost = input.newVersionBoost;
  return boost !== undefined && (input.counts?.[policy] ?? 0) < boost.belowTrials;
}

/**
 * The exact sampling distribution over unordered eligible pairs (names in code-unit order, pairs in
 * lexicographic order): (1 − ε)·w_ij/Σw + ε/#pairs, with w_ij boosted for new versions. Every pair
 * keeps probability ≥ ε/#pairs, so inverse-propensity weights stay bounded.
 */
export function matchDistribution(input: ChooseMatchInput): PairProbability[] {
  const eligible = [...new Set(input.eligible)].sort(comparePolicies);
  if (eligible.length < 2)
    throw new RangeError(`eligible: need at least 2 distinct policies, got ${eligible.length}`);
  const floor = input.explorationFloor ?? DEFAULT_EXPLORATION_FLOOR;
  if (!(floor >= 0 && floor <= 1))
    throw new RangeError(`explorationFloor: expected a number in [0, 1], got ${floor}`);
  const boost = input.newVersionBoost;
  if (boost && !(boost.factor >= 1 && Number.isFinite(boost.factor))) {
    throw new RangeError(`newVersionBoost.factor: expected a finite number ≥ 1, got ${boost.factor}`);
  }
  const index = new Map(input.policies.map((p, k) => [p, k]));
  const pairs: [string, string][] = [];
  const weights: number[] = [];
  for (let a = 0; a < eligible.length; a++) {
    for (let b = a + 1; b < eligible.length; b++) {
      const [x, y] = [eligible[a], eligible[b]];
      const boosted = boost && (isNew(input, x) || isNew(input, y)) ? boost.factor : 1;
      pairs.push([x, y]);
      weights.push(boosted * pairWeight(input, index, x, y));
    }
  }
  const total = weights.reduce((s, w) => s + w, 0);
  const uniform = 1 / pairs.length;
  // With no information left anywhere (all variances 0) the floor takes the whole mass.
  const exploit = total > 0 && Number.isFinite(total) ? 1 - floor : 0;
  return pairs.map((pair, k) => ({
    pair,
    probability: exploit * (total > 0 ? weights[k] / total : 0) + (1 - exploit) * uniform,
  }));
}

/**
 * Draws one pair. Deterministic for a seed; `probability` is exactly the probability with which
 * this pair was drawn, to be stored as the trial's propensity. A/B labels and run order are the
 * caller's to randomise: the pair is returned in name order.
 */
export function chooseMatch(input: ChooseMatchInput): PairProbability {
  const distribution = matchDistribution(input);
  const u = createRng(input.seed).next();
  let cumulative = 0;
  for (const entry of distribution) {
    cumulative += entry.probability;
    if (u < cumulative) return entry;
  }
  // Rounding can leave Σp a hair under 1: the last pair takes the remainder.
  return distribution[distribution.length - 1];
}
