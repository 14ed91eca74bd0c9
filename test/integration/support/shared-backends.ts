import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ArenaClient } from '@policy-arena/sdk';
import {
  startEmbeddedPostgres,
  type EmbeddedPostgresHandle,
} from '../../../apps/api/src/embedded/embedded-postgres';
import { startEmbeddedS3, type EmbeddedS3Handle } from '../../../apps/api/src/embedded/embedded-s3';
import { findFreePort } from '../../../apps/api/src/embedded/free-port';
import type { TestPlatform } from './test-platform';

/**
 * A Postgres and an object store of their own, for tests that run the API as separate processes
 * (`startApiProcess(backends.env)`): several processes, kills and restarts share them.
 */
export interface SharedBackends {
  databaseUrl: string;
  /** The environment that points an API process at these backends. */
  env: Record<string, string>;
  /** What `buildWorld` needs, talking to the API at `baseUrl`. */
  worldHost(baseUrl: string): Pick<TestPlatform, 'anonymous' | 'bootstrapToken' | 'onStop'>;
  /** Only with `persistentDatabase`: stop Postgres, then start it again on the same port and data. */
  stopPostgres(): Promise<void>;
  startPostgresAgain(): Promise<void>;
  stopObjectStorage(): Promise<void>;
  stop(): Promise<void>;
}

export async function startSharedBackends(
  name: string,
  options: { persistentDatabase?: boolean } = {},
): Promise<SharedBackends> {
  const dir = await mkdtemp(join(tmpdir(), `arena-${name}-`));
  await chmod(dir, 0o755);
  const persistent = options.persistentDatabase ?? false;
  const port = await findFreePort(0);
  const startPostgres = () => startEmbeddedPostgres(join(dir, 'postgres'), { persistent, port });
  let postgres: EmbeddedPostgresHandle | undefined = await startPostgres();
  let s3: EmbeddedS3Handle | undefined = await startEmbeddedS3(join(dir, 'objects'), 'policy-arena');
  const bootstrapToken = randomBytes(32).toString('hex');
  const cleanups: (() => Promise<void>)[] = [];
  return {
    databaseUrl: postgres.url,
    env: {
      DATABASE_URL: postgres.url,
      S3_ENDPOINT: s3.endpoint,
      S3_ACCESS_KEY_ID: s3.accessKeyId,
      S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
      ARENA_BOOTSTRAP_TOKEN: bootstrapToken,
      ARENA_DATA_DIR: join(dir, 'data'),
    },
    worldHost: (baseUrl) => ({
      anonymous: new ArenaClient({ baseUrl }),
      bootstrapToken: async () => bootstrapToken,
      onStop: (fn) => cleanups.push(fn),
    }),
    stopPostgres: async () => {
      await postgres?.stop();
      postgres = undefined;
    },
    startPostgresAgain: async () => {
      if (!persistent) throw new Error('startPostgresAgain needs persistentDatabase: true');
      postgres = await startPostgres();
    },
    stopObjectStorage: async () => {
      await s3?.stop();
      s3 = undefined;
    },
    stop: async () => {
      for (const fn of cleanups) await fn();
      await s3?.stop();
      await postgres?.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
