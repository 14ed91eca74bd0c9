import { describe, expect, it } from 'vitest';
import { drawPair, uniformOver } from './pair-draw';

// Chi-square critical value for 1 degree of freedom at p = 0.001: a fair coin fails this
// about once in a thousand runs, a biased one (even 55/45 over 4000 draws) essentially always.
const CHI2_1DF_P001 = 10.83;
const chiSquareFair = (count: number, total: number) => {
  const expected = total / 2;
  return ((count - expected) ** 2 + (total - count - expected) ** 2) / expected;
};

describe('drawPair', () => {
  it('balances which version is A and which label runs first', () => {
    const draws = 4000;
    let firstIsA = 0;
    let aRunsFirst = 0;
    for (let i = 0; i < draws; i++) {
      const drawn = drawPair(uniformOver([['x', 'y']] as const));
      if (drawn.a === 'x') firstIsA++;
      if (drawn.runOrder === 'AB') aRunsFirst++;
    }
    expect(chiSquareFair(firstIsA, draws)).toBeLessThan(CHI2_1DF_P001);
    expect(chiSquareFair(aRunsFirst, draws)).toBeLessThan(CHI2_1DF_P001);
  });

  it('draws every pair uniformly and reports that probability', () => {
    const pairs = [
      ['p', 'q'],
      ['p', 'r'],
      ['q', 'r'],
    ] as const;
    const counts = new Map<string, number>();
    for (let i = 0; i < 3000; i++) {
      const drawn = drawPair(uniformOver(pairs));
      expect(drawn.propensity).toBeCloseTo(1 / 3, 12);
      const key = [drawn.a, drawn.b].sort().join('');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    // Chi-square with 2 degrees of freedom, p = 0.001 → 13.82.
    const chi2 = [...counts.values()].reduce((s, c) => s + (c - 1000) ** 2 / 1000, 0);
    expect(counts.size).toBe(3);
    expect(chi2).toBeLessThan(13.82);
  });
});

describe('drawPair with a weighted distribution', () => {
  it('follows the weights and reports the drawn pair’s own probability', () => {
    const distribution = [
      { pair: ['p', 'q'] as const, probability: 0.7 },
      { pair: ['p', 'r'] as const, probability: 0.2 },
      { pair: ['q', 'r'] as const, probability: 0.1 },
    ];
    let pq = 0;
    for (let i = 0; i < 4000; i++) {
      const drawn = drawPair(distribution);
      const key = [drawn.a, drawn.b].sort().join('');
      expect(drawn.propensity).toBeCloseTo(
        distribution.find((d) => d.pair.join('') === key)!.probability,
        12,
      );
      if (key === 'pq') pq++;
    }
    // 0.7 ± 4 binomial standard errors over 4000 draws.
    expect(Math.abs(pq / 4000 - 0.7)).toBeLessThan(4 * Math.sqrt((0.7 * 0.3) / 4000));
  });
});
