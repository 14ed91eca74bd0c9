/** A small seeded PRNG (mulberry32): simulations must replay exactly from their seed. */
export interface SimRandom {
  next(): number;
  normal(mean?: number, sd?: number): number;
  int(maxExclusive: number): number;
  pick<T>(items: readonly T[]): T;
}

export function simRandom(seed: number): SimRandom {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    normal: (mean = 0, sd = 1) => {
      // Box–Muller; 1 − u keeps the logarithm finite.
      const u = 1 - next();
      const v = next();
      return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    int: (maxExclusive) => Math.floor(next() * maxExclusive),
    pick: (items) => items[Math.floor(next() * items.length)]!,
  };
}

/** A stable 32-bit seed from text (FNV-1a), e.g. to derive a per-episode seed from ids. */
export function seedFrom(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
