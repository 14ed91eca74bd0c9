import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Written by hand: the table @socket.io/postgres-adapter uses for broadcast payloads larger than a
 * NOTIFY can carry. It belongs to no entity, so the drift check leaves it alone.
 */
export class SocketIoAttachments1795940000000 implements MigrationInterface {
  name = 'SocketIoAttachments1795940000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "socket_io_attachments" ("id" bigserial PRIMARY KEY, "created_at" timestamptz NOT NULL DEFAULT now(), "payload" bytea NOT NULL)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "socket_io_attachments"');
  }
}
