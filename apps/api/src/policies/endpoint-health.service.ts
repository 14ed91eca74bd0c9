import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';
import { probeEndpoint } from './endpoint-probe';
import { PolicyVersionEntity } from './policy-version.entity';

/** A version is drawn only if its endpoint answered within this window. */
export const HEALTHY_WITHIN_MS = 60_000;
/** Checks younger than this are reused rather than repeated. */
const RECHECK_AFTER_MS = 15_000;
// Shorter than RECHECK_AFTER_MS, so trial starts rarely wait for a probe themselves.
const BACKGROUND_INTERVAL_MS = 10_000;

/**
 * Keeps `last_healthy_at` of every active version fresh: in the background, and on demand when a
 * trial is about to draw from versions whose last check is stale.
 */
@Injectable()
export class EndpointHealthService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('EndpointHealth');
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @InjectRepository(PolicyVersionEntity) private readonly versions: Repository<PolicyVersionEntity>,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.versions
        .find({ where: { status: In(['active', 'paused']) } })
        .then((all) => this.refresh(all))
        .catch((error: unknown) => this.logger.warn(`health sweep failed: ${String(error)}`));
    }, BACKGROUND_INTERVAL_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  isHealthy(version: PolicyVersionEntity, now = Date.now()): boolean {
    return version.lastHealthyAt !== null && now - version.lastHealthyAt.getTime() < HEALTHY_WITHIN_MS;
  }

  /** Probes the versions whose last check is stale (in parallel) and records the answers on them. */
  async refresh(versions: PolicyVersionEntity[]): Promise<void> {
    const now = Date.now();
    const stale = versions.filter(
      (v) => !v.lastHealthCheckAt || now - v.lastHealthCheckAt.getTime() > RECHECK_AFTER_MS,
    );
    await Promise.all(
      stale.map(async (version) => {
        const healthy = await probeEndpoint(version.endpoint);
        const at = new Date();
        version.lastHealthCheckAt = at;
        if (healthy) version.lastHealthyAt = at;
        await this.versions.update(
          { id: version.id },
          healthy ? { lastHealthCheckAt: at, lastHealthyAt: at } : { lastHealthCheckAt: at },
        );
      }),
    );
  }
}
