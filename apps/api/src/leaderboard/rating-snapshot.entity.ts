import type { RatingRow } from '@policy-arena/rating';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A published leaderboard: the method, its parameters and the digest of exactly the trials that
 * produced it, so anyone can reproduce it from the open export.
 */
@Entity({ name: 'rating_snapshots' })
@Index('ix_rating_snapshots_lookup', ['method', 'category', 'inputDigest'])
export class RatingSnapshotEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  method!: string;

  @Column({ type: 'text', nullable: true })
  category!: string | null;

  @Column({ type: 'jsonb' })
  params!: Record<string, unknown>;

  @Column({ name: 'params_digest', type: 'text' })
  paramsDigest!: string;

  @Column({ name: 'input_digest', type: 'text' })
  inputDigest!: string;

  @Column({ type: 'integer' })
  trials!: number;

  @Column({ type: 'jsonb' })
  rows!: RatingRow[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
