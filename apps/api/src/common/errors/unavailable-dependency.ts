const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
]);
// Postgres: admin shutdown, crash shutdown, cannot connect now, too many connections.
const POSTGRES_UNAVAILABLE = new Set(['57P01', '57P02', '57P03', '53300']);

interface ErrorLike {
  code?: unknown;
  name?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: number };
  driverError?: unknown;
  cause?: unknown;
}

/**
 * Which dependency, if any, an error says is down: the object store (an AWS SDK error carries
 * `$metadata`) or the database (a pg/TypeORM error). Such failures are the platform's to fix, not
 * the client's: they answer 503 with a clear message instead of a bare 500.
 */
export function unavailableDependency(error: unknown): 'object storage' | 'database' | undefined {
  const e = error as ErrorLike | undefined;
  if (!e || typeof e !== 'object') return undefined;
  const code = typeof e.code === 'string' ? e.code : undefined;
  const network = (code !== undefined && NETWORK_CODES.has(code)) || e.name === 'TimeoutError';
  if (e.$metadata !== undefined) {
    const status = e.$metadata.httpStatusCode;
    if (network || status === undefined || status >= 500) return 'object storage';
    return undefined;
  }
  const driver = (e.driverError ?? e) as ErrorLike;
  const driverCode = typeof driver.code === 'string' ? driver.code : undefined;
  if (
    (driverCode !== undefined && (POSTGRES_UNAVAILABLE.has(driverCode) || NETWORK_CODES.has(driverCode))) ||
    /Connection terminated|connection timeout/i.test(String(driver.message ?? ''))
  ) {
    return 'database';
  }
  return e.cause && e.cause !== error ? unavailableDependency(e.cause) : undefined;
}
