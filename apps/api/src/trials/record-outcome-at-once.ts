import { policyVersionHandle, type Preference, type TrialReveal } from '@policy-arena/domain';
import type { EntityManager } from 'typeorm';

export interface OutcomeToRecord {
  trialId: string;
  evaluatorId: string;
  preference: Preference;
  reason: string;
  idempotencyKey: string;
  requestHash: string;
}

/**
 * The common case of an outcome in one statement: the trial is the caller's, running, inside its
 * lease, has both episodes and no outcome yet. Completing the trial, storing the outcome and the
 * audit record, and reading the two versions for the reveal all happen in one round trip and
 * commit together.
 *
 * Why one statement: under load an outcome was nine round trips (BEGIN, lock, state, insert,
 * update, audit, policies, COMMIT and the key lookup), and on a two-core machine shared with
 * Postgres each round trip costs a context switch. The UPDATE takes the trial's row lock exactly
 * as `SELECT … FOR UPDATE` did, so a racing retry, abandon, void or lease sweep waits for it and
 * then finds the trial no longer running.
 *
 * Returns null when any condition does not hold (a retry, a finished or expired trial, a missing
 * episode, someone else's trial): the caller then takes the locked path, which tells those apart
 * and answers each with its own message. Nothing has been written in that case.
 */
export async function recordOutcomeAtOnce(
  manager: EntityManager,
  outcome: OutcomeToRecord,
): Promise<TrialReveal | null> {
  const rows = (await manager.query(
    `WITH done AS (
       UPDATE trials t SET status = 'completed', completed_at = now()
        WHERE t.id = $1 AND t.evaluator_id = $2 AND t.status = 'running'
          AND t.lease_expires_at > now()
          AND (SELECT count(*) FROM episodes e WHERE e.trial_id = t.id) = 2
          AND NOT EXISTS (SELECT 1 FROM outcomes o WHERE o.trial_id = t.id)
       RETURNING t.id, t.policy_a_id, t.policy_b_id
     ), recorded AS (
       INSERT INTO outcomes (trial_id, preference, reason, idempotency_key, request_hash)
       SELECT id, $3, $4, $5, $6 FROM done
       RETURNING trial_id
     ), audited AS (
       INSERT INTO audit_events (actor_id, type, subject_type, subject_id, data)
       SELECT $2, 'trial.completed', 'trial', id::text, jsonb_build_object('preference', $3::text)
         FROM done
     )
     SELECT a.id AS a_id, a.name AS a_name, a.version AS a_version,
            b.id AS b_id, b.name AS b_name, b.version AS b_version
       FROM recorded r
       JOIN done d ON d.id = r.trial_id
       JOIN policy_versions a ON a.id = d.policy_a_id
       JOIN policy_versions b ON b.id = d.policy_b_id`,
    [
      outcome.trialId,
      outcome.evaluatorId,
      outcome.preference,
      outcome.reason,
      outcome.idempotencyKey,
      outcome.requestHash,
    ],
  )) as {
    a_id: string;
    a_name: string;
    a_version: string;
    b_id: string;
    b_name: string;
    b_version: string;
  }[];
  const row = rows[0];
  if (!row) return null;
  return {
    trialId: outcome.trialId,
    preference: outcome.preference,
    policies: [
      { label: 'A', policyVersionId: row.a_id, handle: policyVersionHandle(row.a_name, row.a_version) },
      { label: 'B', policyVersionId: row.b_id, handle: policyVersionHandle(row.b_name, row.b_version) },
    ],
  };
}
