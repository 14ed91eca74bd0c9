import type { Preference } from '@policy-arena/domain';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  OneToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { TrialEntity } from './trial.entity';

/** The evaluator's preference. One per trial: the unique index is what makes retries safe. */
@Entity({ name: 'outcomes' })
@Index('uq_outcomes_trial', ['trialId'], { unique: true })
export class OutcomeEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'trial_id', type: 'uuid' })
  trialId!: string;

  @OneToOne(() => TrialEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'trial_id', foreignKeyConstraintName: 'fk_outcomes_trial' })
  trial?: TrialEntity;

  @Column({ type: 'text' })
  preference!: Preference;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'idempotency_key', type: 'text' })
  idempotencyKey!: string;

  /** sha256 of the request body, so a reused key with a different body is refused, not replayed. */
  @Column({ name: 'request_hash', type: 'text' })
  requestHash!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
