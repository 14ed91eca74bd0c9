import { randomUUID } from 'node:crypto';
import {
  ArenaApiError,
  ArenaClient,
  StationClient,
  StationRequestError,
  type Leaderboard,
} from '@policy-arena/sdk';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiProcess, type ApiProcess } from './support/api-process';
import { buildWorld, type ArenaWorld } from './support/arena-world';
import { startSharedBackends, type SharedBackends } from './support/shared-backends';

const statusOf = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: unknown) =>
      e instanceof StationRequestError
        ? e.body.statusCode
        : e instanceof ArenaApiError
          ? e.status
          : String(e),
  );

// Two API processes on one Postgres: no trial handed out twice, no outcome counted twice, and
// /live events reach browsers on either process.
describe('two API processes on one database', () => {
  let backends: SharedBackends;
  let one: ApiProcess;
  let two: ApiProcess;
  let world: ArenaWorld;

  beforeAll(async () => {
    backends = await startSharedBackends('two');
    // Both boot at once: the migrations run under an advisory lock, once.
    [one, two] = await Promise.all([startApiProcess(backends.env), startApiProcess(backends.env)]);
    world = await buildWorld(backends.worldHost(one.baseUrl), 2);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([one?.stop(), two?.stop()]);
    await backends?.stop();
  });

  it('hands a station one trial even when it asks both processes at once', async () => {
    const { token } = await world.admin.createStation(world.siteId, {
      name: 'dual',
      embodiment: 'droid-franka',
      cameras: ['wrist'],
    });
    const credentials = { stationToken: token, apiKey: world.evaluatorKey };
    const [viaOne, viaTwo] = await Promise.all([
      StationClient.connect(one.baseUrl, credentials),
      StationClient.connect(two.baseUrl, credentials),
    ]);
    try {
      const attempts = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          statusOf((i % 2 === 0 ? viaOne : viaTwo).startTrial({ instruction: `race ${i}` })),
        ),
      );
      expect(attempts.filter((s) => s === 'ok')).toHaveLength(1);
      expect(attempts.filter((s) => s === 409)).toHaveLength(5);
    } finally {
      viaOne.close();
      viaTwo.close();
    }
  });

  it('counts an outcome once when retries and rivals reach both processes, and tells browsers on both', async () => {
    const evaluatorOne = new ArenaClient({ baseUrl: one.baseUrl, apiKey: world.evaluatorKey });
    const evaluatorTwo = new ArenaClient({ baseUrl: two.baseUrl, apiKey: world.evaluatorKey });
    const browserOnTwo = io(`${two.baseUrl}/live`, { transports: ['websocket'], forceNew: true });
    const connected = new Promise<void>((r) => browserOnTwo.once('connect', () => r()));
    try {
      const trial = await evaluatorOne.startTrial({ instruction: 'hand over the cup' });
      await evaluatorTwo.recordEpisode(trial.id, { label: trial.runOrder[0], progress: 20, success: false });
      await evaluatorOne.recordEpisode(trial.id, { label: trial.runOrder[1], progress: 100, success: true });
      const before = (await evaluatorTwo.leaderboard()).trials;
      await connected;
      const pushed = new Promise<Leaderboard>((resolve) =>
        browserOnTwo.on('leaderboard', (board: Leaderboard) => board.trials === before + 1 && resolve(board)),
      );

      const key = randomUUID();
      const body = { preference: 'B' as const, reason: 'it finished' };
      const answers = await Promise.all([
        ...Array.from({ length: 4 }, (_, i) =>
          (i % 2 ? evaluatorOne : evaluatorTwo).submitOutcome(trial.id, body, key).then((r) => r.status),
        ),
        ...Array.from({ length: 4 }, (_, i) =>
          statusOf(
            (i % 2 ? evaluatorOne : evaluatorTwo).submitOutcome(
              trial.id,
              { preference: 'A', reason: 'rival' },
              randomUUID(),
            ),
          ),
        ),
      ]);
      expect(answers.slice(0, 4).sort()).toEqual([200, 200, 200, 201]);
      expect(answers.slice(4)).toEqual([409, 409, 409, 409]);
      expect((await evaluatorOne.leaderboard()).trials).toBe(before + 1);
      expect((await evaluatorTwo.getTrial(trial.id)).reveal!.preference).toBe('B');
      expect((await pushed).trials).toBe(before + 1);

      // An outcome handled only by process one still reaches the browser on process two.
      const second = await evaluatorOne.startTrial({ instruction: 'hand over the plate' });
      await evaluatorOne.recordEpisode(second.id, {
        label: second.runOrder[0],
        progress: 20,
        success: false,
      });
      await evaluatorOne.recordEpisode(second.id, {
        label: second.runOrder[1],
        progress: 30,
        success: false,
      });
      const relayed = new Promise<Leaderboard>((resolve) =>
        browserOnTwo.on('leaderboard', (board: Leaderboard) => board.trials === before + 2 && resolve(board)),
      );
      await evaluatorOne.submitOutcome(second.id, { preference: 'tie', reason: 'same' }, randomUUID());
      expect((await relayed).trials).toBe(before + 2);
    } finally {
      browserOnTwo.close();
    }
  });
});
