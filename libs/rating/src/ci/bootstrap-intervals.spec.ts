import { describe, expect, it } from 'vitest';
import { createRng } from '../math/prng';
import { rate } from '../rate';
import { drawSkills, policyNames, simulateUniform } from '../testing/simulate';
import { quantileSorted } from './bootstrap';

// Seeded multinomial bootstrap against the sandwich on a board large enough for both to agree.
describe('bootstrap intervals', () => {
  const rng = createRng('bootstrap-board');
  const names = policyNames(6);
  const records = simulateUniform(rng, names, drawSkills(rng, 6, 1), 1500);

  it('agree with the sandwich intervals within 25% in width on 1500 trials', () => {
    const sandwich = rate(records);
    const bootstrap = rate(records, { ci: 'bootstrap', rounds: 200, seed: 42 });
    for (const row of sandwich.rows) {
      const other = bootstrap.rows.find((r) => r.policy === row.policy);
      const w1 = row.ci[1] - row.ci[0];
      const w2 = (other?.ci[1] as number) - (other?.ci[0] as number);
      expect(Math.abs(w2 / w1 - 1)).toBeLessThan(0.25);
      expect(other?.rating).toBe(row.rating);
    }
  });

  it('record the rounds and seed in params', () => {
    const table = rate(records, { ci: 'bootstrap', rounds: 10, seed: 'abc' });
    expect(table.params).toMatchObject({ ci: 'bootstrap', rounds: 10, seed: 'abc' });
  });

  it('use numpy’s default (linear) quantile', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([0, 10], 0.025)).toBeCloseTo(0.25, 12);
  });
});
