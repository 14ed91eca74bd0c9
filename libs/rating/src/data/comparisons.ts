import type { PairwiseRecord } from '@policy-arena/domain';
import { cellOutcome, type CellOutcome } from './outcome';

/** All trials between policies i < j (indices into `Comparisons.policies`), aggregated. */
export interface PairCell {
  i: number;
  j: number;
  /** Σ weights of i's wins, j's wins and ties (both_bad included). */
  winI: number;
  winJ: number;
  tie: number;
  /** Number of records in the cell (unweighted). */
  count: number;
}

/** Unweighted counts for a board row. */
export interface PolicyTally {
  n: number;
  wins: number;
  losses: number;
  ties: number;
}

/** One record reduced to indices: the unit the bootstrap resamples. */
export interface IndexedTrial {
  i: number;
  j: number;
  outcome: CellOutcome;
  weight: number;
}

export interface Comparisons {
  /** Policy names in code-unit order, so indices never depend on record order or locale. */
  policies: string[];
  trials: IndexedTrial[];
  cells: PairCell[];
  tallies: PolicyTally[];
}

export type Weighting = 'none' | 'ipw';

export function comparePolicies(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Inverse-propensity weights, normalised to mean 1 so the prior keeps the same strength relative
 * to the data whatever the propensities are. A record without a propensity was not drawn by the
 * sampler (e.g. an imported trial), so it counts as certain: propensity 1.
 */
function trialWeights(records: readonly PairwiseRecord[], weighting: Weighting): number[] {
  if (weighting === 'none') return records.map(() => 1);
  const raw = records.map((r) => 1 / (r.propensity ?? 1));
  const mean = raw.reduce((s, w) => s + w, 0) / Math.max(1, raw.length);
  return raw.map((w) => w / mean);
}

export function assertDistinctPair(record: PairwiseRecord, index: number): void {
  if (record.a === record.b) {
    throw new RangeError(
      `record ${index + 1}: b: must differ from a (a policy cannot be compared with itself)`,
    );
  }
}

export function buildComparisons(
  records: readonly PairwiseRecord[],
  weighting: Weighting = 'none',
): Comparisons {
  records.forEach(assertDistinctPair);
  const policies = [...new Set(records.flatMap((r) => [r.a, r.b]))].sort(comparePolicies);
  const index = new Map(policies.map((p, k) => [p, k]));
  const weights = trialWeights(records, weighting);
  const trials: IndexedTrial[] = records.map((r, k) => {
    const ia = index.get(r.a) as number;
    const ib = index.get(r.b) as number;
    const aIsI = ia < ib;
    return { i: aIsI ? ia : ib, j: aIsI ? ib : ia, outcome: cellOutcome(r.winner, aIsI), weight: weights[k] };
  });
  return { policies, trials, cells: aggregateCells(trials), tallies: tallyPolicies(policies.length, trials) };
}

/** Cells sorted by (i, j): a fixed summation order keeps the fits bit-for-bit reproducible. */
export function aggregateCells(
  trials: readonly IndexedTrial[],
  multiplicity?: ArrayLike<number>,
): PairCell[] {
  const byKey = new Map<number, PairCell>();
  const stride = 1 + trials.reduce((m, t) => Math.max(m, t.j), 0);
  trials.forEach((t, k) => {
    const times = multiplicity ? multiplicity[k] : 1;
    if (times === 0) return;
    const key = t.i * stride + t.j;
    let cell = byKey.get(key);
    if (!cell) {
      cell = { i: t.i, j: t.j, winI: 0, winJ: 0, tie: 0, count: 0 };
      byKey.set(key, cell);
    }
    const w = times * t.weight;
    if (t.outcome === 'i') cell.winI += w;
    else if (t.outcome === 'j') cell.winJ += w;
    else cell.tie += w;
    cell.count += times;
  });
  return [...byKey.values()].sort((x, y) => x.i - y.i || x.j - y.j);
}

function tallyPolicies(n: number, trials: readonly IndexedTrial[]): PolicyTally[] {
  const out = Array.from({ length: n }, () => ({ n: 0, wins: 0, losses: 0, ties: 0 }));
  for (const t of trials) {
    out[t.i].n++;
    out[t.j].n++;
    if (t.outcome === 'tie') {
      out[t.i].ties++;
      out[t.j].ties++;
    } else {
      const [winner, loser] = t.outcome === 'i' ? [t.i, t.j] : [t.j, t.i];
      out[winner].wins++;
      out[loser].losses++;
    }
  }
  return out;
}
