import { randomUUID } from 'node:crypto';
import { ArenaApiError, ArenaClient, StationClient, StationRequestError } from '@policy-arena/sdk';
import { Client } from 'pg';
import { expect } from 'vitest';
import type { ArenaWorld } from './arena-world';

/** The HTTP status of a call, whether it answered or threw (socket errors carry theirs in the body). */
export const statusOf = (p: Promise<unknown>) =>
  p.then(
    (r) => (typeof r === 'object' && r !== null && 'status' in r ? (r as { status: number }).status : 200),
    (e: unknown) =>
      e instanceof StationRequestError ? e.body.statusCode : e instanceof ArenaApiError ? e.status : -1,
  );

export interface RacedTrials {
  trialIds: string[];
  /** The stations' connections, open until the caller is done looking at them. */
  connections: StationClient[];
  close(): void;
}

/**
 * Races a balanced deployment (whatever sits at `balancerUrl`): 8 stations, each connected twice,
 * ask for a trial three times at once — exactly one start wins per station, the rest are 409;
 * then each outcome is sent four times at once (two copies with one key, two rivals) — one is
 * recorded, a copy of it is replayed, every other answer is 409; Postgres holds one outcome per
 * trial. The caller checks what is particular to its balancer.
 */
export async function raceStationsThroughBalancer(
  balancerUrl: string,
  world: ArenaWorld,
  databaseUrl: string,
  namePrefix: string,
): Promise<RacedTrials> {
  const stations = await Promise.all(
    Array.from({ length: 8 }, async (_, i) => {
      const { token } = await world.admin.createStation(world.siteId, {
        name: `${namePrefix}-${i}`,
        embodiment: 'droid-franka',
        cameras: ['wrist'],
      });
      // Two connections per station, each through the balancer.
      return Promise.all(
        [0, 1].map(() =>
          StationClient.connect(balancerUrl, { stationToken: token, apiKey: world.evaluatorKey }),
        ),
      );
    }),
  );
  const connections = stations.flat();
  const close = () => connections.forEach((s) => s.close());
  try {
    const starts = await Promise.all(
      stations.map((pair) =>
        Promise.all(
          [0, 1, 2].map((k) =>
            pair[k % 2]!.startTrial({ instruction: `${namePrefix} ${k}` }).then(
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
    await Promise.all(
      trials.map(async (t, i) => {
        const [one, two] = stations[i]!;
        await one!.recordEpisode(t.id, { label: t.runOrder[0], progress: 30, success: false });
        await two!.recordEpisode(t.id, { label: t.runOrder[1], progress: 70, success: false });
      }),
    );
    const evaluator = new ArenaClient({ baseUrl: balancerUrl, apiKey: world.evaluatorKey });
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
    for (const statuses of answers) {
      // Either the keyed pair won (201 + replay 200, rivals 409) or a rival won (the rest 409).
      expect([
        [200, 201, 409, 409],
        [201, 409, 409, 409],
      ]).toContainEqual([...statuses].sort());
    }
    const trialIds = trials.map((t) => t.id);
    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query(
        'SELECT count(*) AS outcomes, count(DISTINCT trial_id) AS trials FROM outcomes WHERE trial_id = ANY($1)',
        [trialIds],
      );
      expect(rows[0]).toEqual({ outcomes: String(trialIds.length), trials: String(trialIds.length) });
      const running = await db.query(
        "SELECT station_id, count(*) AS n FROM trials WHERE status = 'running' GROUP BY station_id HAVING count(*) > 1",
      );
      expect(running.rows).toEqual([]);
    } finally {
      await db.end();
    }
    return { trialIds, connections, close };
  } catch (error) {
    close();
    throw error;
  }
}
