import type { PolicyVersionRequirements } from '@policy-arena/domain';
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

export type PolicyVersionStatus = 'active' | 'paused' | 'retired';

/** An immutable, registered version of a policy. The endpoint is private: never sent to a site. */
@Entity({ name: 'policy_versions' })
@Index('uq_policy_versions_name_version', ['name', 'version'], { unique: true })
@Index('ix_policy_versions_owner', ['ownerId'])
export class PolicyVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'owner_id', type: 'uuid' })
  ownerId!: string;

  @ManyToOne(() => AccountEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_id', foreignKeyConstraintName: 'fk_policy_versions_owner' })
  owner?: AccountEntity;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  version!: string;

  @Column({ name: 'artifact_digest', type: 'text' })
  artifactDigest!: string;

  @Column({ type: 'text' })
  embodiment!: string;

  @Column({ type: 'jsonb' })
  requirements!: PolicyVersionRequirements;

  @Column({ type: 'text' })
  endpoint!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'text', default: 'active' })
  status!: PolicyVersionStatus;

  /** When the private endpoint last answered a health check; matchmaking skips stale ones. */
  @Column({ name: 'last_healthy_at', type: 'timestamptz', nullable: true })
  lastHealthyAt!: Date | null;

  @Column({ name: 'last_health_check_at', type: 'timestamptz', nullable: true })
  lastHealthCheckAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
