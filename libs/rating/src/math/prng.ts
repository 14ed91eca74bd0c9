/**
 * A small seeded PRNG (sfc32, seeded through cyrb128). Every random choice in the rating engine —
 * bootstrap draws, matchmaking, simulations — goes through this so that the same seed always gives
 * the same numbers on every machine; Math.random is never used.
 */
export interface Rng {
  /** A uniform number in [0, 1) with 32 bits of resolution. */
  next(): number;
  /** A uniform integer in [0, n). */
  int(n: number): number;
  /** A standard normal deviate (Box–Muller; only used by simulations). */
  normal(): number;
}

/** cyrb128: spreads a string over four 32-bit words so nearby seeds give unrelated streams. */
function hashSeed(seed: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < seed.length; i++) {
    const k = seed.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

export function createRng(seed: number | string): Rng {
  let [a, b, c, d] = hashSeed(`${typeof seed}:${String(seed)}`);
  const nextU32 = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Discard the first outputs: sfc32 mixes its state over the first few rounds.
  for (let i = 0; i < 15; i++) nextU32();
  const next = (): number => nextU32() / 4294967296;
  return {
    next,
    int: (n: number): number => Math.floor(next() * n),
    normal: (): number => {
      // 1 - u keeps the logarithm finite (u can be 0, never 1).
      const u = 1 - next();
      const v = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
  };
}
