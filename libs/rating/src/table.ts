import { comparePolicies, type PolicyTally } from './data/comparisons';
import type { RatingRow } from './types';

/** Everything is published at 2 decimals, so equal inputs print byte-identical JSON. */
export function round2(x: number): number {
  const r = Math.round(x * 100) / 100;
  return r === 0 ? 0 : r; // no "-0"
}

export interface RowInput {
  policies: readonly string[];
  ratings: readonly number[];
  intervals: readonly [number, number][];
  tallies: readonly PolicyTally[];
}

function assertFinite(values: readonly number[], what: string): void {
  for (const v of values) if (!Number.isFinite(v)) throw new Error(`internal: non-finite ${what} (${v})`);
}

/**
 * Rounds, ranks and sorts. Ranks are computed from the rounded intervals so a reader can check
 * them against the printed numbers: rank = 1 + #{j : lo_j > hi_i}, upper = n − #{j : hi_j < lo_i}.
 */
export function buildRows(input: RowInput): RatingRow[] {
  const n = input.policies.length;
  const ratings = input.ratings.map(round2);
  const intervals = input.intervals.map(([lo, hi]) => [round2(lo), round2(hi)] as [number, number]);
  assertFinite(ratings, 'rating');
  assertFinite(intervals.flat(), 'interval');
  const rows = input.policies.map((policy, i): RatingRow => {
    const [lo, hi] = intervals[i];
    const above = intervals.filter(([loJ]) => loJ > hi).length;
    const below = intervals.filter(([, hiJ]) => hiJ < lo).length;
    const tally = input.tallies[i];
    return {
      policy,
      rating: ratings[i],
      ci: [lo, hi],
      rank: 1 + above,
      rankRange: [1 + above, n - below],
      n: tally.n,
      wins: tally.wins,
      losses: tally.losses,
      ties: tally.ties,
    };
  });
  return rows.sort((x, y) => y.rating - x.rating || comparePolicies(x.policy, y.policy));
}
