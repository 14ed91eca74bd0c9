import type { ArtifactState } from '@policy-arena/domain';
import type { TrialLabel } from '@policy-arena/domain';
import type { ArtifactKind } from '@policy-arena/replay';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type ValueTransformer,
} from 'typeorm';
import { AccountEntity } from '../accounts/account.entity';
import { EpisodeEntity } from '../trials/episode.entity';
import { TrialEntity } from '../trials/trial.entity';

export type { ArtifactState };

/** bigint comes back from pg as a string; sizes stay far below 2^53, so a number is exact. */
const bigintAsNumber: ValueTransformer = {
  to: (value: number | null) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/**
 * A file in object storage (rollout, video, image) that belongs to one episode of a trial. It is
 * `pending` from the moment its upload URL is handed out, and attached to the episode
 * (`episode_id`) only once the stored object was checked: size, type, SHA-256 and, for a
 * rollout, the format. A `rejected` artifact's object has been deleted.
 */
@Entity({ name: 'artifacts' })
@Index('ix_artifacts_trial', ['trialId'])
@Index('ix_artifacts_state_created', ['state', 'createdAt'])
@Index('uq_artifacts_key', ['key'], { unique: true })
export class ArtifactEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'trial_id', type: 'uuid' })
  trialId!: string;

  @ManyToOne(() => TrialEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'trial_id', foreignKeyConstraintName: 'fk_artifacts_trial' })
  trial?: TrialEntity;

  /** The episode's label the upload was announced for; the episode itself is linked once verified. */
  @Column({ type: 'text' })
  label!: TrialLabel;

  @Column({ name: 'episode_id', type: 'uuid', nullable: true })
  episodeId!: string | null;

  @ManyToOne(() => EpisodeEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'episode_id', foreignKeyConstraintName: 'fk_artifacts_episode' })
  episode?: EpisodeEntity | null;

  @Column({ name: 'uploader_id', type: 'uuid' })
  uploaderId!: string;

  @ManyToOne(() => AccountEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'uploader_id', foreignKeyConstraintName: 'fk_artifacts_uploader' })
  uploader?: AccountEntity;

  @Column({ type: 'text' })
  kind!: ArtifactKind;

  /** Which one of its kind within the episode: `rollout`, or a camera (`wrist`, `left`, …). */
  @Column({ type: 'text' })
  name!: string;

  /** Object key in the bucket. */
  @Column({ type: 'text' })
  key!: string;

  @Column({ name: 'content_type', type: 'text' })
  contentType!: string;

  /** Hex SHA-256 the uploader announced; the stored object must match it. */
  @Column({ type: 'text' })
  sha256!: string;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  bytes!: number;

  @Column({ type: 'text', default: 'pending' })
  state!: ArtifactState;

  /** S3 multipart upload id while a resumable upload is in progress. */
  @Column({ name: 'upload_id', type: 'text', nullable: true })
  uploadId!: string | null;

  @Column({ name: 'part_bytes', type: 'integer', nullable: true })
  partBytes!: number | null;

  /** Why verification refused the object (state `rejected`). */
  @Column({ type: 'text', nullable: true })
  rejection!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'verified_at', type: 'timestamptz', nullable: true })
  verifiedAt!: Date | null;
}
