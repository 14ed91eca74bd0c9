/**
 * Vote integrity on simulated evaluation networks (libs/sim): how well the per-evaluator tests
 * find the riggers and random voters the simulation planted, and what dropping the flagged
 * evaluators does to the board. Prints precision and recall per amount of data.
 *
 *   npm run bench:integrity -- [--worlds 8]
 */
import { evaluatorIntegrity } from '@policy-arena/rating';
import { boardEffect, precision, recall, score, simulateVotes, type DetectionScore } from './sim-votes';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const WORLDS = arg('worlds', 8);

async function main(): Promise<void> {
  console.log(
    `\nvote integrity — ${WORLDS} simulated worlds per row (seeds 1…${WORLDS}); each: 6 policies, 6 honest evaluators, ` +
      '2 riggers (vote for the weakest policy whenever they recognise it), 2 random voters; alpha 0.05 per world\n',
  );
  console.log(
    '| trials per evaluator | flagged (true / false) | precision | recall | board τ vs truth before → after | promoted policy rank before → after |',
  );
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const trialsPerEvaluator of [20, 40, 80]) {
    const total: DetectionScore = { truePositives: 0, falsePositives: 0, falseNegatives: 0 };
    let tauBefore = 0;
    let tauAfter = 0;
    let rankBefore = 0;
    let rankAfter = 0;
    for (let seed = 1; seed <= WORLDS; seed++) {
      const votes = await simulateVotes(seed, { favouring: 2, randomVoters: 2, trialsPerEvaluator });
      const report = evaluatorIntegrity(votes.records);
      const s = score(report, votes.adversaries);
      total.truePositives += s.truePositives;
      total.falsePositives += s.falsePositives;
      total.falseNegatives += s.falseNegatives;
      const effect = boardEffect(votes, report);
      tauBefore += effect.tauBefore / WORLDS;
      tauAfter += effect.tauAfter / WORLDS;
      rankBefore += effect.promotedRankBefore! / WORLDS;
      rankAfter += effect.promotedRankAfter! / WORLDS;
    }
    console.log(
      `| ${trialsPerEvaluator} | ${total.truePositives} / ${total.falsePositives} | ${precision(total).toFixed(2)} | ${recall(total).toFixed(2)} | ` +
        `${tauBefore.toFixed(2)} → ${tauAfter.toFixed(2)} | ${rankBefore.toFixed(1)} → ${rankAfter.toFixed(1)} (of 6; truth 6) |`,
    );
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
