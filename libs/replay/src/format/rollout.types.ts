/**
 * Rollout format v1: what one episode of one robot did, step by step, and what the scene held.
 * docs/rollout-format-v1.md is the specification; these types are its TypeScript reading.
 */
export const ROLLOUT_FORMAT = 'arena-rollout';
export const ROLLOUT_FORMAT_VERSION = 1;

export const actionSpaces = [
  'joint_position',
  'joint_velocity',
  'cartesian_position',
  'cartesian_velocity',
] as const;
export type ActionSpace = (typeof actionSpaces)[number];

export const objectShapes = ['box', 'sphere', 'cylinder'] as const;
export type ObjectShape = (typeof objectShapes)[number];

export const rolloutSources = ['real', 'sim'] as const;
export type RolloutSource = (typeof rolloutSources)[number];

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** One actuated joint, in the order of every frame's `q`; limits in radians (metres if prismatic). */
export interface RobotJoint {
  name: string;
  lower: number;
  upper: number;
}

export interface RobotDescription {
  /** A model the viewer ships, e.g. `arena/panda-7dof`. At least one of `model` and `urdf`. */
  model?: string;
  /** Where the URDF lives: an https URL, a `package://` path or an artifact id. */
  urdf?: string;
  joints: RobotJoint[];
  /** Range of `gripper` values; DROID logs 0 (open) … 1 (closed). */
  gripper?: { lower: number; upper: number };
}

export interface RolloutFrame {
  /** Seconds, strictly increasing; the first frame need not be 0. */
  t: number;
  /** Joint positions in `robot.joints` order. */
  q: number[];
  gripper?: number;
  /** End-effector pose in the robot base frame: x, y, z (m), roll, pitch, yaw (rad, extrinsic xyz). */
  ee?: number[];
  /** The command in effect at this step (same length in every frame). */
  action?: number[];
}

export interface ObjectPose {
  t: number;
  /** Position x, y, z in the robot base frame (m). */
  p: number[];
  /** Orientation as a unit quaternion x, y, z, w. */
  r: number[];
}

export interface RolloutObject {
  id: string;
  shape: ObjectShape;
  /** box: [x, y, z] edge lengths; sphere: [radius]; cylinder: [radius, height] — metres. */
  size: number[];
  /** `#rrggbb` */
  color: string;
  poses: ObjectPose[];
}

export interface VideoSync {
  camera: string;
  /** Video time = rollout `t` + offset, in seconds. */
  offset: number;
}

export interface ProgressMarker {
  t: number;
  /** Partial success reached at `t`, 0–100. */
  progress?: number;
  label?: string;
}

export interface Perturbation {
  /** e.g. camera_pose, color, background, object_pose, object_swap */
  axis: string;
  detail?: string;
}

export interface RolloutMetadata {
  source: RolloutSource;
  sceneId?: string;
  instruction?: string;
  perturbations?: Perturbation[];
  /** Anything else the recorder wants to keep; carried through both encodings unchanged. */
  extra?: { [key: string]: JsonValue };
}

export interface Rollout {
  format: typeof ROLLOUT_FORMAT;
  version: typeof ROLLOUT_FORMAT_VERSION;
  robot: RobotDescription;
  /** Nominal control rate in Hz; timestamps are the truth, the rate is what the recorder aimed at. */
  rateHz: number;
  actionSpace?: ActionSpace;
  frames: RolloutFrame[];
  /** Frame indices where a new action chunk starts executing, strictly increasing. */
  chunkStarts?: number[];
  objects?: RolloutObject[];
  videos?: VideoSync[];
  markers?: ProgressMarker[];
  metadata: RolloutMetadata;
}
