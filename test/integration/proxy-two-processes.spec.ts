import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRoundRobinProxy, type RoundRobinProxy } from '../support/round-robin-proxy';
import { startApiProcess, type ApiProcess } from './support/api-process';
import { buildWorld, type ArenaWorld } from './support/arena-world';
import { raceStationsThroughBalancer } from './support/racing-stations';
import { startSharedBackends, type SharedBackends } from './support/shared-backends';

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
    const raced = await raceStationsThroughBalancer(proxy.url, world, backends.databaseUrl, 'rr');
    try {
      expect((await world.evaluator.leaderboard()).trials).toBe(raced.trialIds.length);
      // The balancer really spread the work over both processes.
      expect(Math.min(...proxy.served)).toBeGreaterThan(10);
    } finally {
      raced.close();
    }
  }, 120_000);
});
