import type { PairwiseRecord } from '@policy-arena/domain';
import { buildComparisons, type Comparisons, type Weighting } from '../data/comparisons';
import { robustCovariance } from '../ci/robust-covariance';
import { inverseSpd, type Matrix } from '../math/linalg';
import { centre } from '../scale';
import { btRecordScores, fitBradleyTerryCells } from './bradley-terry';
import { DEFAULT_PRIOR_SD } from './prior';

/** A fitted Bradley–Terry model in natural units (θ, log-odds), ready for boards and matchmaking. */
export interface BradleyTerryModel {
  policies: string[];
  /** Centred skills (mean 0). */
  theta: number[];
  /** Sandwich covariance of θ̂ (HC2, robust to mis-specification and to weights; see robust-covariance.ts). */
  covariance: Matrix;
  /** Inverse of the penalised information: the model-based covariance. */
  modelCovariance: Matrix;
  converged: boolean;
}

export interface FitOptions {
  priorSd?: number;
  weighting?: Weighting;
}

export function fitBradleyTerryComparisons(comparisons: Comparisons, priorSd: number): BradleyTerryModel {
  const n = comparisons.policies.length;
  const fit = fitBradleyTerryCells(comparisons.cells, n, priorSd);
  const modelCovariance = n > 0 ? inverseSpd(fit.information) : [];
  const priorPrecision = new Array<number>(n).fill(1 / (priorSd * priorSd));
  const covariance = robustCovariance(
    modelCovariance,
    btRecordScores(comparisons.trials, fit.theta),
    priorPrecision,
  );
  return {
    policies: comparisons.policies,
    theta: centre(fit.theta),
    covariance,
    modelCovariance,
    converged: fit.converged,
  };
}

/** Bradley–Terry (ties as half) from records: what the matchmaker and the API's board refresh use. */
export function fitBradleyTerry(
  records: readonly PairwiseRecord[],
  options: FitOptions = {},
): BradleyTerryModel {
  return fitBradleyTerryComparisons(
    buildComparisons(records, options.weighting ?? 'none'),
    options.priorSd ?? DEFAULT_PRIOR_SD,
  );
}
