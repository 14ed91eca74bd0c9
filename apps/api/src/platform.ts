import 'reflect-metadata';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type INestApplication, Logger, type LoggerService, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Pool } from 'pg';
import { BootstrapService } from './admin/bootstrap.service';
import { AppModule } from './app.module';
import type { AppConfig } from './config/app-config';
import type { ResolvedConfig } from './config/resolved-config';
import { runMigrations } from './database/run-migrations';
import { ensureDemoCredentials } from './demo/demo-credentials';
import { startDemoNetwork } from './demo/demo-network';
import { startEmbeddedPostgres } from './embedded/embedded-postgres';
import { startEmbeddedS3 } from './embedded/embedded-s3';
import { appLogger } from './observability/app-logger';
import { applyObservability } from './observability/apply-observability';
import { MeteredIoAdapter } from './observability/metered-io.adapter';
import { MetricsService } from './observability/metrics.service';
import { mountOpenApi } from './openapi';
import { applySecurity } from './security/apply-security';
import { ObjectStorageService } from './storage/object-storage.service';

export interface RunningPlatform {
  app: INestApplication;
  baseUrl: string;
  config: ResolvedConfig;
  demoCredentialsFile: string | undefined;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Tests throw their embedded database away (fsync off, folder removed on stop). */
  persistentDatabase?: boolean;
  logger?: LoggerService | LogLevel[] | false;
  /** In demo mode, also run the simulated evaluation network (default true). */
  demoNetwork?: boolean;
}

/**
 * Starts the whole platform: embedded Postgres and S3 when no external ones are configured,
 * migrations, then the HTTP API. The same function serves `npm start` and the integration tests.
 */
export async function startPlatform(config: AppConfig, options: StartOptions = {}): Promise<RunningPlatform> {
  const logger = appLogger(config.logFormat, options.logger ?? ['log', 'warn', 'error']);
  if (config.logFormat === 'json' && logger) Logger.overrideLogger(logger);
  const log = new Logger('Platform');
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  };
  try {
    await mkdir(config.dataDir, { recursive: true });
    let databaseUrl = config.databaseUrl;
    if (!databaseUrl) {
      const postgres = await startEmbeddedPostgres(join(config.dataDir, 'postgres'), {
        persistent: options.persistentDatabase ?? true,
      });
      stops.push(() => postgres.stop());
      databaseUrl = postgres.url;
    }
    let s3 = config.s3;
    if (!s3.endpoint) {
      const embedded = await startEmbeddedS3(join(config.dataDir, 'objects'), config.s3.bucket);
      stops.push(() => embedded.stop());
      s3 = {
        ...s3,
        endpoint: embedded.endpoint,
        accessKeyId: embedded.accessKeyId,
        secretAccessKey: embedded.secretAccessKey,
      };
    }
    const resolved: ResolvedConfig = {
      ...config,
      databaseUrl,
      s3,
      embedded: { postgres: !config.databaseUrl, objectStorage: !config.s3.endpoint },
    };
    const applied = await runMigrations(databaseUrl);
    if (applied.length > 0) log.log(`applied migrations: ${applied.join(', ')}`);

    const app = await NestFactory.create(AppModule.register(resolved), {
      logger,
      abortOnError: false,
    });
    app.enableShutdownHooks();
    applyObservability(app, logger);
    applySecurity(app, config);
    // socket.io broadcasts travel through Postgres so every API process reaches every client.
    const ioPool = new Pool({ connectionString: databaseUrl, max: 4 });
    ioPool.on('error', (error) => log.warn(`socket.io adapter pool: ${error.message}`));
    // The adapter keeps one client for LISTEN and reconnects when it ends, but listens for no
    // 'error' on it: a database restart would otherwise crash the process with an unhandled error.
    ioPool.on('connect', (client) =>
      client.on('error', (error) => log.warn(`socket.io adapter connection: ${error.message}`)),
    );
    app.useWebSocketAdapter(new MeteredIoAdapter(app, ioPool, app.get(MetricsService)));
    mountOpenApi(app);
    await app.get(ObjectStorageService).ensureBucket();
    await app.get(BootstrapService).prepare();
    await app.listen(config.port, config.host);
    stops.push(() => ioPool.end());
    stops.push(() => app.close());
    const address = app.getHttpServer().address() as { port: number };
    const baseUrl = `http://localhost:${address.port}`;
    const demoCredentialsFile = resolved.demo
      ? await ensureDemoCredentials(app, config.dataDir, baseUrl)
      : undefined;
    if (demoCredentialsFile && options.demoNetwork !== false) {
      const demo = startDemoNetwork(baseUrl, config.dataDir, demoCredentialsFile);
      stops.push(() => demo.stop());
    }
    return { app, baseUrl, config: resolved, demoCredentialsFile, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
