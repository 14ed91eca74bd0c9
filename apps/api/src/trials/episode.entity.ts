import type { TrialLabel } from '@policy-arena/domain';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { TrialEntity } from './trial.entity';

/** One run of one policy (by its blind label) within a trial. */
@Entity({ name: 'episodes' })
@Index('uq_episodes_trial_label', ['trialId', 'label'], { unique: true })
export class EpisodeEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'trial_id', type: 'uuid' })
  trialId!: string;

  @ManyToOne(() => TrialEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'trial_id', foreignKeyConstraintName: 'fk_episodes_trial' })
  trial?: TrialEntity;

  @Column({ type: 'text' })
  label!: TrialLabel;

  @Column({ type: 'smallint' })
  progress!: number;

  @Column({ type: 'boolean' })
  success!: boolean;

  @Column({ name: 'duration_seconds', type: 'double precision', nullable: true })
  durationSeconds!: number | null;

  @Column({ type: 'text', nullable: true })
  notes!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
