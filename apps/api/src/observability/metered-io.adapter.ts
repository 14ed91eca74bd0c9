import type { INestApplicationContext } from '@nestjs/common';
import type { Pool } from 'pg';
import type { Server, ServerOptions } from 'socket.io';
import { PostgresIoAdapter } from '../live/postgres-io.adapter';
import type { MetricsService } from './metrics.service';

/** The Postgres-backed socket.io adapter, with every namespace's connections counted. */
export class MeteredIoAdapter extends PostgresIoAdapter {
  constructor(
    app: INestApplicationContext,
    pool: Pool,
    private readonly metrics: MetricsService,
  ) {
    super(app, pool);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, options);
    this.metrics.watchSockets(server);
    return server;
  }
}
