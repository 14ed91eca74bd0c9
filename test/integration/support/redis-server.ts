import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from '../../../apps/api/src/embedded/free-port';

export interface RedisServer {
  /** redis://127.0.0.1:<port>, the same across stop() and start(). */
  url: string;
  /** Stops the server (SIGTERM; with no persistence, every key is gone). */
  stop(): Promise<void>;
  /** Starts it again, empty, on the same port. */
  start(): Promise<void>;
  /** Stops it for good and removes its folder. */
  close(): Promise<void>;
}

/**
 * A real `redis-server` (Debian's package: `apt-get install -y --no-install-recommends
 * redis-server`) on a free loopback port, with no persistence, working in a temporary folder.
 * `args` are further command-line settings (e.g. the ones a deployment file passes).
 */
export async function startRedisServer(options: { args?: string[] } = {}): Promise<RedisServer> {
  const dir = await mkdtemp(join(tmpdir(), 'arena-redis-'));
  const port = await findFreePort(0);
  let child: ChildProcess | undefined;

  const start = async () => {
    let output = '';
    const server = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        dir,
        '--daemonize',
        'no',
        ...(options.args ?? []),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child = server;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`redis-server not ready in 10 s:\n${output}`)), 10_000);
      const settle = (error?: Error) => {
        clearTimeout(timer);
        if (error) reject(error);
        else resolve();
      };
      const onData = (d: Buffer) => {
        output += d.toString();
        if (output.includes('Ready to accept connections')) settle();
      };
      server.stdout!.on('data', onData);
      server.stderr!.on('data', onData);
      server.once('error', (error: NodeJS.ErrnoException) =>
        settle(
          error.code === 'ENOENT'
            ? new Error(
                'redis-server is not installed: apt-get install -y --no-install-recommends redis-server',
              )
            : error,
        ),
      );
      server.once('exit', (code) => settle(new Error(`redis-server exited with ${code}:\n${output}`)));
    });
  };

  const stop = async () => {
    const server = child;
    child = undefined;
    if (!server || server.exitCode !== null || server.signalCode !== null) return;
    const exited = new Promise((r) => server.once('exit', r));
    server.kill('SIGTERM');
    await exited;
  };

  try {
    await start();
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    stop,
    start,
    close: async () => {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
