import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limiter';

describe('RateLimiter', () => {
  it('allows a minute’s worth of burst, then one request per refilled token', () => {
    let now = 0;
    const limiter = new RateLimiter(6, () => now);
    for (let i = 0; i < 6; i++) expect(limiter.take('a')).toBe(0);
    // Empty: one token comes back every 10 s.
    expect(limiter.take('a')).toBe(10);
    now += 5_000;
    expect(limiter.take('a')).toBe(5);
    now += 5_000;
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBe(10);
  });

  it('keeps clients apart', () => {
    const limiter = new RateLimiter(1, () => 0);
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBeGreaterThan(0);
    expect(limiter.take('b')).toBe(0);
  });

  it('refills no further than the burst', () => {
    let now = 0;
    const limiter = new RateLimiter(2, () => now);
    limiter.take('a');
    now += 3_600_000;
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBeGreaterThan(0);
  });

  it('forgets the least recently seen client beyond its capacity', () => {
    const limiter = new RateLimiter(1, () => 0, 2);
    limiter.take('a');
    limiter.take('b');
    limiter.take('a');
    limiter.take('c');
    expect(limiter.clients).toBe(2);
    // b was forgotten (a was used more recently), so b starts with a full bucket again.
    expect(limiter.take('b')).toBe(0);
    expect(limiter.take('c')).toBeGreaterThan(0);
  });
});
