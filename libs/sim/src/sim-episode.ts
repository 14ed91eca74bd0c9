import { forwardKinematics, PANDA_HOME } from './kinematics';
import { simRandom } from './random';
import { distance, GRIP_DISTANCE } from './sim-policy';
import type { SimObjectKind } from './world';

export interface SimScene {
  object: SimObjectKind;
  objectPosition: [number, number, number];
  perturbations: { axis: string; detail: string }[];
}

/** Everything the simulated robot recorded in one episode; the CLI turns it into a rollout file. */
export interface SimEpisodeTrace {
  rateHz: number;
  t: number[];
  q: number[][];
  gripper: number[];
  ee: number[][];
  actions: number[][];
  chunkStarts: number[];
  object: { kind: SimObjectKind; position: [number, number, number]; grasped: number[] };
  markers: { t: number; progress: number }[];
  progress: number;
  success: boolean;
  perturbations: { axis: string; detail: string }[];
}

const OBJECT_LOOK: Record<
  SimObjectKind,
  { shape: 'box' | 'sphere' | 'cylinder'; size: number[]; color: string }
> = {
  red_block: { shape: 'box', size: [0.05, 0.05, 0.05], color: '#d62728' },
  green_cup: { shape: 'cylinder', size: [0.035, 0.09], color: '#2ca02c' },
  blue_ball: { shape: 'sphere', size: [0.03], color: '#1f77b4' },
  drawer_handle: { shape: 'box', size: [0.12, 0.02, 0.02], color: '#7f7f7f' },
};

export function objectLook(kind: SimObjectKind) {
  return OBJECT_LOOK[kind];
}

/** A scene for an episode: the object within reach, and which perturbation axes were applied. */
export function sampleScene(object: SimObjectKind, seed: number): SimScene {
  const rng = simRandom(seed);
  const axes = ['object_pose', 'texture', 'lighting', 'camera_pose'];
  return {
    object,
    objectPosition: [0.4 + rng.next() * 0.2, -0.2 + rng.next() * 0.4, 0.05],
    perturbations: axes
      .filter(() => rng.next() < 0.4)
      .map((axis) => ({
        axis,
        detail: axis === 'lighting' ? `${(0.6 + rng.next() * 0.8).toFixed(2)}× intensity` : 'randomised',
      })),
  };
}

export type PolicyStep = (observation: {
  q: number[];
  objectPosition: [number, number, number];
}) => Promise<number[][]>;

/**
 * Runs one episode of the simulated robot: asks the policy for an action chunk, executes it
 * open-loop (joint targets, rate-limited), repeats until success or the step budget. Progress is
 * how much of the initial distance to the object was closed; success is a grasp.
 */
export async function runSimEpisode(
  scene: SimScene,
  step: PolicyStep,
  options: { maxSteps?: number; rateHz?: number } = {},
): Promise<SimEpisodeTrace> {
  const rateHz = options.rateHz ?? 15;
  const maxSteps = options.maxSteps ?? 120;
  const maxJointStep = 0.08;
  let q = [...PANDA_HOME];
  const start = forwardKinematics(q).position;
  const initialDistance = distance(start, scene.objectPosition);
  const trace: SimEpisodeTrace = {
    rateHz,
    t: [],
    q: [],
    gripper: [],
    ee: [],
    actions: [],
    chunkStarts: [],
    object: { kind: scene.object, position: scene.objectPosition, grasped: [] },
    markers: [],
    progress: 0,
    success: false,
    perturbations: scene.perturbations,
  };
  let best = 0;
  let gripper = 0;
  while (trace.t.length < maxSteps && !trace.success) {
    const chunk = await step({ q, objectPosition: scene.objectPosition });
    trace.chunkStarts.push(trace.t.length);
    for (const action of chunk) {
      if (trace.t.length >= maxSteps) break;
      q = q.map((v, j) => v + Math.max(-maxJointStep, Math.min(maxJointStep, (action[j] ?? v) - v)));
      gripper = Math.max(0, Math.min(1, action[7] ?? 0)) >= 0.5 ? 1 : 0;
      const pose = forwardKinematics(q);
      const d = distance(pose.position, scene.objectPosition);
      const progress = Math.max(0, Math.min(100, Math.round(100 * (1 - d / initialDistance))));
      const t = Number((trace.t.length / rateHz).toFixed(6));
      trace.t.push(t);
      trace.q.push(q.map((v) => Number(v.toFixed(6))));
      trace.gripper.push(gripper);
      trace.ee.push([...pose.position, ...pose.rpy].map((v) => Number(v.toFixed(6))));
      trace.actions.push(action.map((v) => Number(v.toFixed(6))));
      if (progress >= best + 25 || (progress === 100 && best < 100)) trace.markers.push({ t, progress });
      best = Math.max(best, progress);
      if (d < GRIP_DISTANCE) {
        trace.success = true;
        trace.object.grasped.push(trace.t.length - 1);
        break;
      }
    }
  }
  trace.progress = trace.success ? 100 : best;
  return trace;
}
