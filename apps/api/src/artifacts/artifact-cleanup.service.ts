import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, LessThan, MoreThan } from 'typeorm';
import { ArtifactObjectsService } from './artifact-objects.service';
import { ArtifactEntity } from './artifact.entity';

/** An announced upload that is not verified within a day will never be: its URLs expired long ago. */
export const PENDING_TTL_MS = 24 * 60 * 60 * 1000;
const SWEEP_EVERY_MS = 15 * 60 * 1000;

export interface SweepResult {
  expired: number;
  rechecked: number;
}

/**
 * Removes what was uploaded but never verified, so the bucket holds only attached, checked files:
 * pending artifacts older than PENDING_TTL_MS lose their object (and multipart parts) and become
 * `rejected`. Objects of recently rejected artifacts are deleted again, because a presigned PUT
 * stays usable until it expires even after its object was refused.
 */
@Injectable()
export class ArtifactCleanupService implements OnModuleInit, OnModuleDestroy {
  private readonly log = new Logger('ArtifactCleanup');
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly objects: ArtifactObjectsService,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => {
      this.sweep().catch((error: unknown) => this.log.warn(`sweep failed: ${String(error)}`));
    }, SWEEP_EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async sweep(now = new Date()): Promise<SweepResult> {
    const cutoff = new Date(now.getTime() - PENDING_TTL_MS);
    const repo = this.dataSource.getRepository(ArtifactEntity);
    const stale = await repo.find({ where: { state: 'pending', createdAt: LessThan(cutoff) } });
    for (const artifact of stale) {
      if (artifact.uploadId) await this.objects.abortMultipart(artifact.key, artifact.uploadId);
      await this.objects.delete(artifact.key);
      artifact.state = 'rejected';
      artifact.uploadId = null;
      artifact.rejection = `never verified within ${PENDING_TTL_MS / 3_600_000} h; the object was removed`;
      await repo.save(artifact);
    }
    const recent = await repo.find({
      where: { state: 'rejected', createdAt: MoreThan(new Date(cutoff.getTime() - PENDING_TTL_MS)) },
    });
    for (const artifact of recent) await this.objects.delete(artifact.key);
    if (stale.length > 0) this.log.log(`removed ${stale.length} never-verified uploads`);
    return { expired: stale.length, rechecked: recent.length };
  }
}
