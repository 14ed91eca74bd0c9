import type { PairwiseRecord } from '@policy-arena/domain';
import type { DataSource } from 'typeorm';
import {
  COUNTED_TRIALS_SQL,
  toPairwiseRecords,
  type CountedTrialRow,
} from '../../../apps/api/src/ratings/counted-trials';

/**
 * Every counted trial as pairwise records, straight from Postgres with one full query: the
 * reference the rating worker's incremental cache, the matchmaker and the reports are held to.
 */
export async function loadCountedTrials(dataSource: DataSource): Promise<PairwiseRecord[]> {
  return toPairwiseRecords((await dataSource.query(COUNTED_TRIALS_SQL)) as CountedTrialRow[]);
}
