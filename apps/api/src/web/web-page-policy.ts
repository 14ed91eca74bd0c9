import type { ResolvedConfig } from '../config/resolved-config';

/** Where the browser fetches rollouts and videos and PUTs uploads: the object store's origin. */
export function objectStoreOrigin(config: Pick<ResolvedConfig, 's3'>): string {
  if (config.s3.endpoint) return new URL(config.s3.endpoint).origin;
  // AWS S3 presigns virtual-hosted URLs: https://<bucket>.s3.<region>.amazonaws.com/…
  return `https://${config.s3.bucket}.s3.${config.s3.region}.amazonaws.com https://s3.${config.s3.region}.amazonaws.com`;
}

/**
 * The web app's Content-Security-Policy. The app has no inline script or style (Preact and the
 * viewer set styles through the CSSOM, which CSP does not govern), so only its own files run;
 * the one other origin it talks to is the object store (presigned uploads, rollouts, videos).
 */
export function webAppCsp(config: Pick<ResolvedConfig, 's3'>): string {
  const store = objectStoreOrigin(config);
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    `media-src 'self' blob: ${store}`,
    `connect-src 'self' ${store}`,
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
