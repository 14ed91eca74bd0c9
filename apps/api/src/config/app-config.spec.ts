import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './app-config';

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a configuration error');
}

describe('loadConfig', () => {
  it('defaults to the embedded platform under .data on port 3000', () => {
    const config = loadConfig({}, '/srv/arena');
    expect(config).toMatchObject({
      port: 3000,
      dataDir: '/srv/arena/.data',
      databaseUrl: undefined,
      demo: true,
    });
    expect(config.s3).toMatchObject({ endpoint: undefined, bucket: 'policy-arena', region: 'us-east-1' });
  });

  it('names the variable, the problem and the value it got', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    const message = messageOf(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x' }));
    expect(message).toContain('PORT: expected a whole number between 0 and 65535 (got "eighty")');
    expect(message).toContain('DATABASE_URL: expected postgres://user:password@host:port/database');
    // Secrets are never echoed back.
    expect(message).not.toContain('mysql://x');
  });

  it('switches to external services and asks for their credentials', () => {
    expect(() => loadConfig({ S3_ENDPOINT: 'https://s3.example.org' })).toThrow(
      /S3_ACCESS_KEY_ID: required when S3_ENDPOINT/,
    );
    const config = loadConfig({
      DATABASE_URL: 'postgres://arena:pw@db:5432/arena',
      S3_ENDPOINT: 'https://s3.example.org',
      S3_ACCESS_KEY_ID: 'id',
      S3_SECRET_ACCESS_KEY: 'secret',
      PORT: '8080',
    });
    expect(config).toMatchObject({
      port: 8080,
      databaseUrl: 'postgres://arena:pw@db:5432/arena',
      demo: false,
    });
  });

  it('counts rate limits in memory by default, in Redis when asked, and then needs REDIS_URL', () => {
    expect(loadConfig({}).rateLimit).toEqual({
      perKey: 12_000,
      perAddress: 60_000,
      store: 'memory',
      redisUrl: undefined,
    });
    expect(() => loadConfig({ ARENA_RATE_LIMIT_STORE: 'redis' })).toThrow(
      'REDIS_URL: required when ARENA_RATE_LIMIT_STORE=redis',
    );
    expect(
      loadConfig({
        ARENA_RATE_LIMIT_STORE: 'redis',
        REDIS_URL: 'redis://redis:6379',
        ARENA_RATE_LIMIT_PER_KEY: '10',
      }).rateLimit,
    ).toEqual({ perKey: 10, perAddress: 60_000, store: 'redis', redisUrl: 'redis://redis:6379' });
    expect(messageOf(() => loadConfig({ ARENA_RATE_LIMIT_STORE: 'valkey' }))).toContain(
      'ARENA_RATE_LIMIT_STORE: expected memory (each API process counts on its own) or redis',
    );
    // A Redis URL may carry a password: named, never echoed.
    const message = messageOf(() => loadConfig({ REDIS_URL: 'http://user:hunter2@redis:6379' }));
    expect(message).toContain('REDIS_URL: expected redis://');
    expect(message).not.toContain('hunter2');
  });
});
