import { ArenaClient } from '@policy-arena/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiProcess, type ApiProcess } from './support/api-process';
import { startRedisServer, type RedisServer } from './support/redis-server';
import { startSharedBackends, type SharedBackends } from './support/shared-backends';

// Rate limits shared by every API process through a real Redis: two real API processes on one
// Postgres, requests alternating between them, count against one budget per key and per address.
// While Redis is down each process limits on its own (never a 5xx); when it is back, the budget
// is shared again. With the memory store, the same traffic gets twice as far.

const PER_KEY = 10;
const PER_ADDRESS = 20;

const backendsEnv = {
  // Each request names its own client address, so the per-key checks do not hit the address limit.
  ARENA_TRUST_PROXY: '1',
  ARENA_RATE_LIMIT_PER_KEY: String(PER_KEY),
  ARENA_RATE_LIMIT_PER_ADDRESS: String(PER_ADDRESS),
};

let addresses = 0;
/** A client address never used before in this file. */
const freshAddress = () => `10.0.${Math.floor(addresses / 250)}.${(addresses++ % 250) + 1}`;

interface Round {
  statuses: number[];
  /** The first 429, read. */
  limited?: { retryAfter: number; body: unknown };
}

/** `count` requests to GET /api/v1/accounts/me, alternating between the processes. */
async function alternate(
  apis: ApiProcess[],
  count: number,
  headers: () => Record<string, string>,
): Promise<Round> {
  const round: Round = { statuses: [] };
  for (let i = 0; i < count; i++) {
    const response = await fetch(`${apis[i % apis.length]!.baseUrl}/api/v1/accounts/me`, {
      headers: headers(),
    });
    round.statuses.push(response.status);
    if (response.status === 429 && !round.limited) {
      round.limited = {
        retryAfter: Number(response.headers.get('retry-after')),
        body: await response.json(),
      };
    } else {
      await response.arrayBuffer();
    }
  }
  return round;
}

const byKey = (key: string) => () => ({ authorization: `Bearer ${key}`, 'x-forwarded-for': freshAddress() });
const times = (n: number, status: number) => Array.from({ length: n }, () => status);
const keyLimitBody = {
  statusCode: 429,
  error: 'Too Many Requests',
  message: expect.stringMatching(
    new RegExp(`^rate limit exceeded: at most ${PER_KEY} requests per minute per API key; retry in \\d+ s$`),
  ),
};

async function waitForLog(api: ApiProcess, text: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!api.output().includes(text)) {
    if (Date.now() > deadline) throw new Error(`no "${text}" in the API's log:\n${api.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const occurrences = (text: string, part: string) => text.split(part).length - 1;

describe('rate limits shared through Redis by two API processes', () => {
  let backends: SharedBackends;
  let redis: RedisServer;
  let apis: ApiProcess[] = [];
  /** Keys of one admin account, each used by one test: a key's budget is spent by the test. */
  const keys: string[] = [];

  beforeAll(async () => {
    [backends, redis] = await Promise.all([startSharedBackends('rate-limit'), startRedisServer()]);
    const env = { ...backends.env, ...backendsEnv, ARENA_RATE_LIMIT_STORE: 'redis', REDIS_URL: redis.url };
    apis = await Promise.all([startApiProcess(env), startApiProcess(env)]);
    const anonymous = new ArenaClient({ baseUrl: apis[0]!.baseUrl });
    const admin = await anonymous.bootstrapAdmin(await backends.worldHost(apis[0]!.baseUrl).bootstrapToken());
    const client = anonymous.as(admin.apiKey.key);
    for (let i = 0; i < 4; i++) keys.push((await client.issueApiKey(admin.account.id, `limited-${i}`)).key);
  }, 180_000);

  afterAll(async () => {
    await Promise.all(apis.map((api) => api.stop()));
    await redis?.close();
    await backends?.stop();
  });

  it(`one budget per API key: alternating between the processes, request ${PER_KEY + 1} is 429`, async () => {
    const round = await alternate(apis, PER_KEY + 2, byKey(keys[0]!));
    expect(round.statuses).toEqual([...times(PER_KEY, 200), 429, 429]);
    expect(round.limited!.body).toEqual(keyLimitBody);
    expect(round.limited!.retryAfter).toBeGreaterThan(0);
    expect(round.limited!.retryAfter).toBeLessThanOrEqual(60);
  });

  it(`one budget per address: request ${PER_ADDRESS + 1} from one address is 429, whatever the process`, async () => {
    const address = freshAddress();
    const round = await alternate(apis, PER_ADDRESS + 1, () => ({ 'x-forwarded-for': address }));
    // No key: 401 while under the limit.
    expect(round.statuses).toEqual([...times(PER_ADDRESS, 401), 429]);
    expect(round.limited!.body).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      message: expect.stringMatching(`at most ${PER_ADDRESS} requests per minute per address`),
    });
  });

  it('Redis down: each process limits on its own, no 5xx, one warning; Redis back: one budget again', async () => {
    await redis.stop();
    const outage = await alternate(apis, 2 * PER_KEY + 2, byKey(keys[1]!));
    // Ten on each process: the 21st request is the first one over a limit.
    expect(outage.statuses).toEqual([...times(2 * PER_KEY, 200), 429, 429]);
    expect(outage.limited!.body).toEqual(keyLimitBody);
    for (const api of apis) {
      // Redis is not part of /health: an outage must not take the replicas out of service.
      expect((await fetch(`${api.baseUrl}/health`)).status).toBe(200);
      await waitForLog(api, 'is unreachable');
      expect(occurrences(api.output(), 'is unreachable'), api.output()).toBe(1);
    }

    await redis.start();
    for (const api of apis) await waitForLog(api, 'is reachable again');
    const shared = await alternate(apis, PER_KEY + 2, byKey(keys[2]!));
    expect(shared.statuses).toEqual([...times(PER_KEY, 200), 429, 429]);
    for (const api of apis) expect(occurrences(api.output(), 'is unreachable')).toBe(1);
  });

  describe('the same traffic with the memory store', () => {
    let memoryApis: ApiProcess[] = [];
    beforeAll(async () => {
      await Promise.all(apis.map((api) => api.stop()));
      apis = [];
      const env = { ...backends.env, ...backendsEnv, ARENA_RATE_LIMIT_STORE: 'memory' };
      memoryApis = await Promise.all([startApiProcess(env), startApiProcess(env)]);
    }, 120_000);
    afterAll(async () => {
      await Promise.all(memoryApis.map((api) => api.stop()));
    });

    it(`counts per process: request ${2 * PER_KEY + 1} is the first 429`, async () => {
      const round = await alternate(memoryApis, 2 * PER_KEY + 2, byKey(keys[3]!));
      expect(round.statuses).toEqual([...times(2 * PER_KEY, 200), 429, 429]);
      expect(round.limited!.body).toEqual(keyLimitBody);
    });
  });
});
