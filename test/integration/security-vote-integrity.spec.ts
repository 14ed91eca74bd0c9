import { evaluatorIntegrity } from '@policy-arena/rating';
import { describe, expect, it } from 'vitest';
import { boardEffect, precision, recall, score, simulateVotes, type DetectionScore } from '../load/sim-votes';

// Vote integrity: the per-evaluator tests find the adversarial evaluators that libs/sim plants
// (riggers who vote for the weakest policy when they recognise it, random voters) among honest,
// noisy ones — and dropping the flagged evaluators brings the board closer to the hidden truth.
describe('vote integrity on simulated evaluation networks', () => {
  it('flags riggers and random voters with high precision and recall, and repairs the board', async () => {
    const total: DetectionScore = { truePositives: 0, falsePositives: 0, falseNegatives: 0 };
    const effects: ReturnType<typeof boardEffect>[] = [];
    for (const seed of [1, 2, 3]) {
      const votes = await simulateVotes(seed, { favouring: 2, randomVoters: 2, trialsPerEvaluator: 60 });
      const report = evaluatorIntegrity(votes.records);
      const s = score(report, votes.adversaries);
      total.truePositives += s.truePositives;
      total.falsePositives += s.falsePositives;
      total.falseNegatives += s.falseNegatives;
      for (const rigger of report.evaluators.filter(
        (e) => e.evaluator.startsWith('sim-rigger') && e.flagged,
      )) {
        const promoted = votes.world.policies.find((p) => p.signature !== undefined)!;
        expect(rigger.favouritism?.policy).toBe(`${promoted.name}@${promoted.version}`);
      }
      effects.push(boardEffect(votes, report));
    }
    console.log(
      `vote integrity (3 worlds, 60 trials per evaluator): precision ${precision(total).toFixed(2)}, ` +
        `recall ${recall(total).toFixed(2)} (${total.truePositives} of 12 adversaries flagged, ${total.falsePositives} honest flagged)`,
    );
    expect(precision(total)).toBeGreaterThanOrEqual(0.9);
    expect(recall(total)).toBeGreaterThanOrEqual(0.8);
    const mean = (f: (e: (typeof effects)[0]) => number) =>
      effects.reduce((s, e) => s + f(e), 0) / effects.length;
    expect(mean((e) => e.tauAfter)).toBeGreaterThan(mean((e) => e.tauBefore));
    for (const e of effects) expect(e.promotedRatingAfter!).toBeLessThan(e.promotedRatingBefore!);
  });
});
