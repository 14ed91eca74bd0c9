import type { PairwiseRecord } from '@policy-arena/domain';
import { rateBradleyTerry } from './bt/rate-bt';
import { rateDavidson } from './bt/rate-davidson';
import { rateElo } from './elo/rate-elo';
import { rateGlicko2 } from './glicko2/rate-glicko2';
import { rateTask } from './task/rate-task';
import { digestRecords } from './digest';
import { resolveOptions, type ResolvedOptions } from './options';
import type { RateOptions, RatingMethod, RatingTable } from './types';

type MethodImpl = (
  records: readonly PairwiseRecord[],
  options: ResolvedOptions,
) => Pick<RatingTable, 'rows' | 'params' | 'categoryRows'>;

const METHODS: Record<RatingMethod, MethodImpl> = {
  bt: rateBradleyTerry,
  davidson: rateDavidson,
  glicko2: rateGlicko2,
  elo: rateElo,
  task: rateTask,
};

/**
 * Rates policies from pairwise records. Pure and deterministic: the same records and options give
 * a byte-identical table (JSON.stringify). `category` filters first; the digest covers the records
 * actually rated.
 */
export function rate(records: readonly PairwiseRecord[], options: RateOptions = {}): RatingTable {
  const resolved = resolveOptions(options);
  const selected =
    resolved.category === undefined ? records : records.filter((r) => r.category === resolved.category);
  const result = METHODS[resolved.method](selected, resolved);
  return {
    method: resolved.method,
    inputDigest: digestRecords(selected),
    trials: selected.length,
    rows: result.rows,
    ...(result.params ? { params: result.params } : {}),
    ...(result.categoryRows ? { categoryRows: result.categoryRows } : {}),
  };
}
