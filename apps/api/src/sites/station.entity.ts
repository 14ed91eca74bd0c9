import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { SiteEntity } from './site.entity';

/** One robot at a site: an embodiment with its cameras. */
@Entity({ name: 'stations' })
@Index('ix_stations_site', ['siteId'])
@Index('uq_stations_token_prefix', ['tokenPrefix'], { unique: true })
export class StationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'site_id', type: 'uuid' })
  siteId!: string;

  @ManyToOne(() => SiteEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'site_id', foreignKeyConstraintName: 'fk_stations_site' })
  site?: SiteEntity;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  embodiment!: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  cameras!: string[];

  @Column({ name: 'token_prefix', type: 'text', nullable: true })
  tokenPrefix!: string | null;

  @Column({ name: 'token_hash', type: 'text', nullable: true })
  tokenHash!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
