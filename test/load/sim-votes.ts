import type { PairwiseRecord } from '@policy-arena/domain';
import { downWeightEvaluators, evaluatorIntegrity, rate, type IntegrityReport } from '@policy-arena/rating';
import { createSimWorld, meanSkill, simRandom, simulateTrialOffline, type SimWorld } from '@policy-arena/sim';

export interface SimVotes {
  world: SimWorld;
  records: PairwiseRecord[];
  /** Evaluators the simulation made adversarial (riggers and random voters). */
  adversaries: Set<string>;
}

/**
 * Offline trials of a simulated world with adversarial evaluators: every evaluator judges
 * `trialsPerEvaluator` uniformly drawn pairs in random A/B order, with the same scenes, policy
 * behaviour and judgement the live simulated stations use.
 */
export async function simulateVotes(
  seed: number,
  options: { favouring: number; randomVoters: number; trialsPerEvaluator: number },
): Promise<SimVotes> {
  const world = createSimWorld({ seed, favouring: options.favouring, randomVoters: options.randomVoters });
  const rng = simRandom(seed * 7919 + 1);
  const records: PairwiseRecord[] = [];
  for (let t = 0; t < options.trialsPerEvaluator; t++) {
    for (const evaluator of world.evaluators) {
      const i = rng.int(world.policies.length);
      let j = rng.int(world.policies.length - 1);
      if (j >= i) j++;
      const [first, second] = rng.next() < 0.5 ? [i, j] : [j, i];
      const record = await simulateTrialOffline(
        world,
        world.policies[first]!,
        world.policies[second]!,
        evaluator,
        `${evaluator.name}:${t}`,
      );
      records.push({
        a: record.a,
        b: record.b,
        winner: record.winner,
        category: record.category,
        evaluator: record.evaluator,
      });
    }
  }
  const adversaries = new Set(world.evaluators.filter((e) => e.kind !== 'honest').map((e) => e.name));
  return { world, records, adversaries };
}

export interface DetectionScore {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

export function score(report: IntegrityReport, adversaries: ReadonlySet<string>): DetectionScore {
  const flagged = new Set(report.evaluators.filter((e) => e.flagged).map((e) => e.evaluator));
  return {
    truePositives: [...flagged].filter((e) => adversaries.has(e)).length,
    falsePositives: [...flagged].filter((e) => !adversaries.has(e)).length,
    falseNegatives: [...adversaries].filter((e) => !flagged.has(e)).length,
  };
}

export const precision = (s: DetectionScore) =>
  s.truePositives + s.falsePositives === 0 ? 1 : s.truePositives / (s.truePositives + s.falsePositives);
export const recall = (s: DetectionScore) =>
  s.truePositives + s.falseNegatives === 0 ? 1 : s.truePositives / (s.truePositives + s.falseNegatives);

/** Kendall's τ-a between the board's order and the hidden mean skills. */
export function tauWithTruth(world: SimWorld, ratings: Map<string, number>): number {
  const policies = world.policies.map((p) => ({
    truth: meanSkill(p),
    rating: ratings.get(`${p.name}@${p.version}`) ?? 0,
  }));
  let concordant = 0;
  let discordant = 0;
  for (let i = 0; i < policies.length; i++) {
    for (let k = i + 1; k < policies.length; k++) {
      const s =
        Math.sign(policies[i]!.truth - policies[k]!.truth) *
        Math.sign(policies[i]!.rating - policies[k]!.rating);
      if (s > 0) concordant++;
      else if (s < 0) discordant++;
    }
  }
  return (concordant - discordant) / ((policies.length * (policies.length - 1)) / 2);
}

/** The board before and after dropping the flagged evaluators, against the hidden truth. */
export function boardEffect(votes: SimVotes, report: IntegrityReport) {
  const signed = votes.world.policies.find((p) => p.signature !== undefined);
  const handle = signed ? `${signed.name}@${signed.version}` : undefined;
  const before = rate(votes.records);
  const after = rate(downWeightEvaluators(votes.records, report), { weighting: 'ipw' });
  const ratings = (t: typeof before) => new Map(t.rows.map((r) => [r.policy, r.rating]));
  const rankOf = (t: typeof before) =>
    handle ? t.rows.findIndex((r) => r.policy === handle) + 1 : undefined;
  return {
    tauBefore: tauWithTruth(votes.world, ratings(before)),
    tauAfter: tauWithTruth(votes.world, ratings(after)),
    promotedRankBefore: rankOf(before),
    promotedRankAfter: rankOf(after),
    promotedRatingBefore: handle ? ratings(before).get(handle) : undefined,
    promotedRatingAfter: handle ? ratings(after).get(handle) : undefined,
  };
}

export { evaluatorIntegrity };
