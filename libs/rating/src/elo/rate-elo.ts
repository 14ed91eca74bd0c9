import type { PairwiseRecord } from '@policy-arena/domain';
import { quantileSorted } from '../ci/bootstrap';
import { buildComparisons } from '../data/comparisons';
import { createRng } from '../math/prng';
import type { ResolvedOptions } from '../options';
import { buildRows } from '../table';
import type { RatingTable } from '../types';
import { computeElo, eloScore, FASTCHAT_ELO, runElo, type EloGame } from './elo';

/**
 * Elo board with FastChat's bootstrap intervals: each round draws N records with replacement, in
 * the drawn order, and reruns the online update; the interval is the percentile range.
 */
export function rateElo(
  records: readonly PairwiseRecord[],
  options: ResolvedOptions,
): Pick<RatingTable, 'rows' | 'params'> {
  const settings = { ...FASTCHAT_ELO, k: options.k };
  const { policies, tallies } = buildComparisons(records);
  const point = computeElo(records, settings);
  const index = new Map(policies.map((p, k) => [p, k]));
  const games: EloGame[] = records.map((r) => ({
    a: index.get(r.a) as number,
    b: index.get(r.b) as number,
    score: eloScore(r.winner),
  }));
  const rng = createRng(options.seed);
  const samples: number[][] = policies.map(() => []);
  for (let round = 0; round < options.rounds; round++) {
    const drawn = Array.from({ length: games.length }, () => games[rng.int(games.length)]);
    // Policies absent from a round stay at the initial rating, as FastChat's defaultdict does.
    const ratings = runElo(drawn, policies.length, settings);
    policies.forEach((_, k) => samples[k].push(ratings[k]));
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
    params: {
      ...settings,
      ci: 'bootstrap',
      level: options.level,
      rounds: options.rounds,
      seed: options.seed,
    },
  };
}
