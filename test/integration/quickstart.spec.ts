import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ArenaClient } from '@policy-arena/sdk';
import { afterAll, describe, expect, it } from 'vitest';
import { findFreePort } from '../../apps/api/src/embedded/free-port';

const root = join(__dirname, '..', '..');

async function waitForHealth(url: string, child: ChildProcess, deadline: number): Promise<number> {
  const started = Date.now();
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the start command exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/health`);
      if (response.status === 200) return Date.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('no healthy answer before the deadline');
}

// The README's first command, as a newcomer runs it: the real start script on an empty data folder.
describe('the start command on a fresh data folder', () => {
  let child: ChildProcess | undefined;
  let dataDir: string | undefined;
  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('answers /health within 60 s, with demo keys written and working; the demo fills the board', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'arena-quickstart-'));
    await chmod(dataDir, 0o755);
    const port = await findFreePort(0);
    const startedAt = Date.now();
    let output = '';
    child = spawn(
      process.execPath,
      ['--enable-source-maps', '-r', '@swc-node/register', 'apps/api/src/main.ts'],
      {
        cwd: root,
        env: { ...process.env, ARENA_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const url = `http://127.0.0.1:${port}`;
    await waitForHealth(url, child, Date.now() + 60_000).catch((error: Error) => {
      throw new Error(`${error.message}\n${output}`);
    });
    // The server answers before it has written the demo keys; the start command then says where they are.
    for (let i = 0; i < 100 && !output.includes('demo-credentials.json'); i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(output).toContain('demo-credentials.json');

    const credentials = JSON.parse(await readFile(join(dataDir, 'demo-credentials.json'), 'utf8')) as Record<
      'admin' | 'researcher' | 'evaluator',
      { apiKey: string }
    >;
    for (const role of ['admin', 'researcher', 'evaluator'] as const) {
      expect((await new ArenaClient({ baseUrl: url, apiKey: credentials[role].apiKey }).me()).role).toBe(
        role,
      );
    }

    // The simulated network runs on its own: at least 20 completed trials within 2 minutes of start.
    const board = new ArenaClient({ baseUrl: url });
    let trials = 0;
    while (Date.now() - startedAt < 120_000 && trials < 20) {
      trials = (await board.leaderboard()).trials;
      if (trials < 20) await new Promise((r) => setTimeout(r, 500));
    }
    expect(trials, output).toBeGreaterThanOrEqual(20);
    expect((await board.leaderboard()).rows.length).toBeGreaterThanOrEqual(2);
  }, 150_000);

  it('keeps its data across a restart of the same folder', async () => {
    const exited = new Promise((r) => child!.once('exit', r));
    child!.kill('SIGTERM');
    await exited;
    const before = await readFile(join(dataDir!, 'demo-credentials.json'), 'utf8');
    const port = await findFreePort(0);
    child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], {
      cwd: root,
      env: { ...process.env, ARENA_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' },
      stdio: 'ignore',
    });
    await waitForHealth(`http://127.0.0.1:${port}`, child, Date.now() + 60_000);
    const credentials = JSON.parse(before) as { admin: { apiKey: string; accountId: string } };
    const me = await new ArenaClient({
      baseUrl: `http://127.0.0.1:${port}`,
      apiKey: credentials.admin.apiKey,
    }).me();
    expect(me.id).toBe(credentials.admin.accountId);
  }, 90_000);
});
