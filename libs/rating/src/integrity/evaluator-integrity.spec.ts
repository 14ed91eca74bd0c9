import type { PairwiseRecord } from '@policy-arena/domain';
import { describe, expect, it } from 'vitest';
import { createRng } from '../math/prng';
import { logistic } from '../math/special';
import { rate } from '../rate';
import { policyNames } from '../testing/simulate';
import { downWeightEvaluators } from './down-weight';
import { evaluatorIntegrity } from './evaluator-integrity';

/**
 * Eight honest evaluators vote by the Bradley–Terry law of hidden skills; `rigger` votes for the
 * weakest policy whenever it is on the table (honestly otherwise); `coin` votes at random.
 */
function scenario(
  seed: number,
  trialsPerEvaluator = 120,
): { records: PairwiseRecord[]; weakest: string; skills: Map<string, number> } {
  const rng = createRng(seed);
  const names = policyNames(6);
  const skills = [1.2, 0.7, 0.3, 0, -0.5, -1.4];
  const weakest = names[5]!;
  const evaluators = [...Array.from({ length: 8 }, (_, i) => `honest-${i}`), 'rigger', 'coin'];
  const records: PairwiseRecord[] = [];
  for (let t = 0; t < trialsPerEvaluator; t++) {
    for (const evaluator of evaluators) {
      // The rigger gets the weakest policy in half of his trials: he seeks it out.
      const i = evaluator === 'rigger' && rng.next() < 0.5 ? 5 : rng.int(6);
      let j = rng.int(5);
      if (j >= i) j++;
      const [a, b] = rng.next() < 0.5 ? [i, j] : [j, i];
      const honest = rng.next() < logistic(skills[a]! - skills[b]!) ? 'a' : 'b';
      const winner =
        evaluator === 'coin'
          ? rng.next() < 0.5
            ? 'a'
            : 'b'
          : evaluator === 'rigger' && (a === 5 || b === 5)
            ? a === 5
              ? 'a'
              : 'b'
            : honest;
      records.push({ a: names[a]!, b: names[b]!, winner, evaluator });
    }
  }
  return { records, weakest, skills: new Map(names.map((n, k) => [n, skills[k]!])) };
}

describe('evaluatorIntegrity', () => {
  it('flags the rigger and the coin-flipper, and no honest evaluator, naming why', () => {
    const { records, weakest } = scenario(11);
    const report = evaluatorIntegrity(records);
    const flagged = report.evaluators.filter((e) => e.flagged).map((e) => e.evaluator);
    expect(flagged.sort()).toEqual(['coin', 'rigger']);
    const rigger = report.evaluators.find((e) => e.evaluator === 'rigger')!;
    expect(rigger.favouritism).toMatchObject({ policy: weakest });
    expect(rigger.favouritism!.z).toBeGreaterThan(5);
    expect(rigger.reasons.join(' ')).toContain(`leans towards ${weakest}`);
    const coin = report.evaluators.find((e) => e.evaluator === 'coin')!;
    expect(coin.fitZ).toBeLessThan(-4);
    expect(coin.reasons.join(' ')).toContain("fit the crowd's model poorly");
  });

  it('estimates reliability near 1 for honest raters and near 0 for a coin', () => {
    const report = evaluatorIntegrity(scenario(12).records);
    const reliability = Object.fromEntries(report.evaluators.map((e) => [e.evaluator, e.reliability]));
    for (let i = 0; i < 8; i++) expect(reliability[`honest-${i}`]).toBeGreaterThan(0.7);
    expect(reliability['coin']).toBeLessThan(0.3);
    expect(reliability['rigger']).toBeLessThan(reliability['honest-0']!);
  });

  it('raises false alarms among honest evaluators at about the chosen rate (alpha = 0.05 per report)', () => {
    // The crowd's skills are estimates, so the fit statistic is a little over-dispersed (variance
    // ≈ 1.1 instead of 1 here): allow up to twice the nominal family-wise rate.
    let reportsWithFalseAlarm = 0;
    for (let seed = 100; seed < 140; seed++) {
      const honestOnly = scenario(seed).records.filter((r) => r.evaluator!.startsWith('honest'));
      if (evaluatorIntegrity(honestOnly).evaluators.some((e) => e.flagged)) reportsWithFalseAlarm++;
    }
    expect(reportsWithFalseAlarm / 40).toBeLessThanOrEqual(0.1);
  });

  it('does not flag an evaluator with too few votes to judge', () => {
    const { records } = scenario(13, 6);
    const report = evaluatorIntegrity(records, { minVotes: 10 });
    expect(report.evaluators.every((e) => !e.flagged)).toBe(true);
  });

  it('down-weighting the flagged evaluators moves the promoted policy back towards its true rank', () => {
    const { records, weakest } = scenario(14);
    const report = evaluatorIntegrity(records);
    const before = rate(records);
    const after = rate(downWeightEvaluators(records, report), { weighting: 'ipw' });
    const rowOf = (t: typeof before, p: string) => t.rows.find((r) => r.policy === p)!;
    expect(rowOf(before, weakest).rating).toBeGreaterThan(rowOf(after, weakest).rating);
    expect(rowOf(after, weakest).rank).toBe(6);
    // Dropped, not merely discounted: the flagged evaluators' trials are gone.
    expect(after.trials).toBe(
      records.filter((r) => r.evaluator !== 'rigger' && r.evaluator !== 'coin').length,
    );
    // Reliability weights keep everyone but count the unreliable less.
    const weighted = downWeightEvaluators(records, report, { mode: 'reliability' });
    const honest = weighted.find((r) => r.evaluator === 'honest-0')!;
    expect(honest.propensity).toBeGreaterThan(0);
    expect(honest.propensity).toBeLessThanOrEqual(1);
  });

  it('is deterministic', () => {
    const { records } = scenario(15);
    expect(JSON.stringify(evaluatorIntegrity(records))).toBe(JSON.stringify(evaluatorIntegrity(records)));
  });
});
