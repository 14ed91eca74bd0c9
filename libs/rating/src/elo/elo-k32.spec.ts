import { describe, expect, it } from 'vitest';
import { eloCase } from '../testing/reference-fixture';
import { computeElo } from './elo';

// FastChat's compute_elo, reference values from the shared fixture (case elo_K32).
describe('Elo: FastChat online update, K32', () => {
  const { input, expected } = eloCase('elo_K32');
  const records = input.battles.map(([a, b, winner]) => ({ a, b, winner }));

  it('matches the reference ratings to 1e-9', () => {
    const ratings = computeElo(records, {
      k: input.K,
      scale: input.SCALE,
      base: input.BASE,
      initial: input.INIT,
    });
    for (const item of input.items) {
      expect(Math.abs((ratings.get(item) as number) - expected.ratings[item])).toBeLessThan(1e-9);
    }
  });

  it('conserves the total rating (each update is zero-sum)', () => {
    const ratings = computeElo(records, {
      k: input.K,
      scale: input.SCALE,
      base: input.BASE,
      initial: input.INIT,
    });
    const total = [...ratings.values()].reduce((s, v) => s + v, 0);
    expect(total).toBeCloseTo(input.INIT * input.items.length, 9);
  });
});
