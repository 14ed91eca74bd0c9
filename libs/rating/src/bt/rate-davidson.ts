import type { PairwiseRecord } from '@policy-arena/domain';
import { bootstrapRatings, percentileIntervals } from '../ci/bootstrap';
import { normalIntervals } from '../ci/normal-intervals';
import { robustCovariance } from '../ci/robust-covariance';
import { buildComparisons } from '../data/comparisons';
import { inverseSpd } from '../math/linalg';
import type { ResolvedOptions } from '../options';
import { centre, thetaToRating } from '../scale';
import { buildRows } from '../table';
import type { RatingTable } from '../types';
import { davidsonRecordScores, fitDavidsonCells, KAPPA_PRIOR_SD } from './davidson';

export function rateDavidson(
  records: readonly PairwiseRecord[],
  options: ResolvedOptions,
): Pick<RatingTable, 'rows' | 'params'> {
  const comparisons = buildComparisons(records, options.weighting);
  const n = comparisons.policies.length;
  const fit = fitDavidsonCells(comparisons.cells, n, options.priorSd);
  const ratings = centre(fit.theta).map(thetaToRating);
  const start = [...fit.theta, Math.log(fit.nu)];
  let intervals: [number, number][];
  if (options.ci === 'bootstrap') {
    const samples = bootstrapRatings(
      comparisons,
      options.rounds,
      options.seed,
      (cells) => fitDavidsonCells(cells, n, options.priorSd, start).theta,
    );
    intervals = percentileIntervals(samples, n, options.level);
  } else {
    const precision = [...new Array<number>(n).fill(1 / options.priorSd ** 2), 1 / KAPPA_PRIOR_SD ** 2];
    const full = robustCovariance(
      inverseSpd(fit.information),
      davidsonRecordScores(comparisons.trials, fit.theta, fit.nu),
      precision,
    );
    const thetaBlock = full.slice(0, n).map((row) => row.slice(0, n));
    intervals = normalIntervals(ratings, thetaBlock, options.level);
  }
  const params: Record<string, unknown> = {
    ties: 'davidson',
    // ν to 4 significant digits: enough to read, stable across platforms.
    nu: Number(fit.nu.toPrecision(4)),
    tieProbabilityAtEqualSkill: Number((fit.nu / (1 + fit.nu)).toFixed(4)),
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
