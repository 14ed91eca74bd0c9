import { describe, expect, it } from 'vitest';
import { erfc } from '../math/special';
import { bivariateNormalUpper, expectedMisorderDrop, normalCdf } from './bivariate-normal';

/** Midpoint rule on a fine grid: slow, simple, independent of the closed forms under test. */
function integrate(f: (x: number) => number, lo: number, hi: number, n = 20000): number {
  const dx = (hi - lo) / n;
  let s = 0;
  for (let i = 0; i < n; i++) s += f(lo + (i + 0.5) * dx) * dx;
  return s;
}
const phi = (x: number): number => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);

describe('matchmaking: normal and bivariate-normal probabilities', () => {
  it('Φ agrees with erfc to 1e-14 on [−12, 12]', () => {
    for (let x = -12; x <= 12; x += 0.037) {
      expect(Math.abs(normalCdf(x) - 0.5 * erfc(-x / Math.SQRT2))).toBeLessThan(1e-14);
    }
  });

  it('P(X > 0, Y > 0) = 1/4 + asin(r)/(2π) for every correlation, including |r| ≥ 0.925', () => {
    for (const r of [-0.999, -0.95, -0.6, -0.1, 0.2, 0.5, 0.8, 0.93, 0.99, 0.99999]) {
      expect(bivariateNormalUpper(0, 0, r)).toBeCloseTo(0.25 + Math.asin(r) / (2 * Math.PI), 14);
    }
  });

  it('matches ∫_h^∞ φ(x)·Φ((r·x − k)/√(1 − r²)) dx', () => {
    for (const h of [-1.7, 0.3, 1.2])
      for (const k of [-0.8, 0.5, 2.1])
        for (const r of [-0.97, -0.4, 0.25, 0.7, 0.96]) {
          const reference = integrate((x) => phi(x) * normalCdf((r * x - k) / Math.sqrt(1 - r * r)), h, 12);
          expect(Math.abs(bivariateNormalUpper(h, k, r) - reference)).toBeLessThan(1e-7);
        }
  });

  it('expected misorder drop: the preposterior integral, 0 without information, π with all of it', () => {
    for (const [m, s2, delta] of [
      [0, 1, 0.1],
      [0.3, 0.2, 0.02],
      [-1, 0.5, 0.4],
      [0.5, 9, 8],
    ]) {
      const tau = Math.sqrt(delta);
      const after = Math.sqrt(s2 - delta);
      const expected = integrate((z) => phi(z) * normalCdf(-Math.abs(m + tau * z) / after), -10, 10);
      const drop = normalCdf(-Math.abs(m) / Math.sqrt(s2)) - expected;
      expect(Math.abs(expectedMisorderDrop(m, s2, delta) - drop)).toBeLessThan(1e-7);
    }
    expect(expectedMisorderDrop(0.4, 0.3, 0)).toBe(0);
    expect(expectedMisorderDrop(0.4, 0.3, 0.3)).toBeCloseTo(normalCdf(-0.4 / Math.sqrt(0.3)), 12);
    expect(expectedMisorderDrop(3, 0.1, 1e-4)).toBe(0);
  });
});
