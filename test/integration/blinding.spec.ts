import { randomUUID } from 'node:crypto';
import { getDataSourceToken } from '@nestjs/typeorm';
import { ArenaClient, StationClient } from '@policy-arena/sdk';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { float32Array } from '../support/reference-policy-server';
import { openRelay } from '../support/relay-client';
import { buildWorld, type ArenaWorld } from './support/arena-world';
import { startTestPlatform, type TestPlatform } from './support/test-platform';

// Chi-square, 1 degree of freedom, p = 0.001: a fair coin fails about once in a thousand runs;
// a coin biased 55/45 over 1000 trials fails it almost always.
const CHI2_1DF_P001 = 10.83;
const chiSquareFair = (count: number, total: number) =>
  ((count - total / 2) ** 2 + (total - count - total / 2) ** 2) / (total / 2);

/**
 * Blinding is a security property: record every byte an evaluator and a station receive before
 * the outcome — HTTP bodies and headers, socket events and acknowledgements, relay frames — and
 * look for anything that identifies either policy.
 */
describe('blinding', () => {
  let t: TestPlatform;
  let world: ArenaWorld;
  beforeAll(async () => {
    t = await startTestPlatform();
    world = await buildWorld(t);
  });
  afterAll(async () => t?.stop());

  function secretsOf(w: ArenaWorld): string[] {
    return w.versions.flatMap((v) => [
      v.id,
      v.name,
      v.version,
      v.handle,
      v.endpoint,
      v.endpoint.replace('ws://', ''),
      v.artifactDigest,
      v.ownerId,
      'Ada Researcher',
    ]);
  }

  it('nothing received before the outcome names a policy, its owner or its endpoint', async () => {
    const received: unknown[] = [];
    const recordingFetch: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      const copy = response.clone();
      received.push({
        status: response.status,
        headers: Object.fromEntries(response.headers),
        body: await copy.text(),
      });
      return response;
    };
    const evaluator = new ArenaClient({
      baseUrl: t.baseUrl,
      apiKey: world.evaluatorKey,
      fetch: recordingFetch,
    });
    const { token } = await world.admin.createStation(world.siteId, {
      name: 'blind-1',
      embodiment: 'droid-franka',
      cameras: ['wrist'],
    });
    const station = await StationClient.connect(t.baseUrl, {
      stationToken: token,
      apiKey: world.evaluatorKey,
    });
    station.socket.onAny((event: string, ...args: unknown[]) => received.push({ event, args }));
    try {
      const trial = await station.startTrial({
        instruction: 'put the sponge in the sink',
        category: 'kitchen',
      });
      received.push(trial);
      received.push(await evaluator.getTrial(trial.id));
      received.push(await station.heartbeat(trial.id));
      for (const label of trial.runOrder) {
        const relay = await openRelay(t.baseUrl, trial.relay![label]);
        await relay.infer({
          'observation/joint_position': float32Array([0, 0, 0, 0, 0, 0, 0], [7]),
          prompt: 'go',
        });
        await relay.infer({ endpoint: 'reset' });
        received.push(relay.config, ...relay.frames);
        await relay.close();
        received.push(await station.recordEpisode(trial.id, { label, progress: 50, success: false }));
      }
      received.push(await evaluator.getTrial(trial.id));
      const everything = JSON.stringify(received);
      expect(everything.length).toBeGreaterThan(1000);
      for (const secret of secretsOf(world)) expect(everything, `leaked ${secret}`).not.toContain(secret);

      // After the outcome the identities are revealed — the recording would now contain them.
      const { reveal } = await station.submitOutcome(
        trial.id,
        { preference: 'B', reason: 'B was smoother' },
        randomUUID(),
      );
      expect(JSON.stringify(reveal)).toContain(world.versions[0]!.handle);
    } finally {
      station.close();
    }
  });

  it('over 1,000 trials, which version is A and which label runs first are both fair coins', async () => {
    const dataSource = t.platform.app.get<DataSource>(getDataSourceToken());
    const [first, second] = world.versions;
    const trials = 1000;
    for (let i = 0; i < trials; i += 20) {
      await Promise.all(
        Array.from({ length: 20 }, (_, k) => world.evaluator.startTrial({ instruction: `trial ${i + k}` })),
      );
    }
    const rows: { first_is_a: string; a_first: string; n: string }[] = await dataSource.query(
      `SELECT count(*) FILTER (WHERE policy_a_id = $1) AS first_is_a,
              count(*) FILTER (WHERE run_order = 'AB') AS a_first,
              count(*) AS n
         FROM trials WHERE instruction LIKE 'trial %' AND policy_a_id IN ($1, $2) AND policy_b_id IN ($1, $2)`,
      [first!.id, second!.id],
    );
    const { first_is_a, a_first, n } = rows[0]!;
    expect(Number(n)).toBe(trials);
    expect(chiSquareFair(Number(first_is_a), trials)).toBeLessThan(CHI2_1DF_P001);
    expect(chiSquareFair(Number(a_first), trials)).toBeLessThan(CHI2_1DF_P001);
  }, 120_000);
});
