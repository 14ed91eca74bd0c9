import type { CorsOptions } from '@nestjs/common/interfaces/external/cors-options.interface';

/**
 * Browsers may call the API from the configured origins (`*` by default: the leaderboard, export
 * and replays are public). Keys travel in the Authorization header, never in cookies, so no
 * origin gets credentials and `*` cannot be used to act as a signed-in user.
 */
export function corsOptions(origins: '*' | string[]): CorsOptions {
  return {
    origin: origins === '*' ? '*' : origins,
    methods: ['GET', 'HEAD', 'POST', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Request-Id'],
    exposedHeaders: ['X-Request-Id', 'Idempotent-Replayed', 'Retry-After', 'Location'],
    credentials: false,
    maxAge: 600,
  };
}
