import { resolve } from 'node:path';
import { z } from 'zod';

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const port = z.coerce
  .number({ error: 'expected a whole number between 0 and 65535' })
  .int('expected a whole number between 0 and 65535')
  .min(0, 'expected a whole number between 0 and 65535')
  .max(65535, 'expected a whole number between 0 and 65535');

const flag = z
  .enum(['0', '1', 'true', 'false'], { error: 'expected 0, 1, true or false' })
  .transform((v) => v === '1' || v === 'true');

const requestsPerMinute = z.coerce
  .number({ error: 'expected a whole number of requests per minute (0 turns the limit off)' })
  .int('expected a whole number of requests per minute (0 turns the limit off)')
  .min(0, 'expected a whole number of requests per minute (0 turns the limit off)');

/** Every setting the platform reads from the environment, validated once at boot. */
const EnvSchema = z.object({
  PORT: port.default(3000),
  HOST: z.string().trim().min(1).default('0.0.0.0'),
  ARENA_DATA_DIR: z.string().trim().min(1).default('.data'),
  DATABASE_URL: optionalString.pipe(
    z
      .url({ protocol: /^postgres(ql)?$/, error: 'expected postgres://user:password@host:port/database' })
      .optional(),
  ),
  S3_ENDPOINT: optionalString.pipe(
    z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' }).optional(),
  ),
  S3_BUCKET: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
      'expected an S3 bucket name (3–63 lower-case letters, digits, dots, dashes)',
    )
    .default('policy-arena'),
  S3_REGION: z.string().trim().min(1).default('us-east-1'),
  S3_ACCESS_KEY_ID: optionalString,
  S3_SECRET_ACCESS_KEY: optionalString,
  ARENA_BOOTSTRAP_TOKEN: optionalString.pipe(
    z.string().min(32, 'expected at least 32 characters').optional(),
  ),
  ARENA_DEMO: flag.optional(),
  ARENA_LEASE_SECONDS: z.coerce
    .number({ error: 'expected a whole number of seconds' })
    .int()
    .min(5, 'expected at least 5 seconds')
    .max(86_400, 'expected at most 86400 seconds')
    .default(1800),
  ARENA_CORS_ORIGINS: z
    .string()
    .trim()
    .default('*')
    .pipe(
      z.union([
        z.literal('*'),
        z
          .string()
          .transform((v) => v.split(',').map((o) => o.trim()))
          .pipe(
            z.array(
              z
                .string()
                .regex(
                  /^https?:\/\/[^/\s]+$/,
                  'expected * or a comma-separated list of origins (https://app.example.org)',
                ),
            ),
          ),
      ]),
    ),
  ARENA_RATE_LIMIT_PER_KEY: requestsPerMinute.default(12_000),
  ARENA_RATE_LIMIT_PER_ADDRESS: requestsPerMinute.default(60_000),
  ARENA_RATE_LIMIT_STORE: z
    .enum(['memory', 'redis'], {
      error: 'expected memory (each API process counts on its own) or redis (shared by all, needs REDIS_URL)',
    })
    .default('memory'),
  REDIS_URL: optionalString.pipe(
    z
      .url({
        protocol: /^rediss?$/,
        error: 'expected redis://[user:password@]host:port[/db] (or rediss:// for TLS)',
      })
      .optional(),
  ),
  ARENA_TRUST_PROXY: z.coerce
    .number({ error: 'expected the number of proxies in front of the API (0–10)' })
    .int('expected the number of proxies in front of the API (0–10)')
    .min(0, 'expected the number of proxies in front of the API (0–10)')
    .max(10, 'expected the number of proxies in front of the API (0–10)')
    .default(0),
  ARENA_LOG_FORMAT: z.enum(['json', 'pretty'], { error: 'expected json or pretty' }).optional(),
});

