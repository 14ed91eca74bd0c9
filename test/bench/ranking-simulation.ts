import {
  chooseMatch,
  createRng,
  fitBradleyTerry,
  type BradleyTerryModel,
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

export interface Checkpoint {
  trials: number;
  tau: number;
  top1: boolean;
  /** Policies whose true centred skill lies inside their 95% interval, out of `intervals`. */
  covered: number;
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
  const variances = centredVariances(model.covariance);
  const covered = model.theta.filter(
    (t, k) => Math.abs(t - truth[k]) <= Z95 * Math.sqrt(variances[k]),
  ).length;
  const best = (v: readonly number[]): number => v.indexOf(Math.max(...v));
  return {
    trials,
    tau: kendallTau(estimate, skills),
    top1: best(estimate) === best(skills),
    covered,
    intervals: model.policies.length,
  };
}

/**
 * One replicate: hidden skills θ* ~ N(0, skillSd²), then trials in batches; before each batch the
 * strategy's distribution is rebuilt from a fresh BT fit (uniform needs none). The fit after each
 * batch is a checkpoint, so all budgets come from the same sequential run.
 */
export function runReplicate(scenario: Scenario, strategy: MatchStrategy, replicate: number): Checkpoint[] {
  const rng = createRng(`skills-${replicate}`);
  const names = policyNames(scenario.policies);
  const skills = drawSkills(rng, scenario.policies, scenario.skillSd);
  const outcomes = createRng(`outcomes-${replicate}-${strategy}`);
  const records: PairwiseRecord[] = [];
  const checkpoints: Checkpoint[] = [];
  let model = fitBradleyTerry([]);
  while (records.length < scenario.maxTrials) {
    for (let k = 0; k < scenario.batch && records.length < scenario.maxTrials; k++) {
      const { pair } = chooseMatch({
        policies: model.policies,
        thetas: model.theta,
        covariance: model.covariance,
        eligible: names,
        strategy,
        seed: `pick-${replicate}-${strategy}-${records.length}`,
        explorationFloor: scenario.explorationFloor,
      });
      // A coin decides the A/B labels, as the platform's blinding does.
      const [x, y] = outcomes.next() < 0.5 ? pair : [pair[1], pair[0]];
      records.push(playTrial(outcomes, names, skills, names.indexOf(x), names.indexOf(y)));
    }
    model = fitBradleyTerry(records);
    checkpoints.push(evaluate(model, names, skills, records.length));
  }
  return checkpoints;
}
