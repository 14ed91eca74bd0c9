import { randomUUID } from 'node:crypto';
import { StationClient, StationRequestError } from '@policy-arena/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { float32Array, readFloat32, type NdArray } from '../support/reference-policy-server';
import { openRelay } from '../support/relay-client';
import { buildWorld, type ArenaWorld } from './support/arena-world';
import { startTestPlatform, type TestPlatform } from './support/test-platform';

const LEASE_SECONDS = 5;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// A station runs whole trials over socket.io, with inference through the blind relay.
describe('a station runs trials over socket.io and the relay', () => {
  let t: TestPlatform;
  let world: ArenaWorld;
  let credentials: { stationToken: string; apiKey: string };

  beforeAll(async () => {
    t = await startTestPlatform({ ARENA_LEASE_SECONDS: String(LEASE_SECONDS) });
    world = await buildWorld(t);
    const created = await world.admin.createStation(world.siteId, {
      name: 'franka-1',
      embodiment: 'droid-franka',
      cameras: ['wrist', 'exterior_1'],
    });
    credentials = { stationToken: created.token, apiKey: world.evaluatorKey };
  });
  afterAll(async () => t?.stop());

  it('runs a whole trial: start, inference through the relay for A and B, episodes, outcome, reveal', async () => {
    const station = await StationClient.connect(t.baseUrl, credentials);
    try {
      const trial = await station.startTrial({
        instruction: 'put the marker in the cup',
        category: 'pick_place',
      });
      expect(trial.relay).toBeDefined();
      for (const label of trial.runOrder) {
        const relay = await openRelay(t.baseUrl, trial.relay![label]);
        // The station learns what to send from a frame built from the pair, not from the server.
        expect(relay.config).toEqual({
          image_resolution: [224, 224],
          needs_wrist_camera: true,
          n_external_cameras: 0,
          needs_stereo_camera: false,
          needs_session_id: true,
          action_space: 'joint_position',
        });
        const joints = [0.1, -0.2, 0.3, -0.4, 0.5, -0.6, 0.7];
        const reply = await relay.infer({
          'observation/joint_position': float32Array(joints, [7]),
          prompt: 'put the marker in the cup',
        });
        // Only the action chunk comes back, and it echoes what this station sent.
        expect(Object.keys(reply)).toEqual(['actions']);
        const actions = reply['actions'] as NdArray;
        expect(actions.shape).toEqual([8, 8]);
        expect(
          readFloat32(actions)
            .slice(0, 7)
            .map((v) => Number(v.toFixed(5))),
        ).toEqual(joints);
        await relay.close();
        await station.recordEpisode(trial.id, {
          label,
          progress: label === 'A' ? 80 : 30,
          success: label === 'A',
        });
      }
      const { reveal, replayed } = await station.submitOutcome(
        trial.id,
        { preference: 'A', reason: 'A finished' },
        randomUUID(),
      );
      expect(replayed).toBe(false);
      expect(reveal.policies.map((p) => p.handle).sort()).toEqual(world.versions.map((v) => v.handle).sort());
      // Both policy servers were reached only by the platform, with nothing of the station's.
      for (const server of world.servers) {
        expect(server.connections.length).toBeGreaterThan(0);
        for (const connection of server.connections) {
          expect(connection.remoteAddress).toMatch(/127\.0\.0\.1$/);
          expect(
            Object.keys(connection.headers).filter((h) =>
              /forwarded|authorization|cookie|origin|x-/i.test(h),
            ),
          ).toEqual([]);
        }
      }
    } finally {
      station.close();
    }
  });

  it('refuses a station with a bad token, and an evaluator of another site', async () => {
    await expect(
      StationClient.connect(t.baseUrl, { ...credentials, stationToken: 'st_nope' }, { reconnection: false }),
    ).rejects.toThrow(/auth.stationToken: unknown station token/);
    const otherSite = await world.admin.createSite({
      slug: `other-${randomUUID().slice(0, 6)}`,
      name: 'Other',
    });
    const stranger = await world.admin.createAccount({
      role: 'evaluator',
      displayName: 'Stranger',
      siteId: otherSite.id,
    });
    await expect(
      StationClient.connect(
        t.baseUrl,
        { ...credentials, apiKey: stranger.apiKey.key },
        { reconnection: false },
      ),
    ).rejects.toThrow(/does not belong to this station/);
  });

  it('refuses a relay connection without the trial’s ticket', async () => {
    const station = await StationClient.connect(t.baseUrl, credentials);
    try {
      const trial = await station.startTrial({ instruction: 'open the box' });
      const forged = trial.relay!.A.replace(/ticket=.*/, 'ticket=forged');
      await expect(openRelay(t.baseUrl, forged)).rejects.toThrow(/403/);
      await expect(openRelay(t.baseUrl, trial.relay!.A.replace('/A?', '/B?'))).rejects.toThrow(/403/);
      await world.admin.voidTrial(trial.id, 'test cleanup: frees the station');
    } finally {
      station.close();
    }
  });

  it('carries on after a reconnect within the lease', async () => {
    const first = await StationClient.connect(t.baseUrl, credentials);
    const trial = await first.startTrial({ instruction: 'stack two cups' });
    first.close();
    await sleep(1500);
    const again = await StationClient.connect(t.baseUrl, credentials);
    try {
      const renewed = await again.heartbeat(trial.id);
      expect(renewed.status).toBe('running');
      expect(new Date(renewed.leaseExpiresAt!).getTime()).toBeGreaterThan(
        new Date(trial.leaseExpiresAt!).getTime(),
      );
      await again.recordEpisode(trial.id, { label: trial.runOrder[0], progress: 50, success: false });
      await again.recordEpisode(trial.id, { label: trial.runOrder[1], progress: 60, success: false });
      const { reveal } = await again.submitOutcome(
        trial.id,
        { preference: 'tie', reason: 'both half way' },
        randomUUID(),
      );
      expect(reveal.preference).toBe('tie');
    } finally {
      again.close();
    }
  });

  it('loses the lease when it stays away too long: the trial expires, never counts, and the station is free', async () => {
    const before = (await t.anonymous.leaderboard()).trials;
    const first = await StationClient.connect(t.baseUrl, credentials);
    const trial = await first.startTrial({ instruction: 'wipe the whiteboard' });
    await first.recordEpisode(trial.id, { label: trial.runOrder[0], progress: 100, success: true });
    first.close();
    await sleep((LEASE_SECONDS + 1.5) * 1000);
    const again = await StationClient.connect(t.baseUrl, credentials);
    try {
      const late = await again.heartbeat(trial.id).catch((e: unknown) => e);
      expect(late).toBeInstanceOf(StationRequestError);
      expect((late as StationRequestError).body.statusCode).toBe(409);
      expect((late as StationRequestError).body.message).toMatch(/lease expired|expired/);
      expect((await again.getTrial(trial.id)).status).toBe('expired');
      expect((await t.anonymous.leaderboard()).trials).toBe(before);
      // The station is free for the next trial.
      const next = await again.startTrial({ instruction: 'wipe the whiteboard again' });
      expect(next.status).toBe('running');
      await world.admin.voidTrial(next.id, 'test cleanup');
    } finally {
      again.close();
    }
  }, 30_000);

  it('hands a station one trial at a time', async () => {
    const station = await StationClient.connect(t.baseUrl, credentials);
    try {
      const results = await Promise.allSettled([
        station.startTrial({ instruction: 'one' }),
        station.startTrial({ instruction: 'two' }),
        station.startTrial({ instruction: 'three' }),
      ]);
      const started = results.filter((r) => r.status === 'fulfilled');
      expect(started).toHaveLength(1);
      for (const r of results) {
        if (r.status === 'rejected') expect((r.reason as StationRequestError).body.statusCode).toBe(409);
      }
      await world.admin.voidTrial(
        (started[0] as PromiseFulfilledResult<{ id: string }>).value.id,
        'test cleanup',
      );
    } finally {
      station.close();
    }
  });
});
