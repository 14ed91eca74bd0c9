import { comparePolicies } from '../data/comparisons';
import { DEFAULT_PRIOR_SD } from '../bt/prior';
import { logistic } from '../math/special';
import { createRng } from '../math/prng';
import { absorbTrials, rankLookaheadScores, type SkillBelief } from './rank-lookahead';

export type MatchStrategy = 'uniform' | 'information-gain' | 'rank-lookahead';

/** How the rank lookahead turns scores into a distribution (experimental knobs; defaults in README). */
export interface LookaheadOptions {
  /** Horizons (trials) over which a pair's value per trial is maximised. Default [1]. */
  horizons?: readonly number[];
  /** Mass ∝ score^power (1: proportional); `Infinity`: all on the best pair(s). Default 1. */
  power?: number;
}

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
  /**
   * Pairs already drawn whose outcomes are not in the fit yet (running trials), each optionally with
   * how many trials of it are running (default 1). `rank-lookahead` counts the information they
   * will bring (it does not depend on their outcome); other strategies
   * ignore them, as they ignore pairs naming a policy that is neither fitted nor eligible.
   */
  pending?: readonly (readonly [a: string, b: string, trials?: number])[];
  lookahead?: LookaheadOptions;
  /**
   * Warm-up: while the eligible policies average fewer than this many trials (per `counts`), every
   * pair is equally likely (adaptive draws on a board this thin make its sandwich intervals too
   * narrow). Default 0 (none).
   */
  warmupTrials?: number;
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

/** The belief over the board (fitted policies, then unseen eligible ones), with pending trials absorbed. */
function boardBelief(
  input: ChooseMatchInput,
  eligible: readonly string[],
): { belief: SkillBelief; at: Map<string, number> } {
  const unseen = input.unseenVariance ?? DEFAULT_PRIOR_SD * DEFAULT_PRIOR_SD;
  const names = [...input.policies, ...eligible.filter((p) => !input.policies.includes(p))];
  const n = names.length;
  const fitted = input.policies.length;
  const theta = new Float64Array(n);
  const sigma = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    theta[i] = i < fitted ? input.thetas[i] : 0;
    for (let j = 0; j < n; j++) {
      sigma[i * n + j] = i < fitted && j < fitted ? input.covariance[i][j] : i === j ? unseen : 0;
    }
  }
  const belief: SkillBelief = { theta, sigma, n };
  const at = new Map(names.map((p, k) => [p, k]));
  // k pending trials of one pair are one update with k times the information (the information of
  // a trial depends on θ̂ only, which pending trials do not move): O(distinct pairs), not O(trials).
  const pendingByPair = new Map<string, { i: number; j: number; trials: number }>();
  for (const [x, y, trials = 1] of input.pending ?? []) {
    const i = at.get(x);
    const j = at.get(y);
    if (i === undefined || j === undefined || i === j) continue;
    const key = i < j ? `${i},${j}` : `${j},${i}`;
    const entry = pendingByPair.get(key) ?? { i, j, trials: 0 };
    entry.trials += trials;
    pendingByPair.set(key, entry);
  }
  for (const { i, j, trials } of pendingByPair.values()) absorbTrials(belief, i, j, trials);
  return { belief, at };
}

function lookaheadWeights(
  input: ChooseMatchInput,
  eligible: readonly string[],
  pairs: readonly [string, string][],
  boosts: readonly number[],
): number[] {
  const { belief, at } = boardBelief(input, eligible);
  const candidates = pairs.map(([x, y]) => [at.get(x) as number, at.get(y) as number] as const);
  const scores = rankLookaheadScores(belief, candidates, input.lookahead?.horizons ?? [1]).map(
    (s, k) => s * boosts[k],
  );
  const power = input.lookahead?.power ?? 1;
  if (power === Infinity) {
    const best = Math.max(...scores);
    return scores.map((s) => (best > 0 && s >= best * (1 - 1e-12) ? 1 : 0));
  }
  const top = Math.max(...scores);
  return scores.map((s) => (top > 0 ? (s / top) ** power : 0));
}

function isNew(input: ChooseMatchInput, policy: string): boolean {
  const boost = input.newVersionBoost;
  return boost !== undefined && (input.counts?.[policy] ?? 0) < boost.belowTrials;
}

/**
 * The exact sampling distribution over unordered eligible pairs (names in code-unit order, pairs in
 * lexicographic order): (1 − ε)·w_ij/Σw + ε/#pairs, with w_ij boosted for new versions — w_ij is 1
 * (`uniform`), p(1−p)·Var(θi − θj) (`information-gain`) or the rank lookahead's expected drop in
 * wrongly ordered pairs (`rank-lookahead`, see rank-lookahead.ts). Every pair keeps probability
 * ≥ ε/#pairs, so inverse-propensity weights stay bounded.
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
  const warmupTrials = input.warmupTrials ?? 0;
  if (!(warmupTrials >= 0 && Number.isFinite(warmupTrials)))
    throw new RangeError(`warmupTrials: expected a finite number ≥ 0, got ${warmupTrials}`);
  const power = input.lookahead?.power ?? 1;
  if (!(power > 0)) throw new RangeError(`lookahead.power: expected a number > 0, got ${power}`);
  for (const h of input.lookahead?.horizons ?? [1]) {
    if (!(Number.isInteger(h) && h >= 1))
      throw new RangeError(`lookahead.horizons: expected integers ≥ 1, got ${h}`);
  }
  const index = new Map(input.policies.map((p, k) => [p, k]));
  const pairs: [string, string][] = [];
  const boosts: number[] = [];
  for (let a = 0; a < eligible.length; a++) {
    for (let b = a + 1; b < eligible.length; b++) {
      const [x, y] = [eligible[a], eligible[b]];
      pairs.push([x, y]);
      boosts.push(boost && (isNew(input, x) || isNew(input, y)) ? boost.factor : 1);
    }
  }
  const weights =
    input.strategy === 'rank-lookahead'
      ? lookaheadWeights(input, eligible, pairs, boosts)
      : pairs.map(([x, y], k) => boosts[k] * pairWeight(input, index, x, y));
  const total = weights.reduce((s, w) => s + w, 0);
  const uniform = 1 / pairs.length;
  // With no information left anywhere (all variances 0) the floor takes the whole mass.
  const meanTrials = eligible.reduce((sum, p) => sum + (input.counts?.[p] ?? 0), 0) / eligible.length;
  const exploit = total > 0 && Number.isFinite(total) && !(meanTrials < warmupTrials) ? 1 - floor : 0;
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
