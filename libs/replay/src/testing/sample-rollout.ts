import {
  ROLLOUT_FORMAT,
  ROLLOUT_FORMAT_VERSION,
  type Rollout,
  type RolloutFrame,
} from '../format/rollout.types';
import { pandaRobot, pandaTcpPose } from '../robot/panda-arm';

export interface SampleOptions {
  frames?: number;
  rateHz?: number;
  /** Shifts the joint trajectories, so two samples differ visibly side by side. */
  phase?: number;
  chunkSize?: number;
}

const home = [0, -0.785, 0, -2.356, 0, 1.571, 0.785];

/**
 * A plausible pick-and-place rollout of the bundled arm: smooth joint motion around the
 * home pose, a gripper that closes mid-way, an 8-d joint-position action, chunk boundaries
 * every `chunkSize` steps, a cup that rides along once grasped. Deterministic: for tests,
 * benchmarks and the demo.
 */
export function sampleRollout(options: SampleOptions = {}): Rollout {
  const n = options.frames ?? 150;
  const rate = options.rateHz ?? 15;
  const phase = options.phase ?? 0;
  const chunk = options.chunkSize ?? 8;
  const frames: RolloutFrame[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const s = i / rate;
    const q = home.map((h, j) => h + 0.45 * Math.sin(0.6 * s + phase + j * 0.7) * (j === 3 ? 0.5 : 1));
    const grip = i < n / 2 ? 0 : Math.min(1, (i - n / 2) / (rate * 0.5));
    frames[i] = {
      t: s,
      q,
      gripper: grip,
      ee: pandaTcpPose(q),
      action: [...q.map((v) => v + 0.01), grip],
    };
  }
  const duration = (n - 1) / rate;
  const cupPoses = Array.from({ length: Math.max(2, Math.ceil(duration) + 1) }, (_, k) => {
    const t = Math.min(k, duration);
    return { t, p: [0.5, 0.05 * Math.sin(t + phase), 0.05 + (t > duration / 2 ? 0.1 : 0)], r: [0, 0, 0, 1] };
  }).filter((pose, k, all) => k === 0 || pose.t > all[k - 1]!.t);
  return {
    format: ROLLOUT_FORMAT,
    version: ROLLOUT_FORMAT_VERSION,
    robot: pandaRobot(),
    rateHz: rate,
    actionSpace: 'joint_position',
    frames,
    chunkStarts: Array.from({ length: Math.ceil(n / chunk) }, (_, k) => k * chunk),
    objects: [
      { id: 'cup', shape: 'cylinder', size: [0.04, 0.1], color: '#d43f3a', poses: cupPoses },
      {
        id: 'bowl',
        shape: 'sphere',
        size: [0.06],
        color: '#3a7bd4',
        poses: [{ t: 0, p: [0.55, -0.25, 0.06], r: [0, 0, 0, 1] }],
      },
      {
        id: 'table',
        shape: 'box',
        size: [1.2, 0.9, 0.02],
        color: '#8d6e63',
        poses: [{ t: 0, p: [0.5, 0, -0.0105], r: [0, 0, 0, 1] }],
      },
    ],
    videos: [{ camera: 'wrist', offset: 0.1 }],
    markers: [
      { t: 0, progress: 0, label: 'start' },
      { t: (n >> 1) / rate, progress: 50, label: 'grasped' },
      { t: duration, progress: 100, label: 'placed' },
    ],
    metadata: {
      source: 'sim',
      sceneId: 'kitchen-01',
      instruction: 'put the red cup in the bowl',
      perturbations: [{ axis: 'object_pose', detail: 'cup moved 3 cm left' }],
    },
  };
}
