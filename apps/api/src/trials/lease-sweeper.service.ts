import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/app-config.token';
import type { ResolvedConfig } from '../config/resolved-config';
import { MetricsService } from '../observability/metrics.service';

/**
 * Frees trials whose lease ran out: they become `expired`, never count, and their station may
 * start another. The UPDATE is idempotent, so every API process may run it.
 */
@Injectable()
export class LeaseSweeperService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('LeaseSweeper');
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    private readonly metrics: MetricsService,
  ) {}

  onApplicationBootstrap(): void {
    const everyMs = Math.min(5000, (this.config.leaseSeconds * 1000) / 4);
    this.timer = setInterval(() => {
      this.sweep().catch((error: unknown) => this.logger.warn(`lease sweep failed: ${String(error)}`));
    }, everyMs);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async sweep(): Promise<void> {
    const expired: unknown[] = await this.dataSource.query(
      `WITH expired AS (
         UPDATE trials SET status = 'expired'
          WHERE status = 'running' AND lease_expires_at < now()
          RETURNING id
       )
       INSERT INTO audit_events (type, subject_type, subject_id, data)
       SELECT 'trial.expired', 'trial', id::text, '{}'::jsonb FROM expired
       RETURNING id`,
    );
    this.metrics.trialExpired('lease', expired.length);
  }
}
