import type { PairwiseRecord } from '@policy-arena/domain';
import { fitBradleyTerry } from '../bt/fit-bradley-terry';
import { erfc, logistic } from '../math/special';

export interface IntegrityOptions {
  /** Family-wise false-alarm rate over all evaluators and tests (Bonferroni); default 0.05. */
  alpha?: number;
  /** Evaluators with fewer decisive votes are reported but never flagged; default 10. */
  minVotes?: number;
  /** Prior of the crowd's Bradley–Terry fit (as in `rate`). */
  priorSd?: number;
}

export interface FavouritismFinding {
  policy: string;
  /** How far this evaluator's votes lean towards (+) or against (−) the policy, in standard errors. */
  z: number;
  /** Two-sided p-value of that lean, before the correction for many policies and evaluators. */
  p: number;
}

export interface EvaluatorIntegrity {
  evaluator: string;
  votes: number;
  /** Votes for A or B (ties and both_bad carry no direction and are only counted). */
  decisive: number;
  ties: number;
  /**
   * Fit test: how predictable the evaluator's decisive votes are under the crowd's model (fitted
   * without them), in standard errors against a crowd-like rater. Very negative = votes the
   * crowd would rarely cast (random voting, or voting for a weak policy again and again).
   */
  fitZ: number;
  fitP: number;
  /** The policy this evaluator's votes lean most strongly about. */
  favouritism: FavouritismFinding | null;
  /**
   * Estimated share of this evaluator's decisive votes that follow the crowd's model rather than
   * a coin: w maximising Σ log(w·q + (1 − w)/2), q = the crowd's probability of the vote cast.
   * Near 1 for a reliable rater, near 0 for one whose votes carry no information.
   */
  reliability: number;
  flagged: boolean;
  /** Why it was flagged, in words; empty when it was not. */
  reasons: string[];
}

export interface IntegrityReport {
  evaluators: EvaluatorIntegrity[];
  /** The per-test threshold after the Bonferroni correction. */
  threshold: number;
  alpha: number;
}

const normalCdf = (z: number) => 0.5 * erfc(-z / Math.SQRT2);
const round = (x: number, digits = 4) => Number(x.toFixed(digits));

