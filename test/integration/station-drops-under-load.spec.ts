import { randomUUID } from 'node:crypto';
import { ArenaClient, StationClient, StationRequestError, type TrialView } from '@policy-arena/sdk';
import { Client } from 'pg';
import type WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiProcess, type ApiProcess } from './support/api-process';
import { buildWorld, type ArenaWorld } from './support/arena-world';
import { startSharedBackends, type SharedBackends } from './support/shared-backends';

const LEASE_SECONDS = 5; // the least the API accepts
/** How often each API process sweeps expired leases: LeaseSweeperService's min(5 s, lease / 4). */
const SWEEP_EVERY_MS = Math.min(5000, (LEASE_SECONDS * 1000) / 4);
const STATIONS = 40;
/** Stations that vanish mid-trial and stay away past the lease, by how far they got. */
const DROP_STAGES = ['started', 'one episode', 'both episodes'] as const;
const DROPPED_PER_STAGE = 5;
/** Stations that vanish and come back within the lease. */
const BACK_IN_TIME = 3;

type Stage = (typeof DROP_STAGES)[number];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

/**
 * Vanishes without a goodbye: no abandon, no socket.io disconnect packet, no WebSocket close
 * frame — the TCP connection is torn down, as when a robot loses power or network.
 */
function vanish(station: StationClient): void {
  station.socket.io.reconnection(false);
  const transport = station.socket.io.engine.transport as unknown as { ws?: WebSocket };
  if (!transport.ws) throw new Error('expected the WebSocket transport');
  transport.ws.terminate();
}

interface Drop {
  station: number;
  stage: Stage | 'back in time';
  trial: TrialView;
  /** Episodes recorded before the drop, in run order. */
  recorded: number;
  droppedAt: number;
  /** When this test first saw the trial's row `expired` in Postgres (the sweeper's UPDATE). */
  sweptAt?: number;
}

