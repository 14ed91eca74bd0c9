import { describe, expect, it } from 'vitest';
import { centredVariances } from '../ci/normal-intervals';
import { createRng } from '../math/prng';
import { centre } from '../scale';
import { drawSkills, kendallTau, policyNames, simulateUniform } from '../testing/simulate';
import { fitBradleyTerry } from './fit-bradley-terry';

// Known ground truth: 8 policies with skills ~ N(0, 1) (≈ 174 Elo points SD), uniform pairs.
describe('simulation: Bradley–Terry recovers a known ranking', () => {
  const names = policyNames(8);

  it('800 trials rank the policies with Kendall τ > 0.7 (mean over 10 boards)', () => {
    let tau = 0;
    for (let rep = 0; rep < 10; rep++) {
      const rng = createRng(`recovery-${rep}`);
      const skills = drawSkills(rng, 8, 1);
      const model = fitBradleyTerry(simulateUniform(rng, names, skills, 800));
      const truth = model.policies.map((p) => skills[names.indexOf(p)]);
      tau += kendallTau(model.theta, truth) / 10;
    }
    expect(tau).toBeGreaterThan(0.7);
  });

  it('95% sandwich intervals cover the true centred skill 90–99% of the time (40 boards × 8)', () => {
    let covered = 0;
    let total = 0;
    for (let rep = 0; rep < 40; rep++) {
      const rng = createRng(`coverage-${rep}`);
      const skills = drawSkills(rng, 8, 1);
      const model = fitBradleyTerry(simulateUniform(rng, names, skills, 300));
      const truth = centre(model.policies.map((p) => skills[names.indexOf(p)]));
      const variances = centredVariances(model.covariance);
      model.theta.forEach((t, k) => {
        if (Math.abs(t - truth[k]) <= 1.96 * Math.sqrt(variances[k])) covered++;
        total++;
      });
    }
    const coverage = covered / total;
    expect(coverage).toBeGreaterThan(0.9);
    expect(coverage).toBeLessThan(0.99);
  });
});
