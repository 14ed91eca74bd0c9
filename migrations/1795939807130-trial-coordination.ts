import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TrialCoordination1795939807130 implements MigrationInterface {
  name = 'TrialCoordination1795939807130';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "rating_snapshots" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "method" text NOT NULL, "category" text, "params" jsonb NOT NULL, "params_digest" text NOT NULL, "input_digest" text NOT NULL, "trials" integer NOT NULL, "rows" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_62c96b880a178d96cff648f5915" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_rating_snapshots_lookup" ON "rating_snapshots"  ("method", "category", "input_digest") ',
    );
    await queryRunner.query('ALTER TABLE "policy_versions" ADD "last_healthy_at" TIMESTAMP WITH TIME ZONE');
    await queryRunner.query(
      'ALTER TABLE "policy_versions" ADD "last_health_check_at" TIMESTAMP WITH TIME ZONE',
    );
    await queryRunner.query('ALTER TABLE "trials" ADD "relay_secret" text');
    await queryRunner.query('ALTER TABLE "trials" ADD "void_reason" text');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_trials_running_station" ON "trials"  ("station_id") WHERE status = \'running\' AND station_id IS NOT NULL',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."uq_trials_running_station"');
    await queryRunner.query('ALTER TABLE "trials" DROP COLUMN "void_reason"');
    await queryRunner.query('ALTER TABLE "trials" DROP COLUMN "relay_secret"');
    await queryRunner.query('ALTER TABLE "policy_versions" DROP COLUMN "last_health_check_at"');
    await queryRunner.query('ALTER TABLE "policy_versions" DROP COLUMN "last_healthy_at"');
    await queryRunner.query('DROP INDEX "public"."ix_rating_snapshots_lookup"');
    await queryRunner.query('DROP TABLE "rating_snapshots"');
  }
}
