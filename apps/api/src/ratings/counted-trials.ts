import { policyVersionHandle, type PairwiseRecord, type Preference } from '@policy-arena/domain';

export interface CountedTrialRow {
  a_name: string;
  a_version: string;
  b_name: string;
  b_version: string;
  preference: Preference;
  category: string | null;
  pseudonym: string;
  completed_at: Date;
  pair_propensity: number;
  id: string;
  /** completed_at in whole microseconds, as Postgres orders it (a JS Date keeps milliseconds only). */
  completed_us: string;
}

const winnerOf: Record<Preference, PairwiseRecord['winner']> = {
  A: 'a',
  B: 'b',
  tie: 'tie',
  both_bad: 'both_bad',
};

/** The counted trials (completed with an outcome; a voided trial is no longer completed), unordered. */
export const COUNTED_TRIALS_COLUMNS = `
    SELECT t.id, pa.name AS a_name, pa.version AS a_version, pb.name AS b_name, pb.version AS b_version,
           o.preference, t.category, ev.pseudonym, t.completed_at, t.pair_propensity,
           (extract(epoch FROM t.completed_at) * 1000000)::bigint::text AS completed_us
      FROM trials t
      JOIN outcomes o ON o.trial_id = t.id
      JOIN policy_versions pa ON pa.id = t.policy_a_id
      JOIN policy_versions pb ON pb.id = t.policy_b_id
      JOIN accounts ev ON ev.id = t.evaluator_id
     WHERE t.status = 'completed'`;

/** Every counted trial in a stable order (completion, then id), so the same data gives the same board. */
export const COUNTED_TRIALS_SQL = `${COUNTED_TRIALS_COLUMNS} ORDER BY t.completed_at, t.id`;

/** The rows of COUNTED_TRIALS_SQL as the pairwise records that the rating engine and `arena rate` read. */
export function toPairwiseRecords(rows: readonly CountedTrialRow[]): PairwiseRecord[] {
  return rows.map((r) => {
    const record: PairwiseRecord = {
      a: policyVersionHandle(r.a_name, r.a_version),
      b: policyVersionHandle(r.b_name, r.b_version),
      winner: winnerOf[r.preference],
      evaluator: r.pseudonym,
      ts: r.completed_at.toISOString(),
      propensity: r.pair_propensity,
    };
    if (r.category !== null) record.category = r.category;
    return record;
  });
}
