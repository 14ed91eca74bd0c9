import { describe, expect, it } from 'vitest';
import { fitBradleyTerry } from '../bt/fit-bradley-terry';
import { repeat } from '../testing/records';
import { chooseMatch, matchDistribution, type ChooseMatchInput } from './choose-match';
import { absorbTrials, differenceVariance, rankLookaheadScores, type SkillBelief } from './rank-lookahead';

// a and b close and uncertain; c and d close and uncertain; the two groups far apart and well measured.
describe('matchmaking: rank-lookahead', () => {
  const model = fitBradleyTerry([
    ...repeat('a', 'b', 'a', 3),
    ...repeat('a', 'b', 'b', 3),
    ...repeat('c', 'd', 'a', 3),
    ...repeat('c', 'd', 'b', 2),
    ...repeat('a', 'c', 'a', 40),
    ...repeat('b', 'd', 'a', 40),
    ...repeat('a', 'd', 'a', 2),
  ]);
  const base: ChooseMatchInput = {
    policies: model.policies,
    thetas: model.theta,
    covariance: model.modelCovariance,
    eligible: ['a', 'b', 'c', 'd'],
    strategy: 'rank-lookahead',
    seed: 3,
  };
  const byPair = (input: ChooseMatchInput): Record<string, number> =>
    Object.fromEntries(matchDistribution(input).map((d) => [d.pair.join('-'), d.probability]));

  it('returns an exact distribution: sums to 1, every pair ≥ ε/#pairs', () => {
    for (const explorationFloor of [0.1, 0.5]) {
      const distribution = matchDistribution({ ...base, explorationFloor });
      expect(distribution).toHaveLength(6);
      expect(distribution.reduce((s, d) => s + d.probability, 0)).toBeCloseTo(1, 12);
      for (const d of distribution)
        expect(d.probability).toBeGreaterThanOrEqual(explorationFloor / 6 - 1e-15);
    }
  });

  it('counts k running trials of one pair as one update with k times the information', () => {
    const belief = (): SkillBelief => {
      const n = model.policies.length;
      return {
        n,
        theta: Float64Array.from(model.theta),
        sigma: Float64Array.from(model.modelCovariance.flat()),
      };
    };
    const oneByOne = belief();
    for (let k = 0; k < 3; k++) absorbTrials(oneByOne, 0, 1);
    const atOnce = belief();
    absorbTrials(atOnce, 0, 1, 3);
    atOnce.sigma.forEach((v, k) => expect(v).toBeCloseTo(oneByOne.sigma[k]!, 12));
    // Orientation and order of the pending pairs do not matter; their number does.
    const three = byPair({
      ...base,
      pending: [
        ['a', 'b'],
        ['b', 'a'],
        ['a', 'b'],
      ],
    });
    const threeReordered = byPair({
      ...base,
      pending: [
        ['b', 'a'],
        ['a', 'b'],
        ['b', 'a'],
      ],
    });
    for (const [pair, probability] of Object.entries(three))
      expect(probability).toBeCloseTo(threeReordered[pair]!, 12);
    expect(three['a-b']!).toBeLessThan(byPair({ ...base, pending: [['a', 'b']] })['a-b']!);
    // A count says the same as repeating the pair.
    const counted = byPair({ ...base, pending: [['a', 'b', 3]] });
    for (const [pair, probability] of Object.entries(three))
      expect(probability).toBeCloseTo(counted[pair]!, 12);
  });

  it('prefers close, uncertain pairs over far, settled ones', () => {
    const p = byPair(base);
    expect(p['a-b']).toBeGreaterThan(p['a-c']);
    expect(p['c-d']).toBeGreaterThan(p['b-d']);
  });

  it('is deterministic for a seed and returns the drawn pair with its exact probability', () => {
    const drawn = chooseMatch(base);
    expect(chooseMatch(base)).toEqual(drawn);
    expect(matchDistribution(base)).toContainEqual(drawn);
  });

  it('counts pending pairs: a pair already running is worth less', () => {
    const pending: [string, string][] = Array.from({ length: 8 }, () => ['a', 'b']);
    expect(byPair({ ...base, pending })['a-b']).toBeLessThan(byPair(base)['a-b']);
  });

  it('spreads a batch over an empty board instead of piling onto one pair', () => {
    const empty: ChooseMatchInput = {
      ...base,
      policies: [],
      thetas: [],
      covariance: [],
      explorationFloor: 0,
    };
    for (const p of Object.values(byPair(empty))) expect(p).toBeCloseTo(1 / 6, 12);
    const p = byPair({ ...empty, pending: [['a', 'b']] });
    // With a–b running, a–b is now the least valuable pair on the board.
    for (const [pair, probability] of Object.entries(p))
      if (pair !== 'a-b') expect(probability).toBeGreaterThan(p['a-b']);
  });

  it('greedy selection (power Infinity) puts all exploitable mass on the best pair', () => {
    const distribution = matchDistribution({
      ...base,
      lookahead: { power: Infinity },
      explorationFloor: 0.2,
    });
    const high = distribution.filter((d) => d.probability > 0.2 / 6 + 1e-12);
    expect(high).toHaveLength(1);
    expect(high[0].probability).toBeCloseTo(0.8 + 0.2 / 6, 12);
  });

  it('rejects bad lookahead options', () => {
    expect(() => matchDistribution({ ...base, lookahead: { power: 0 } })).toThrow(/lookahead.power/);
    expect(() => matchDistribution({ ...base, lookahead: { horizons: [0.5] } })).toThrow(
      /lookahead.horizons/,
    );
  });

  it('warm-up: uniform while policies average fewer trials than warmupTrials', () => {
    const counts = { a: 2, b: 2, c: 2, d: 2 };
    for (const d of matchDistribution({ ...base, counts, warmupTrials: 3 }))
      expect(d.probability).toBeCloseTo(1 / 6, 12);
    expect(matchDistribution({ ...base, counts, warmupTrials: 2 })).toEqual(matchDistribution(base));
    expect(() => matchDistribution({ ...base, warmupTrials: -1 })).toThrow(/warmupTrials/);
  });

  it('absorbTrials is the rank-one Fisher update: Var(θk − θl) → s²/(1 + w·s²)', () => {
    const belief: SkillBelief = {
      n: 3,
      theta: new Float64Array([0.4, 0, -0.2]),
      sigma: new Float64Array([2, 0.5, 0, 0.5, 1, 0.2, 0, 0.2, 3]),
    };
    const s2 = differenceVariance(belief, 0, 1);
    const p = 1 / (1 + Math.exp(-0.4));
    absorbTrials(belief, 0, 1, 5);
    const w = 5 * p * (1 - p);
    expect(differenceVariance(belief, 0, 1)).toBeCloseTo(s2 / (1 + w * s2), 12);
    // Symmetric after the update.
    expect(belief.sigma[1 * 3 + 2]).toBeCloseTo(belief.sigma[2 * 3 + 1], 15);
  });

  it('scores are non-negative and a longer horizon never lowers the best value per trial', () => {
    const belief: SkillBelief = {
      n: 3,
      theta: new Float64Array([0.3, 0, -1]),
      sigma: new Float64Array([0.2, 0, 0, 0, 0.2, 0, 0, 0, 0.2]),
    };
    const candidates = [
      [0, 1],
      [0, 2],
      [1, 2],
    ] as const;
    const one = rankLookaheadScores(belief, candidates);
    const many = rankLookaheadScores(belief, candidates, [1, 4, 16]);
    one.forEach((s, k) => {
      expect(s).toBeGreaterThanOrEqual(0);
      expect(many[k]).toBeGreaterThanOrEqual(s);
    });
    expect(one[0]).toBeGreaterThan(one[1]);
  });
});
