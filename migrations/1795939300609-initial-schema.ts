import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1795939300609 implements MigrationInterface {
  name = 'InitialSchema1795939300609';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "sites" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "slug" text NOT NULL, "name" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4f5eccb1dfde10c9170502595a7" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "uq_sites_slug" ON "sites"  ("slug") ');
    await queryRunner.query(
      'CREATE TABLE "accounts" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "role" text NOT NULL, "display_name" text NOT NULL, "pseudonym" text NOT NULL, "site_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5a7a02c20412299d198e097a8fe" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "ix_accounts_site" ON "accounts"  ("site_id") ');
    await queryRunner.query('CREATE UNIQUE INDEX "uq_accounts_pseudonym" ON "accounts"  ("pseudonym") ');
    await queryRunner.query(
      'CREATE TABLE "api_keys" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "account_id" uuid NOT NULL, "label" text NOT NULL, "prefix" text NOT NULL, "key_hash" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_5c8a79801b44bd27b79228e1dad" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "ix_api_keys_account" ON "api_keys"  ("account_id") ');
    await queryRunner.query('CREATE UNIQUE INDEX "uq_api_keys_prefix" ON "api_keys"  ("prefix") ');
    await queryRunner.query(
      'CREATE TABLE "audit_events" ("id" BIGSERIAL NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_id" uuid, "type" text NOT NULL, "subject_type" text NOT NULL, "subject_id" text NOT NULL, "data" jsonb NOT NULL DEFAULT \'{}\', CONSTRAINT "PK_910f64d901a5c3e9878f0d4a407" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "ix_audit_events_type" ON "audit_events"  ("type") ');
    await queryRunner.query(
      'CREATE TABLE "policy_versions" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "owner_id" uuid NOT NULL, "name" text NOT NULL, "version" text NOT NULL, "artifact_digest" text NOT NULL, "embodiment" text NOT NULL, "requirements" jsonb NOT NULL, "endpoint" text NOT NULL, "description" text, "status" text NOT NULL DEFAULT \'active\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_125d2970fc66a316f84af16812e" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "ix_policy_versions_owner" ON "policy_versions"  ("owner_id") ');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_policy_versions_name_version" ON "policy_versions"  ("name", "version") ',
    );
    await queryRunner.query(
      'CREATE TABLE "stations" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "site_id" uuid NOT NULL, "name" text NOT NULL, "embodiment" text NOT NULL, "cameras" text array NOT NULL DEFAULT \'{}\', "token_prefix" text, "token_hash" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f047974bd453c85b08bab349367" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_stations_token_prefix" ON "stations"  ("token_prefix") ',
    );
    await queryRunner.query('CREATE INDEX "ix_stations_site" ON "stations"  ("site_id") ');
    await queryRunner.query(
      'CREATE TABLE "trials" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "site_id" uuid NOT NULL, "station_id" uuid, "evaluator_id" uuid NOT NULL, "instruction" text NOT NULL, "category" text, "policy_a_id" uuid NOT NULL, "policy_b_id" uuid NOT NULL, "run_order" text NOT NULL, "status" text NOT NULL DEFAULT \'running\', "pair_propensity" double precision NOT NULL, "lease_expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "completed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_afe5dc86ce7253d239c3dfea2d3" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "ix_trials_evaluator" ON "trials"  ("evaluator_id") ');
    await queryRunner.query('CREATE INDEX "ix_trials_status" ON "trials"  ("status") ');
    await queryRunner.query(
      'CREATE TABLE "episodes" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "trial_id" uuid NOT NULL, "label" text NOT NULL, "progress" smallint NOT NULL, "success" boolean NOT NULL, "duration_seconds" double precision, "notes" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6a003fda8b0473fffc39cb831c7" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_episodes_trial_label" ON "episodes"  ("trial_id", "label") ',
    );
    await queryRunner.query(
      'CREATE TABLE "outcomes" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "trial_id" uuid NOT NULL, "preference" text NOT NULL, "reason" text NOT NULL, "idempotency_key" text NOT NULL, "request_hash" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "REL_623bea3e155ae95cdf5b8cb468" UNIQUE ("trial_id"), CONSTRAINT "PK_f5b8391e8300f8962eb1842dfca" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "uq_outcomes_trial" ON "outcomes"  ("trial_id") ');
    await queryRunner.query(
      'ALTER TABLE "accounts" ADD CONSTRAINT "fk_accounts_site" FOREIGN KEY ("site_id") REFERENCES "sites"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "api_keys" ADD CONSTRAINT "fk_api_keys_account" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "policy_versions" ADD CONSTRAINT "fk_policy_versions_owner" FOREIGN KEY ("owner_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "stations" ADD CONSTRAINT "fk_stations_site" FOREIGN KEY ("site_id") REFERENCES "sites"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "trials" ADD CONSTRAINT "fk_trials_site" FOREIGN KEY ("site_id") REFERENCES "sites"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "trials" ADD CONSTRAINT "fk_trials_station" FOREIGN KEY ("station_id") REFERENCES "stations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "trials" ADD CONSTRAINT "fk_trials_evaluator" FOREIGN KEY ("evaluator_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "trials" ADD CONSTRAINT "fk_trials_policy_a" FOREIGN KEY ("policy_a_id") REFERENCES "policy_versions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "trials" ADD CONSTRAINT "fk_trials_policy_b" FOREIGN KEY ("policy_b_id") REFERENCES "policy_versions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "episodes" ADD CONSTRAINT "fk_episodes_trial" FOREIGN KEY ("trial_id") REFERENCES "trials"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "outcomes" ADD CONSTRAINT "fk_outcomes_trial" FOREIGN KEY ("trial_id") REFERENCES "trials"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "outcomes" DROP CONSTRAINT "fk_outcomes_trial"');
    await queryRunner.query('ALTER TABLE "episodes" DROP CONSTRAINT "fk_episodes_trial"');
    await queryRunner.query('ALTER TABLE "trials" DROP CONSTRAINT "fk_trials_policy_b"');
    await queryRunner.query('ALTER TABLE "trials" DROP CONSTRAINT "fk_trials_policy_a"');
    await queryRunner.query('ALTER TABLE "trials" DROP CONSTRAINT "fk_trials_evaluator"');
    await queryRunner.query('ALTER TABLE "trials" DROP CONSTRAINT "fk_trials_station"');
    await queryRunner.query('ALTER TABLE "trials" DROP CONSTRAINT "fk_trials_site"');
    await queryRunner.query('ALTER TABLE "stations" DROP CONSTRAINT "fk_stations_site"');
    await queryRunner.query('ALTER TABLE "policy_versions" DROP CONSTRAINT "fk_policy_versions_owner"');
    await queryRunner.query('ALTER TABLE "api_keys" DROP CONSTRAINT "fk_api_keys_account"');
    await queryRunner.query('ALTER TABLE "accounts" DROP CONSTRAINT "fk_accounts_site"');
    await queryRunner.query('DROP INDEX "public"."uq_outcomes_trial"');
    await queryRunner.query('DROP TABLE "outcomes"');
    await queryRunner.query('DROP INDEX "public"."uq_episodes_trial_label"');
    await queryRunner.query('DROP TABLE "episodes"');
    await queryRunner.query('DROP INDEX "public"."ix_trials_status"');
    await queryRunner.query('DROP INDEX "public"."ix_trials_evaluator"');
    await queryRunner.query('DROP TABLE "trials"');
    await queryRunner.query('DROP INDEX "public"."ix_stations_site"');
    await queryRunner.query('DROP INDEX "public"."uq_stations_token_prefix"');
    await queryRunner.query('DROP TABLE "stations"');
    await queryRunner.query('DROP INDEX "public"."uq_policy_versions_name_version"');
    await queryRunner.query('DROP INDEX "public"."ix_policy_versions_owner"');
    await queryRunner.query('DROP TABLE "policy_versions"');
    await queryRunner.query('DROP INDEX "public"."ix_audit_events_type"');
    await queryRunner.query('DROP TABLE "audit_events"');
    await queryRunner.query('DROP INDEX "public"."uq_api_keys_prefix"');
    await queryRunner.query('DROP INDEX "public"."ix_api_keys_account"');
    await queryRunner.query('DROP TABLE "api_keys"');
    await queryRunner.query('DROP INDEX "public"."uq_accounts_pseudonym"');
    await queryRunner.query('DROP INDEX "public"."ix_accounts_site"');
    await queryRunner.query('DROP TABLE "accounts"');
    await queryRunner.query('DROP INDEX "public"."uq_sites_slug"');
    await queryRunner.query('DROP TABLE "sites"');
  }
}
