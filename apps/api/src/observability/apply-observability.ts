import type { INestApplication } from '@nestjs/common';
import { JsonLogger } from './json-logger';
import type { LoggerOption } from './app-logger';
import { MetricsService } from './metrics.service';
import { requestIdMiddleware } from './request-id.middleware';
import { requestObserverMiddleware } from './request-observer.middleware';

/**
 * Request ids, the latency histogram and (with the JSON logger) one access-log line per request.
 * Mounted first, so that every response — a 429 and a 404 included — has an id and is measured.
 */
export function applyObservability(app: INestApplication, logger: LoggerOption): void {
  app.use(requestIdMiddleware());
  app.use(
    requestObserverMiddleware(app.get(MetricsService), logger instanceof JsonLogger ? logger : undefined),
  );
}
