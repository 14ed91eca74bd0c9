import { createHash } from 'node:crypto';
import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { LeaderboardView, SamplingRate } from '@policy-arena/domain';
import { DataSource, IsNull, type Repository } from 'typeorm';
import { MetricsService } from '../observability/metrics.service';
import type { LeaderboardQuery } from './leaderboard-query';
import { RatingSnapshotEntity } from './rating-snapshot.entity';
import { RatingWorkerService } from '../ratings/rating-worker.service';
import { loadSamplingRates } from './sampling-rates';

export type { LeaderboardView };

const digest = (value: unknown) =>
  `sha256:${createHash('sha256').update(JSON.stringify(value)).digest('hex')}`;

/** Sampling rates move with every trial start; a second-old share is as good as a fresh one. */
const SAMPLING_RATES_MS = 1000;

interface CachedBoard {
  fingerprint: string;
  snapshot: Promise<RatingSnapshotEntity>;
}

/**
 * The board is recomputed from the counted trials and published as a snapshot: method,
 * parameters and the digest of its input. The same inputs give the same snapshot (reused, not
 * duplicated), so a snapshot id names one reproducible result.
 *
 * Reads are served from a cache keyed by a fingerprint of the counted trials (how many are
 * completed, the newest completion, how many are voided): recomputing every counted trial on every
 * read is what made reads slow under load.
 */
@Injectable()
export class LeaderboardService {
  private readonly boards = new Map<string, CachedBoard>();
  private fingerprint: Promise<string> | undefined;
  private samplingRates: { value: Promise<SamplingRate[]>; at: number } | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(RatingSnapshotEntity) private readonly snapshots: Repository<RatingSnapshotEntity>,
    private readonly metrics: MetricsService,
    private readonly ratings: RatingWorkerService,
  ) {}

  /** Called when this process changed what counts (an outcome, a voided trial): fresh shares at once. */
  invalidate(): void {
    // A fingerprint query already in flight may have started before the change committed.
    this.fingerprint = undefined;
    this.samplingRates = undefined;
  }

  async current(query: LeaderboardQuery = { method: 'bt' }): Promise<LeaderboardView> {
    const fingerprint = await this.countedFingerprint();
    const key = `${query.method}|${query.category ?? ''}`;
    let board = this.boards.get(key);
    if (!board || board.fingerprint !== fingerprint) {
      const entry: CachedBoard = { fingerprint, snapshot: this.publish(query) };
      entry.snapshot.catch(() => {
        if (this.boards.get(key) === entry) this.boards.delete(key);
      });
      this.boards.set(key, entry);
      board = entry;
    }
    const [snapshot, rates] = await Promise.all([board.snapshot, this.currentSamplingRates()]);
    return this.toView(snapshot, rates);
  }

  private async publish(query: LeaderboardQuery): Promise<RatingSnapshotEntity> {
    const endTimer = this.metrics.boardRefits.startTimer({ method: query.method });
    const table = await this.ratings.board(query);
    endTimer();
    const params = table.params ?? {};
    const paramsDigest = digest(params);
    const category = query.category ?? null;
    const existing = await this.snapshots.findOne({
      where: {
        method: table.method,
        category: category === null ? IsNull() : category,
        paramsDigest,
        inputDigest: table.inputDigest,
      },
    });
    return (
      existing ??
      this.snapshots.save(
        this.snapshots.create({
          method: table.method,
          category,
          params,
          paramsDigest,
          inputDigest: table.inputDigest,
          trials: table.trials,
          rows: table.rows,
        }),
      )
    );
  }

  /**
   * One cheap query (an index scan on status) tells whether the counted trials changed. Reads
   * that arrive while it runs share it, so a burst of readers costs one query, and every read
   * still sees outcomes committed through any process before it began.
   */
  private countedFingerprint(): Promise<string> {
    if (this.fingerprint) return this.fingerprint;
    const value = this.dataSource
      .query(
        `SELECT count(*) FILTER (WHERE status = 'completed') AS completed,
                max(completed_at) FILTER (WHERE status = 'completed') AS newest,
                count(*) FILTER (WHERE status = 'voided') AS voided
           FROM trials WHERE status IN ('completed', 'voided')`,
      )
      .then((rows: { completed: string; newest: Date | null; voided: string }[]) => {
        const r = rows[0]!;
        return `${r.completed}|${r.newest?.toISOString() ?? '-'}|${r.voided}`;
      });
    this.fingerprint = value;
    const clear = () => {
      if (this.fingerprint === value) this.fingerprint = undefined;
    };
    value.then(clear, clear);
    return value;
  }

  private currentSamplingRates(): Promise<SamplingRate[]> {
    const now = Date.now();
    if (!this.samplingRates || now - this.samplingRates.at > SAMPLING_RATES_MS) {
      const value = loadSamplingRates(this.dataSource);
      this.samplingRates = { value, at: now };
      value.catch(() => (this.samplingRates = undefined));
    }
    return this.samplingRates.value;
  }

  async snapshot(id: string): Promise<LeaderboardView> {
    const snapshot = await this.snapshots.findOne({ where: { id } });
    if (!snapshot) throw new NotFoundException(`leaderboard snapshot ${id} not found`);
    return this.toView(snapshot, []);
  }

  private toView(s: RatingSnapshotEntity, samplingRates: SamplingRate[]): LeaderboardView {
    const category = s.category === null ? '' : ` --category ${s.category}`;
    return {
      snapshotId: s.id,
      method: s.method,
      category: s.category,
      params: s.params,
      inputDigest: s.inputDigest,
      trials: s.trials,
      rows: s.rows,
      samplingRates,
      computedAt: s.createdAt.toISOString(),
      reproduce: `curl -s <api>/api/v1/export/trials.jsonl > trials.jsonl && npx arena rate --input trials.jsonl --method ${s.method}${category}`,
    };
  }
}
