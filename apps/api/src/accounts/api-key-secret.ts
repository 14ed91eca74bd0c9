import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Keys look like `pa_<prefix>_<secret>`. The prefix finds the row; the key's SHA-256 is compared
 * in constant time. A plain hash (not bcrypt/argon2) is right here: the secret is 32 random
 * bytes, so there is nothing to brute-force, and every request must verify quickly.
 */
export interface IssuedSecret {
  key: string;
  prefix: string;
  hash: string;
}

export function issueSecret(kind: 'pa' | 'st' = 'pa'): IssuedSecret {
  const prefix = randomBytes(6).toString('hex');
  const key = `${kind}_${prefix}_${randomBytes(32).toString('base64url')}`;
  return { key, prefix, hash: hashSecret(key) };
}

export function hashSecret(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function parseSecretPrefix(key: string, kind: 'pa' | 'st' = 'pa'): string | undefined {
  const match = new RegExp(`^${kind}_([0-9a-f]{12})_[A-Za-z0-9_-]{43}$`).exec(key);
  return match?.[1];
}

export function secretMatches(key: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(key), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
