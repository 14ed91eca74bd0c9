import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from './config/app-config';
import { logProcessWarningsAsJson } from './observability/process-warnings';
import { startPlatform } from './platform';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  if (config.logFormat === 'json') logProcessWarningsAsJson();
  const platform = await startPlatform(config);
  const log = new Logger('policy-arena');
  log.log(`API listening at ${platform.baseUrl} (docs: ${platform.baseUrl}/api/docs)`);
  if (platform.config.embedded.postgres)
    log.log(`embedded Postgres and object storage under ${config.dataDir}`);
  if (platform.demoCredentialsFile)
    log.log(`demo admin, researcher and evaluator keys: ${platform.demoCredentialsFile}`);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.log(`${signal}: shutting down`);
    platform.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `policy-arena failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
