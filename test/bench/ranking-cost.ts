/**
 * Cost of one rank-lookahead draw on a large board (`node -r @swc-node/register test/bench/ranking-cost.ts [P]`):
 * P policies (default 50), all eligible, a BT fit of 20 trials per pair… measured over a few draws.
 */
import { createRng, fitBradleyTerry, matchDistribution } from '@policy-arena/rating';
import { drawSkills, playTrial, policyNames } from '../../libs/rating/src/testing/simulate';

const policies = Number(process.argv[2] ?? 50);
const trials = Number(process.argv[3] ?? 20 * policies);
const rng = createRng('cost');
const names = policyNames(policies);
const skills = drawSkills(rng, policies, 1);
const records = Array.from({ length: trials }, () => {
  const i = rng.int(policies);
  let j = rng.int(policies - 1);
  if (j >= i) j++;
  return playTrial(rng, names, skills, i, j);
});
const model = fitBradleyTerry(records);
const pending: [string, string][] = Array.from({ length: 20 }, (_, k) => [names[k], names[k + 1]]);
for (const strategy of ['information-gain', 'rank-lookahead'] as const) {
  const started = process.hrtime.bigint();
  const draws = 5;
  for (let d = 0; d < draws; d++) {
    matchDistribution({
      policies: model.policies,
      thetas: model.theta,
      covariance: model.modelCovariance,
      eligible: names,
      strategy,
      seed: d,
      pending,
    });
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6 / draws;
  console.log(
    `${policies} policies, ${trials} trials fitted, ${strategy}: ${ms.toFixed(1)} ms per distribution`,
  );
}
