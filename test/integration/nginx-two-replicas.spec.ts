import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { ArenaClient, StationClient } from '@policy-arena/sdk';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { float32Array } from '../support/reference-policy-server';
import { openRelay } from '../support/relay-client';
import { startApiProcess, type ApiProcess } from './support/api-process';
import { buildWorld, type ArenaWorld } from './support/arena-world';
import { startNginx, type NginxServer } from './support/nginx-server';
import { raceStationsThroughBalancer, statusOf } from './support/racing-stations';
import { startSharedBackends, type SharedBackends } from './support/shared-backends';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A GET with node:http, so the test can pick the client's own address (any 127.x is loopback). */
function get(
  url: string,
  options: { localAddress?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { localAddress: options.localAddress, headers: options.headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * The API's JSON access-log line for one request id, from whichever replica answered it (written
 * when the response closes, so it may come a moment after the client has the answer).
 */
async function apiAccessLine(
  apis: ApiProcess[],
  requestId: string,
): Promise<{ address?: string; path?: string } | undefined> {
  const deadline = Date.now() + 3000;
  for (;;) {
    for (const api of apis) {
      for (const line of api.output().split('\n')) {
        if (!line.includes(requestId)) continue;
        try {
          const entry = JSON.parse(line) as { requestId?: string; context?: string; address?: string };
          if (entry.requestId === requestId && entry.context === 'HTTP') return entry;
        } catch {
          // not a JSON line
        }
      }
    }
    if (Date.now() > deadline) return undefined;
    await sleep(50);
  }
}

async function stationSockets(api: ApiProcess): Promise<number> {
  const text = await (await fetch(`${api.baseUrl}/metrics`)).text();
  const m = /^arena_socket_connections\{namespace="\/stations"\} (\d+)/m.exec(text);
  return m ? Number(m[1]) : 0;
}

const alive = (api: ApiProcess) => api.child.exitCode === null && api.child.signalCode === null;

// The compose deployment without Docker: the real nginx binary with infra/nginx/nginx.conf (only
// addresses and paths substituted) in front of two real API processes on one Postgres and one
// object store, configured as compose configures them (ARENA_TRUST_PROXY=1, JSON logs).
describe('two API replicas behind the deployed nginx config', () => {
  let backends: SharedBackends;
  let apis: ApiProcess[] = [];
  let nginx: NginxServer;
  let world: ArenaWorld;

  beforeAll(async () => {
    backends = await startSharedBackends('nginx');
    const env = { ...backends.env, ARENA_TRUST_PROXY: '1', ARENA_LOG_FORMAT: 'json' };
    apis = await Promise.all([startApiProcess(env), startApiProcess(env)]);
    nginx = await startNginx([apis[0]!.baseUrl, apis[1]!.baseUrl]);
    world = await buildWorld(backends.worldHost(nginx.url), 3);
  }, 120_000);

  afterAll(async () => {
    await nginx?.stop();
    // A replica killed by a test has exited already (stop() would wait for an exit that came).
    await Promise.all(apis.filter(alive).map((a) => a.stop()));
    await backends?.stop();
  });

  it('REST through nginx: both replicas answer, X-Request-Id is kept or made by nginx and reaches the API, /metrics stays inside', async () => {
    for (let i = 0; i < 20; i++) expect((await get(`${nginx.url}/api/v1/leaderboard`)).status).toBe(200);
    const ports = apis.map((a) => new URL(a.baseUrl).port);
    const served = (await nginx.accessLog())
      .filter((l) => l.path === '/api/v1/leaderboard')
      .map((l) => l.upstream.split(':').at(-1));
    for (const port of ports) expect(served.filter((p) => p === port).length).toBeGreaterThanOrEqual(5);

    // A caller's id: the same id in nginx's log, the API's log and the response.
    const mine = `nginx-test-${randomUUID()}`;
    const kept = await get(`${nginx.url}/api/v1/leaderboard`, { headers: { 'x-request-id': mine } });
    expect(kept.headers['x-request-id']).toBe(mine);
    expect(await apiAccessLine(apis, mine)).toMatchObject({ path: '/api/v1/leaderboard' });
    // No id: nginx makes one ($request_id, 32 hex digits — the API's own would be a UUID) and the
    // API uses it, so the proxy's and the API's lines join.
    const made = await get(`${nginx.url}/api/v1/leaderboard`);
    const id = made.headers['x-request-id'] as string;
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(await apiAccessLine(apis, id)).toMatchObject({ path: '/api/v1/leaderboard' });
    expect((await nginx.accessLog()).some((l) => l.requestId === id)).toBe(true);

    expect((await get(`${nginx.url}/metrics`)).status).toBe(404);
    expect((await get(`${apis[0]!.baseUrl}/metrics`)).status).toBe(200);
  });

  it('client address: the API sees the real client through X-Forwarded-For (ARENA_TRUST_PROXY=1), a forged one is ignored', async () => {
    // The client speaks from 127.0.0.2; nginx reaches the replicas from 127.0.0.1.
    const throughProxy = `addr-${randomUUID()}`;
    await get(`${nginx.url}/api/v1/leaderboard`, {
      localAddress: '127.0.0.2',
      headers: { 'x-request-id': throughProxy, 'x-forwarded-for': '203.0.113.9' },
    });
    expect((await apiAccessLine(apis, throughProxy))?.address).toBe('127.0.0.2');

    // What trusting one proxy means when a replica is reached directly: the client's header wins.
    // That is why the replicas' port must only be reachable from nginx (compose does not publish it).
    const direct = `addr-${randomUUID()}`;
    await get(`${apis[0]!.baseUrl}/api/v1/leaderboard`, {
      localAddress: '127.0.0.2',
      headers: { 'x-request-id': direct, 'x-forwarded-for': '203.0.113.9' },
    });
    console.log(
      `client address seen by the API: through nginx ${(await apiAccessLine(apis, throughProxy))?.address}, ` +
        `straight to a replica with a forged X-Forwarded-For ${(await apiAccessLine(apis, direct))?.address}`,
    );
  });

  it('a station runs a whole trial through nginx: socket.io over WebSocket, inference through the blind relay', async () => {
    const { token } = await world.admin.createStation(world.siteId, {
      name: 'nginx-franka',
      embodiment: 'droid-franka',
      cameras: ['wrist'],
    });
    const station = await StationClient.connect(nginx.url, {
      stationToken: token,
      apiKey: world.evaluatorKey,
    });
    try {
      const trial = await station.startTrial({ instruction: 'put the cup on the shelf through nginx' });
      for (const label of trial.runOrder) {
        const relay = await openRelay(nginx.url, trial.relay![label]);
        expect(relay.config).toMatchObject({ action_space: 'joint_position', needs_wrist_camera: true });
        const reply = await relay.infer({
          'observation/joint_position': float32Array([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7], [7]),
          prompt: 'put the cup on the shelf',
        });
        expect(Object.keys(reply)).toEqual(['actions']);
        await relay.close();
        await station.heartbeat(trial.id);
        await station.recordEpisode(trial.id, { label, progress: label === 'A' ? 70 : 20, success: false });
      }
      const { reveal, replayed } = await station.submitOutcome(
        trial.id,
        { preference: 'A', reason: 'steadier' },
        randomUUID(),
      );
      expect(replayed).toBe(false);
      expect(reveal.policies).toHaveLength(2);
      // Both relay connections were WebSocket upgrades through nginx (logged when they closed).
      await sleep(200);
      const relayLines = (await nginx.accessLog()).filter((l) => l.path.startsWith(`/relay/${trial.id}/`));
      expect(relayLines.map((l) => l.status)).toEqual([101, 101]);
    } finally {
      station.close();
    }
  });

  it('racing stations and duplicate outcomes through nginx: one trial per station, one outcome per trial', async () => {
    const before = (await world.evaluator.leaderboard()).trials;
    const raced = await raceStationsThroughBalancer(nginx.url, world, backends.databaseUrl, 'ngx');
    try {
      expect((await world.evaluator.leaderboard()).trials).toBe(before + raced.trialIds.length);
      // The outcomes (REST) went to both replicas; socket.io is sticky by client address (ip_hash
      // hashes an IPv4 address's first three octets, so every 127.0.0.x station shares one replica).
      const outcomeUpstreams = new Set(
        (await nginx.accessLog()).filter((l) => l.path.endsWith('/outcome')).map((l) => l.upstream),
      );
      expect(outcomeUpstreams.size).toBe(2);
      const sockets = await Promise.all(apis.map(stationSockets));
      console.log(`/stations sockets per replica (ip_hash): ${sockets.join(' / ')}`);
      expect([...sockets].sort((a, b) => a - b)).toEqual([0, 16]);
    } finally {
      raced.close();
    }
  });

  it('SIGKILL of one replica under load: nginx fails over, errors only for requests in flight, every acknowledged outcome stored once', async () => {
    const evaluator = () => new ArenaClient({ baseUrl: nginx.url, apiKey: world.evaluatorKey });
    // Stations mid-trial, connected through nginx (all to one replica: ip_hash).
    const stations = await Promise.all(
      Array.from({ length: 4 }, async (_, i) => {
        const { token } = await world.admin.createStation(world.siteId, {
          name: `kill-${i}`,
          embodiment: 'droid-franka',
          cameras: ['wrist'],
        });
        const station = await StationClient.connect(nginx.url, {
          stationToken: token,
          apiKey: world.evaluatorKey,
        });
        const trial = await station.startTrial({ instruction: `survive the kill ${i}` });
        await station.recordEpisode(trial.id, { label: trial.runOrder[0], progress: 40, success: false });
        return { station, trial };
      }),
    );
    try {
      const ready: { id: string; key: string; body: { preference: 'A' | 'B'; reason: string } }[] = [];
      for (let i = 0; i < 100; i++) {
        const trial = await evaluator().startTrial({ instruction: `failover ${i}` });
        await evaluator().recordEpisode(trial.id, { label: trial.runOrder[0], progress: 10, success: false });
        await evaluator().recordEpisode(trial.id, { label: trial.runOrder[1], progress: 90, success: true });
        ready.push({ id: trial.id, key: randomUUID(), body: { preference: i % 2 ? 'A' : 'B', reason: 'r' } });
      }
      // Kill the replica that holds the stations' sockets, so their failover is exercised too.
      const counts = await Promise.all(apis.map(stationSockets));
      const victim = counts[0]! >= counts[1]! ? 0 : 1;
      expect(counts[victim]).toBe(4);

      const acknowledged = new Set<string>();
      const failed: number[] = [];
      let next = 0;
      const client = evaluator();
      const worker = async () => {
        while (next < ready.length) {
          const t = ready[next++]!;
          const status = await statusOf(client.submitOutcome(t.id, t.body, t.key));
          if (status === 201 || status === 200) acknowledged.add(t.id);
          else failed.push(status);
        }
      };
      let reading = true;
      let reads = 0;
      const readFailures: number[] = [];
      const reader = (async () => {
        const anonymous = new ArenaClient({ baseUrl: nginx.url });
        while (reading) {
          const status = await statusOf(anonymous.leaderboard());
          if (status === 200) reads++;
          else readFailures.push(status);
        }
      })();
      const load = Promise.all(Array.from({ length: 8 }, worker));
      while (acknowledged.size < 25) await sleep(5);
      const exited = new Promise((r) => apis[victim]!.child.once('exit', r));
      apis[victim]!.child.kill('SIGKILL');
      const killedAt = Date.now();
      await exited;
      await load;
      reading = false;
      await reader;
      console.log(
        `SIGKILL after 25 acknowledgements: ${acknowledged.size}/${ready.length} outcomes acknowledged, ` +
          `${failed.length} failed (${failed.join(', ') || 'none'}), ${reads} board reads with ${readFailures.length} failures`,
      );
      // Only requests in flight at the kill may fail (8 writers); reads are retried by nginx.
      expect(failed.length).toBeLessThanOrEqual(8);
      expect(failed.every((s) => s === 502)).toBe(true);
      expect(readFailures).toEqual([]);
      expect(acknowledged.size + failed.length).toBe(ready.length);

      // Requests keep succeeding through the survivor.
      for (let i = 0; i < 20; i++) expect((await get(`${nginx.url}/health`)).status).toBe(200);

      // The stations reconnect by themselves, through nginx, to the surviving replica and finish.
      for (const { station } of stations) {
        while (!station.socket.connected) {
          if (Date.now() - killedAt > 30_000) throw new Error('a station did not reconnect through nginx');
          await sleep(100);
        }
      }
      for (const { station, trial } of stations) {
        expect((await station.heartbeat(trial.id)).status).toBe('running');
        await station.recordEpisode(trial.id, { label: trial.runOrder[1], progress: 80, success: true });
        const { replayed } = await station.submitOutcome(
          trial.id,
          { preference: 'tie', reason: 'close' },
          randomUUID(),
        );
        expect(replayed).toBe(false);
      }
      expect(await stationSockets(apis[1 - victim]!)).toBe(4);

      const db = new Client({ connectionString: backends.databaseUrl });
      await db.connect();
      try {
        const ids = ready.map((t) => t.id);
        const rows: { trial_id: string; n: string }[] = (
          await db.query(
            'SELECT trial_id, count(*) AS n FROM outcomes WHERE trial_id = ANY($1) GROUP BY trial_id',
            [ids],
          )
        ).rows;
        const stored = new Map(rows.map((r) => [r.trial_id, Number(r.n)]));
        for (const id of acknowledged) expect(stored.get(id), `acknowledged ${id}`).toBe(1);
        // A client that never heard back retries with its key: a replay if it was stored, else a first write.
        for (const t of ready) {
          const answer = await evaluator().submitOutcome(t.id, t.body, t.key);
          expect(answer.status).toBe(stored.has(t.id) ? 200 : 201);
        }
        const after = await db.query(
          'SELECT count(*) AS rows, count(DISTINCT trial_id) AS trials FROM outcomes WHERE trial_id = ANY($1)',
          [ids],
        );
        expect(after.rows[0]).toEqual({ rows: String(ids.length), trials: String(ids.length) });
      } finally {
        await db.end();
      }
    } finally {
      for (const { station } of stations) station.close();
    }
  }, 120_000);
});
