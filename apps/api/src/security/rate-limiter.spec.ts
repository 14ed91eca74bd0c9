import type { LoggerService } from '@nestjs/common';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { findFreePort } from '../embedded/free-port';
import { createRateLimiters, type RateLimitSettings } from './rate-limiter';

function silentLog() {
  return {
    log: vi.fn<(message: string) => void>(),
    error: vi.fn<(message: string) => void>(),
    warn: vi.fn<(message: string) => void>(),
  } satisfies LoggerService;
}

const memory = (perKey: number, perAddress = 0): RateLimitSettings => ({
  perKey,
  perAddress,
  store: 'memory',
  redisUrl: undefined,
});

describe('createRateLimiters (memory store)', () => {
  afterEach(() => vi.useRealTimers());

  it('allows a minute’s worth of requests, then says how long until the window ends', async () => {
    vi.useFakeTimers({ now: 0 });
    const { byKey } = createRateLimiters(memory(6), silentLog());
    for (let i = 0; i < 6; i++) expect(await byKey!.take('a')).toBe(0);
    expect(await byKey!.take('a')).toBe(60);
    vi.advanceTimersByTime(45_000);
    expect(await byKey!.take('a')).toBe(15);
    vi.advanceTimersByTime(15_000);
    expect(await byKey!.take('a')).toBe(0);
  });

  it('keeps clients, and the per-key and per-address limits, apart', async () => {
    const { byKey, byAddress } = createRateLimiters(memory(1, 1), silentLog());
    expect(await byKey!.take('a')).toBe(0);
    expect(await byKey!.take('a')).toBeGreaterThan(0);
    expect(await byKey!.take('b')).toBe(0);
    // The same client string under the other limit has its own budget.
    expect(await byAddress!.take('a')).toBe(0);
    expect(await byAddress!.take('a')).toBeGreaterThan(0);
  });

  it('has no limiter where the limit is 0', () => {
    const limiters = createRateLimiters(memory(0, 5), silentLog());
    expect(limiters.byKey).toBeUndefined();
    expect(limiters.byAddress?.perMinute).toBe(5);
  });
});

describe('createRateLimiters (redis store, Redis unreachable)', () => {
  it('counts in this process instead, never fails a request, and warns once', async () => {
    // Nothing listens on this port: every connection attempt is refused.
    const port = await findFreePort(0);
    const log = silentLog();
    const limiters = createRateLimiters(
      { perKey: 3, perAddress: 0, store: 'redis', redisUrl: `redis://127.0.0.1:${port}` },
      log,
    );
    try {
      const waits = [];
      for (let i = 0; i < 5; i++) waits.push(await limiters.byKey!.take('a'));
      expect(waits.slice(0, 3)).toEqual([0, 0, 0]);
      expect(waits[3]).toBeGreaterThan(0);
      expect(await limiters.byKey!.take('b')).toBe(0);
      await vi.waitFor(() => expect(log.warn).toHaveBeenCalled());
      // ioredis retries after 50, 100, 150 … ms: several refused reconnects, still one warning.
      await new Promise((r) => setTimeout(r, 500));
      expect(await limiters.byKey!.take('a')).toBeGreaterThan(0);
      expect(log.warn).toHaveBeenCalledTimes(1);
      expect(log.warn.mock.calls[0]![0]).toMatch(
        new RegExp(
          `^Redis at 127\\.0\\.0\\.1:${port} is unreachable .*: rate limits are counted per API process`,
        ),
      );
      expect(log.error).not.toHaveBeenCalled();
    } finally {
      await limiters.close();
    }
  });

  it('needs a Redis URL', () => {
    expect(() =>
      createRateLimiters({ perKey: 3, perAddress: 0, store: 'redis', redisUrl: undefined }, silentLog()),
    ).toThrow(/REDIS_URL/);
  });
});
