import {
  ConflictException,
  ForbiddenException,
  Inject,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  CreateTrial,
  Preference,
  RecordEpisode,
  SubmitOutcome,
  TrialReveal,
} from '@policy-arena/domain';
import { DataSource, type EntityManager, In } from 'typeorm';
import type { AccountEntity } from '../accounts/account.entity';
import { AuditService } from '../audit/audit.service';
import { APP_CONFIG } from '../config/app-config.token';
import type { ResolvedConfig } from '../config/resolved-config';
import { PolicyVersionEntity } from '../policies/policy-version.entity';
import { StationEntity } from '../sites/station.entity';
import { isUniqueViolation } from '../database/postgres-errors';
import { LiveBoardService } from '../live/live-board.service';
import { MetricsService } from '../observability/metrics.service';
import { EndpointHealthService } from '../policies/endpoint-health.service';
import { newRelaySecret } from '../relay/relay-ticket';
import { eligiblePairs } from './eligible-pairs';
import { MatchmakerService } from './matchmaker.service';
import { recordOutcomeAtOnce } from './record-outcome-at-once';
import { EpisodeEntity } from './episode.entity';
import { requestFingerprint } from './idempotency-key';
import { OutcomeEntity } from './outcome.entity';
import { drawPair } from './pair-draw';
import { TrialEntity } from './trial.entity';
import { effectiveStatus, toReveal, toTrialView, type TrialView } from './trial.view';

/** An `outcomes` row as Postgres's row_to_json returns it (column names). */
interface StoredOutcomeRow {
  preference: Preference;
  idempotency_key: string;
  request_hash: string;
}

export interface OutcomeResult {
  reveal: TrialReveal;
  /** True when this request repeated an earlier one with the same Idempotency-Key. */
  replayed: boolean;
}

