import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

/** HTML the API serves itself (Swagger UI, the replay page); everything else is data. */
const isHtmlPage = (path: string) => path.startsWith('/api/docs') || path.startsWith('/replay/');

/**
 * Helmet's headers on every response. JSON and file responses also get
 * `Content-Security-Policy: default-src 'none'; frame-ancestors 'none'`: nothing the API returns
 * as data may run or be framed if a browser opens it. The HTML pages carry their own inline
 * scripts and styles, so they go without a CSP rather than with a broken one.
 * Cross-Origin-Resource-Policy is `cross-origin` because the read API and artifacts are public
 * by design; whatever needs a key cannot be read without an Authorization header anyway.
 */
export function securityHeadersMiddleware() {
  const common = {
    crossOriginResourcePolicy: { policy: 'cross-origin' as const },
  };
  const forData = helmet({
    ...common,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    },
  });
  const forPages = helmet({ ...common, contentSecurityPolicy: false });
  return (request: Request, response: Response, next: NextFunction): void =>
    (isHtmlPage(request.path) ? forPages : forData)(request, response, next);
}
