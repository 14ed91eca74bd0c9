import { describe, expect, it } from 'vitest';
import { forwardKinematics, PANDA_HOME, stepToward } from './kinematics';
import { judge } from './judge';
import { simRandom } from './random';
import { runSimEpisode, sampleScene } from './sim-episode';
import { SimPolicyEpisode } from './sim-policy';
import { createSimWorld, meanSkill, type SimEvaluator } from './world';
import { simulateTrialOffline } from './offline-trial';

describe('simulated evaluation network', () => {
  it('builds the same world from the same seed', () => {
    expect(createSimWorld({ seed: 7 })).toEqual(createSimWorld({ seed: 7 }));
    expect(createSimWorld({ seed: 7 })).not.toEqual(createSimWorld({ seed: 8 }));
  });

  it('reaches: a damped-least-squares step brings the hand closer to a reachable target', () => {
    const target: [number, number, number] = [0.5, 0.1, 0.1];
    let q = [...PANDA_HOME];
    const before = Math.hypot(...forwardKinematics(q).position.map((v, i) => v - target[i]!));
    for (let i = 0; i < 60; i++) q = stepToward(q, target);
    const after = Math.hypot(...forwardKinematics(q).position.map((v, i) => v - target[i]!));
    expect(after).toBeLessThan(0.01);
    expect(before).toBeGreaterThan(0.2);
  });

  it('turns hidden skill into progress: the strongest policy out-reaches the weakest', async () => {
    const world = createSimWorld({ seed: 3, policies: 6 });
    const sorted = [...world.policies].sort((a, b) => meanSkill(a) - meanSkill(b));
    const meanProgress = async (policyIndex: number) => {
      let total = 0;
      for (let e = 0; e < 30; e++) {
        const scene = sampleScene('red_block', 1000 + e);
        const episode = new SimPolicyEpisode(sorted[policyIndex]!, 2000 + e);
        const trace = await runSimEpisode(scene, async (obs) =>
          episode.act({ ...obs, prompt: 'put the red block in the bowl' }),
        );
        total += trace.progress;
      }
      return total / 30;
    };
    expect(await meanProgress(5)).toBeGreaterThan((await meanProgress(0)) + 10);
  });

  it('records a plausible trace: timestamps at the rate, chunk starts, joint limits kept', async () => {
    const world = createSimWorld({ seed: 4 });
    const episode = new SimPolicyEpisode(world.policies[0]!, 1);
    const trace = await runSimEpisode(sampleScene('blue_ball', 9), async (obs) =>
      episode.act({ ...obs, prompt: 'push the blue ball to the left' }),
    );
    expect(trace.t.length).toBeGreaterThan(0);
    expect(trace.t[1]! - trace.t[0]!).toBeCloseTo(1 / 15, 6);
    expect(trace.chunkStarts[0]).toBe(0);
    expect(trace.q.every((q) => q.length === 7 && q.every(Number.isFinite))).toBe(true);
    expect(trace.progress).toBeGreaterThanOrEqual(0);
    expect(trace.progress).toBeLessThanOrEqual(100);
  });

  it('judges like its kind: riggers spot the signed policy, random voters ignore the runs', () => {
    const rng = simRandom(1);
    const rigger: SimEvaluator = { name: 'r', kind: 'favours', noise: 5, orderBias: 0 };
    const strong = { progress: 100, success: true, ranFirst: true, signed: false };
    const weakSigned = { progress: 10, success: false, ranFirst: false, signed: true };
    expect(judge(rigger, strong, weakSigned, rng).preference).toBe('B');
    const honest: SimEvaluator = { name: 'h', kind: 'honest', noise: 1, orderBias: 0 };
    expect(judge(honest, strong, weakSigned, rng).preference).toBe('A');
    const random: SimEvaluator = { name: 'x', kind: 'random', noise: 0, orderBias: 0 };
    const seen = new Set(Array.from({ length: 60 }, () => judge(random, strong, weakSigned, rng).preference));
    expect([...seen].sort()).toEqual(['A', 'B', 'tie']);
  });

  it('simulates whole trials offline, deterministically for a key', async () => {
    const world = createSimWorld({ seed: 5 });
    const [p, q] = world.policies;
    const one = await simulateTrialOffline(world, p!, q!, world.evaluators[0]!, 'trial-1');
    expect(await simulateTrialOffline(world, p!, q!, world.evaluators[0]!, 'trial-1')).toEqual(one);
    expect(['a', 'b', 'tie', 'both_bad']).toContain(one.winner);
  });

  it('can make preferences intransitive: in a rock–paper–scissors world each beats the next', async () => {
    const world = createSimWorld({ seed: 11, policies: 3, intransitive: 6 });
    for (const p of world.policies) p.skill = Object.fromEntries(world.categories.map((c) => [c, 0]));
    const honest = world.evaluators[0]!;
    for (let i = 0; i < 3; i++) {
      const [x, y] = [world.policies[i]!, world.policies[(i + 1) % 3]!];
      let xWins = 0;
      let yWins = 0;
      for (let k = 0; k < 40; k++) {
        const r = await simulateTrialOffline(world, x, y, honest, `rps-${i}-${k}`);
        if (r.winner === 'a') xWins++;
        if (r.winner === 'b') yWins++;
      }
      expect(xWins).toBeGreaterThan(yWins);
    }
  });
});
