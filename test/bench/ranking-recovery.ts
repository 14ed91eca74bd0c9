/**
 * Ranking-recovery benchmark (`npm run bench:ranking [-- --reps N --floor E --skill-sd S --lookahead-floor E --lookahead-warmup W]`): how
 * well do Bradley–Terry boards recover hidden skills under uniform, information-gain and
 * rank-lookahead matchmaking, and do their 95% intervals cover the truth? Prints a table; writes no
 * files.
 */
import { DEFAULT_EXPLORATION_FLOOR } from '@policy-arena/rating';
import { runReplicate, type Checkpoint, type MatchRule, type Scenario } from './ranking-simulation';

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

/** The exploration floor of the rank lookahead: 0.1 and 0.3 gave the same τ but lower coverage (README). */
const LOOKAHEAD_FLOOR = argument('lookahead-floor', 0.5);
/** Warm-up of the second lookahead row: uniform draws until policies average this many trials. */
const LOOKAHEAD_WARMUP = argument('lookahead-warmup', 10);

/** The rules compared, each with the covariance the matchmaker is given and how it treats pending pairs. */
const RULES: { label: string; rule: MatchRule; description: string }[] = [
  { label: 'uniform', rule: { strategy: 'uniform' }, description: 'every eligible pair equally likely' },
  {
    label: 'info-gain',
    rule: { strategy: 'information-gain', covariance: 'sandwich', pending: false },
    description: 'weights p(1−p)·Var(θi−θj), sandwich covariance',
  },
  {
    label: 'lookahead',
    rule: {
      strategy: 'rank-lookahead',
      covariance: 'model',
      pending: true,
      explorationFloor: LOOKAHEAD_FLOOR,
    },
    description:
      'rank lookahead: expected drop of Σ P(pair misordered) after one trial (information p(1−p)), ' +
      `model covariance, the batch drawn since the last refit as pending, mass ∝ score, floor ${LOOKAHEAD_FLOOR}`,
  },
  {
    label: 'lookahead+warm-up',
    rule: {
      strategy: 'rank-lookahead',
      covariance: 'model',
      pending: true,
      explorationFloor: LOOKAHEAD_FLOOR,
      warmupTrials: LOOKAHEAD_WARMUP,
    },
    description: `the same, uniform until policies average ${LOOKAHEAD_WARMUP} trials (warmupTrials)`,
  },
];

interface Summary {
  trials: number;
  tau: number;
  top1: number;
  coverage: number;
  coverageModel: number;
}

/** Means over replicates at each checkpoint (checkpoint k is after (k+1)·batch trials). */
function summarise(runs: readonly Checkpoint[][]): Summary[] {
  return runs[0].map((_, k) => {
    const at = runs.map((r) => r[k]);
    const intervals = at.reduce((s, c) => s + c.intervals, 0);
    return {
      trials: at[0].trials,
      tau: at.reduce((s, c) => s + c.tau, 0) / at.length,
      top1: at.filter((c) => c.top1).length / at.length,
      coverage: at.reduce((s, c) => s + c.covered, 0) / intervals,
      coverageModel: at.reduce((s, c) => s + c.coveredModel, 0) / intervals,
    };
  });
}

/** Trials at which a τ curve first reaches `target`, linearly interpolated between checkpoints. */
function trialsToReach(curve: readonly Summary[], target: number): number | undefined {
  const k = curve.findIndex((s) => s.tau >= target);
  if (k < 0) return undefined;
  if (k === 0) return curve[0].trials;
  const [a, b] = [curve[k - 1], curve[k]];
  return a.trials + ((target - a.tau) / (b.tau - a.tau)) * (b.trials - a.trials);
}

const started = Date.now();
const curves = RULES.map(({ rule }) =>
  summarise(Array.from({ length: reps }, (_, r) => runReplicate(scenario, rule, r))),
);
const at = (rule: number, trials: number): Summary =>
  curves[rule].find((s) => s.trials === trials) as Summary;

const f = (x: number, digits = 3): string => x.toFixed(digits);
console.log(
  `ranking recovery: ${scenario.policies} policies, θ* ~ N(0, ${scenario.skillSd}²), ${reps} reps per rule, ` +
    `refit every ${scenario.batch} trials, exploration floor ${scenario.explorationFloor}`,
);
for (const { label, description } of RULES) console.log(`  ${label}: ${description}`);
console.log('');
const labels = RULES.map((r) => r.label);
const header = [
  'trials',
  ...labels.map((l) => `τ ${l}`),
  ...labels.map((l) => `top-1 ${l}`),
  ...labels.map((l) => `coverage ${l}`),
];
console.log(`| ${header.join(' | ')} |`);
console.log(`|${header.map((h) => `${'-'.repeat(h.length + 1)}:`).join('|')}|`);
for (const budget of BUDGETS) {
  const rows = RULES.map((_, k) => at(k, budget));
  console.log(
    `| ${[
      budget,
      ...rows.map((s) => f(s.tau)),
      ...rows.map((s) => f(s.top1, 2)),
      ...rows.map((s) => f(s.coverage)),
    ].join(' | ')} |`,
  );
}
console.log('');
const target = at(0, scenario.maxTrials).tau;
console.log(
  `uniform τ at ${scenario.maxTrials} = ${f(target)}; trials to reach it (interpolated between checkpoints every ${scenario.batch}):`,
);
for (let k = 1; k < RULES.length; k++) {
  const reached = trialsToReach(curves[k], target);
  console.log(
    `  ${labels[k]}: ${reached === undefined ? `not within ${scenario.maxTrials}` : `${reached.toFixed(0)} trials`}`,
  );
}
console.log('');
console.log(
  'coverage = share of (policy, replicate) whose true centred skill lies inside its 95% sandwich interval ' +
    "(the board's); with the model-based covariance instead:",
);
for (let k = 0; k < RULES.length; k++) {
  console.log(`  ${labels[k]}: ${BUDGETS.map((b) => `${b}: ${f(at(k, b).coverageModel)}`).join(', ')}`);
}
console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
