import { describe, expect, it } from 'vitest';
import { fitBradleyTerry } from '../bt/fit-bradley-terry';
import { repeat } from '../testing/records';
import { chooseMatch, matchDistribution, type ChooseMatchInput } from './choose-match';

// A board where a and b are close and well measured, c is far below, d is new (never played).
describe('matchmaking: chooseMatch', () => {
  const model = fitBradleyTerry([
    ...repeat('a', 'b', 'a', 30),
    ...repeat('a', 'b', 'b', 28),
    ...repeat('a', 'c', 'a', 6),
    ...repeat('b', 'c', 'a', 6),
  ]);
  const base: ChooseMatchInput = {
    policies: model.policies,
    thetas: model.theta,
    covariance: model.covariance,
    eligible: ['a', 'b', 'c', 'd'],
    strategy: 'information-gain',
    seed: 1,
  };

  it('returns a distribution over all eligible pairs that sums to 1', () => {
    const distribution = matchDistribution(base);
    expect(distribution).toHaveLength(6);
    expect(distribution.reduce((s, d) => s + d.probability, 0)).toBeCloseTo(1, 12);
  });

  it('keeps every pair above the exploration floor ε/#pairs', () => {
    for (const d of matchDistribution({ ...base, explorationFloor: 0.3 })) {
      expect(d.probability).toBeGreaterThanOrEqual(0.3 / 6 - 1e-15);
    }
  });

  it('prefers uncertain pairs: the never-played policy over the well-measured pair', () => {
    const p = Object.fromEntries(matchDistribution(base).map((d) => [d.pair.join('-'), d.probability]));
    expect(p['a-d']).toBeGreaterThan(p['a-b']);
  });

  it('is uniform under the uniform strategy', () => {
    for (const d of matchDistribution({ ...base, strategy: 'uniform' }))
      expect(d.probability).toBeCloseTo(1 / 6, 12);
  });

  it('boosts pairs with a new version', () => {
    const counts = { a: 58 + 6, b: 58 + 6, c: 12, d: 0 };
    const boosted = matchDistribution({
      ...base,
      strategy: 'uniform',
      counts,
      newVersionBoost: { belowTrials: 5, factor: 3 },
      explorationFloor: 0.2,
    });
    const p = Object.fromEntries(boosted.map((d) => [d.pair.join('-'), d.probability]));
    expect(p['a-d']).toBeGreaterThan(p['a-b']);
    expect(p['a-d'] / p['a-b']).toBeCloseTo(((0.8 * 3) / 12 + 0.2 / 6) / (0.8 / 12 + 0.2 / 6), 9);
  });

  it('is deterministic for a seed, and returns the exact probability of the drawn pair', () => {
    const distribution = matchDistribution(base);
    const drawn = chooseMatch(base);
    expect(chooseMatch(base)).toEqual(drawn);
    expect(distribution).toContainEqual(drawn);
  });

  it('draws pairs with the stated probabilities (2000 seeds)', () => {
    const counts = new Map<string, number>();
    for (let seed = 0; seed < 2000; seed++) {
      const key = chooseMatch({ ...base, seed }).pair.join('-');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    for (const d of matchDistribution(base)) {
      const observed = (counts.get(d.pair.join('-')) ?? 0) / 2000;
      // 4 binomial standard errors.
      expect(Math.abs(observed - d.probability)).toBeLessThan(
        4 * Math.sqrt((d.probability * (1 - d.probability)) / 2000),
      );
    }
  });

  it('rejects fewer than two eligible policies', () => {
    expect(() => chooseMatch({ ...base, eligible: ['a', 'a'] })).toThrow(/eligible: need at least 2/);
  });
});
