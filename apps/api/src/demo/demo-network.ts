import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';

const CLI_ENTRY = join(__dirname, '..', '..', '..', 'cli', 'bin', 'arena.js');

export interface DemoNetwork {
  stop(): Promise<void>;
}

/**
 * Embedded mode's live demo: `arena demo` in a child process — simulated policy servers, stations
 * and evaluators that use this API exactly as real ones do (sockets, relay, uploads), so the
 * board fills while a newcomer watches. A separate process keeps the simulation's CPU work and
 * failures away from the API's event loop; it is stopped with the platform.
 */
export function startDemoNetwork(baseUrl: string, dataDir: string, credentialsFile: string): DemoNetwork {
  const log = new Logger('Demo');
  const child: ChildProcess = spawn(
    process.execPath,
    [CLI_ENTRY, 'demo', '--url', baseUrl, '--credentials', credentialsFile, '--data-dir', dataDir, '--quiet'],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_NO_WARNINGS: '1' } },
  );
  const forward = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) log.log(line.replace(/^\[demo\] /, ''));
  };
  child.stdout?.on('data', forward);
  child.stderr?.on('data', forward);
  child.on('exit', (code, signal) => {
    if (signal === null && code !== 0)
      log.warn(`the demo network stopped (exit ${code}); the API carries on`);
  });
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
