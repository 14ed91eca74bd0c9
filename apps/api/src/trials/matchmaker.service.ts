import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { policyVersionHandle } from '@policy-arena/domain';
import { DataSource } from 'typeorm';
import type { RunningPair } from '../ratings/rating-worker.protocol';
import { RatingWorkerService } from '../ratings/rating-worker.service';
import type { PolicyVersionEntity } from '../policies/policy-version.entity';
import type { WeightedPair } from './pair-draw';

/**
 * Chooses which pairs a trial may meet and how likely each is: libs/rating's matchmaking
 * (MATCHMAKING in ratings/matchmaking-settings.ts) over the current Bradley–Terry fit, computed on the
 * rating worker's thread, with an exploration floor that keeps every eligible pair possible (so
 * inverse-propensity weights stay bounded).
 */
@Injectable()
export class MatchmakerService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ratings: RatingWorkerService,
  ) {}

  /** The version pairs of the trials running now: their outcomes are on the way. */
  private async runningPairs(): Promise<RunningPair[]> {
    const rows = (await this.dataSource.query(
      `SELECT pa.name AS a_name, pa.version AS a_version, pb.name AS b_name, pb.version AS b_version,
              count(*)::int AS n
         FROM trials t
         JOIN policy_versions pa ON pa.id = t.policy_a_id
         JOIN policy_versions pb ON pb.id = t.policy_b_id
        WHERE t.status = 'running' AND t.lease_expires_at > now()
        GROUP BY 1, 2, 3, 4`,
    )) as { a_name: string; a_version: string; b_name: string; b_version: string; n: number }[];
    return rows.map((r) => [
      policyVersionHandle(r.a_name, r.a_version),
      policyVersionHandle(r.b_name, r.b_version),
      r.n,
    ]);
  }

  async distribution(
    pairs: readonly [PolicyVersionEntity, PolicyVersionEntity][],
  ): Promise<WeightedPair<PolicyVersionEntity>[]> {
    const byHandle = new Map<string, PolicyVersionEntity>();
    for (const [x, y] of pairs) {
      byHandle.set(policyVersionHandle(x.name, x.version), x);
      byHandle.set(policyVersionHandle(y.name, y.version), y);
    }
    const allowed = new Set(pairs.map(([x, y]) => [x.id, y.id].sort().join('|')));
    const drawn = await this.ratings.matchDistribution([...byHandle.keys()], await this.runningPairs());
    const weighted = drawn
      .map((d) => ({
        pair: [byHandle.get(d.pair[0])!, byHandle.get(d.pair[1])!] as const,
        probability: d.probability,
      }))
      // Incompatible pairs (another embodiment or action space) cannot be run blind: drop them and
      // renormalise, so the stored propensity is the probability this pair was really drawn with.
      .filter((d) => allowed.has([d.pair[0].id, d.pair[1].id].sort().join('|')));
    const total = weighted.reduce((s, d) => s + d.probability, 0);
    return weighted.map((d) => ({ ...d, probability: d.probability / total }));
  }
}
