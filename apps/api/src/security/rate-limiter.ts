/**
 * A token bucket per client: `perMinute` tokens of burst, refilled continuously at
 * `perMinute / 60` a second. In memory, so each API process limits on its own (N replicas allow
 * N times the rate); the limit is a guard against runaway clients, not a billing meter.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; atMs: number }>();

  constructor(
    readonly perMinute: number,
    private readonly now: () => number = Date.now,
    /** Clients remembered at most; the least recently seen are forgotten first. */
    private readonly maxClients = 100_000,
  ) {}

  /** Takes a token for `client`: 0 when the request may proceed, else whole seconds to wait. */
  take(client: string): number {
    const now = this.now();
    const ratePerMs = this.perMinute / 60_000;
    const bucket = this.buckets.get(client);
    const tokens = bucket
      ? Math.min(this.perMinute, bucket.tokens + (now - bucket.atMs) * ratePerMs)
      : this.perMinute;
    // Re-inserting keeps the map ordered by last use, so the oldest entry is the first one.
    this.buckets.delete(client);
    if (tokens < 1) {
      this.buckets.set(client, { tokens, atMs: now });
      return Math.max(1, Math.ceil((1 - tokens) / ratePerMs / 1000));
    }
    this.buckets.set(client, { tokens: tokens - 1, atMs: now });
    if (this.buckets.size > this.maxClients) {
      this.buckets.delete(this.buckets.keys().next().value!);
    }
    return 0;
  }

  get clients(): number {
    return this.buckets.size;
  }
}
