import type { PairwiseRecord } from '@policy-arena/domain';
import { percentileIntervals } from '../ci/bootstrap';
import { zForLevel } from '../ci/normal-intervals';
import { robustCovariance } from '../ci/robust-covariance';
import { buildComparisons } from '../data/comparisons';
import { inverseSpd, type Matrix } from '../math/linalg';
import { createRng } from '../math/prng';
import type { ResolvedOptions } from '../options';
import { ELO_POINTS_PER_THETA, thetaToRating } from '../scale';
import { buildRows } from '../table';
import type { RatingRow, RatingTable } from '../types';
import {
  fitTaskModel,
  prepareTaskData,
  priorPrecisions,
  taskCells,
  taskRecordScores,
  type TaskData,
} from './task-model';

/**
 * A board is a set of linear read-outs of the parameter vector, each centred over the board's
 * policies: overall skill θ_i, or θ_i + δ_ic within category c.
 */
interface Board {
  policies: string[];
  /** Per policy: parameter indices summed to give its (uncentred) value. */
  terms: number[][];
  records: PairwiseRecord[];
}

function boards(data: TaskData, records: readonly PairwiseRecord[]): { overall: Board; byCategory: Board[] } {
  const { policies } = data.comparisons;
  const overall: Board = { policies, terms: policies.map((_, i) => [i]), records: [...records] };
  const byCategory = data.categories.map((category, c): Board => {
    const inCategory = records.filter((r) => r.category === category);
    const names = buildComparisons(inCategory).policies;
    const terms = names.map((name) => {
      const i = policies.indexOf(name);
      return [i, data.deltaIndex.get(`${c}:${i}`) as number];
    });
    return { policies: names, terms, records: inCategory };
  });
  return { overall, byCategory };
}

/** Centred values of a board: value_i − mean over the board. */
function readOut(board: Board, x: readonly number[]): number[] {
  const values = board.terms.map((t) => t.reduce((s, k) => s + x[k], 0));
  const mean = values.reduce((s, v) => s + v, 0) / Math.max(1, values.length);
  return values.map((v) => v - mean);
}

/** Variance of each centred read-out: vᵀCv with v = u_i − mean_k u_k. */
function readOutVariances(board: Board, covariance: Matrix): number[] {
  const m = board.terms.length;
  return board.terms.map((own) => {
    const coefficient = new Map<number, number>();
    for (const k of own) coefficient.set(k, (coefficient.get(k) ?? 0) + 1);
    for (const t of board.terms) for (const k of t) coefficient.set(k, (coefficient.get(k) ?? 0) - 1 / m);
    const entries = [...coefficient.entries()];
    let v = 0;
    for (const [a, ca] of entries) for (const [b, cb] of entries) v += ca * cb * covariance[a][b];
    return Math.max(0, v);
  });
}

export function rateTask(
  records: readonly PairwiseRecord[],
  options: ResolvedOptions,
): Pick<RatingTable, 'rows' | 'params' | 'categoryRows'> {
  const data = prepareTaskData(records, options.weighting);
  const precision = priorPrecisions(data, options.priorSd, options.categorySd);
  const fit = fitTaskModel(taskCells(data), precision);
  const { overall, byCategory } = boards(data, records);
  const all = [overall, ...byCategory];
  let intervals: [number, number][][];
  if (options.ci === 'bootstrap') {
    const rng = createRng(options.seed);
    const total = data.comparisons.trials.length;
    const samples: number[][][] = all.map(() => []);
    for (let round = 0; round < options.rounds; round++) {
      const multiplicity = new Array<number>(total).fill(0);
      for (let draw = 0; draw < total; draw++) multiplicity[rng.int(total)]++;
      const x = fitTaskModel(taskCells(data, multiplicity), precision, fit.x).x;
      all.forEach((board, b) => samples[b].push(readOut(board, x).map(thetaToRating)));
    }
    intervals = all.map((board, b) => percentileIntervals(samples[b], board.policies.length, options.level));
  } else {
    const covariance = robustCovariance(
      inverseSpd(fit.information),
      taskRecordScores(data, fit.x),
      precision,
    );
    const z = zForLevel(options.level);
    intervals = all.map((board) => {
      const centre = readOut(board, fit.x);
      return readOutVariances(board, covariance).map((v, k): [number, number] => {
        const half = z * ELO_POINTS_PER_THETA * Math.sqrt(v);
        return [thetaToRating(centre[k]) - half, thetaToRating(centre[k]) + half];
      });
    });
  }
  const toRows = (board: Board, b: number): RatingRow[] =>
    buildRows({
      policies: board.policies,
      ratings: readOut(board, fit.x).map(thetaToRating),
      intervals: intervals[b],
      tallies: buildComparisons(board.records).tallies,
    });
  const categoryRows: Record<string, RatingRow[]> = {};
  data.categories.forEach((category, c) => (categoryRows[category] = toRows(byCategory[c], c + 1)));
  return {
    rows: toRows(overall, 0),
    categoryRows,
    params: {
      model: 'θ_i + δ_ic, δ ~ N(0, categorySd²)',
      ties: 'half',
      priorSd: options.priorSd,
      categorySd: options.categorySd,
      ci: options.ci,
      level: options.level,
      weighting: options.weighting,
      categories: data.categories,
      ...(options.ci === 'bootstrap' ? { rounds: options.rounds, seed: options.seed } : {}),
    },
  };
}
