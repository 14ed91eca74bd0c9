import type { PairwiseRecord } from '@policy-arena/domain';
import { quantileSorted } from '../ci/bootstrap';
import { buildComparisons } from '../data/comparisons';
import { createRng } from '../math/prng';
import type { ResolvedOptions } from '../options';
import { buildRows } from '../table';
import type { RatingTable } from '../types';
import { computeElo, FASTCHAT_ELO } from './elo';

/**
 * Elo board with FastChat's bootstrap intervals: each round draws N records with replacement, in
 * the drawn order, and reruns the online update; the interval is the percentile range. Policies
 * missing from a round count at the initial rating, as FastChat's defaultdict does.
 */
export function rateElo(records: readonly PairwiseRecord[], options: ResolvedOptions): Pick<RatingTable, 'rows' | 'params'> {
  const settings = { ...FASTCHAT_ELO, k: options.k };
  const { policies, tallies } = buildComparisons(records);
  const point = computeElo(records, settings);
  const rng = createRng(options.seed);
  const samples: number[][] = policies.map(() => []);
  for (let round = 0; round < options.rounds; round++) {
    const drawn = Array.from({ length: records.length }, () => records[rng.int(records.length)]);
    const ratings = computeElo(drawn, settings);
    policies.forEach((p, k) => samples[k].push(ratings.get(p) ?? settings.initial));
  }
  const alpha = (1 - options.level) / 2;
  const intervals = samples.map((s): [number, number] => {
    const sorted = [...s].sort((x, y) => x - y);
    return [quantileSorted(sorted, alpha), quantileSorted(sorted, 1 - alpha)];
  });
  return {
    rows: buildRows({
      policies,
      ratings: policies.map((p) => point.get(p) ?? settings.initial),
      intervals,
      tallies,
    }),
    params: { ...settings, ci: 'bootstrap', level: options.level, rounds: options.rounds, seed: options.seed },
  };
}
