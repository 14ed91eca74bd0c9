import {
  chooseMatch,
  createRng,
  fitBradleyTerry,
  type BradleyTerryModel,
  type LookaheadOptions,
  type MatchStrategy,
} from '@policy-arena/rating';
import type { PairwiseRecord } from '@policy-arena/domain';
import { centredVariances } from '../../libs/rating/src/ci/normal-intervals';
import { centre } from '../../libs/rating/src/scale';
import { drawSkills, kendallTau, playTrial, policyNames } from '../../libs/rating/src/testing/simulate';

export interface Scenario {
  policies: number;
  /** SD of the hidden skills θ* (natural units; 1 ≈ 174 Elo points). */
  skillSd: number;
  /** Largest budget; every multiple of `batch` up to it is a checkpoint. */
  maxTrials: number;
  /** Refit and rebuild the matchmaking distribution every `batch` trials. */
  batch: number;
  explorationFloor: number;
}

/** A matchmaking rule as the benchmark runs it. */
export interface MatchRule {
  strategy: MatchStrategy;
  /** Which covariance of the fit the matchmaker sees: the sandwich (default) or the model-based one. */
  covariance?: 'sandwich' | 'model';
  /** Pass the pairs drawn since the last refit as `pending`. Default true. */
  pending?: boolean;
  lookahead?: LookaheadOptions;
  /** Uniform draws while policies average fewer trials than this (`warmupTrials`). */
  warmupTrials?: number;
  /** Overrides the scenario's exploration floor for this rule. */
  explorationFloor?: number;
}

export interface Checkpoint {
  trials: number;
  tau: number;
  top1: boolean;
  /** Policies whose true centred skill lies inside their 95% interval, out of `intervals`. */
  covered: number;
  /** The same with the model-based (inverse penalised information) covariance. */
  coveredModel: number;
  intervals: number;
}

const Z95 = 1.959963984540054;

function evaluate(
  model: BradleyTerryModel,
  names: readonly string[],
  skills: readonly number[],
  trials: number,
): Checkpoint {
  // Policies not drawn yet sit at the board mean (θ = 0), as a fresh board would show them.
  const estimate = names.map((name) => {
    const k = model.policies.indexOf(name);
    return k < 0 ? 0 : model.theta[k];
  });
  // The truth is centred over the rated policies, like the estimate.
  const truth = centre(model.policies.map((p) => skills[names.indexOf(p)]));
  const inside = (covariance: BradleyTerryModel['covariance']): number => {
    const variances = centredVariances(covariance);
    return model.theta.filter((t, k) => Math.abs(t - truth[k]) <= Z95 * Math.sqrt(variances[k])).length;
  };
  const best = (v: readonly number[]): number => v.indexOf(Math.max(...v));
  return {
    trials,
    tau: kendallTau(estimate, skills),
    top1: best(estimate) === best(skills),
    covered: inside(model.covariance),
    coveredModel: inside(model.modelCovariance),
    intervals: model.policies.length,
  };
}

/**
 * One replicate: hidden skills θ* ~ N(0, skillSd²), then trials in batches; before each batch the
 * strategy's distribution is rebuilt from a fresh BT fit (uniform needs none). The fit after each
 * batch is a checkpoint, so all budgets come from the same sequential run.
 */
export function runReplicate(
  scenario: Scenario,
  rule: MatchRule | MatchStrategy,
  replicate: number,
): Checkpoint[] {
  const {
    strategy,
    covariance = 'sandwich',
    pending = true,
    lookahead,
    explorationFloor,
    warmupTrials,
  } = typeof rule === 'string' ? { strategy: rule } : rule;
  const rng = createRng(`skills-${replicate}`);
  const names = policyNames(scenario.policies);
  const skills = drawSkills(rng, scenario.policies, scenario.skillSd);
  const outcomes = createRng(`outcomes-${replicate}-${strategy}`);
  const records: PairwiseRecord[] = [];
  const checkpoints: Checkpoint[] = [];
  let model = fitBradleyTerry([]);
  const counts: Record<string, number> = Object.fromEntries(names.map((p) => [p, 0]));
  while (records.length < scenario.maxTrials) {
    // Pairs drawn since the last refit: the platform's running trials.
    const drawn: [string, string][] = [];
    for (let k = 0; k < scenario.batch && records.length < scenario.maxTrials; k++) {
      const { pair } = chooseMatch({
        policies: model.policies,
        thetas: model.theta,
        covariance: covariance === 'model' ? model.modelCovariance : model.covariance,
        eligible: names,
        strategy,
        seed: `pick-${replicate}-${strategy}-${records.length}`,
        explorationFloor: explorationFloor ?? scenario.explorationFloor,
        ...(pending ? { pending: drawn } : {}),
        ...(lookahead ? { lookahead } : {}),
        ...(warmupTrials ? { warmupTrials, counts } : {}),
      });
      drawn.push(pair);
      counts[pair[0]]++;
      counts[pair[1]]++;
      // A coin decides the A/B labels, as the platform's blinding does.
      const [x, y] = outcomes.next() < 0.5 ? pair : [pair[1], pair[0]];
      records.push(playTrial(outcomes, names, skills, names.indexOf(x), names.indexOf(y)));
    }
    model = fitBradleyTerry(records);
    checkpoints.push(evaluate(model, names, skills, records.length));
  }
  return checkpoints;
}
