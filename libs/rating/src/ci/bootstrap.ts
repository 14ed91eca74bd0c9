import { aggregateCells, type Comparisons, type PairCell } from '../data/comparisons';
import { createRng } from '../math/prng';
import { centre, thetaToRating } from '../scale';

/**
 * Multinomial bootstrap: each round redraws N trials with replacement from the N observed ones
 * (LMArena's bootstrap over battles), refits, and keeps the centred ratings. Draws come from the
 * seeded PRNG, so the same seed gives the same intervals.
 */
export function bootstrapRatings(
  comparisons: Comparisons,
  rounds: number,
  seed: number | string,
  fitTheta: (cells: readonly PairCell[]) => number[],
): number[][] {
  const rng = createRng(seed);
  const total = comparisons.trials.length;
  const samples: number[][] = [];
  for (let round = 0; round < rounds; round++) {
    const multiplicity = new Array<number>(total).fill(0);
    for (let draw = 0; draw < total; draw++) multiplicity[rng.int(total)]++;
    const cells = aggregateCells(comparisons.trials, multiplicity);
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
