import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Artifacts1795940345400 implements MigrationInterface {
  name = 'Artifacts1795940345400';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "artifacts" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "trial_id" uuid NOT NULL, "label" text NOT NULL, "episode_id" uuid, "uploader_id" uuid NOT NULL, "kind" text NOT NULL, "name" text NOT NULL, "key" text NOT NULL, "content_type" text NOT NULL, "sha256" text NOT NULL, "bytes" bigint NOT NULL, "state" text NOT NULL DEFAULT \'pending\', "upload_id" text, "part_bytes" integer, "rejection" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "verified_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_6516bbed3c129918e05c5012edb" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "uq_artifacts_key" ON "artifacts"  ("key") ');
    await queryRunner.query(
      'CREATE INDEX "ix_artifacts_state_created" ON "artifacts"  ("state", "created_at") ',
    );
    await queryRunner.query('CREATE INDEX "ix_artifacts_trial" ON "artifacts"  ("trial_id") ');
    await queryRunner.query(
      'ALTER TABLE "artifacts" ADD CONSTRAINT "fk_artifacts_trial" FOREIGN KEY ("trial_id") REFERENCES "trials"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "artifacts" ADD CONSTRAINT "fk_artifacts_episode" FOREIGN KEY ("episode_id") REFERENCES "episodes"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "artifacts" ADD CONSTRAINT "fk_artifacts_uploader" FOREIGN KEY ("uploader_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "artifacts" DROP CONSTRAINT "fk_artifacts_uploader"');
    await queryRunner.query('ALTER TABLE "artifacts" DROP CONSTRAINT "fk_artifacts_episode"');
    await queryRunner.query('ALTER TABLE "artifacts" DROP CONSTRAINT "fk_artifacts_trial"');
    await queryRunner.query('DROP INDEX "public"."ix_artifacts_trial"');
    await queryRunner.query('DROP INDEX "public"."ix_artifacts_state_created"');
    await queryRunner.query('DROP INDEX "public"."uq_artifacts_key"');
    await queryRunner.query('DROP TABLE "artifacts"');
  }
}
