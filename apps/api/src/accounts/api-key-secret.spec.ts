import { describe, expect, it } from 'vitest';
import { hashSecret, issueSecret, parseSecretPrefix, secretMatches } from './api-key-secret';

describe('API key secrets', () => {
  it('issues a key whose prefix finds the row and whose hash verifies it', () => {
    const issued = issueSecret();
    expect(issued.key).toMatch(/^pa_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(parseSecretPrefix(issued.key)).toBe(issued.prefix);
    expect(issued.hash).toBe(hashSecret(issued.key));
    expect(issued.hash).not.toContain(issued.key.slice(16));
    expect(secretMatches(issued.key, issued.hash)).toBe(true);
  });

  it('rejects a key with one character changed, and malformed keys', () => {
    const issued = issueSecret();
    const last = issued.key.at(-1) === 'A' ? 'B' : 'A';
    expect(secretMatches(issued.key.slice(0, -1) + last, issued.hash)).toBe(false);
    expect(parseSecretPrefix('pa_short_x')).toBeUndefined();
    expect(parseSecretPrefix(`st_${issued.key.slice(3)}`)).toBeUndefined();
  });
});
