import { randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { policyVersionHandle } from '@policy-arena/domain';
import { matchDistribution } from '@policy-arena/rating';
import type { MatchFit } from '../leaderboard/rating-worker.protocol';
import { RatingWorkerService } from '../leaderboard/rating-worker.service';
import type { PolicyVersionEntity } from '../policies/policy-version.entity';
import type { WeightedPair } from './pair-draw';

const FIT_REUSE_MS = 2000;

/** New versions (fewer counted trials than this) get this many times the weight, so they surface fast. */
const NEW_VERSION_BOOST = { belowTrials: 10, factor: 3 };

/**
 * Chooses which pairs a trial may meet and how likely each is: information-gain matchmaking from
 * libs/rating over the current Bradley–Terry fit, with an exploration floor that keeps every
 * eligible pair possible (so inverse-propensity weights stay bounded).
 */
@Injectable()
export class MatchmakerService {
  private cached: { at: number; fit: Promise<MatchFit> } | undefined;

  constructor(private readonly ratings: RatingWorkerService) {}

  /**
   * The board's current fit, reused for a short while: a burst of trial starts should not each
   * reload and refit every counted trial, and a second-old fit draws pairs just as well.
   */
  private currentFit(): Promise<MatchFit> {
    const now = Date.now();
    if (!this.cached || now - this.cached.at > FIT_REUSE_MS) {
      const fit = this.fit();
      this.cached = { at: now, fit };
      fit.catch(() => (this.cached = undefined));
    }
    return this.cached.fit;
  }

  /** Loaded and fitted on the rating worker's thread, off the event loop. */
  private fit(): Promise<MatchFit> {
    return this.ratings.matchFit();
  }

  async distribution(
    pairs: readonly [PolicyVersionEntity, PolicyVersionEntity][],
  ): Promise<WeightedPair<PolicyVersionEntity>[]> {
    const byHandle = new Map<string, PolicyVersionEntity>();
    for (const [x, y] of pairs) {
      byHandle.set(policyVersionHandle(x.name, x.version), x);
      byHandle.set(policyVersionHandle(y.name, y.version), y);
    }
    const { model, counts } = await this.currentFit();
    const allowed = new Set(pairs.map(([x, y]) => [x.id, y.id].sort().join('|')));
    const weighted = matchDistribution({
      policies: model.policies,
      thetas: model.theta,
      covariance: model.covariance,
      eligible: [...byHandle.keys()],
      counts,
      strategy: 'information-gain',
      newVersionBoost: NEW_VERSION_BOOST,
      seed: randomInt(2 ** 31),
    })
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