export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  /** Postgres to use; undefined means start the embedded one under dataDir. */
  databaseUrl: string | undefined;
  s3: {
    /** undefined means start the embedded S3-compatible server under dataDir. */
    endpoint: string | undefined;
    bucket: string;
    region: string;
    accessKeyId: string | undefined;
    secretAccessKey: string | undefined;
  };
  bootstrapToken: string | undefined;
  /** Seed demo accounts (embedded mode only unless set explicitly). */
  demo: boolean;
  leaseSeconds: number;
  /** Origins allowed to call the API from a browser: '*' (the public read API) or a list. */
  corsOrigins: '*' | string[];
  /**
   * Requests per minute per API key and per client address (0 means no limit), counted in this
   * process (`memory`) or in Redis at `redisUrl`, shared by every API process (`redis`).
   */
  rateLimit: { perKey: number; perAddress: number; store: 'memory' | 'redis'; redisUrl: string | undefined };
  /** Proxies in front of the API whose X-Forwarded-For is trusted for the client address. */
  trustProxyHops: number;
  /** `json` (one object per line, with request ids) in production, `pretty` in development. */
  logFormat: 'json' | 'pretty';
}

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; problem: string; value: string | undefined }[]) {
    super(
      'Invalid configuration:\n' +
        problems
          .map(
            (p) =>
              `  ${p.variable}: ${p.problem}${p.value === undefined ? '' : ` (got ${JSON.stringify(p.value)})`}`,
          )
          .join('\n'),
    );
    this.name = 'ConfigError';
  }
}

const secretVariables = new Set([
  'S3_SECRET_ACCESS_KEY',
  'ARENA_BOOTSTRAP_TOKEN',
  'DATABASE_URL',
  // redis://user:password@host: may carry a password.
  'REDIS_URL',
]);

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): AppConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const variable = String(issue.path[0] ?? '(environment)');
        return {
          variable,
          problem: issue.message,
          value: secretVariables.has(variable) ? undefined : env[variable],
        };
      }),
    );
  }
  const e = parsed.data;
  const s3Endpoint = e.S3_ENDPOINT;
  if (
    s3Endpoint !== undefined &&
    (e.S3_ACCESS_KEY_ID === undefined || e.S3_SECRET_ACCESS_KEY === undefined)
  ) {
    throw new ConfigError([
      {
        variable: e.S3_ACCESS_KEY_ID === undefined ? 'S3_ACCESS_KEY_ID' : 'S3_SECRET_ACCESS_KEY',
        problem: 'required when S3_ENDPOINT points at an external object store',
        value: undefined,
      },
    ]);
  }
  if (e.ARENA_RATE_LIMIT_STORE === 'redis' && e.REDIS_URL === undefined) {
    throw new ConfigError([
      {
        variable: 'REDIS_URL',
        problem: 'required when ARENA_RATE_LIMIT_STORE=redis (e.g. redis://redis:6379)',
        value: undefined,
      },
    ]);
  }
  const embedded = e.DATABASE_URL === undefined && s3Endpoint === undefined;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(cwd, e.ARENA_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    s3: {
      endpoint: s3Endpoint,
      bucket: e.S3_BUCKET,
      region: e.S3_REGION,
      accessKeyId: e.S3_ACCESS_KEY_ID,
      secretAccessKey: e.S3_SECRET_ACCESS_KEY,
    },
    bootstrapToken: e.ARENA_BOOTSTRAP_TOKEN,
    demo: e.ARENA_DEMO ?? embedded,
    leaseSeconds: e.ARENA_LEASE_SECONDS,
    corsOrigins: e.ARENA_CORS_ORIGINS,
    rateLimit: {
      perKey: e.ARENA_RATE_LIMIT_PER_KEY,
      perAddress: e.ARENA_RATE_LIMIT_PER_ADDRESS,
      store: e.ARENA_RATE_LIMIT_STORE,
      redisUrl: e.REDIS_URL,
    },
    trustProxyHops: e.ARENA_TRUST_PROXY,
    logFormat: e.ARENA_LOG_FORMAT ?? (e.DATABASE_URL === undefined ? 'pretty' : 'json'),
  };
}
