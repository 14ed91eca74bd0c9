import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CountedTrialsByCompletion1795949175327 implements MigrationInterface {
  name = 'CountedTrialsByCompletion1795949175327';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX "ix_trials_completed" ON "trials"  ("completed_at", "id") WHERE status = \'completed\'',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."ix_trials_completed"');
  }
}