@Injectable()
export class TrialService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    private readonly audit: AuditService,
    private readonly endpointHealth: EndpointHealthService,
    private readonly matchmaker: MatchmakerService,
    private readonly board: LiveBoardService,
    private readonly metrics: MetricsService,
  ) {}

  /**
   * Starts a blind trial for an evaluator (optionally on one of their site's stations): draws a
   * pair by libs/rating's matchmaking (MATCHMAKING) among eligible, healthy versions, randomises labels and
   * run order, stores the pair's probability, and opens a lease.
   */
  async create(input: CreateTrial, evaluator: AccountEntity): Promise<TrialView> {
    if (!evaluator.siteId)
      throw new ForbiddenException('your evaluator account belongs to no site; ask an admin');
    // Everything read-only happens before the transaction: a transaction holds a pooled
    // connection, and waiting for a second one inside it can exhaust the pool under load.
    let station: StationEntity | null = null;
    if (input.stationId !== undefined) {
      station = await this.dataSource.manager.findOne(StationEntity, { where: { id: input.stationId } });
      if (!station || station.siteId !== evaluator.siteId) {
        throw new UnprocessableEntityException(`stationId: no station ${input.stationId} at your site`);
      }
    }
    const active = await this.dataSource.manager.find(PolicyVersionEntity, { where: { status: 'active' } });
    await this.endpointHealth.refresh(active.filter((v) => v.ownerId !== evaluator.id));
    const pairs = eligiblePairs(active, evaluator.id, station, (v) => this.endpointHealth.isHealthy(v));
    if (pairs.length === 0) {
      throw new ConflictException(
        'no two eligible policy versions right now (active, healthy endpoint, same embodiment and action space, fit for this station, not your own)',
      );
    }
    const drawn = drawPair(await this.matchmaker.distribution(pairs));
    try {
      return await this.dataSource.transaction(async (manager) => {
        if (station) {
          // A trial whose lease ran out no longer holds the station, even before the sweeper runs.
          await manager.query(
            `UPDATE trials SET status = 'expired' WHERE station_id = $1 AND status = 'running' AND lease_expires_at < now()`,
            [station.id],
          );
        }
        const trial = await manager.save(
          manager.create(TrialEntity, {
            siteId: evaluator.siteId!,
            stationId: station?.id ?? null,
            evaluatorId: evaluator.id,
            instruction: input.instruction,
            category: input.category ?? null,
            policyAId: drawn.a.id,
            policyBId: drawn.b.id,
            runOrder: drawn.runOrder,
            status: 'running',
            pairPropensity: drawn.propensity,
            leaseExpiresAt: new Date(Date.now() + this.config.leaseSeconds * 1000),
            completedAt: null,
            relaySecret: newRelaySecret(),
            voidReason: null,
          }),
        );
        await this.audit.record(
          {
            actorId: evaluator.id,
            type: 'trial.started',
            subjectType: 'trial',
            subjectId: trial.id,
            data: {},
          },
          manager,
        );
        this.metrics.trialsStarted.inc();
        return toTrialView(trial, [], null);
      });
    } catch (error) {
      if (isUniqueViolation(error, 'uq_trials_running_station')) {
        throw new ConflictException(
          'stationId: this station is already running a trial; finish it or let its lease expire',
        );
      }
      throw error;
    }
  }

  /** The running trial of a station, if it has one (a station that restarts picks it up here). */
  async currentForStation(stationId: string, evaluator: AccountEntity): Promise<TrialView | null> {
    const trial = await this.dataSource.manager.findOne(TrialEntity, {
      where: { stationId, status: 'running', evaluatorId: evaluator.id },
    });
    if (!trial || effectiveStatus(trial) !== 'running') return null;
    const episodes = await this.dataSource.manager.find(EpisodeEntity, { where: { trialId: trial.id } });
    return toTrialView(trial, episodes, null);
  }

  /** The evaluator gives up a running trial: it ends as `expired` and never counts. */
  async abandon(trialId: string, evaluator: AccountEntity): Promise<TrialView> {
    const view = await this.dataSource.transaction(async (manager) => {
      const trial = await this.loadFor(manager, trialId, evaluator, true);
      this.assertLive(trial);
      trial.status = 'expired';
      await manager.save(trial);
      await this.audit.record(
        {
          actorId: evaluator.id,
          type: 'trial.abandoned',
          subjectType: 'trial',
          subjectId: trial.id,
          data: {},
        },
        manager,
      );
      return toTrialView(trial, [], null);
    });
    this.metrics.trialExpired('abandoned');
    this.board.countsChanged();
    return view;
  }

  /** Admin only: takes a trial off the record (it stops counting), with a reason, in the audit log. */
  async void(trialId: string, reason: string, admin: AccountEntity): Promise<TrialView> {
    const view = await this.dataSource.transaction(async (manager) => {
      const trial = await manager.findOne(TrialEntity, {
        where: { id: trialId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!trial) throw new NotFoundException(`trial ${trialId} not found`);
      if (trial.status === 'voided') throw new ConflictException('the trial is already voided');
      const previous = trial.status;
      trial.status = 'voided';
      trial.voidReason = reason;
      await manager.save(trial);
      await this.audit.record(
        {
          actorId: admin.id,
          type: 'trial.voided',
          subjectType: 'trial',
          subjectId: trial.id,
          data: { reason, previous },
        },
        manager,
      );
      return toTrialView(await this.withPolicies(manager, trial), [], null);
    });
    this.board.countsChanged();
    return view;
  }

  async get(trialId: string, account: AccountEntity): Promise<TrialView> {
    const manager = this.dataSource.manager;
    const trial = await this.loadFor(manager, trialId, account, false);
    const [episodes, outcome] = await Promise.all([
      manager.find(EpisodeEntity, { where: { trialId } }),
      manager.findOne(OutcomeEntity, { where: { trialId } }),
    ]);
    return toTrialView(trial, episodes, outcome);
  }

  async heartbeat(trialId: string, evaluator: AccountEntity): Promise<TrialView> {
    return this.dataSource.transaction(async (manager) => {
      const trial = await this.loadFor(manager, trialId, evaluator, true);
      this.assertLive(trial);
      trial.leaseExpiresAt = new Date(Date.now() + this.config.leaseSeconds * 1000);
      await manager.save(trial);
      const episodes = await manager.find(EpisodeEntity, { where: { trialId } });
      return toTrialView(trial, episodes, null);
    });
  }

  async recordEpisode(trialId: string, input: RecordEpisode, evaluator: AccountEntity): Promise<TrialView> {
    return this.dataSource.transaction(async (manager) => {
      const trial = await this.loadFor(manager, trialId, evaluator, true);
      this.assertLive(trial);
      const episodes = await manager.find(EpisodeEntity, { where: { trialId } });
      if (episodes.some((e) => e.label === input.label)) {
        throw new ConflictException(`label: the episode of ${input.label} is already recorded`);
      }
      const first = trial.runOrder[0] as 'A' | 'B';
      if (input.label !== first && !episodes.some((e) => e.label === first)) {
        throw new ConflictException(
          `label: the run order is ${trial.runOrder[0]} then ${trial.runOrder[1]}; record ${first} first`,
        );
      }
      const episode = await manager.save(
        manager.create(EpisodeEntity, {
          trialId,
          label: input.label,
          progress: input.progress,
          success: input.success,
          durationSeconds: input.durationSeconds ?? null,
          notes: input.notes ?? null,
        }),
      );
      return toTrialView(trial, [...episodes, episode], null);
    });
  }

  /**
   * Records the preference exactly once. The trial row is locked for the whole transaction, so a
   * retry racing the original waits and then sees the stored outcome: it gets the same answer
   * (a replay) if its Idempotency-Key and body match, and a 409 otherwise. Nothing counts twice.
   */
  async submitOutcome(
    trialId: string,
    input: SubmitOutcome,
    idempotencyKey: string,
    evaluator: AccountEntity,
  ): Promise<OutcomeResult> {
    const fingerprint = requestFingerprint(input);
    const reveal = await recordOutcomeAtOnce(this.dataSource.manager, {
      trialId,
      evaluatorId: evaluator.id,
      preference: input.preference,
      reason: input.reason,
      idempotencyKey,
      requestHash: fingerprint,
    }).catch((error: unknown) => {
      // The row lock makes this unreachable in practice; if it happens, the locked path decides.
      if (isUniqueViolation(error)) return null;
      throw error;
    });
    const result = reveal
      ? { reveal, replayed: false }
      : await this.submitOutcomeLocked(trialId, input, idempotencyKey, fingerprint, evaluator);
    if (!result.replayed) this.board.countsChanged();
    this.metrics.outcome(input.preference, result.replayed);
    return result;
  }

  /**
   * Every case the one-statement path leaves: replays, conflicts, expired or unfinished trials.
   * The trial row is locked for the whole transaction so the answer is decided on settled state.
   */
  private submitOutcomeLocked(
    trialId: string,
    input: SubmitOutcome,
    idempotencyKey: string,
    fingerprint: string,
    evaluator: AccountEntity,
  ): Promise<OutcomeResult> {
    return this.dataSource.transaction(async (manager): Promise<OutcomeResult> => {
      const trial = await this.loadFor(manager, trialId, evaluator, true);
      // One round trip for what the checks need: an existing outcome and the recorded labels.
      const [state] = (await manager.query(
        `SELECT (SELECT row_to_json(o) FROM outcomes o WHERE o.trial_id = $1) AS outcome,
                (SELECT coalesce(array_agg(e.label), '{}') FROM episodes e WHERE e.trial_id = $1) AS labels`,
        [trialId],
      )) as [{ outcome: StoredOutcomeRow | null; labels: string[] }];
      const existing = state.outcome;
      if (existing) {
        if (existing.idempotency_key === idempotencyKey && existing.request_hash === fingerprint) {
          return {
            reveal: toReveal(await this.withPolicies(manager, trial), { preference: existing.preference }),
            replayed: true,
          };
        }
        throw new ConflictException(
          existing.idempotency_key === idempotencyKey
            ? 'headers.idempotency-key: this key was used with a different body; an outcome is final'
            : 'this trial already has an outcome; an outcome is final',
        );
      }
      this.assertLive(trial);
      const missing = (['A', 'B'] as const).filter((l) => !state.labels.includes(l));
      if (missing.length > 0) {
        throw new ConflictException(`record the episode of ${missing.join(' and ')} before the outcome`);
      }
      // Plain INSERT/UPDATE: `save()` would first re-read each row to diff it.
      await manager.insert(OutcomeEntity, {
        trialId,
        preference: input.preference,
        reason: input.reason,
        idempotencyKey,
        requestHash: fingerprint,
      });
      trial.status = 'completed';
      trial.completedAt = new Date();
      await manager.update(
        TrialEntity,
        { id: trial.id },
        { status: trial.status, completedAt: trial.completedAt },
      );
      await this.audit.record(
        {
          actorId: evaluator.id,
          type: 'trial.completed',
          subjectType: 'trial',
          subjectId: trial.id,
          data: { preference: input.preference },
        },
        manager,
      );
      return {
        reveal: toReveal(await this.withPolicies(manager, trial), { preference: input.preference }),
        replayed: false,
      };
    });
  }

  private assertLive(trial: TrialEntity): void {
    const status = effectiveStatus(trial);
    if (status === 'expired') {
      throw new ConflictException(
        `the trial's lease expired at ${trial.leaseExpiresAt.toISOString()}; it will not count`,
      );
    }
    if (status !== 'running') throw new ConflictException(`the trial is ${status}`);
  }

  /** Loads a trial its caller may act on: the evaluator who runs it, or an admin (read-only). */
  private async loadFor(
    manager: EntityManager,
    trialId: string,
    account: AccountEntity,
    forUpdate: boolean,
  ): Promise<TrialEntity> {
    const trial = await manager.findOne(TrialEntity, {
      where: { id: trialId },
      ...(forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    // Someone else's trial reads as absent: its existence is not the caller's business.
    if (!trial || (trial.evaluatorId !== account.id && !(account.role === 'admin' && !forUpdate))) {
      throw new NotFoundException(`trial ${trialId} not found`);
    }
    return forUpdate ? trial : this.withPolicies(manager, trial);
  }

  private async withPolicies(manager: EntityManager, trial: TrialEntity): Promise<TrialEntity> {
    const both = await manager.find(PolicyVersionEntity, {
      where: { id: In([trial.policyAId, trial.policyBId]) },
    });
    trial.policyA = both.find((v) => v.id === trial.policyAId)!;
    trial.policyB = both.find((v) => v.id === trial.policyBId)!;
    return trial;
  }
}
