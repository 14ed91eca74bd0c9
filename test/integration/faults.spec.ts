import { createHash, randomUUID } from 'node:crypto';
import { ArenaApiError, ArenaClient, createArtifact, verifyArtifact } from '@policy-arena/sdk';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiProcess, type ApiProcess } from './support/api-process';
import { buildWorld, type ArenaWorld } from './support/arena-world';
import { startSharedBackends, type SharedBackends } from './support/shared-backends';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Faults under load, against real processes: nothing acknowledged is lost or counted twice, and
// the API recovers from a database restart by itself.
describe('faults', () => {
  let backends: SharedBackends;
  let api: ApiProcess | undefined;
  let world: ArenaWorld;

  beforeAll(async () => {
    // Persistent, so the database survives being stopped and started again.
    backends = await startSharedBackends('faults', { persistentDatabase: true });
    api = await startApiProcess(backends.env);
    world = await buildWorld(backends.worldHost(api.baseUrl), 3);
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
    await backends?.stop();
  });

  it('kill -9 under load: every acknowledged outcome is there exactly once, and retries finish the rest', async () => {
    const evaluator = () => new ArenaClient({ baseUrl: api!.baseUrl, apiKey: world.evaluatorKey });
    const ready: { id: string; key: string; body: { preference: 'A' | 'B'; reason: string } }[] = [];
    for (let i = 0; i < 120; i++) {
      const trial = await evaluator().startTrial({ instruction: `crash test ${i}` });
      await evaluator().recordEpisode(trial.id, { label: trial.runOrder[0], progress: 10, success: false });
      await evaluator().recordEpisode(trial.id, { label: trial.runOrder[1], progress: 90, success: true });
      ready.push({
        id: trial.id,
        key: randomUUID(),
        body: { preference: i % 2 ? 'A' : 'B', reason: 'smoother' },
      });
    }
    const acknowledged = new Set<string>();
    let next = 0;
    const client = evaluator();
    const worker = async () => {
      while (next < ready.length) {
        const t = ready[next++]!;
        try {
          await client.submitOutcome(t.id, t.body, t.key);
          acknowledged.add(t.id);
        } catch {
          return; // the process is gone
        }
      }
    };
    const load = Promise.all(Array.from({ length: 8 }, worker));
    while (acknowledged.size < 30) await sleep(5);
    api!.child.kill('SIGKILL');
    await load;
    expect(acknowledged.size).toBeGreaterThanOrEqual(30);
    expect(acknowledged.size).toBeLessThan(ready.length);

    api = await startApiProcess(backends.env);
    const db = new Client({ connectionString: backends.databaseUrl });
    await db.connect();
    try {
      const rows: { trial_id: string; n: string }[] = (
        await db.query(
          'SELECT trial_id, count(*) AS n FROM outcomes WHERE trial_id = ANY($1) GROUP BY trial_id',
          [ready.map((t) => t.id)],
        )
      ).rows;
      const stored = new Map(rows.map((r) => [r.trial_id, Number(r.n)]));
      for (const id of acknowledged) expect(stored.get(id), `acknowledged ${id}`).toBe(1);
      // A client that never heard back retries with the same key: a replay or a first write, never a 409.
      const retried = evaluator();
      for (const t of ready) {
        const answer = await retried.submitOutcome(t.id, t.body, t.key);
        expect([200, 201]).toContain(answer.status);
        expect(answer.status === 200).toBe(stored.has(t.id));
      }
      const after = await db.query(
        'SELECT count(*) AS rows, count(DISTINCT trial_id) AS trials FROM outcomes WHERE trial_id = ANY($1)',
        [ready.map((t) => t.id)],
      );
      expect(after.rows[0]).toEqual({ rows: String(ready.length), trials: String(ready.length) });
    } finally {
      await db.end();
    }
  }, 120_000);

  it('a Postgres restart under load: unhealthy while it is down, recovered with no manual step', async () => {
    const reader = new ArenaClient({ baseUrl: api!.baseUrl });
    let reading = true;
    const errors: number[] = [];
    const readLoad = (async () => {
      while (reading) {
        await reader
          .leaderboard()
          .catch((e: unknown) => errors.push(e instanceof ArenaApiError ? e.status : -1));
        await sleep(20);
      }
    })();
    await backends.stopPostgres();
    const down = await fetch(`${api!.baseUrl}/health`);
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ status: 'unhealthy', checks: { database: 'unreachable' } });
    // Failing reads are answered, not crashes: every one that failed was a 503 naming the database.
    expect(errors.every((s) => s === 503)).toBe(true);

    await backends.startPostgresAgain();
    let healthy = false;
    for (let i = 0; i < 100 && !healthy; i++) {
      healthy = (await fetch(`${api!.baseUrl}/health`)).status === 200;
      if (!healthy) await sleep(200);
    }
    reading = false;
    await readLoad;
    expect(healthy).toBe(true);
    expect(api!.child.exitCode).toBeNull();
    // And it works again: a whole trial goes through.
    const evaluator = new ArenaClient({ baseUrl: api!.baseUrl, apiKey: world.evaluatorKey });
    const trial = await evaluator.startTrial({ instruction: 'after the restart' });
    await evaluator.recordEpisode(trial.id, { label: trial.runOrder[0], progress: 50, success: false });
    await evaluator.recordEpisode(trial.id, { label: trial.runOrder[1], progress: 60, success: false });
    expect(
      (await evaluator.submitOutcome(trial.id, { preference: 'tie', reason: 'even' }, randomUUID())).status,
    ).toBe(201);
  }, 120_000);

  it('object storage down: uploads fail with 503 and a clear message, and nothing is half-attached', async () => {
    const evaluator = new ArenaClient({ baseUrl: api!.baseUrl, apiKey: world.evaluatorKey });
    const trial = await evaluator.startTrial({ instruction: 'while the bucket is away' });
    await evaluator.recordEpisode(trial.id, { label: trial.runOrder[0], progress: 40, success: false });
    const announced = await createArtifact(evaluator, trial.id, {
      label: trial.runOrder[0],
      kind: 'rollout',
      name: 'episode',
      contentType: 'application/json',
      bytes: 2,
      sha256: createHash('sha256').update('{}').digest('hex'),
    });
    await backends.stopObjectStorage();

    const verify = await verifyArtifact(evaluator, announced.artifact.id).catch((e: unknown) => e);
    expect(verify).toBeInstanceOf(ArenaApiError);
    expect((verify as ArenaApiError).status).toBe(503);
    expect((verify as ArenaApiError).body!.message).toMatch(/^object storage is unavailable/);
    const multipart = await createArtifact(evaluator, trial.id, {
      label: trial.runOrder[0],
      kind: 'video',
      name: 'wrist',
      contentType: 'video/mp4',
      bytes: 12 * 1024 * 1024,
      sha256: '0'.repeat(64),
      multipart: true,
    }).catch((e: unknown) => e);
    expect((multipart as ArenaApiError).status).toBe(503);
    expect((await fetch(`${api!.baseUrl}/health`)).status).toBe(503);

    const db = new Client({ connectionString: backends.databaseUrl });
    await db.connect();
    try {
      const rows = await db.query('SELECT state, episode_id FROM artifacts WHERE trial_id = $1', [trial.id]);
      // The announced rollout is still pending and attached to nothing; the refused video left no row
      // behind that could be mistaken for an upload.
      expect(rows.rows.filter((r: { state: string }) => r.state !== 'pending')).toEqual([]);
      expect(rows.rows.every((r: { episode_id: string | null }) => r.episode_id === null)).toBe(true);
    } finally {
      await db.end();
    }
  });
});
