import type { PairwiseRecord } from '@policy-arena/domain';
import { judge } from './judge';
import { seedFrom, simRandom } from './random';
import { runSimEpisode, sampleScene } from './sim-episode';
import { SimPolicyEpisode } from './sim-policy';
import { effectiveSkill, SIM_TASKS, type SimEvaluator, type SimPolicy, type SimWorld } from './world';

/** How many perceived progress points one unit of log-odds skill is worth to an evaluator. */
const POINTS_PER_LOGIT = 25;

/**
 * One whole trial without the network, for benchmarks and quick checks: the same scene, policy
 * behaviour, episode physics and judgement the live simulated stations use.
 */
export async function simulateTrialOffline(
  world: SimWorld,
  first: SimPolicy,
  second: SimPolicy,
  evaluator: SimEvaluator,
  key: string,
): Promise<PairwiseRecord & { progress: [number, number] }> {
  const rng = simRandom(seedFrom(`${world.seed}:${key}`));
  const category = rng.pick(world.categories);
  const task = rng.pick(SIM_TASKS[category]!);
  const scene = sampleScene(task.object, rng.int(2 ** 31));
  const runs = await Promise.all(
    [first, second].map((policy) => {
      const episode = new SimPolicyEpisode(policy, rng.int(2 ** 31));
      return runSimEpisode(scene, async (obs) => episode.act({ ...obs, prompt: task.instruction }));
    }),
  );
  const aRunsFirst = rng.next() < 0.5;
  const [ra, rb] = runs as [(typeof runs)[0], (typeof runs)[0]];
  // Intransitive worlds: the cycle's edge (log-odds) shows up as a matchup-specific impression,
  // something only the offline simulation can model, since it knows both identities.
  const edge =
    (effectiveSkill(world, first, second, category) - (first.skill[category] ?? 0)) * POINTS_PER_LOGIT;
  const judgement = judge(
    evaluator,
    {
      progress: ra.progress,
      success: ra.success,
      ranFirst: aRunsFirst,
      signed: first.signature !== undefined,
      edge,
    },
    {
      progress: rb.progress,
      success: rb.success,
      ranFirst: !aRunsFirst,
      signed: second.signature !== undefined,
      edge: -edge,
    },
    rng,
  );
  const winner = { A: 'a', B: 'b', tie: 'tie', both_bad: 'both_bad' } as const;
  return {
    a: `${first.name}@${first.version}`,
    b: `${second.name}@${second.version}`,
    winner: winner[judgement.preference],
    category,
    evaluator: evaluator.name,
    progress: [ra.progress, rb.progress],
  };
}
