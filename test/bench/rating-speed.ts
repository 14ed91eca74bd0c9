/**
 * Rating speed benchmark (`npm run bench:rating-speed [-- --policies 200 --trials 1000000
 * --rounds 100]`): a Bradley–Terry fit with sandwich intervals and a 100-round bootstrap on a
 * million trials between 200 policies, timed against a straightforward per-trial implementation
 * of the same estimator in the same run, so the ratio does not depend on how busy the machine is.
 *
 * The engine aggregates identical pairs first (a few tens of thousands of cells instead of a
 * million rows), then runs Newton on the cells. The baseline does what fitting Bradley–Terry as a
 * logistic regression over raw battles does: every iteration walks every trial to accumulate the
 * gradient, and steps along it (preconditioned by each policy's curvature bound, so it converges
 * in a few hundred passes instead of thousands); its sandwich walks every trial once more.
 */
import { DEFAULT_PRIOR_SD, createRng, fitBradleyTerry, rate } from '@policy-arena/rating';
import type { PairwiseRecord } from '@policy-arena/domain';
import { inverseSpd } from '../../libs/rating/src/math/linalg';

function argument(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name}: expected a positive whole number`);
  return value;
}

const POLICIES = argument('policies', 200);
const TRIALS = argument('trials', 1_000_000);
const ROUNDS = argument('rounds', 100);

const seconds = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e9;

function timed<T>(fn: () => T): { value: T; seconds: number } {
  const started = process.hrtime.bigint();
  const value = fn();
  return { value, seconds: seconds(started) };
}

/** Hidden skills N(0, 1), uniformly drawn pairs, outcomes by Bradley–Terry with 10% ties. */
function simulate(): PairwiseRecord[] {
  const rng = createRng('rating-speed');
  const names = Array.from({ length: POLICIES }, (_, k) => `policy-${String(k).padStart(3, '0')}@1`);
  const skills = names.map(() => rng.normal());
  const records: PairwiseRecord[] = new Array(TRIALS);
  for (let k = 0; k < TRIALS; k++) {
    const a = rng.int(POLICIES);
    let b = rng.int(POLICIES - 1);
    if (b >= a) b++;
    const p = 1 / (1 + Math.exp(skills[b]! - skills[a]!));
    const u = rng.next();
    records[k] = { a: names[a]!, b: names[b]!, winner: u < 0.1 ? 'tie' : u < 0.1 + 0.9 * p ? 'a' : 'b' };
  }
  return records;
}

interface BaselineFit {
  theta: Float64Array;
  passes: number;
  standardErrors: Float64Array;
}

/**
 * The straightforward way: per-trial gradient passes until no skill moves by more than 1e-9,
 * then a per-trial sandwich (HC0: bread = inverse information, meat = Σ per-trial score²).
 */
function perTrialGradient(records: readonly PairwiseRecord[]): BaselineFit {
  const index = new Map<string, number>();
  const a = new Int32Array(records.length);
  const b = new Int32Array(records.length);
  const score = new Float64Array(records.length); // a's score: 1 win, ½ tie, 0 loss
  records.forEach((r, k) => {
    if (!index.has(r.a)) index.set(r.a, index.size);
    if (!index.has(r.b)) index.set(r.b, index.size);
    a[k] = index.get(r.a)!;
    b[k] = index.get(r.b)!;
    score[k] = r.winner === 'a' ? 1 : r.winner === 'b' ? 0 : 0.5;
  });
  const n = index.size;
  const precision = 1 / (DEFAULT_PRIOR_SD * DEFAULT_PRIOR_SD);
  // Curvature bound per policy: ¼ per trial it played, plus the prior.
  const bound = new Float64Array(n).fill(precision);
  for (let k = 0; k < records.length; k++) {
    bound[a[k]!] += 0.25;
    bound[b[k]!] += 0.25;
  }
  const theta = new Float64Array(n);
  const gradient = new Float64Array(n);
  let passes = 0;
  for (let moved = Infinity; moved > 1e-9 && passes < 100_000; passes++) {
    for (let i = 0; i < n; i++) gradient[i] = -precision * theta[i]!;
    for (let k = 0; k < records.length; k++) {
      const residual = score[k]! - 1 / (1 + Math.exp(theta[b[k]!]! - theta[a[k]!]!));
      gradient[a[k]!] += residual;
      gradient[b[k]!] -= residual;
    }
    moved = 0;
    for (let i = 0; i < n; i++) {
      const step = gradient[i]! / bound[i]!;
      theta[i] += step;
      moved = Math.max(moved, Math.abs(step));
    }
    // The likelihood ignores a common shift and the prior makes the optimum's mean exactly 0;
    // left to the prior alone the mean would take ~10⁵ passes to settle, so remove it each pass.
    const mean = theta.reduce((sum, t) => sum + t, 0) / n;
    for (let i = 0; i < n; i++) theta[i] -= mean;
  }
  // Sandwich: information and meat accumulated trial by trial.
  const information = Array.from({ length: n }, (_, i) => {
    const row = new Array<number>(n).fill(0);
    row[i] = precision;
    return row;
  });
  const meat = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let k = 0; k < records.length; k++) {
    const i = a[k]!;
    const j = b[k]!;
    const p = 1 / (1 + Math.exp(theta[j]! - theta[i]!));
    const w = p * (1 - p);
    information[i]![i] += w;
    information[j]![j] += w;
    information[i]![j] -= w;
    information[j]![i] -= w;
    const r = score[k]! - p;
    meat[i]![i] += r * r;
    meat[j]![j] += r * r;
    meat[i]![j] -= r * r;
    meat[j]![i] -= r * r;
  }
  const bread = inverseSpd(information);
  const standardErrors = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let v = 0;
    for (let x = 0; x < n; x++) for (let y = 0; y < n; y++) v += bread[i]![x]! * meat[x]![y]! * bread[y]![i]!;
    standardErrors[i] = Math.sqrt(v);
  }
  return { theta, passes, standardErrors };
}

function main(): void {
  console.log(
    `rating speed: ${POLICIES} policies, ${TRIALS.toLocaleString('en')} trials, ${ROUNDS} bootstrap rounds; Node ${process.version}, one thread`,
  );
  const records = timed(simulate);
  console.log(`simulated the trials in ${records.seconds.toFixed(2)} s (not part of any figure below)\n`);

  // Three runs of the engine's fit; the median is the figure (the first includes JIT warm-up).
  const fits = [0, 1, 2].map(() => timed(() => fitBradleyTerry(records.value)));
  const engineFit = [...fits].sort((x, y) => x.seconds - y.seconds)[1]!;
  const sandwich = timed(() => rate(records.value, { method: 'bt', ci: 'sandwich' }));
  const bootstrap = timed(() =>
    rate(records.value, { method: 'bt', ci: 'bootstrap', rounds: ROUNDS, seed: 1 }),
  );
  const baseline = timed(() => perTrialGradient(records.value));

  // Both fit the same penalised likelihood: the skills must agree.
  const order = engineFit.value.policies;
  const names = [...new Set(records.value.flatMap((r) => [r.a, r.b]))];
  const gap = Math.max(
    ...order.map((p, k) => Math.abs(engineFit.value.theta[k]! - baseline.value.theta[names.indexOf(p)]!)),
  );

  console.log('| what | seconds | vs engine fit + sandwich |');
  console.log('| --- | ---: | ---: |');
  const row = (what: string, s: number) =>
    console.log(`| ${what} | ${s.toFixed(3)} | ${(s / engineFit.seconds).toFixed(1)}× |`);
  row('engine: aggregate + Newton + sandwich (`fitBradleyTerry`, median of 3)', engineFit.seconds);
  row('engine: whole board with sandwich intervals (`rate`, incl. input digest and table)', sandwich.seconds);
  row(`engine: whole board with ${ROUNDS}-round bootstrap (\`rate --ci bootstrap\`)`, bootstrap.seconds);
  row(
    `baseline: per-trial gradient (${baseline.value.passes} passes) + per-trial sandwich`,
    baseline.seconds,
  );
  console.log(`\nlargest difference between the two fits' skills: ${gap.toExponential(2)} (θ units)`);
  console.log(
    `goal (issue 3): fit + sandwich under 1 s on one core — ${engineFit.seconds.toFixed(3)} s: ${engineFit.seconds < 1 ? 'met' : 'not met'}`,
  );
}

main();
