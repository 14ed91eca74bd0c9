import { describe, expect, it } from 'vitest';
import { chiSquareSurvival, normalQuantile } from './special';
import { choleskySolve, cholesky, inverseSpd } from './linalg';
import { createRng } from './prng';

describe('numerics', () => {
  it('normal quantile: z(0.975) = 1.959963984540054', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 12);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306167813, 10);
  });

  it('chi-square survival matches tables', () => {
    expect(chiSquareSurvival(3.841458820694124, 1)).toBeCloseTo(0.05, 12);
    expect(chiSquareSurvival(18.307038053275146, 10)).toBeCloseTo(0.05, 12);
    expect(chiSquareSurvival(0, 3)).toBe(1);
  });

  it('Cholesky solves and inverts a positive-definite system', () => {
    const a = [
      [4, 1, 0],
      [1, 3, 1],
      [0, 1, 2],
    ];
    const x = choleskySolve(cholesky(a), [1, 2, 3]);
    a.forEach((row, i) => expect(row.reduce((s, v, k) => s + v * x[k], 0)).toBeCloseTo([1, 2, 3][i], 12));
    const inv = inverseSpd(a);
    expect(a[0].reduce((s, v, k) => s + v * inv[k][0], 0)).toBeCloseTo(1, 12);
  });

  it('the PRNG stream is pinned: a change here changes every published bootstrap', () => {
    const rng = createRng(42);
    expect([rng.next(), rng.next()]).toEqual([0.7071880390867591, 0.7514089378528297]);
    expect(createRng('seed').int(1000)).toBe(263);
  });

  it('the PRNG is seeded and uniform-looking', () => {
    const a = createRng(42);
    const b = createRng(42);
    const first = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(first);
    expect(createRng('42').next()).not.toBe(createRng(42).next());
    const rng = createRng('mean');
    let sum = 0;
    for (let k = 0; k < 10_000; k++) sum += rng.next();
    expect(sum / 10_000).toBeCloseTo(0.5, 1);
  });
});
