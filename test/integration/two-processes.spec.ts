import { randomBytes, randomUUID } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ArenaApiError,
  ArenaClient,
  StationClient,
  StationRequestError,
  type Leaderboard,
} from '@policy-arena/sdk';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startEmbeddedPostgres,
  type EmbeddedPostgresHandle,
} from '../../apps/api/src/embedded/embedded-postgres';
import { startEmbeddedS3, type EmbeddedS3Handle } from '../../apps/api/src/embedded/embedded-s3';
import { startApiProcess, type ApiProcess } from './support/api-process';
import { buildWorld, type ArenaWorld } from './support/arena-world';

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
  let dir: string;
  let postgres: EmbeddedPostgresHandle;
  let s3: EmbeddedS3Handle;
  let one: ApiProcess;
  let two: ApiProcess;
  let world: ArenaWorld;
  const cleanups: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'arena-two-'));
    await chmod(dir, 0o755);
    postgres = await startEmbeddedPostgres(join(dir, 'postgres'), { persistent: false });
    s3 = await startEmbeddedS3(join(dir, 'objects'), 'policy-arena');
    const bootstrapToken = randomBytes(32).toString('hex');
    const env = {
      DATABASE_URL: postgres.url,
      S3_ENDPOINT: s3.endpoint,
      S3_ACCESS_KEY_ID: s3.accessKeyId,
      S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
      ARENA_BOOTSTRAP_TOKEN: bootstrapToken,
      ARENA_DATA_DIR: join(dir, 'data'),
    };
    // Both boot at once: the migrations run under an advisory lock, once.
    [one, two] = await Promise.all([startApiProcess(env), startApiProcess(env)]);
    world = await buildWorld(
      {
        anonymous: new ArenaClient({ baseUrl: one.baseUrl }),
        bootstrapToken: async () => bootstrapToken,
        onStop: (fn) => cleanups.push(fn),
      },
      2,
    );
  }, 120_000);

  afterAll(async () => {
    await Promise.all([one?.stop(), two?.stop()]);
    for (const fn of cleanups) await fn();
    await s3?.stop();
    await postgres?.stop();
    await rm(dir, { recursive: true, force: true });
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
