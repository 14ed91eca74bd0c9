import type { LoggerService } from '@nestjs/common';
import type { Redis } from 'ioredis';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import type { AppConfig } from '../config/app-config';
import { connectRateLimitStore } from './rate-limit-store';

/** Limits are per minute: each client gets `perMinute` requests in a window of 60 s from its first. */
const WINDOW_SECONDS = 60;

export type RateLimitSettings = AppConfig['rateLimit'];

/** One limit (per key or per address), counted by rate-limiter-flexible. */
export interface ClientLimiter {
  readonly perMinute: number;
  /** Counts a request by `client`: 0 when it may proceed, else whole seconds to wait. */
  take(client: string): Promise<number>;
}

export interface RateLimiters {
  byKey: ClientLimiter | undefined;
  byAddress: ClientLimiter | undefined;
  /** Closes the Redis connection, if any. */
  close(): Promise<void>;
}

function clientLimiter(perMinute: number, limiter: RateLimiterAbstract, log: LoggerService): ClientLimiter {
  let failedOpen = false;
  return {
    perMinute,
    take: async (client) => {
      try {
        await limiter.consume(client);
        return 0;
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
        // The insurance limiter stands in for Redis, so this should not happen; if it does, a
        // limiter failure must not turn requests into 500s: let them through and say so once.
        if (!failedOpen) {
          failedOpen = true;
          log.error(`rate limiter failed, requests pass unlimited: ${String(rejection)}`);
        }
        return 0;
      }
    },
  };
}

function memoryLimiter(keyPrefix: string, perMinute: number): RateLimiterMemory {
  return new RateLimiterMemory({ keyPrefix, points: perMinute, duration: WINDOW_SECONDS });
}

function redisLimiter(client: Redis, keyPrefix: string, perMinute: number): RateLimiterRedis {
  return new RateLimiterRedis({
    storeClient: client,
    // The same prefix on every API process: that is what makes them share one budget.
    keyPrefix,
    points: perMinute,
    duration: WINDOW_SECONDS,
    // While Redis is down (or still connecting), count in this process instead of failing.
    rejectIfRedisNotReady: true,
    insuranceLimiter: memoryLimiter(`${keyPrefix}:insurance`, perMinute),
    // A client already over its limit is turned away from memory until its window ends,
    // so a flood from one key or address costs Redis nothing.
    inMemoryBlockOnConsumed: perMinute + 1,
  });
}

/**
 * The per-key and per-address limiters. With the `memory` store each API process counts on its
 * own (N replicas allow N times the rate); with `redis` every process counts in one Redis, so
 * the limits hold for the whole deployment, and each process falls back to counting on its own
 * while Redis is unreachable.
 */
export function createRateLimiters(settings: RateLimitSettings, log: LoggerService): RateLimiters {
  let store: ReturnType<typeof connectRateLimitStore> | undefined;
  if (settings.store === 'redis' && (settings.perKey > 0 || settings.perAddress > 0)) {
    // loadConfig refuses ARENA_RATE_LIMIT_STORE=redis without REDIS_URL; this is for other callers.
    if (!settings.redisUrl) throw new Error('REDIS_URL: required when ARENA_RATE_LIMIT_STORE=redis');
    store = connectRateLimitStore(settings.redisUrl, log);
  }
  const limiter = (name: string, perMinute: number): ClientLimiter | undefined => {
    if (perMinute <= 0) return undefined;
    const keyPrefix = `arena:rate-limit:${name}`;
    return clientLimiter(
      perMinute,
      store ? redisLimiter(store.client, keyPrefix, perMinute) : memoryLimiter(keyPrefix, perMinute),
      log,
    );
  };
  return {
    byKey: limiter('key', settings.perKey),
    byAddress: limiter('address', settings.perAddress),
    close: async () => store?.close(),
  };
}
