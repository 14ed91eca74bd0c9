import type { AccountRole } from '@policy-arena/domain';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { SiteEntity } from '../sites/site.entity';

@Entity({ name: 'accounts' })
@Index('uq_accounts_pseudonym', ['pseudonym'], { unique: true })
@Index('ix_accounts_site', ['siteId'])
export class AccountEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  role!: AccountRole;

  @Column({ name: 'display_name', type: 'text' })
  displayName!: string;

  /** Stable public stand-in for the account: what exports and researchers see instead of a name. */
  @Column({ type: 'text' })
  pseudonym!: string;

  @Column({ name: 'site_id', type: 'uuid', nullable: true })
  siteId!: string | null;

  @ManyToOne(() => SiteEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'site_id', foreignKeyConstraintName: 'fk_accounts_site' })
  site?: SiteEntity | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