// Issue 8: stations dropping under load. 40 stations run whole trials back to back over socket.io
// while HTTP clients run trials and read the board; 15 vanish abruptly mid-trial (some after their
// episodes, before the outcome) and stay away past the lease, 3 more come back within it.
describe('stations dropping under load: leases expire as specified', () => {
  let backends: SharedBackends;
  let api: ApiProcess | undefined;
  let world: ArenaWorld;
  let tokens: string[];

  beforeAll(async () => {
    backends = await startSharedBackends('station-drops');
    api = await startApiProcess({
      ...backends.env,
      ARENA_LEASE_SECONDS: String(LEASE_SECONDS),
      // The load comes from one test machine with one evaluator key; limits are not under test.
      ARENA_RATE_LIMIT_PER_KEY: '0',
      ARENA_RATE_LIMIT_PER_ADDRESS: '0',
    });
    world = await buildWorld(backends.worldHost(api.baseUrl), 4);
    tokens = [];
    for (let i = 0; i < STATIONS; i++) {
      const { token } = await world.admin.createStation(world.siteId, {
        name: `load-${i}`,
        embodiment: 'droid-franka',
        cameras: ['wrist'],
      });
      tokens.push(token);
    }
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
    await backends?.stop();
  });

  it('dropped trials expire within lease + sweep, never count; the others are untouched; reconnects behave', async () => {
    const baseUrl = api!.baseUrl;
    const credentials = (i: number) => ({ stationToken: tokens[i]!, apiKey: world.evaluatorKey });
    const stations = await Promise.all(tokens.map((_, i) => StationClient.connect(baseUrl, credentials(i))));
    /** Station index → where to vanish in its next trial. */
    const dropPlan = new Map<number, Stage | 'back in time'>();
    DROP_STAGES.forEach((stage, s) => {
      for (let k = 0; k < DROPPED_PER_STAGE; k++) dropPlan.set(s * DROPPED_PER_STAGE + k, stage);
    });
    for (let k = 0; k < BACK_IN_TIME; k++)
      dropPlan.set(DROP_STAGES.length * DROPPED_PER_STAGE + k, 'back in time');
    const dropArmed = new Set<number>();
    const drops: Drop[] = [];
    const completed = new Set<string>(); // every acknowledged outcome, over sockets and HTTP
    const stationErrors: string[] = [];
    let running = true;

    // Each station: whole trials back to back, renewing its lease between steps as a robot does.
    const stationLoop = async (i: number) => {
      const station = stations[i]!;
      while (running) {
        const plan = dropArmed.has(i) ? dropPlan.get(i) : undefined;
        try {
          const trial = await station.startTrial({
            instruction: `station ${i} trial`,
            category: 'pick_place',
          });
          const drop = (recorded: number) => {
            vanish(station);
            drops.push({ station: i, stage: plan!, trial, recorded, droppedAt: Date.now() });
          };
          if (plan === 'started') return drop(0);
          await station.heartbeat(trial.id);
          await station.recordEpisode(trial.id, { label: trial.runOrder[0], progress: 40, success: false });
          if (plan === 'one episode') return drop(1);
          if (plan === 'back in time') {
            // Renews its lease, vanishes, comes back a second later well within it and finishes.
            await station.heartbeat(trial.id);
            drop(1);
            return await comeBack(i, trial);
          }
          await station.heartbeat(trial.id);
          await station.recordEpisode(trial.id, { label: trial.runOrder[1], progress: 80, success: true });
          if (plan === 'both episodes') return drop(2);
          await station.submitOutcome(
            trial.id,
            { preference: i % 2 ? 'A' : 'B', reason: 'load' },
            randomUUID(),
          );
          completed.add(trial.id);
        } catch (error) {
          stationErrors.push(`station ${i}: ${error instanceof Error ? error.message : String(error)}`);
          if (plan === 'back in time') return;
          await sleep(100);
        }
      }
    };
    const comeBack = async (i: number, trial: TrialView) => {
      await sleep(1000);
      const again = await StationClient.connect(api!.baseUrl, credentials(i));
      try {
        const renewed = await again.heartbeat(trial.id);
        expect(renewed.status).toBe('running');
        expect((await again.currentTrial())?.id).toBe(trial.id);
        await again.recordEpisode(trial.id, { label: trial.runOrder[1], progress: 90, success: true });
        const { replayed } = await again.submitOutcome(
          trial.id,
          { preference: 'A', reason: 'back in time' },
          randomUUID(),
        );
        expect(replayed).toBe(false);
        completed.add(trial.id);
      } finally {
        again.close();
      }
    };
    // HTTP load: trials over REST and board reads, all through the same API process.
    const httpErrors: string[] = [];
    let boardReads = 0;
    const httpTrials = async () => {
      const evaluator = new ArenaClient({ baseUrl, apiKey: world.evaluatorKey });
      while (running) {
        try {
          const trial = await evaluator.startTrial({ instruction: 'over http', category: 'pick_place' });
          await evaluator.recordEpisode(trial.id, { label: trial.runOrder[0], progress: 20, success: false });
          await evaluator.recordEpisode(trial.id, { label: trial.runOrder[1], progress: 60, success: true });
          await evaluator.submitOutcome(trial.id, { preference: 'tie', reason: 'even' }, randomUUID());
          completed.add(trial.id);
        } catch (error) {
          httpErrors.push(error instanceof Error ? error.message : String(error));
        }
      }
    };
    const boardReader = async () => {
      const anonymous = new ArenaClient({ baseUrl });
      while (running) {
        try {
          await anonymous.leaderboard();
          boardReads++;
        } catch (error) {
          httpErrors.push(error instanceof Error ? error.message : String(error));
        }
      }
    };

    const db = new Client({ connectionString: backends.databaseUrl });
    await db.connect();
    const loops: Promise<void>[] = [];
    try {
      const startedAt = Date.now();
      loops.push(...stations.map((_, i) => stationLoop(i)), httpTrials(), httpTrials(), boardReader());
      await sleep(3000);
      const beforeDrop = completed.size;
      for (const i of dropPlan.keys()) dropArmed.add(i);

      // Watch the dropped trials' rows from the first drop on (load still running) until the
      // sweeper has expired every one that stays away.
      const bound = LEASE_SECONDS * 1000 + SWEEP_EVERY_MS;
      const awayCount = DROP_STAGES.length * DROPPED_PER_STAGE;
      const awayNow = () => drops.filter((d) => d.stage !== 'back in time');
      while (awayNow().length < awayCount || awayNow().some((d) => d.sweptAt === undefined)) {
        if (Date.now() - startedAt > 60_000) break;
        const watched = awayNow().filter((d) => d.sweptAt === undefined);
        if (watched.length > 0) {
          const { rows } = await db.query<{ id: string }>(
            "SELECT id FROM trials WHERE id = ANY($1) AND status = 'expired'",
            [watched.map((d) => d.trial.id)],
          );
          const now = Date.now();
          for (const row of rows) watched.find((d) => d.trial.id === row.id)!.sweptAt = now;
        }
        await sleep(50);
      }
      running = false;
      await Promise.all(loops);
      const loadSeconds = (Date.now() - startedAt) / 1000;
      const away = awayNow();
      const backInTime = drops.filter((d) => d.stage === 'back in time');
      expect(away).toHaveLength(awayCount);
      expect(backInTime).toHaveLength(BACK_IN_TIME);

      // Every dropped trial expired, within the lease plus one sweep of the drop (the lease was
      // last renewed before the drop), and no later than one sweep after its lease ran out.
      const { rows: leases } = await db.query<{ id: string; lease_expires_at: Date }>(
        'SELECT id, lease_expires_at FROM trials WHERE id = ANY($1)',
        [away.map((d) => d.trial.id)],
      );
      const lags = away.map((d) => d.sweptAt! - d.droppedAt).sort((a, b) => a - b);
      const pastLease = away
        .map((d) => d.sweptAt! - leases.find((l) => l.id === d.trial.id)!.lease_expires_at.getTime())
        .sort((a, b) => a - b);
      console.log(
        `under load (${STATIONS} stations, 2 HTTP trial loops, 1 board reader, ${loadSeconds.toFixed(1)} s): ` +
          `${completed.size} trials completed (${beforeDrop} before the drop), ${boardReads} board reads; ` +
          `${away.length} stations dropped for good, ${backInTime.length} back within the lease`,
      );
      console.log(
        `drop → expired lag: max ${lags.at(-1)} ms, p50 ${quantile(lags, 0.5)} ms, min ${lags[0]} ms ` +
          `(bound: lease ${LEASE_SECONDS * 1000} ms + sweep ${SWEEP_EVERY_MS} ms); ` +
          `lease end → expired: max ${pastLease.at(-1)} ms, p50 ${quantile(pastLease, 0.5)} ms`,
      );
      expect(away.filter((d) => d.sweptAt === undefined).map((d) => d.trial.id)).toEqual([]);
      // 500 ms for this test's own polling (every 50 ms, each query a round trip under load).
      expect(lags.at(-1)!).toBeLessThanOrEqual(bound + 500);
      expect(pastLease.at(-1)!).toBeLessThanOrEqual(SWEEP_EVERY_MS + 500);
      expect(new Set(away.map((d) => d.stage))).toEqual(new Set(DROP_STAGES));

      // The stations that kept running, and the HTTP clients, never saw an error.
      expect(stationErrors).toEqual([]);
      expect(httpErrors).toEqual([]);
      expect(completed.size).toBeGreaterThan(STATIONS);

      // Each dropped station comes back after expiry: its old trial is expired and refuses an
      // outcome with a 409 naming the expired lease; it can start (and finish) a new trial.
      for (const d of away) {
        const again = await StationClient.connect(baseUrl, credentials(d.station));
        try {
          expect(await again.currentTrial()).toBeNull();
          const old = await again.getTrial(d.trial.id);
          expect(old.status).toBe('expired');
          const refused = await again
            .submitOutcome(d.trial.id, { preference: 'A', reason: 'too late' }, randomUUID())
            .catch((e: unknown) => e);
          expect(refused).toBeInstanceOf(StationRequestError);
          expect((refused as StationRequestError).body.statusCode).toBe(409);
          expect((refused as StationRequestError).body.message).toBe(
            `the trial's lease expired at ${leases.find((l) => l.id === d.trial.id)!.lease_expires_at.toISOString()}; it will not count`,
          );
          const fresh = await again.startTrial({ instruction: `station ${d.station} is back` });
          expect(fresh.status).toBe('running');
          await again.recordEpisode(fresh.id, { label: fresh.runOrder[0], progress: 10, success: false });
          await again.recordEpisode(fresh.id, { label: fresh.runOrder[1], progress: 20, success: false });
          await again.submitOutcome(fresh.id, { preference: 'both_bad', reason: 'neither' }, randomUUID());
          completed.add(fresh.id);
        } finally {
          again.close();
        }
      }

      // The board counts exactly the completed trials: every acknowledged outcome once, no dropped one.
      const { rows: counted } = await db.query<{ id: string; completed_at: Date; outcomes: string }>(
        `SELECT t.id, t.completed_at, (SELECT count(*) FROM outcomes o WHERE o.trial_id = t.id) AS outcomes
           FROM trials t WHERE t.status = 'completed'`,
      );
      expect(counted.map((r) => r.id).sort()).toEqual([...completed].sort());
      expect(counted.every((r) => r.outcomes === '1')).toBe(true);
      const { rows: droppedRows } = await db.query<{ status: string; outcomes: string }>(
        `SELECT t.status, (SELECT count(*) FROM outcomes o WHERE o.trial_id = t.id) AS outcomes
           FROM trials t WHERE t.id = ANY($1)`,
        [away.map((d) => d.trial.id)],
      );
      expect(droppedRows).toHaveLength(away.length);
      expect(droppedRows.every((r) => r.status === 'expired' && r.outcomes === '0')).toBe(true);
      expect((await world.evaluator.leaderboard()).trials).toBe(completed.size);
      const exported = (await world.evaluator.exportTrials())
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => (JSON.parse(l) as { ts: string }).ts);
      expect(exported.sort()).toEqual(counted.map((r) => r.completed_at.toISOString()).sort());
      console.log(
        `board: ${completed.size} trials counted = completed in Postgres = exported; ` +
          `${away.length} expired trials nowhere on it`,
      );
    } finally {
      running = false;
      await Promise.allSettled(loops);
      for (const s of stations) s.close();
      await db.end();
    }
  }, 120_000);
});