/** argmax over w ∈ [0, 1] of the concave Σ log(w·q + (1 − w)/2), by bisection on its derivative. */
function mixtureWeight(q: readonly number[]): number {
  const slope = (w: number) => q.reduce((s, qi) => s + (qi - 0.5) / (w * qi + (1 - w) * 0.5), 0);
  if (q.length === 0 || slope(0) <= 0) return 0;
  if (slope(1) >= 0) return 1;
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 50; i++) {
    const mid = (lo + hi) / 2;
    if (slope(mid) > 0) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * Per-evaluator vote integrity against the crowd. For each evaluator the crowd's Bradley–Terry
 * model is refitted without their votes (so a prolific rigger cannot make himself the norm) and
 * without those already flagged (iterated until the flagged set is stable, so a rigger's
 * promoted policy does not make the honest look biased against it); then two tests and an estimate:
 *
 * - **fit** — the log-likelihood of their decisive votes against its mean and variance for a
 *   rater who votes as the model says (a one-sided z-test: too surprising);
 * - **favouritism** — for each policy they judged, Σ(vote − p)/√Σp(1−p): do they lean towards
 *   (or against) one policy beyond what its skill explains (two-sided, the strongest policy);
 * - **reliability** — the share of votes that follow the model rather than a coin (see the field).
 *
 * An evaluator with at least `minVotes` decisive votes is flagged when either test's p-value is
 * below alpha / (evaluators × 2 tests), and for favouritism also × policies.
 */
export function evaluatorIntegrity(
  records: readonly PairwiseRecord[],
  options: IntegrityOptions = {},
): IntegrityReport {
  const alpha = options.alpha ?? 0.05;
  const minVotes = options.minVotes ?? 10;
  const names = [...new Set(records.flatMap((r) => (r.evaluator === undefined ? [] : [r.evaluator])))].sort();
  const policyCount = new Set(records.flatMap((r) => [r.a, r.b])).size;
  const eligible = names.filter(
    (e) =>
      records.filter((r) => r.evaluator === e && (r.winner === 'a' || r.winner === 'b')).length >= minVotes,
  ).length;
  const threshold = alpha / Math.max(1, eligible * 2);
  const assess = (excluded: ReadonlySet<string>) =>
    names.map((evaluator): EvaluatorIntegrity => {
      const own = records.filter((r) => r.evaluator === evaluator);
      const crowd = fitBradleyTerry(
        records.filter(
          (r) => r.evaluator !== evaluator && (r.evaluator === undefined || !excluded.has(r.evaluator)),
        ),
        options.priorSd === undefined ? {} : { priorSd: options.priorSd },
      );
      const skill = new Map(crowd.policies.map((p, i) => [p, crowd.theta[i]!]));
      const decisive = own.filter((r) => r.winner === 'a' || r.winner === 'b');
      let ll = 0;
      let mean = 0;
      let variance = 0;
      const q: number[] = [];
      const lean = new Map<string, { s: number; v: number }>();
      for (const r of decisive) {
        // P(a beats b) by the crowd; a policy the crowd never saw sits at the board mean.
        const p = Math.min(1 - 1e-9, Math.max(1e-9, logistic((skill.get(r.a) ?? 0) - (skill.get(r.b) ?? 0))));
        const y = r.winner === 'a' ? 1 : 0;
        const logOdds = Math.log(p / (1 - p));
        ll += y * Math.log(p) + (1 - y) * Math.log(1 - p);
        mean += p * Math.log(p) + (1 - p) * Math.log(1 - p);
        variance += p * (1 - p) * logOdds * logOdds;
        q.push(y === 1 ? p : 1 - p);
        for (const [policy, won, pWin] of [
          [r.a, y, p],
          [r.b, 1 - y, 1 - p],
        ] as const) {
          const cell = lean.get(policy) ?? { s: 0, v: 0 };
          cell.s += won - pWin;
          cell.v += pWin * (1 - pWin);
          lean.set(policy, cell);
        }
      }
      const fitZ = variance > 0 ? (ll - mean) / Math.sqrt(variance) : 0;
      const fitP = normalCdf(fitZ);
      let favouritism: FavouritismFinding | null = null;
      for (const [policy, { s, v }] of [...lean].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        if (v <= 0) continue;
        const z = s / Math.sqrt(v);
        if (!favouritism || Math.abs(z) > Math.abs(favouritism.z)) {
          favouritism = { policy, z: round(z), p: round(2 * normalCdf(-Math.abs(z)), 8) };
        }
      }
      const reasons: string[] = [];
      if (decisive.length >= minVotes) {
        if (fitP < threshold)
          reasons.push(
            `votes fit the crowd's model poorly (z = ${fitZ.toFixed(2)}, p = ${fitP.toExponential(2)})`,
          );
        if (favouritism && favouritism.p * Math.max(1, policyCount) < threshold)
          reasons.push(
            `leans ${favouritism.z > 0 ? 'towards' : 'against'} ${favouritism.policy} beyond its skill (z = ${favouritism.z.toFixed(2)})`,
          );
      }
      return {
        evaluator,
        votes: own.length,
        decisive: decisive.length,
        ties: own.length - decisive.length,
        fitZ: round(fitZ),
        fitP: round(fitP, 8),
        favouritism,
        reliability: round(mixtureWeight(q)),
        flagged: reasons.length > 0,
        reasons,
      };
    });
  // The crowd must not include the cheats it is measured against: refit without the flagged
  // evaluators until the flagged set no longer changes (a few rounds; bounded).
  let excluded = new Set<string>();
  let evaluators = assess(excluded);
  for (let round = 0; round < 5; round++) {
    const flagged = new Set(evaluators.filter((e) => e.flagged).map((e) => e.evaluator));
    if (flagged.size === excluded.size && [...flagged].every((e) => excluded.has(e))) break;
    excluded = flagged;
    evaluators = assess(excluded);
  }
  return { evaluators, threshold: round(threshold, 8), alpha };
}
