import { Logger, type INestApplication } from '@nestjs/common';
import type { Express } from 'express';
import type { AppConfig } from '../config/app-config';
import { corsOptions } from './cors-options';
import { rateLimitMiddleware } from './rate-limit.middleware';
import { createRateLimiters } from './rate-limiter';
import { securityHeadersMiddleware } from './security-headers';

/**
 * Security middleware, in order: headers, CORS (so that even a 429 is readable by the browser
 * that caused it), then rate limits — all before the body is parsed or a key is looked up.
 */
export function applySecurity(
  app: INestApplication,
  config: Pick<AppConfig, 'corsOrigins' | 'rateLimit' | 'trustProxyHops'>,
): void {
  const express = app.getHttpAdapter().getInstance() as Express;
  // Behind N proxies, the client address is the N-th address from the right of X-Forwarded-For.
  express.set('trust proxy', config.trustProxyHops);
  app.use(securityHeadersMiddleware());
  app.enableCors(corsOptions(config.corsOrigins));
  const limiters = createRateLimiters(config.rateLimit, new Logger('RateLimit'));
  // app.close() closes the HTTP server; the Redis connection (if any) goes with it.
  app.getHttpServer().once('close', () => void limiters.close());
  app.use(rateLimitMiddleware(limiters));
}
