import { randomInt } from 'node:crypto';

// Crockford base32 without look-alikes: pseudonyms are read aloud and typed.
const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';

/** A random, stable stand-in for an account in public data, e.g. `evaluator-7k2m9q4d`. */
export function newPseudonym(role: string): string {
  let suffix = '';
  for (let i = 0; i < 8; i++) suffix += alphabet[randomInt(alphabet.length)];
  return `${role}-${suffix}`;
}
