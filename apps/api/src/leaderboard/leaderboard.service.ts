import { createHash } from 'node:crypto';
import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { LeaderboardView, SamplingRate } from '@policy-arena/domain';
import { rate } from '@policy-arena/rating';
import { DataSource, IsNull, type Repository } from 'typeorm';
import { loadCountedTrials } from './counted-trials';
import type { LeaderboardQuery } from './leaderboard-query';
import { RatingSnapshotEntity } from './rating-snapshot.entity';
import { loadSamplingRates } from './sampling-rates';

export type { LeaderboardView };

const digest = (value: unknown) =>
  `sha256:${createHash('sha256').update(JSON.stringify(value)).digest('hex')}`;

/**
 * The board is recomputed from the counted trials and published as a snapshot: method,
 * parameters and the digest of its input. The same inputs give the same snapshot (reused, not
 * duplicated), so a snapshot id names one reproducible result.
 */
@Injectable()
export class LeaderboardService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(RatingSnapshotEntity) private readonly snapshots: Repository<RatingSnapshotEntity>,
  ) {}

  async current(query: LeaderboardQuery = { method: 'bt' }): Promise<LeaderboardView> {
    const all = await loadCountedTrials(this.dataSource);
    const records = query.category === undefined ? all : all.filter((r) => r.category === query.category);
    const table = rate(records, { method: query.method });
    const params = table.params ?? {};
    const paramsDigest = digest(params);
    const category = query.category ?? null;
    let snapshot = await this.snapshots.findOne({
      where: {
        method: table.method,
        category: category === null ? IsNull() : category,
        paramsDigest,
        inputDigest: table.inputDigest,
      },
    });
    snapshot ??= await this.snapshots.save(
      this.snapshots.create({
        method: table.method,
        category,
        params,
        paramsDigest,
        inputDigest: table.inputDigest,
        trials: table.trials,
        rows: table.rows,
      }),
    );
    return this.toView(snapshot, await loadSamplingRates(this.dataSource));
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
