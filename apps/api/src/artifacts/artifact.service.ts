import { randomUUID } from 'node:crypto';
import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  DEFAULT_PART_BYTES,
  extensionFor,
  type CompleteArtifact,
  type CreateArtifact,
  type PresignParts,
} from '@policy-arena/replay';
import { DataSource } from 'typeorm';
import type { AccountEntity } from '../accounts/account.entity';
import { FieldValidationException } from '../common/errors/field-validation.exception';
import { EpisodeEntity } from '../trials/episode.entity';
import { TrialEntity } from '../trials/trial.entity';
import { effectiveStatus } from '../trials/trial.view';
import { ArtifactObjectsService, GET_URL_SECONDS, PUT_URL_SECONDS } from './artifact-objects.service';
import { ArtifactRejectedException } from './artifact-rejected.exception';
import { ArtifactVerifierService } from './artifact-verifier.service';
import { ArtifactEntity } from './artifact.entity';
import {
  toArtifactView,
  type ArtifactLink,
  type ArtifactView,
  type CreatedArtifactView,
  type ReplayManifest,
} from './artifact.view';

@Injectable()
export class ArtifactService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly objects: ArtifactObjectsService,
    private readonly verifier: ArtifactVerifierService,
  ) {}

  /**
   * Announces an upload: records a pending artifact and hands out where to put the bytes. The
   * evaluator who runs the trial may upload while it runs and after the outcome (files are often
   * copied off the robot later); never to an expired or voided trial.
   */
  async create(
    trialId: string,
    input: CreateArtifact,
    evaluator: AccountEntity,
  ): Promise<CreatedArtifactView> {
    const trial = await this.ownedTrial(trialId, evaluator);
    this.assertUploadable(trial);
    const episode = await this.dataSource.manager.findOne(EpisodeEntity, {
      where: { trialId, label: input.label },
    });
    if (!episode)
      throw new ConflictException(`label: record the episode of ${input.label} before uploading its files`);
    const name = input.name ?? input.kind;
    const taken = await this.dataSource.manager.findOne(ArtifactEntity, {
      where: { trialId, label: input.label, kind: input.kind, name, state: 'verified' },
    });
    if (taken)
      throw new ConflictException(
        `name: episode ${input.label} already has a verified ${input.kind} "${name}"; artifacts are immutable`,
      );
    const id = randomUUID();
    const key = `trials/${trialId}/${input.label}/${id}/${name}.${extensionFor(input.contentType)}`;
    const partBytes = input.multipart ? (input.partBytes ?? DEFAULT_PART_BYTES) : null;
    const uploadId = input.multipart ? await this.objects.startMultipart(key, input.contentType) : null;
    const artifact = await this.dataSource.manager.save(
      this.dataSource.manager.create(ArtifactEntity, {
        id,
        trialId,
        label: input.label,
        episodeId: null,
        uploaderId: evaluator.id,
        kind: input.kind,
        name,
        key,
        contentType: input.contentType,
        sha256: input.sha256,
        bytes: input.bytes,
        state: 'pending',
        uploadId,
        partBytes,
        rejection: null,
        verifiedAt: null,
      }),
    );
    if (partBytes !== null) {
      return {
        artifact: toArtifactView(artifact),
        upload: { method: 'multipart', partBytes, partCount: Math.ceil(input.bytes / partBytes) },
      };
    }
    return {
      artifact: toArtifactView(artifact),
      upload: {
        method: 'PUT',
        url: await this.objects.presignPut(key, input.contentType, input.bytes),
        headers: { 'content-type': input.contentType },
        expiresAt: new Date(Date.now() + PUT_URL_SECONDS * 1000).toISOString(),
      },
    };
  }

  /** URLs for some parts of a multipart upload; a resumed upload asks only for the parts it lacks. */
  async presignParts(artifactId: string, input: PresignParts, evaluator: AccountEntity) {
    const artifact = await this.ownedPending(artifactId, evaluator);
    if (!artifact.uploadId || !artifact.partBytes)
      throw new ConflictException('this artifact is uploaded in one request, not in parts');
    const partCount = Math.ceil(artifact.bytes / artifact.partBytes);
    const problems = input.partNumbers
      .map((n, i) => ({ n, i }))
      .filter(({ n }) => n > partCount)
      .map(({ i }) => ({ field: `body.partNumbers[${i}]`, problem: `the upload has ${partCount} parts` }));
    if (problems.length > 0) throw new FieldValidationException(problems);
    const uploadId = artifact.uploadId;
    return {
      parts: await Promise.all(
        input.partNumbers.map(async (partNumber) => ({
          partNumber,
          url: await this.objects.presignPart(artifact.key, uploadId, partNumber),
        })),
      ),
    };
  }

  /** Assembles the parts, then verifies the object like a single upload. */
  async complete(
    artifactId: string,
    input: CompleteArtifact,
    evaluator: AccountEntity,
  ): Promise<ArtifactView> {
    const artifact = await this.ownedPending(artifactId, evaluator);
    if (!artifact.uploadId)
      throw new ConflictException('this artifact is uploaded in one request; verify it instead');
    try {
      await this.objects.completeMultipart(artifact.key, artifact.uploadId, input.parts);
    } catch (error) {
      throw new ConflictException(
        `parts: the object store could not assemble the upload (${error instanceof Error ? error.name : String(error)}); upload the missing parts and complete again`,
      );
    }
    artifact.uploadId = null;
    await this.dataSource.manager.save(artifact);
    return this.verifyLoaded(artifact);
  }

  async verify(artifactId: string, evaluator: AccountEntity): Promise<ArtifactView> {
    const artifact = await this.owned(artifactId, evaluator);
    if (artifact.state === 'verified') return toArtifactView(artifact);
    this.assertPending(artifact);
    if (artifact.uploadId)
      throw new ConflictException('this artifact is uploaded in parts; complete the upload instead');
    return this.verifyLoaded(artifact);
  }

  async listForTrial(trialId: string, account: AccountEntity): Promise<ArtifactView[]> {
    const trial = await this.dataSource.manager.findOne(TrialEntity, { where: { id: trialId } });
    if (!trial || (trial.evaluatorId !== account.id && account.role !== 'admin'))
      throw new NotFoundException(`trial ${trialId} not found`);
    const artifacts = await this.dataSource.manager.find(ArtifactEntity, {
      where: { trialId },
      order: { createdAt: 'ASC' },
    });
    return artifacts.map(toArtifactView);
  }

  /**
   * What the public replay needs. Only for completed trials: anything of a running trial (even
   * that it has a rollout) could help someone guess which policy is which, so it reads as absent.
   */
  async replayManifest(trialId: string): Promise<ReplayManifest> {
    const trial = await this.completedTrial(trialId);
    const [episodes, artifacts] = await Promise.all([
      this.dataSource.manager.find(EpisodeEntity, { where: { trialId }, order: { label: 'ASC' } }),
      this.dataSource.manager.find(ArtifactEntity, {
        where: { trialId, state: 'verified' },
        order: { createdAt: 'ASC' },
      }),
    ]);
    const links = new Map(await Promise.all(artifacts.map(async (a) => [a.id, await this.link(a)] as const)));
    return {
      trialId,
      instruction: trial.instruction,
      category: trial.category,
      completedAt: trial.completedAt?.toISOString() ?? null,
      expiresAt: new Date(Date.now() + GET_URL_SECONDS * 1000).toISOString(),
      episodes: episodes.map((e) => {
        const mine = artifacts.filter((a) => a.episodeId === e.id);
        const rollout = mine.find((a) => a.kind === 'rollout');
        return {
          label: e.label,
          progress: e.progress,
          success: e.success,
          rollout: rollout ? links.get(rollout.id)! : null,
          videos: mine.filter((a) => a.kind === 'video').map((a) => links.get(a.id)!),
        };
      }),
    };
  }

  /** Whether the trial's replay is public (it is completed). */
  async isReplayable(trialId: string): Promise<boolean> {
    return this.completedTrial(trialId).then(
      () => true,
      () => false,
    );
  }

  /** A presigned GET for one verified artifact of a completed trial. */
  async contentUrl(artifactId: string): Promise<string> {
    const artifact = await this.dataSource.manager.findOne(ArtifactEntity, {
      where: { id: artifactId, state: 'verified' },
    });
    if (!artifact) throw new NotFoundException(`artifact ${artifactId} not found`);
    await this.completedTrial(artifact.trialId, `artifact ${artifactId} not found`);
    return (await this.link(artifact)).url;
  }

  private async verifyLoaded(artifact: ArtifactEntity): Promise<ArtifactView> {
    const verdict = await this.verifier.verify(artifact);
    if (verdict.outcome === 'missing')
      throw new ConflictException(
        'nothing has been uploaded for this artifact yet; send the file to its upload URL first',
      );
    if (verdict.outcome === 'rejected') {
      await this.objects.delete(artifact.key);
      artifact.state = 'rejected';
      artifact.rejection = verdict.problems.map((p) => `${p.field}: ${p.problem}`).join('; ');
      await this.dataSource.manager.save(artifact);
      throw new ArtifactRejectedException(verdict.problems);
    }
    const episode = await this.dataSource.manager.findOneOrFail(EpisodeEntity, {
      where: { trialId: artifact.trialId, label: artifact.label },
    });
    artifact.state = 'verified';
    artifact.episodeId = episode.id;
    artifact.verifiedAt = new Date();
    await this.dataSource.manager.save(artifact);
    return toArtifactView(artifact);
  }

  private async link(a: ArtifactEntity): Promise<ArtifactLink> {
    return {
      id: a.id,
      kind: a.kind,
      name: a.name,
      contentType: a.contentType,
      bytes: a.bytes,
      sha256: a.sha256,
      url: await this.objects.presignGet(a.key, `${a.label}-${a.name}.${extensionFor(a.contentType)}`),
    };
  }

  private async completedTrial(
    trialId: string,
    notFound = `no completed trial ${trialId}`,
  ): Promise<TrialEntity> {
    const trial = await this.dataSource.manager.findOne(TrialEntity, { where: { id: trialId } });
    if (!trial || effectiveStatus(trial) !== 'completed') throw new NotFoundException(notFound);
    return trial;
  }

  /** Someone else's trial reads as absent, as in the trials API. */
  private async ownedTrial(trialId: string, evaluator: AccountEntity): Promise<TrialEntity> {
    const trial = await this.dataSource.manager.findOne(TrialEntity, { where: { id: trialId } });
    if (!trial || trial.evaluatorId !== evaluator.id)
      throw new NotFoundException(`trial ${trialId} not found`);
    return trial;
  }

  private assertUploadable(trial: TrialEntity): void {
    const status = effectiveStatus(trial);
    if (status !== 'running' && status !== 'completed')
      throw new ConflictException(
        `the trial is ${status}; files can be uploaded to a running or completed trial`,
      );
  }

  private async owned(artifactId: string, evaluator: AccountEntity): Promise<ArtifactEntity> {
    const artifact = await this.dataSource.manager.findOne(ArtifactEntity, { where: { id: artifactId } });
    if (!artifact || artifact.uploaderId !== evaluator.id)
      throw new NotFoundException(`artifact ${artifactId} not found`);
    return artifact;
  }

  private async ownedPending(artifactId: string, evaluator: AccountEntity): Promise<ArtifactEntity> {
    const artifact = await this.owned(artifactId, evaluator);
    this.assertPending(artifact);
    const trial = await this.dataSource.manager.findOneOrFail(TrialEntity, {
      where: { id: artifact.trialId },
    });
    this.assertUploadable(trial);
    return artifact;
  }

  private assertPending(artifact: ArtifactEntity): void {
    if (artifact.state === 'rejected')
      throw new ConflictException(`the artifact was rejected (${artifact.rejection}); announce a new upload`);
    if (artifact.state === 'verified') throw new ConflictException('the artifact is already verified');
  }
}
