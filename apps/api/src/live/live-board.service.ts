import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { TrialCounts } from '@policy-arena/domain';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Namespace } from 'socket.io';
import { DataSource } from 'typeorm';
import { LeaderboardService } from '../leaderboard/leaderboard.service';

export type { TrialCounts };

/** Coalesces bursts of outcomes into one refresh; well inside the 1 s the board promises. */
const DEBOUNCE_MS = 100;
/**
 * At most one refresh per this interval: under a stream of outcomes each refresh refits the whole
 * board, and doing that every 100 ms took a large share of the CPU. 100 + 500 ms, plus the refit,
 * stays inside the second the board promises.
 */
const MIN_INTERVAL_MS = 500;

/**
 * Pushes the official board and the trial counts to every browser on `/live` after an outcome
 * or a voided trial. Broadcasts go through the socket.io adapter, so clients connected to any
 * API process receive them.
 */
@Injectable()
export class LiveBoardService implements OnModuleDestroy {
  private readonly logger = new Logger('LiveBoard');
  private namespace: Namespace | undefined;
  private pending: NodeJS.Timeout | undefined;
  private lastPublishAt = 0;

  constructor(
    private readonly leaderboard: LeaderboardService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  attach(namespace: Namespace): void {
    this.namespace = namespace;
  }

  countsChanged(): void {
    this.leaderboard.invalidate();
    if (this.pending) return;
    const wait = Math.max(DEBOUNCE_MS, this.lastPublishAt + MIN_INTERVAL_MS - Date.now());
    this.pending = setTimeout(() => {
      this.pending = undefined;
      this.lastPublishAt = Date.now();
      this.publish().catch((error: unknown) => this.logger.warn(`live publish failed: ${String(error)}`));
    }, wait);
  }

  async publish(): Promise<void> {
    if (!this.namespace) return;
    const [board, counts] = await Promise.all([this.leaderboard.current({ method: 'bt' }), this.counts()]);
    this.namespace.emit('leaderboard', board);
    this.namespace.emit('trials', counts);
  }

  async counts(): Promise<TrialCounts> {
    const rows: { status: keyof TrialCounts; n: string }[] = await this.dataSource.query(
      'SELECT status, count(*) AS n FROM trials GROUP BY status',
    );
    const counts: TrialCounts = { running: 0, completed: 0, expired: 0, voided: 0 };
    for (const r of rows) counts[r.status] = Number(r.n);
    return counts;
  }

  onModuleDestroy(): void {
    if (this.pending) clearTimeout(this.pending);
  }
}
