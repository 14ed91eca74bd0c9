import { describe, expect, it } from 'vitest';
import { repeat } from '../testing/records';
import { fitBradleyTerry } from './fit-bradley-terry';
import { DEFAULT_PRIOR_SD } from './prior';

// Two policies, w wins and l losses: the MLE of θx − θy is ln(w/l), by hand.
describe('Bradley–Terry: two players, 30 wins and 10 losses', () => {
  const records = [...repeat('x', 'y', 'a', 30), ...repeat('y', 'x', 'a', 10)];
  const diff = (priorSd: number): number => {
    const model = fitBradleyTerry(records, { priorSd });
    return model.theta[0] - model.theta[1];
  };

  it('gives θx − θy = ln(30/10) when the prior is negligible', () => {
    expect(diff(1e4)).toBeCloseTo(Math.log(3), 6);
  });

  it('shrinks by the documented factor 1/(1 + 1/(2σ²·n·p(1−p))) under the default prior: about 3%', () => {
    const p = 0.75;
    const factor = 1 / (1 + 1 / (2 * DEFAULT_PRIOR_SD ** 2 * 40 * p * (1 - p)));
    const shrunk = diff(DEFAULT_PRIOR_SD);
    expect(shrunk / Math.log(3)).toBeCloseTo(factor, 2);
    expect(1 - shrunk / Math.log(3)).toBeLessThan(0.035);
    expect(shrunk).toBeLessThan(Math.log(3));
  });

  it('counts a tie as half a win: 30–10 plus 20 ties is 40–20', () => {
    const withTies = [...records, ...repeat('x', 'y', 'tie', 10), ...repeat('x', 'y', 'both_bad', 10)];
    const model = fitBradleyTerry(withTies, { priorSd: 1e4 });
    expect(model.theta[0] - model.theta[1]).toBeCloseTo(Math.log(40 / 20), 6);
  });

  it('has the textbook standard error 1/√(n·p(1−p)) for the difference when the prior is negligible', () => {
    const model = fitBradleyTerry(records, { priorSd: 1e4 });
    const c = model.modelCovariance;
    const varDiff = c[0][0] + c[1][1] - 2 * c[0][1];
    expect(Math.sqrt(varDiff)).toBeCloseTo(1 / Math.sqrt(40 * 0.75 * 0.25), 4);
  });
});
