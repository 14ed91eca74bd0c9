import { describe, expect, it } from 'vitest';
import { buildComparisons } from '../data/comparisons';
import { rate } from '../rate';
import { repeat } from '../testing/records';
import { fitDavidsonCells } from './davidson';

// Two players are a saturated Davidson model: the fit reproduces the observed frequencies, so
// e^(θx−θy) = W/L and P(tie)/√(P(x)·P(y)) = 2ν, i.e. ν = T/(2·√(W·L)). By hand: W=6, L=2, T=4.
describe('Davidson: two players, 6 wins, 2 losses, 4 ties', () => {
  const records = [...repeat('x', 'y', 'a', 6), ...repeat('x', 'y', 'b', 2), ...repeat('y', 'x', 'tie', 4)];
  const { cells } = buildComparisons(records);
  const fit = fitDavidsonCells(cells, 2, 1e4, undefined, 1e4);

  it('gives θx − θy = ln 3', () => {
    expect(fit.theta[0] - fit.theta[1]).toBeCloseTo(Math.log(3), 6);
  });

  it('gives ν = 4/(2√12) ≈ 0.57735', () => {
    expect(fit.nu).toBeCloseTo(4 / (2 * Math.sqrt(12)), 6);
  });

  it('agrees with Bradley–Terry on decisive-only data (ν → 0)', () => {
    const decisive = [
      ...repeat('x', 'y', 'a', 12),
      ...repeat('y', 'z', 'a', 9),
      ...repeat('z', 'x', 'a', 4),
      ...repeat('x', 'z', 'a', 8),
      ...repeat('y', 'x', 'a', 5),
    ];
    const bt = rate(decisive, { method: 'bt' });
    const davidson = rate(decisive, { method: 'davidson' });
    for (const row of bt.rows) {
      const other = davidson.rows.find((r) => r.policy === row.policy);
      // A residual ν (its prior keeps it finite) moves ratings by a point or two, no more.
      expect(Math.abs((other?.rating as number) - row.rating)).toBeLessThan(5);
    }
    expect(davidson.params?.nu as number).toBeLessThan(0.05);
  });
});
