import { RolloutFormatError } from '../format/rollout-problems';
import { assertRollout } from '../format/rollout-json';
import {
  ROLLOUT_FORMAT,
  ROLLOUT_FORMAT_VERSION,
  type ActionSpace,
  type RobotDescription,
  type Rollout,
  type RolloutFrame,
  type RolloutSource,
} from '../format/rollout.types';
import { pandaRobot } from '../robot/panda-arm';

/** Per-step robot state as DROID / RoboArena log it; one entry per control step. */
export interface StepLog {
  /** Seconds; without them steps are spaced 1 / rateHz apart. */
  t?: number[];
  joint_position: number[][];
  cartesian_position?: number[][];
  gripper_position?: number[];
  action?: number[][];
}

export interface ImportOptions {
  /** Control rate (Hz); RoboArena runs at 15. */
  rateHz?: number;
  /** Defaults to the bundled Panda-like arm (DROID's Franka). */
  robot?: RobotDescription;
  source?: RolloutSource;
  actionSpace?: ActionSpace;
  /** Marks a new action chunk every N steps (policies that execute chunks open loop). */
  chunkSize?: number;
  instruction?: string;
  sceneId?: string;
}

export const DEFAULT_RATE_HZ = 15;

/** Turns a step log into a rollout and validates it; problems name frames, as the format does. */
export function rolloutFromSteps(log: StepLog, options: ImportOptions = {}): Rollout {
  const rateHz = options.rateHz ?? DEFAULT_RATE_HZ;
  const n = log.joint_position.length;
  if (n === 0) throw new RolloutFormatError([{ field: 'joint_position', problem: 'no steps in the log' }]);
  for (const [name, values] of Object.entries(log) as [string, unknown[] | undefined][]) {
    if (values !== undefined && values.length !== n)
      throw new RolloutFormatError([
        { field: name, problem: `${values.length} steps, but joint_position has ${n}` },
      ]);
  }
  const frames: RolloutFrame[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const frame: RolloutFrame = { t: log.t ? log.t[i]! : i / rateHz, q: log.joint_position[i]! };
    if (log.gripper_position) frame.gripper = log.gripper_position[i]!;
    if (log.cartesian_position) frame.ee = log.cartesian_position[i]!;
    if (log.action) frame.action = log.action[i]!;
    frames[i] = frame;
  }
  const chunk = options.chunkSize;
  const rollout: Rollout = {
    format: ROLLOUT_FORMAT,
    version: ROLLOUT_FORMAT_VERSION,
    robot: options.robot ?? pandaRobot(),
    rateHz,
    ...(options.actionSpace ? { actionSpace: options.actionSpace } : {}),
    frames,
    ...(chunk && chunk > 0
      ? { chunkStarts: Array.from({ length: Math.ceil(n / chunk) }, (_, k) => k * chunk) }
      : {}),
    metadata: {
      source: options.source ?? 'real',
      ...(options.sceneId ? { sceneId: options.sceneId } : {}),
      ...(options.instruction ? { instruction: options.instruction } : {}),
    },
  };
  return assertRollout(rollout);
}
