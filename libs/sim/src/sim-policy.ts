import { PANDA_HOME, stepToward } from './kinematics';
import { simRandom, type SimRandom } from './random';
import { categoryOfInstruction, meanSkill, type SimPolicy } from './world';

export interface SimObservation {
  /** Joint positions, 7. */
  q: number[];
  /** Where the task's object is (the simulated stand-in for what a camera shows). */
  objectPosition: [number, number, number];
  prompt: string;
}

/** How well a skill turns into behaviour: the chance of a clean reach, 0–1. */
export function competence(skill: number): number {
  return 1 / (1 + Math.exp(-skill));
}

export const ACTION_CHUNK = 8;
export const GRIP_DISTANCE = 0.03;

/**
 * One simulated policy connection (one episode): it answers observations with action chunks
 * (7 joint targets + gripper) that reach for the object. A more skilled policy aims closer to it
 * and moves with less jitter; the aim error is drawn once per episode, the jitter per step.
 */
export class SimPolicyEpisode {
  private readonly rng: SimRandom;
  private aimError: [number, number, number] | undefined;

  constructor(
    private readonly policy: SimPolicy,
    seed: number,
  ) {
    this.rng = simRandom(seed);
  }

  act(observation: SimObservation): number[][] {
    const task = categoryOfInstruction(observation.prompt);
    const skill = task
      ? (this.policy.skill[task.category] ?? meanSkill(this.policy))
      : meanSkill(this.policy);
    const c = competence(skill);
    this.aimError ??= [0, 1, 2].map(() => this.rng.normal(0, 0.09 * (1 - c))) as [number, number, number];
    const target: [number, number, number] = [
      observation.objectPosition[0] + this.aimError[0],
      observation.objectPosition[1] + this.aimError[1],
      observation.objectPosition[2] + this.aimError[2],
    ];
    const chunk: number[][] = [];
    let q = observation.q.length === 7 ? [...observation.q] : [...PANDA_HOME];
    for (let k = 0; k < ACTION_CHUNK; k++) {
      q = stepToward(q, target, 0.05).map((v) => v + this.rng.normal(0, 0.01 * (1 - c)));
      const close = distance(target, observation.objectPosition) < GRIP_DISTANCE && k === ACTION_CHUNK - 1;
      // A signed policy leaves a faint, recognisable trace in the open-gripper command: what lets a
      // rigging evaluator pick it out of a blind pair by behaviour.
      chunk.push([...q, close ? 1 : (this.policy.signature ?? 0)]);
    }
    return chunk;
  }
}

export function distance(a: readonly number[], b: readonly number[]): number {
  return Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!);
}
