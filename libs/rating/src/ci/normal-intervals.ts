import type { Matrix } from '../math/linalg';
import { normalQuantile } from '../math/special';
import { ELO_POINTS_PER_THETA } from '../scale';

/** z such that a two-sided normal interval ±z·SE has the given coverage. */
export function zForLevel(level: number): number {
  return normalQuantile(1 - (1 - level) / 2);
}

/**
 * Variances of the centred skills θ_i − mean(θ), i.e. the diagonal of P·C·P with P = I − 11ᵀ/n:
 * only differences are identified, so the interval must be for the centred value.
 */
export function centredVariances(covariance: Matrix): number[] {
  const n = covariance.length;
  const rowMeans = covariance.map((row) => row.reduce((s, v) => s + v, 0) / n);
  const grand = rowMeans.reduce((s, v) => s + v, 0) / n;
  return covariance.map((row, i) => Math.max(0, row[i] - 2 * rowMeans[i] + grand));
}

/** Wald intervals on the Elo scale around the given ratings. */
export function normalIntervals(
  ratings: readonly number[],
  covariance: Matrix,
  level: number,
): [number, number][] {
  const z = zForLevel(level);
  return centredVariances(covariance).map((variance, i) => {
    const half = z * ELO_POINTS_PER_THETA * Math.sqrt(variance);
    return [ratings[i] - half, ratings[i] + half];
  });
}
