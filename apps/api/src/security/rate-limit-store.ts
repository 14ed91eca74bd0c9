import type { LoggerService } from '@nestjs/common';
import { Redis } from 'ioredis';

/** How long one Redis command may take before the request is counted in this process instead. */
const COMMAND_TIMEOUT_MS = 1_000;

/** `host:port` of a Redis URL, for log lines: never the password. */
export function redisAddress(url: string): string {
  const { hostname, port } = new URL(url);
  return `${hostname}:${port || '6379'}`;
}

/**
 * The Redis connection the shared rate limits count in. It fails fast instead of queueing: with
 * no offline queue, no per-command retries and a command timeout, a request never waits for a
 * Redis that is down — rate-limiter-flexible counts it in the insurance limiter (this process)
 * instead. ioredis reconnects on its own (back-off up to 2 s, forever); the outage is logged once
 * when it starts and once when Redis is back, never per request.
 */
export function connectRateLimitStore(
  url: string,
  log: LoggerService,
): { client: Redis; close(): Promise<void> } {
  const address = redisAddress(url);
  const client = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: COMMAND_TIMEOUT_MS,
    connectionName: 'policy-arena-rate-limits',
  });
  let connected = false;
  let reachable = true;
  let closing = false;
  const lost = (reason: string) => {
    if (!reachable || closing) return;
    reachable = false;
    log.warn(
      `Redis at ${address} is unreachable (${reason}): rate limits are counted per API process until it is back`,
    );
  };
  // Without an 'error' listener, ioredis's connection errors would crash the process.
  client.on('error', (error: Error) => lost(error.message));
  client.on('close', () => lost('connection closed'));
  client.on('ready', () => {
    if (!connected || !reachable) {
      log.log(
        `Redis at ${address} is ${connected ? 'reachable again' : 'connected'}: rate limits are shared by every API process`,
      );
    }
    connected = true;
    reachable = true;
  });
  return {
    client,
    close: async () => {
      closing = true;
      // quit() waits for Redis to answer; while it is down, just stop reconnecting.
      if (client.status === 'ready') await client.quit().catch(() => client.disconnect());
      else client.disconnect();
    },
  };
}
