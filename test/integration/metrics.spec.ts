import { randomUUID } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StationClient } from '@policy-arena/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { float32Array } from '../support/reference-policy-server';
import { openRelay } from '../support/relay-client';
import { startApiProcess } from './support/api-process';
import { buildWorld, type ArenaWorld } from './support/arena-world';
import { completeTrial } from './support/complete-trial';
import { startTestPlatform, type TestPlatform } from './support/test-platform';

const LEASE_SECONDS = 5;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Prometheus text format → `name{label="v",…}` → value (labels in the order the server wrote them). */
function parseExposition(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    samples.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return samples;
}

/** Sum of every sample of `name` whose labels include all of `labels`. */
function sample(samples: Map<string, number>, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const [key, value] of samples) {
    const brace = key.indexOf('{');
    if ((brace === -1 ? key : key.slice(0, brace)) !== name) continue;
    if (Object.entries(labels).every(([k, v]) => key.includes(`${k}="${v}"`))) sum += value;
  }
  return sum;
}

// Prometheus metrics move with what happens on the platform, and every request has an id.
describe('observability: /metrics and request ids', () => {
  let t: TestPlatform;
  let world: ArenaWorld;
  const scrape = async () => {
    const response = await fetch(`${t.baseUrl}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    return parseExposition(await response.text());
  };

  beforeAll(async () => {
    t = await startTestPlatform({ ARENA_LEASE_SECONDS: String(LEASE_SECONDS) });
    world = await buildWorld(t);
  });
  afterAll(async () => t?.stop());

  it('counts trials, outcomes, replays, expiries, relay frames and socket connections', async () => {
    const before = await scrape();

    // One whole trial through a station and the relay, then a retried outcome.
    const { token } = await world.admin.createStation(world.siteId, {
      name: 'metrics-1',
      embodiment: 'droid-franka',
      cameras: ['wrist'],
    });
    const station = await StationClient.connect(t.baseUrl, {
      stationToken: token,
      apiKey: world.evaluatorKey,
    });
    try {
      const during = await scrape();
      expect(sample(during, 'arena_socket_connections', { namespace: '/stations' })).toBe(1);
      const trial = await station.startTrial({ instruction: 'put the cup on the plate' });
      for (const label of trial.runOrder) {
        const relay = await openRelay(t.baseUrl, trial.relay![label]);
        await relay.infer({ 'observation/joint_position': float32Array([0, 0, 0, 0, 0, 0, 0], [7]) });
        await relay.close();
        await station.recordEpisode(trial.id, { label, progress: 50, success: false });
      }
      const key = randomUUID();
      await station.submitOutcome(trial.id, { preference: 'B', reason: 'smoother' }, key);
      await station.submitOutcome(trial.id, { preference: 'B', reason: 'smoother' }, key);
    } finally {
      station.socket.close();
    }
    // Two more over HTTP: one completed, one abandoned; and one left to expire.
    await completeTrial(world.evaluator, { preference: 'tie' });
    const abandoned = await world.evaluator.startTrial({ instruction: 'open the box' });
    await world.evaluator.request('POST', `/api/v1/trials/${abandoned.id}/abandon`);
    await world.evaluator.startTrial({ instruction: 'close the box' });
    await sleep((LEASE_SECONDS + 3) * 1000);

    const after = await scrape();
    const moved = (name: string, labels: Record<string, string> = {}) =>
      sample(after, name, labels) - sample(before, name, labels);
    expect(moved('arena_trials_started_total')).toBe(4);
    expect(moved('arena_trials_completed_total')).toBe(2);
    expect(moved('arena_outcomes_total', { preference: 'B', result: 'recorded' })).toBe(1);
    expect(moved('arena_outcomes_total', { preference: 'B', result: 'replayed' })).toBe(1);
    expect(moved('arena_outcomes_total', { preference: 'tie', result: 'recorded' })).toBe(1);
    expect(moved('arena_trials_expired_total', { reason: 'abandoned' })).toBe(1);
    expect(moved('arena_trials_expired_total', { reason: 'lease' })).toBe(1);
    expect(moved('arena_relay_frames_total', { direction: 'to_policy' })).toBe(2);
    // Each relay connection: the relay's own config frame is not forwarded, the reply is.
    expect(moved('arena_relay_frames_total', { direction: 'to_station' })).toBeGreaterThanOrEqual(2);
    expect(sample(after, 'arena_socket_connections', { namespace: '/stations' })).toBe(0);
    // Latency by route template (never by raw path), method and status.
    expect(
      moved('http_request_duration_seconds_count', {
        method: 'POST',
        route: '/api/v1/trials/:trialId/outcome',
        status: '201',
      }),
    ).toBe(1);
    expect(moved('http_request_duration_seconds_count', { route: '/api/v1/trials', status: '201' })).toBe(3);
    expect([...after.keys()].some((k) => k.includes(abandoned.id))).toBe(false);
    // Process metrics come along.
    expect(sample(after, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('keeps unknown paths to one series', async () => {
    await fetch(`${t.baseUrl}/no/such/${randomUUID()}`);
    await fetch(`${t.baseUrl}/no/such/${randomUUID()}`);
    const after = await scrape();
    expect(
      sample(after, 'http_request_duration_seconds_count', { route: 'unmatched', status: '404' }),
    ).toBeGreaterThanOrEqual(2);
    expect([...after.keys()].some((k) => k.includes('/no/such'))).toBe(false);
  });

  it('echoes a plain X-Request-Id, replaces an unsafe one, and makes one when none is sent', async () => {
    const given = await fetch(`${t.baseUrl}/api/v1/leaderboard`, {
      headers: { 'x-request-id': 'req-42.a:b' },
    });
    expect(given.headers.get('x-request-id')).toBe('req-42.a:b');
    const unsafe = await fetch(`${t.baseUrl}/api/v1/leaderboard`, {
      headers: { 'x-request-id': 'evil"\\}{ injected' },
    });
    expect(unsafe.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const none = await fetch(`${t.baseUrl}/api/v1/nothing`);
    expect(none.status).toBe(404);
    expect(none.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(none.headers.get('x-request-id')).not.toBe(unsafe.headers.get('x-request-id'));
  });
});

// In production the API logs one JSON object per line, each request with its id.
describe('observability: structured logs', () => {
  it('writes JSON lines, with an access-log line per request carrying its request id', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'arena-logs-'));
    await chmod(dir, 0o755);
    const api = await startApiProcess({ ARENA_DATA_DIR: dir, ARENA_LOG_FORMAT: 'json' });
    try {
      const missing = await fetch(`${api.baseUrl}/api/v1/trials/${randomUUID()}`, {
        headers: { 'x-request-id': 'trace-me-1' },
      });
      expect(missing.status).toBe(401);
      await sleep(200);
      const lines = api
        .output()
        .split('\n')
        .filter((l) => l.trim() !== '');
      const entries = lines.map((line) => {
        try {
          return JSON.parse(line) as Record<string, unknown>;
        } catch {
          throw new Error(`not a JSON log line: ${line}`);
        }
      });
      expect(entries.some((e) => e['context'] === 'Platform' || e['context'] === 'policy-arena')).toBe(true);
      for (const entry of entries) {
        expect(entry).toMatchObject({ time: expect.any(String), level: expect.any(String) });
      }
      const access = entries.find((e) => e['requestId'] === 'trace-me-1');
      expect(access).toMatchObject({
        context: 'HTTP',
        level: 'info',
        method: 'GET',
        route: '/api/v1/trials/:trialId',
        status: 401,
        durationMs: expect.any(Number),
      });
    } finally {
      await api.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
