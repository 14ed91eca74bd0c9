import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/postgres-adapter';
import type { Pool } from 'pg';
import type { Server, ServerOptions } from 'socket.io';

/**
 * socket.io over Postgres LISTEN/NOTIFY: a broadcast from any API process reaches the clients of
 * every process, with no broker beyond the database the platform already needs.
 */
export class PostgresIoAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly pool: Pool,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server: Server = super.createIOServer(port, {
      ...options,
      // The blind relay shares the HTTP server's upgrade event; socket.io must leave other
      // paths' upgrades alone instead of destroying them.
      destroyUpgrade: false,
    } as ServerOptions);
    server.adapter(createAdapter(this.pool, { cleanupInterval: 30_000 }));
    return server;
  }
}
