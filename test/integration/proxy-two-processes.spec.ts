import { randomUUID } from 'node:crypto';
import { ArenaApiError, ArenaClient, StationClient, StationRequestError } from '@policy-arena/sdk';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRoundRobinProxy, type RoundRobinProxy } from '../support/round-robin-proxy';
import { startApiProcess, type ApiProcess } from './support/api-process';
import { buildWorld, type ArenaWorld } from './support/arena-world';
import { startSharedBackends, type SharedBackends } from './support/shared-backends';

const statusOf = (p: Promise<unknown>) =>
  p.then(
    (r) => (typeof r === 'object' && r !== null && 'status' in r ? (r as { status: number }).status : 200),
    (e: unknown) =>
      e instanceof StationRequestError ? e.body.statusCode : e instanceof ArenaApiError ? e.status : -1,
  );

// The scale-out deployment in miniature: two API processes behind a round-robin balancer with no
// stickiness, under concurrent load. No trial is handed out twice, no outcome counted twice.
describe('two API processes behind a round-robin proxy, under load', () => {
  let backends: SharedBackends;
  let apis: ApiProcess[] = [];
  let proxy: RoundRobinProxy;
  let world: ArenaWorld;

  beforeAll(async () => {
    backends = await startSharedBackends('proxy');
    apis = await Promise.all([startApiProcess(backends.env), startApiProcess(backends.env)]);
    proxy = await startRoundRobinProxy(apis.map((a) => a.baseUrl));
    world = await buildWorld(backends.worldHost(proxy.url), 3);
  }, 120_000);

  afterAll(async () => {
    await proxy?.close();
    await Promise.all(apis.map((a) => a.stop()));
    await backends?.stop();
  });

  it('hands each station one trial and counts each outcome once, whichever process answers', async () => {
    const stations = await Promise.all(
      Array.from({ length: 8 }, async (_, i) => {
        const { token } = await world.admin.createStation(world.siteId, {
          name: `rr-${i}`,
          embodiment: 'droid-franka',
          cameras: ['wrist'],
        });
        // Two connections per station, each through the balancer (so usually to different processes).
        return Promise.all(
          [0, 1].map(() =>
            StationClient.connect(proxy.url, { stationToken: token, apiKey: world.evaluatorKey }),
          ),
        );
      }),
    );
    try {
      // Every station asks three times at once over its two connections: exactly one trial each.
      const starts = await Promise.all(
        stations.map((pair) =>
          Promise.all(
            [0, 1, 2].map((k) =>
              pair[k % 2]!.startTrial({ instruction: `rr ${k}` }).then(
                (t) => t,
                (e: unknown) => e,
              ),
            ),
          ),
        ),
      );
      const trials = starts.map((attempts) => {
        const won = attempts.filter((a) => !(a instanceof Error));
        expect(won).toHaveLength(1);
        for (const lost of attempts.filter((a) => a instanceof Error))
          expect((lost as StationRequestError).body.statusCode).toBe(409);
        return won[0] as { id: string; runOrder: ['A' | 'B', 'A' | 'B'] };
      });

      // Episodes, then each outcome sent four times at once (two retries of one key, two rivals).
      await Promise.all(
        trials.map(async (t, i) => {
          const [one, two] = stations[i]!;
          await one!.recordEpisode(t.id, { label: t.runOrder[0], progress: 30, success: false });
          await two!.recordEpisode(t.id, { label: t.runOrder[1], progress: 70, success: false });
        }),
      );
      const evaluator = new ArenaClient({ baseUrl: proxy.url, apiKey: world.evaluatorKey });
      const answers = await Promise.all(
        trials.map(async (t) => {
          const key = randomUUID();
          const body = { preference: 'B' as const, reason: 'closer' };
          return Promise.all([
            statusOf(evaluator.submitOutcome(t.id, body, key)),
            statusOf(evaluator.submitOutcome(t.id, body, key)),
            statusOf(evaluator.submitOutcome(t.id, { preference: 'A', reason: 'rival' }, randomUUID())),
            statusOf(evaluator.submitOutcome(t.id, { preference: 'tie', reason: 'rival' }, randomUUID())),
          ]);
        }),
      );
      for (const [first, retry, rivalA, rivalB] of answers) {
        // Either the keyed pair won (201 + replay 200, rivals 409) or a rival won (the rest 409).
        const statuses = [first, retry, rivalA, rivalB].sort();
        expect([
          [200, 201, 409, 409],
          [201, 409, 409, 409],
        ]).toContainEqual(statuses);
      }

      const db = new Client({ connectionString: backends.databaseUrl });
      await db.connect();
      try {
        const ids = trials.map((t) => t.id);
        const { rows } = await db.query(
          'SELECT count(*) AS outcomes, count(DISTINCT trial_id) AS trials FROM outcomes WHERE trial_id = ANY($1)',
          [ids],
        );
        expect(rows[0]).toEqual({ outcomes: String(ids.length), trials: String(ids.length) });
        const running = await db.query(
          "SELECT station_id, count(*) AS n FROM trials WHERE status = 'running' GROUP BY station_id HAVING count(*) > 1",
        );
        expect(running.rows).toEqual([]);
      } finally {
        await db.end();
      }
      expect((await evaluator.leaderboard()).trials).toBe(trials.length);
      // The balancer really spread the work over both processes.
      expect(Math.min(...proxy.served)).toBeGreaterThan(10);
    } finally {
      for (const pair of stations) for (const s of pair) s.close();
    }
  }, 120_000);
});
