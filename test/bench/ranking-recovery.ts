/**
 * Ranking-recovery benchmark (`npm run bench:ranking [-- --reps N --floor E --skill-sd S]`): how
 * well do Bradley–Terry boards recover hidden skills under uniform vs information-gain
 * matchmaking, and do their 95% intervals cover the truth? Prints a table; writes no files.
 */
import { DEFAULT_EXPLORATION_FLOOR, type MatchStrategy } from '@policy-arena/rating';
import { runReplicate, type Checkpoint, type Scenario } from './ranking-simulation';

function argument(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name}: expected a positive number`);
  return value;
}

const BUDGETS = [60, 120, 240, 480, 960];
const reps = Math.floor(argument('reps', 100));
const scenario: Scenario = {
  policies: Math.floor(argument('policies', 12)),
  skillSd: argument('skill-sd', 1),
  maxTrials: BUDGETS[BUDGETS.length - 1],
  batch: Math.floor(argument('batch', 20)),
  explorationFloor: argument('floor', DEFAULT_EXPLORATION_FLOOR),
};
if (BUDGETS.some((b) => b % scenario.batch !== 0))
  throw new Error('--batch: must divide every budget (60 … 960)');
const strategies: MatchStrategy[] = ['uniform', 'information-gain'];

interface Summary {
  trials: number;
  tau: number;
  top1: number;
  coverage: number;
}

/** Means over replicates at each checkpoint (checkpoint k is after (k+1)·batch trials). */
function summarise(runs: readonly Checkpoint[][]): Summary[] {
  return runs[0].map((_, k) => {
    const at = runs.map((r) => r[k]);
    return {
      trials: at[0].trials,
      tau: at.reduce((s, c) => s + c.tau, 0) / at.length,
      top1: at.filter((c) => c.top1).length / at.length,
      coverage: at.reduce((s, c) => s + c.covered, 0) / at.reduce((s, c) => s + c.intervals, 0),
    };
  });
}

const started = Date.now();
const curves = new Map<MatchStrategy, Summary[]>();
for (const strategy of strategies) {
  curves.set(
    strategy,
    summarise(Array.from({ length: reps }, (_, r) => runReplicate(scenario, strategy, r))),
  );
}
const at = (strategy: MatchStrategy, trials: number): Summary =>
  (curves.get(strategy) as Summary[]).find((s) => s.trials === trials) as Summary;

const f = (x: number, digits = 3): string => x.toFixed(digits);
console.log(
  `ranking recovery: ${scenario.policies} policies, θ* ~ N(0, ${scenario.skillSd}²), ${reps} reps per strategy, ` +
    `refit every ${scenario.batch} trials, exploration floor ${scenario.explorationFloor}`,
);
console.log('');
console.log(
  '| trials | τ uniform | τ info-gain | top-1 uniform | top-1 info-gain | coverage uniform | coverage info-gain |',
);
console.log(
  '|-------:|----------:|------------:|--------------:|----------------:|-----------------:|-------------------:|',
);
for (const budget of BUDGETS) {
  const u = at('uniform', budget);
  const g = at('information-gain', budget);
  console.log(
    `| ${budget} | ${f(u.tau)} | ${f(g.tau)} | ${f(u.top1, 2)} | ${f(g.top1, 2)} | ${f(u.coverage)} | ${f(g.coverage)} |`,
  );
}
const target = at('uniform', scenario.maxTrials).tau;
const reached = (curves.get('information-gain') as Summary[]).find((s) => s.tau >= target);
console.log('');
console.log(
  `uniform τ at ${scenario.maxTrials} = ${f(target)}; information gain first reaches it at ` +
    `${reached ? `${reached.trials} trials` : `no checkpoint ≤ ${scenario.maxTrials}`} (checkpoints every ${scenario.batch}).`,
);
console.log(
  'coverage = share of (policy, replicate) whose true centred skill lies inside its 95% sandwich interval.',
);
console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
