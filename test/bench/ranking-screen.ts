/**
 * Screening helper for matchmaking rules (not part of `npm run bench:ranking`):
 * `node -r @swc-node/register test/bench/ranking-screen.ts REPS JSON_RULE…` prints τ and coverage
 * per budget for each rule, e.g. '{"strategy":"rank-lookahead","lookahead":{"power":2}}'.
 */
import { runReplicate, type Checkpoint, type MatchRule } from './ranking-simulation';

const BUDGETS = [60, 120, 240, 480, 720, 960];
const reps = Number(process.argv[2]);
const rules = process.argv.slice(3).map((r) => JSON.parse(r) as MatchRule);
const scenario = {
  policies: 12,
  skillSd: 1,
  maxTrials: 960,
  batch: Number(process.env.BATCH ?? 20),
  explorationFloor: Number(process.env.FLOOR ?? 0.1),
};
for (const rule of rules) {
  const t0 = Date.now();
  const runs: Checkpoint[][] = Array.from({ length: reps }, (_, r) => runReplicate(scenario, rule, r));
  const row = (trials: number) => {
    const at = runs.map((r) => r.find((c) => c.trials === trials) as Checkpoint);
    const tau = at.reduce((s, c) => s + c.tau, 0) / at.length;
    const cov = at.reduce((s, c) => s + c.covered, 0) / at.reduce((s, c) => s + c.intervals, 0);
    const covm = at.reduce((s, c) => s + c.coveredModel, 0) / at.reduce((s, c) => s + c.intervals, 0);
    return `${trials}: τ ${tau.toFixed(3)} cov ${cov.toFixed(3)}/${covm.toFixed(3)}`;
  };
  const curve = runs[0].map((_, k) => ({
    trials: runs[0][k].trials,
    tau: runs.reduce((s, r) => s + r[k].tau, 0) / reps,
  }));
  console.log(JSON.stringify(rule), `(${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  console.log('  ' + BUDGETS.map(row).join(' | '));
  console.log(
    '  τ curve: ' +
      curve
        .filter((c) => c.trials % 80 === 0 || c.trials === 60)
        .map((c) => `${c.trials}:${c.tau.toFixed(3)}`)
        .join(' '),
  );
}
