import type { PairwiseRecord } from '@policy-arena/domain';
import type { RecordScore } from '../ci/robust-covariance';
import { buildComparisons, comparePolicies, type Comparisons, type Weighting } from '../data/comparisons';
import { zeros, type Matrix } from '../math/linalg';
import { minimiseNewton, type ConvexObjective } from '../math/newton';
import { logistic, softplus } from '../math/special';

/**
 * Task-aware Bradley–Terry with partial pooling: in category c,
 *   P(i≻j) = σ((θ_i + δ_ic) − (θ_j + δ_jc)),  θ_i ~ N(0, σ²),  δ_ic ~ N(0, τ²),
 * fitted by penalised maximum likelihood (ties as half). τ sets the shrinkage: a policy with few
 * trials in a category is pulled towards its overall skill θ_i; with many, the data wins. Records
 * without a category inform θ only.
 *
 * Parameter vector: [θ_0 … θ_{n−1}, δ for each (category, policy) pair that occurs].
 */
export interface TaskData {
  comparisons: Comparisons;
  categories: string[];
  /** Category index per trial (−1 for none). */
  trialCategory: number[];
  /** Parameter index of δ_ic, keyed `${c}:${i}`. */
  deltaIndex: Map<string, number>;
  dimension: number;
}

export interface TaskCell {
  /** The four parameter indices of x = e_θi − e_θj + e_δic − e_δjc (δ index −1 when absent). */
  i: number;
  j: number;
  di: number;
  dj: number;
  score: number;
  total: number;
}

export function prepareTaskData(records: readonly PairwiseRecord[], weighting: Weighting): TaskData {
  const comparisons = buildComparisons(records, weighting);
  const n = comparisons.policies.length;
  const categories = [
    ...new Set(records.flatMap((r) => (r.category === undefined ? [] : [r.category]))),
  ].sort(comparePolicies);
  const categoryIndex = new Map(categories.map((c, k) => [c, k]));
  const trialCategory = records.map((r) =>
    r.category === undefined ? -1 : (categoryIndex.get(r.category) as number),
  );
  const keys = new Set<string>();
  comparisons.trials.forEach((t, k) => {
    const c = trialCategory[k];
    if (c >= 0) {
      keys.add(`${c}:${t.i}`);
      keys.add(`${c}:${t.j}`);
    }
  });
  const ordered = [...keys]
    .map((key) => key.split(':').map(Number) as [number, number])
    .sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const deltaIndex = new Map(ordered.map(([c, i], k) => [`${c}:${i}`, n + k]));
  return { comparisons, categories, trialCategory, deltaIndex, dimension: n + ordered.length };
}

function deltaOf(data: TaskData, c: number, i: number): number {
  return c < 0 ? -1 : (data.deltaIndex.get(`${c}:${i}`) ?? -1);
}

/** Cells keyed by (i, j, category); `multiplicity` lets the bootstrap reuse this. */
export function taskCells(data: TaskData, multiplicity?: readonly number[]): TaskCell[] {
  const cells = new Map<string, TaskCell>();
  data.comparisons.trials.forEach((t, k) => {
    const times = multiplicity ? multiplicity[k] : 1;
    if (times === 0) return;
    const c = data.trialCategory[k];
    const key = `${t.i}:${t.j}:${c}`;
    let cell = cells.get(key);
    if (!cell) {
      cell = { i: t.i, j: t.j, di: deltaOf(data, c, t.i), dj: deltaOf(data, c, t.j), score: 0, total: 0 };
      cells.set(key, cell);
    }
    const w = times * t.weight;
    cell.score += t.outcome === 'i' ? w : t.outcome === 'tie' ? w / 2 : 0;
    cell.total += w;
  });
  return [...cells.values()].sort((x, y) => x.i - y.i || x.j - y.j || x.di - y.di);
}

function contrast(cell: Pick<TaskCell, 'i' | 'j' | 'di' | 'dj'>): [number[], number[]] {
  const idx = [cell.i, cell.j];
  const sign = [1, -1];
  if (cell.di >= 0) {
    idx.push(cell.di, cell.dj);
    sign.push(1, -1);
  }
  return [idx, sign];
}

function linear(x: readonly number[], idx: readonly number[], sign: readonly number[]): number {
  return idx.reduce((s, k, a) => s + sign[a] * x[k], 0);
}

export function priorPrecisions(data: TaskData, priorSd: number, categorySd: number): number[] {
  const n = data.comparisons.policies.length;
  return Array.from({ length: data.dimension }, (_, k) => 1 / (k < n ? priorSd : categorySd) ** 2);
}

function taskObjective(cells: readonly TaskCell[], precision: readonly number[]): ConvexObjective {
  const dim = precision.length;
  return {
    value(x) {
      let f = 0;
      for (let k = 0; k < dim; k++) f += (precision[k] * x[k] * x[k]) / 2;
      for (const cell of cells) {
        const [idx, sign] = contrast(cell);
        const d = linear(x, idx, sign);
        f += cell.score * softplus(-d) + (cell.total - cell.score) * softplus(d);
      }
      return f;
    },
    derivatives(x) {
      const gradient = x.map((v, k) => precision[k] * v);
      const hessian = zeros(dim);
      for (let k = 0; k < dim; k++) hessian[k][k] = precision[k];
      for (const cell of cells) {
        const [idx, sign] = contrast(cell);
        const p = logistic(linear(x, idx, sign));
        const residual = cell.score - cell.total * p;
        const h = cell.total * p * (1 - p);
        idx.forEach((a, ka) => {
          gradient[a] -= sign[ka] * residual;
          idx.forEach((b, kb) => (hessian[a][b] += sign[ka] * sign[kb] * h));
        });
      }
      return { gradient, hessian };
    },
  };
}

export function fitTaskModel(
  cells: readonly TaskCell[],
  precision: readonly number[],
  start?: readonly number[],
): { x: number[]; information: Matrix } {
  const result = minimiseNewton(
    taskObjective(cells, precision),
    start ?? new Array<number>(precision.length).fill(0),
  );
  return { x: result.x, information: result.hessian };
}

export function* taskRecordScores(data: TaskData, x: readonly number[]): Generator<RecordScore> {
  for (let k = 0; k < data.comparisons.trials.length; k++) {
    const t = data.comparisons.trials[k];
    const c = data.trialCategory[k];
    const [idx, sign] = contrast({ i: t.i, j: t.j, di: deltaOf(data, c, t.i), dj: deltaOf(data, c, t.j) });
    const p = logistic(linear(x, idx, sign));
    const y = t.outcome === 'i' ? 1 : t.outcome === 'j' ? 0 : 0.5;
    const g = t.weight * (y - p);
    const h = t.weight * p * (1 - p);
    yield {
      indices: idx,
      score: sign.map((s) => s * g),
      information: sign.map((sa) => sign.map((sb) => sa * sb * h)),
    };
  }
}
