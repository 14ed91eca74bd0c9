import type { TrialStatus } from '@policy-arena/domain';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { AccountEntity } from '../accounts/account.entity';
import { PolicyVersionEntity } from '../policies/policy-version.entity';
import { SiteEntity } from '../sites/site.entity';
import { StationEntity } from '../sites/station.entity';

export type RunOrder = 'AB' | 'BA';

@Entity({ name: 'trials' })
@Index('ix_trials_status', ['status'])
@Index('ix_trials_evaluator', ['evaluatorId'])
// The counted trials in board order: the rating worker reads the newest ones at every refit.
@Index('ix_trials_completed', ['completedAt', 'id'], { where: "status = 'completed'" })
// A station runs one trial at a time, whichever API process hands it out.
@Index('uq_trials_running_station', ['stationId'], {
  unique: true,
  where: "status = 'running' AND station_id IS NOT NULL",
})
export class TrialEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'site_id', type: 'uuid' })
  siteId!: string;

  @ManyToOne(() => SiteEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'site_id', foreignKeyConstraintName: 'fk_trials_site' })
  site?: SiteEntity;

  @Column({ name: 'station_id', type: 'uuid', nullable: true })
  stationId!: string | null;

  @ManyToOne(() => StationEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'station_id', foreignKeyConstraintName: 'fk_trials_station' })
  station?: StationEntity | null;

  @Column({ name: 'evaluator_id', type: 'uuid' })
  evaluatorId!: string;

  @ManyToOne(() => AccountEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'evaluator_id', foreignKeyConstraintName: 'fk_trials_evaluator' })
  evaluator?: AccountEntity;

  @Column({ type: 'text' })
  instruction!: string;

  @Column({ type: 'text', nullable: true })
  category!: string | null;

  @Column({ name: 'policy_a_id', type: 'uuid' })
  policyAId!: string;

  @ManyToOne(() => PolicyVersionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'policy_a_id', foreignKeyConstraintName: 'fk_trials_policy_a' })
  policyA?: PolicyVersionEntity;

  @Column({ name: 'policy_b_id', type: 'uuid' })
  policyBId!: string;

  @ManyToOne(() => PolicyVersionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'policy_b_id', foreignKeyConstraintName: 'fk_trials_policy_b' })
  policyB?: PolicyVersionEntity;

  @Column({ name: 'run_order', type: 'text' })
  runOrder!: RunOrder;

  @Column({ type: 'text', default: 'running' })
  status!: TrialStatus;

  /** Probability with which matchmaking drew this pair: the inverse-propensity weight's denominator. */
  @Column({ name: 'pair_propensity', type: 'double precision' })
  pairPropensity!: number;

  @Column({ name: 'lease_expires_at', type: 'timestamptz' })
  leaseExpiresAt!: Date;

  /** Key for the trial's relay tickets; never leaves the server. */
  @Column({ name: 'relay_secret', type: 'text', nullable: true })
  relaySecret!: string | null;

  @Column({ name: 'void_reason', type: 'text', nullable: true })
  voidReason!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;
}
