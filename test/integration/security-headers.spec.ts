import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorld, type ArenaWorld } from './support/arena-world';
import { startTestPlatform, type TestPlatform } from './support/test-platform';

const preflight = (baseUrl: string, path: string, origin: string) =>
  fetch(`${baseUrl}${path}`, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization,content-type,idempotency-key',
    },
  });

// Default settings: security headers everywhere, CORS open to any origin without credentials,
// and keys stored only as hashes.
describe('security headers, CORS and stored keys (defaults)', () => {
  let t: TestPlatform;
  let world: ArenaWorld;
  beforeAll(async () => {
    t = await startTestPlatform();
    world = await buildWorld(t);
  });
  afterAll(async () => t?.stop());

  it('sends the security headers on data, errors and pages, and no X-Powered-By', async () => {
    for (const path of ['/api/v1/leaderboard', '/api/v1/trials', '/api/v1/no-such-route', '/health']) {
      const response = await fetch(`${t.baseUrl}${path}`);
      const h = response.headers;
      expect(h.get('x-content-type-options'), path).toBe('nosniff');
      expect(h.get('x-frame-options'), path).toBe('SAMEORIGIN');
      expect(h.get('strict-transport-security'), path).toMatch(/max-age=\d+/);
      expect(h.get('referrer-policy'), path).toBe('no-referrer');
      expect(h.get('cross-origin-opener-policy'), path).toBe('same-origin');
      expect(h.get('content-security-policy'), path).toBe("default-src 'none';frame-ancestors 'none'");
      expect(h.get('x-powered-by'), path).toBeNull();
    }
    // Swagger UI runs its own scripts: helmet's other headers, but not the data-only CSP.
    const docs = await fetch(`${t.baseUrl}/api/docs`);
    expect(docs.status).toBe(200);
    expect(docs.headers.get('x-content-type-options')).toBe('nosniff');
    expect(docs.headers.get('content-security-policy')).toBeNull();
  });

  it('answers CORS preflights from any origin, without credentials, exposing the useful headers', async () => {
    const response = await preflight(t.baseUrl, '/api/v1/trials', 'https://somewhere.example');
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(response.headers.get('access-control-allow-headers')!.toLowerCase()).toContain('idempotency-key');
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    const board = await fetch(`${t.baseUrl}/api/v1/leaderboard`, {
      headers: { origin: 'https://somewhere.example' },
    });
    expect(board.headers.get('access-control-allow-origin')).toBe('*');
    expect(board.headers.get('access-control-expose-headers')).toContain('X-Request-Id');
  });

  it('stores API keys only as hashes', async () => {
    const dataSource = t.platform.app.get(DataSource);
    const rows = (await dataSource.query('SELECT * FROM api_keys')) as Record<string, unknown>[];
    expect(rows.length).toBeGreaterThanOrEqual(3);
    const dump = JSON.stringify(rows);
    for (const key of [world.adminKey, world.evaluatorKey]) {
      const secret = key.split('_').slice(2).join('_');
      expect(secret.length).toBeGreaterThanOrEqual(43);
      expect(dump).not.toContain(secret);
    }
  });
});

// Configured origins and tight limits: only listed origins, and 429s naming the limit.
describe('CORS allow-list and rate limits (configured)', () => {
  const ORIGIN = 'https://arena.example.org';
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform({
      ARENA_CORS_ORIGINS: `${ORIGIN}, http://localhost:5173`,
      ARENA_RATE_LIMIT_PER_KEY: '5',
      ARENA_RATE_LIMIT_PER_ADDRESS: '40',
    });
  });
  afterAll(async () => t?.stop());

  it('allows only the configured origins', async () => {
    const allowed = await preflight(t.baseUrl, '/api/v1/trials', ORIGIN);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(allowed.headers.get('vary')).toContain('Origin');
    const refused = await fetch(`${t.baseUrl}/api/v1/leaderboard`, {
      headers: { origin: 'https://evil.example' },
    });
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('limits each API key, tells how long to wait, and leaves other keys alone', async () => {
    const bootstrapped = await t.anonymous.bootstrapAdmin(await t.bootstrapToken());
    const admin = t.anonymous.as(bootstrapped.apiKey.key);
    const second = await admin.issueApiKey(bootstrapped.account.id, 'second');
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let i = 0; i < 6; i++) {
      const response = await fetch(`${t.baseUrl}/api/v1/accounts/me`, {
        headers: { authorization: `Bearer ${bootstrapped.apiKey.key}`, origin: ORIGIN },
      });
      statuses.push(response.status);
      if (response.status === 429) limited ??= response;
    }
    // One request went to issuing the second key: four more pass, the fifth is over the limit.
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThan(0);
    // The browser that caused it can read it.
    expect(limited!.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(await limited!.json()).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      message: expect.stringMatching(
        /^rate limit exceeded: at most 5 requests per minute per API key; retry in \d+ s$/,
      ),
    });
    const other = await fetch(`${t.baseUrl}/api/v1/accounts/me`, {
      headers: { authorization: `Bearer ${second.key}` },
    });
    expect(other.status).toBe(200);
  });

  it('limits each address whatever key or X-Forwarded-For it sends, but never /health', async () => {
    for (let i = 0; i < 50; i++) expect((await fetch(`${t.baseUrl}/health`)).status).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < 45; i++) {
      const response = await fetch(`${t.baseUrl}/api/v1/leaderboard`, {
        // Without ARENA_TRUST_PROXY, a forged forwarding header changes nothing.
        headers: { 'x-forwarded-for': `203.0.113.${i}` },
      });
      statuses.push(response.status);
      if (response.status === 429) {
        expect(((await response.json()) as { message: string }).message).toMatch(
          /at most 40 requests per minute per address/,
        );
        break;
      }
    }
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.slice(0, -1).every((s) => s === 200)).toBe(true);
  });
});
