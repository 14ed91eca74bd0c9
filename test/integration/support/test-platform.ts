import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ArenaClient } from '@policy-arena/sdk';
import { loadConfig } from '../../../apps/api/src/config/app-config';
import { startPlatform, type RunningPlatform } from '../../../apps/api/src/platform';

export interface TestPlatform {
  platform: RunningPlatform;
  baseUrl: string;
  dataDir: string;
  /** A client with no key. */
  anonymous: ArenaClient;
  bootstrapToken(): Promise<string>;
  /** Runs `fn` when the platform stops (e.g. to close a reference policy server). */
  onStop(fn: () => Promise<void>): void;
  stop(): Promise<void>;
}

/**
 * The real platform on a throw-away data folder: embedded Postgres (real server, fsync off),
 * the s3rver object store, the NestJS API on a free port.
 */
export async function startTestPlatform(env: Record<string, string> = {}): Promise<TestPlatform> {
  const dataDir = await mkdtemp(join(tmpdir(), 'arena-test-'));
  // As root, Postgres runs as the `postgres` user, who must be able to enter the folder.
  await chmod(dataDir, 0o755);
  const config = loadConfig({
    ARENA_DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    ARENA_DEMO: '0',
    ...env,
  });
  const platform = await startPlatform(config, { persistentDatabase: false, logger: ['error'] });
  const cleanups: (() => Promise<void>)[] = [];
  return {
    platform,
    baseUrl: platform.baseUrl,
    dataDir,
    anonymous: new ArenaClient({ baseUrl: platform.baseUrl }),
    bootstrapToken: async () => (await readFile(join(dataDir, 'bootstrap-token'), 'utf8')).trim(),
    onStop: (fn) => cleanups.push(fn),
    stop: async () => {
      await platform.stop();
      for (const fn of cleanups) await fn();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
