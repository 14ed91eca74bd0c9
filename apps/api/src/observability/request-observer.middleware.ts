import type { NextFunction, Response } from 'express';
import type { JsonLogger } from './json-logger';
import type { MetricsService } from './metrics.service';
import type { IdentifiedRequest } from './request-id.middleware';

/**
 * The route template Express matched (`/api/v1/trials/:trialId`), never the raw path: ids in
 * label values would make a new time series per trial.
 */
function routeOf(request: IdentifiedRequest): string {
  const route = (request as { route?: { path?: unknown } }).route;
  return typeof route?.path === 'string' ? `${request.baseUrl}${route.path}` : 'unmatched';
}

/** Times every request into the latency histogram and, given a JSON logger, writes an access log line. */
export function requestObserverMiddleware(metrics: MetricsService, accessLog: JsonLogger | undefined) {
  return (request: IdentifiedRequest, response: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    // 'close' comes for every request, also one the client gave up on.
    response.once('close', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeOf(request);
      const status = response.statusCode;
      metrics.httpDuration.observe({ method: request.method, route, status: String(status) }, seconds);
      accessLog?.fields(
        status >= 500 ? 'error' : 'log',
        'HTTP',
        `${request.method} ${request.path} ${status}`,
        {
          requestId: request.id,
          method: request.method,
          path: request.path,
          route,
          status,
          durationMs: Math.round(seconds * 1e5) / 100,
          address: request.ip,
        },
      );
    });
    next();
  };
}
