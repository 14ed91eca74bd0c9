import { createHash } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { ApiErrorBody } from '../common/errors/api-error-body';
import type { RateLimiters } from './rate-limiter';

/** Probes and scrapes come from the platform's own infrastructure; limiting them would only hurt. */
const UNLIMITED_PATHS = new Set(['/health', '/metrics']);

function tooMany(response: Response, retryAfterSeconds: number, limit: string): void {
  const body: ApiErrorBody = {
    statusCode: 429,
    error: 'Too Many Requests',
    message: `rate limit exceeded: at most ${limit}; retry in ${retryAfterSeconds} s`,
  };
  response.setHeader('Retry-After', String(retryAfterSeconds));
  response.status(429).json(body);
}

/**
 * Limits requests per API key (whatever the address) and per client address (whatever the key),
 * before authentication, so a flood of made-up keys costs the database nothing. The client
 * address is Express's `req.ip`, which honours `trust proxy` (ARENA_TRUST_PROXY).
 */
export function rateLimitMiddleware({ byKey, byAddress }: Pick<RateLimiters, 'byKey' | 'byAddress'>) {
  const limit = async (request: Request, response: Response, next: NextFunction): Promise<void> => {
    if (UNLIMITED_PATHS.has(request.path)) return next();
    if (byAddress) {
      const wait = await byAddress.take(request.ip ?? request.socket.remoteAddress ?? 'unknown');
      if (wait > 0) return tooMany(response, wait, `${byAddress.perMinute} requests per minute per address`);
    }
    const key = byKey && /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (byKey && key) {
      // The limiter (and Redis) remembers a digest, never the key itself.
      const wait = await byKey.take(createHash('sha256').update(key).digest('base64url'));
      if (wait > 0) return tooMany(response, wait, `${byKey.perMinute} requests per minute per API key`);
    }
    next();
  };
  // ClientLimiter.take never rejects; should anything else throw, the error filter answers.
  return (request: Request, response: Response, next: NextFunction): void => {
    limit(request, response, next).catch(next);
  };
}
