import { aggregateCells, type Comparisons, type IndexedTrial, type PairCell } from '../data/comparisons';
import { createRng } from '../math/prng';
import { centre, thetaToRating } from '../scale';

/**
 * Trials that differ only in their position are interchangeable: the distinct kinds (pair,
 * outcome, weight) and, for each trial, the index of its kind.
 */
function trialKinds(trials: readonly IndexedTrial[]): { kinds: IndexedTrial[]; kindOf: Int32Array } {
  const kinds: IndexedTrial[] = [];
  const kindOf = new Int32Array(trials.length);
  const stride = 1 + trials.reduce((m, t) => Math.max(m, t.j), 0);
  const byKey = new Map<number, Map<number, number>>();
  trials.forEach((t, k) => {
    const key = (t.i * stride + t.j) * 3 + (t.outcome === 'i' ? 0 : t.outcome === 'j' ? 1 : 2);
    let byWeight = byKey.get(key);
    if (!byWeight) byKey.set(key, (byWeight = new Map()));
    let kind = byWeight.get(t.weight);
    if (kind === undefined) {
      kind = kinds.length;
      kinds.push(t);
      byWeight.set(t.weight, kind);
    }
    kindOf[k] = kind;
  });
  return { kinds, kindOf };
}

/**
 * Multinomial bootstrap: each round redraws N trials with replacement from the N observed ones
 * (LMArena's bootstrap over battles), refits, and keeps the centred ratings. Draws come from the
 * seeded PRNG, so the same seed gives the same intervals.
 *
 * A round counts the redrawn trials by kind (pair, outcome, weight) in a typed array and fits the
 * few thousand cells those make: the same resample as a multiplicity per trial, without touching
 * every trial again (at a million trials, 100 rounds went from about two minutes to seconds).
 */
export function bootstrapRatings(
  comparisons: Comparisons,
  rounds: number,
  seed: number | string,
  fitTheta: (cells: readonly PairCell[]) => number[],
): number[][] {
  const rng = createRng(seed);
  const total = comparisons.trials.length;
  const { kinds, kindOf } = trialKinds(comparisons.trials);
  const samples: number[][] = [];
  for (let round = 0; round < rounds; round++) {
    const multiplicity = new Float64Array(kinds.length);
    for (let draw = 0; draw < total; draw++) multiplicity[kindOf[rng.int(total)]]++;
    const cells = aggregateCells(kinds, multiplicity);
    samples.push(centre(fitTheta(cells)).map(thetaToRating));
  }
  return samples;
}

/** Linear-interpolation quantile of sorted values (numpy's default, type 7). */
export function quantileSorted(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
}

/** Per-policy percentile intervals from bootstrap samples (rounds × policies). */
export function percentileIntervals(
  samples: readonly number[][],
  n: number,
  level: number,
): [number, number][] {
  const alpha = (1 - level) / 2;
  return Array.from({ length: n }, (_, k) => {
    const sorted = samples.map((s) => s[k]).sort((x, y) => x - y);
    return [quantileSorted(sorted, alpha), quantileSorted(sorted, 1 - alpha)];
  });
}
