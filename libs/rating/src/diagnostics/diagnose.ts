import type { PairwiseRecord } from '@policy-arena/domain';
import { fitBradleyTerryCells } from '../bt/bradley-terry';
import { DEFAULT_PRIOR_SD } from '../bt/prior';
import { buildComparisons } from '../data/comparisons';
import { goodnessOfFit, type GoodnessOfFit } from './goodness-of-fit';
import { condorcetWinner, hasMajorityCycle, maximalLottery } from './maximal-lottery';
import { preferenceMargins, winMatrix, type WinMatrix } from './win-matrix';

export interface Diagnostics {
  winMatrix: WinMatrix;
  margins: number[][];
  maximalLottery: Record<string, number>;
  condorcetWinner: string | null;
  /** True when the head-to-head majorities contain a cycle (a ≻ b ≻ c ≻ a): one number cannot rank them. */
  intransitive: boolean;
  /** Lottery support > 1 or no Condorcet winner — weaker than a cycle (e.g. an unplayed pair). */
  noClearWinner: boolean;
  goodnessOfFit: GoodnessOfFit;
}

export function diagnose(records: readonly PairwiseRecord[], priorSd = DEFAULT_PRIOR_SD): Diagnostics {
  const matrix = winMatrix(records);
  const margins = preferenceMargins(matrix);
  const lottery = maximalLottery(margins);
  const winner = condorcetWinner(margins);
  const comparisons = buildComparisons(records);
  const fit = fitBradleyTerryCells(comparisons.cells, comparisons.policies.length, priorSd);
  return {
    winMatrix: matrix,
    margins,
    maximalLottery: Object.fromEntries(matrix.policies.map((p, k) => [p, lottery.probabilities[k]])),
    condorcetWinner: winner === undefined ? null : matrix.policies[winner],
    intransitive: hasMajorityCycle(margins),
    noClearWinner: lottery.support.length > 1 || winner === undefined,
    goodnessOfFit: goodnessOfFit(comparisons, fit.theta),
  };
}
