import type { PairwiseRecord } from '@policy-arena/domain';
import { percentileIntervals, bootstrapRatings } from '../ci/bootstrap';
import { normalIntervals } from '../ci/normal-intervals';
import { buildComparisons } from '../data/comparisons';
import type { ResolvedOptions } from '../options';
import { thetaToRating } from '../scale';
import { buildRows } from '../table';
import type { RatingTable } from '../types';
import { fitBradleyTerryCells } from './bradley-terry';
import { fitBradleyTerryComparisons } from './fit-bradley-terry';

export function rateBradleyTerry(
  records: readonly PairwiseRecord[],
  options: ResolvedOptions,
): Pick<RatingTable, 'rows' | 'params'> {
  const comparisons = buildComparisons(records, options.weighting);
  const n = comparisons.policies.length;
  const model = fitBradleyTerryComparisons(comparisons, options.priorSd);
  const ratings = model.theta.map(thetaToRating);
  const intervals =
    options.ci === 'bootstrap'
      ? percentileIntervals(
          // Warm-started from the full fit: fewer Newton steps, same optimum.
          bootstrapRatings(
            comparisons,
            options.rounds,
            options.seed,
            (cells) => fitBradleyTerryCells(cells, n, options.priorSd, model.theta).theta,
          ),
          n,
          options.level,
        )
      : normalIntervals(ratings, model.covariance, options.level);
  const params: Record<string, unknown> = {
    ties: 'half',
    ci: options.ci,
    level: options.level,
    priorSd: options.priorSd,
    weighting: options.weighting,
    ...(options.ci === 'bootstrap' ? { rounds: options.rounds, seed: options.seed } : {}),
    ...(options.category !== undefined ? { category: options.category } : {}),
  };
  return {
    rows: buildRows({ policies: comparisons.policies, ratings, intervals, tallies: comparisons.tallies }),
    params,
  };
}
