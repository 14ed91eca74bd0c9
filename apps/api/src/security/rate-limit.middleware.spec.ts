import { createHash } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { describe, expect, it } from 'vitest';
import { rateLimitMiddleware } from './rate-limit.middleware';
import type { ClientLimiter } from './rate-limiter';

/** A limiter that records the clients it was asked about and answers from a script. */
function scripted(perMinute: number, waits: number[]): ClientLimiter & { clients: string[] } {
  const clients: string[] = [];
  return {
    perMinute,
    clients,
    take: async (client) => {
      clients.push(client);
      return waits.shift() ?? 0;
    },
  };
}

interface Outcome {
  passed: boolean;
  status?: number;
  headers: Record<string, string>;
  body?: unknown;
}

/** Runs the middleware on a minimal request; resolves when it calls next() or sends a body. */
function call(
  middleware: ReturnType<typeof rateLimitMiddleware>,
  request: { path: string; ip?: string; authorization?: string },
): Promise<Outcome> {
  return new Promise((resolve) => {
    const outcome: Outcome = { passed: false, headers: {} };
    const response = {
      setHeader: (name: string, value: string) => (outcome.headers[name] = value),
      status: (code: number) => {
        outcome.status = code;
        return response;
      },
      json: (body: unknown) => {
        outcome.body = body;
        resolve(outcome);
      },
    };
    const next: NextFunction = () => resolve({ ...outcome, passed: true });
    middleware(
      {
        path: request.path,
        ip: request.ip ?? '192.0.2.1',
        socket: {},
        headers: request.authorization ? { authorization: request.authorization } : {},
      } as unknown as Request,
      response as unknown as Response,
      next,
    );
  });
}

describe('rateLimitMiddleware', () => {
  it('answers 429 with Retry-After and the error body naming the limit', async () => {
    const middleware = rateLimitMiddleware({ byKey: scripted(5, [0, 7]), byAddress: undefined });
    expect((await call(middleware, { path: '/api/v1/x', authorization: 'Bearer pa_k' })).passed).toBe(true);
    const limited = await call(middleware, { path: '/api/v1/x', authorization: 'Bearer pa_k' });
    expect(limited.passed).toBe(false);
    expect(limited.status).toBe(429);
    expect(limited.headers).toEqual({ 'Retry-After': '7' });
    expect(limited.body).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      message: 'rate limit exceeded: at most 5 requests per minute per API key; retry in 7 s',
    });
  });

  it('counts the address first, then a digest of the key — never the key itself', async () => {
    const byAddress = scripted(40, []);
    const byKey = scripted(5, []);
    const middleware = rateLimitMiddleware({ byKey, byAddress });
    await call(middleware, { path: '/api/v1/x', ip: '203.0.113.9', authorization: 'Bearer pa_secret' });
    await call(middleware, { path: '/api/v1/x', ip: '203.0.113.9' });
    expect(byAddress.clients).toEqual(['203.0.113.9', '203.0.113.9']);
    expect(byKey.clients).toEqual([createHash('sha256').update('pa_secret').digest('base64url')]);
  });

  it('turns an address over its limit away before looking at the key', async () => {
    const byKey = scripted(5, []);
    const middleware = rateLimitMiddleware({ byKey, byAddress: scripted(40, [3]) });
    const limited = await call(middleware, { path: '/api/v1/x', authorization: 'Bearer pa_k' });
    expect(limited.status).toBe(429);
    expect((limited.body as { message: string }).message).toBe(
      'rate limit exceeded: at most 40 requests per minute per address; retry in 3 s',
    );
    expect(byKey.clients).toEqual([]);
  });

  it('never limits /health and /metrics', async () => {
    const byAddress = scripted(1, [9, 9]);
    const middleware = rateLimitMiddleware({ byKey: undefined, byAddress });
    for (const path of ['/health', '/metrics']) expect((await call(middleware, { path })).passed).toBe(true);
    expect(byAddress.clients).toEqual([]);
  });
});
