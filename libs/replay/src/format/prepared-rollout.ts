import type {
  ActionSpace,
  ObjectShape,
  ProgressMarker,
  RobotDescription,
  Rollout,
  RolloutMetadata,
  VideoSync,
} from './rollout.types';

export interface PreparedObject {
  id: string;
  shape: ObjectShape;
  size: number[];
  color: string;
  t: Float64Array;
  /** poses × 3 */
  p: Float64Array;
  /** poses × 4, quaternion x, y, z, w */
  r: Float64Array;
}

/**
 * A rollout laid out for playback: one flat typed array per field (no per-frame objects for the
 * garbage collector to walk) and a time index, so a seek is a binary search.
 */
export interface PreparedRollout {
  robot: RobotDescription;
  rateHz: number;
  actionSpace: ActionSpace | undefined;
  metadata: RolloutMetadata;
  videos: VideoSync[];
  markers: ProgressMarker[];
  frameCount: number;
  dof: number;
  /** Time of the first and last frame, seconds. */
  start: number;
  end: number;
  t: Float64Array;
  /** frames × dof */
  q: Float64Array;
  gripper: Float64Array | null;
  /** frames × 6 */
  ee: Float64Array | null;
  actionDim: number;
  action: Float64Array | null;
  chunkStarts: Uint32Array;
  objects: PreparedObject[];
}

export function prepareRollout(rollout: Rollout): PreparedRollout {
  const frames = rollout.frames;
  const n = frames.length;
  const dof = rollout.robot.joints.length;
  const first = frames[0]!;
  const t = new Float64Array(n);
  const q = new Float64Array(n * dof);
  const gripper = first.gripper === undefined ? null : new Float64Array(n);
  const ee = first.ee === undefined ? null : new Float64Array(n * 6);
  const actionDim = first.action?.length ?? 0;
  const action = actionDim === 0 ? null : new Float64Array(n * actionDim);
  for (let i = 0; i < n; i++) {
    const f = frames[i]!;
    t[i] = f.t;
    q.set(f.q, i * dof);
    if (gripper) gripper[i] = f.gripper!;
    if (ee) ee.set(f.ee!, i * 6);
    if (action) action.set(f.action!, i * actionDim);
  }
  return {
    robot: rollout.robot,
    rateHz: rollout.rateHz,
    actionSpace: rollout.actionSpace,
    metadata: rollout.metadata,
    videos: rollout.videos ?? [],
    markers: rollout.markers ?? [],
    frameCount: n,
    dof,
    start: t[0]!,
    end: t[n - 1]!,
    t,
    q,
    gripper,
    ee,
    actionDim,
    action,
    chunkStarts: Uint32Array.from(rollout.chunkStarts ?? []),
    objects: (rollout.objects ?? []).map((o) => ({
      id: o.id,
      shape: o.shape,
      size: o.size,
      color: o.color,
      t: Float64Array.from(o.poses, (pose) => pose.t),
      p: Float64Array.from(o.poses.flatMap((pose) => pose.p)),
      r: Float64Array.from(o.poses.flatMap((pose) => pose.r)),
    })),
  };
}

/**
 * Index of the latest sample at or before `time` (the state a seek must show), clamped to the
 * first sample. A nanosecond of slack absorbs the rounding of `start + (t − start)`.
 */
export function sampleIndexAt(times: Float64Array, time: number): number {
  const target = time + 1e-9;
  if (times.length === 0 || target < times[0]!) return 0;
  let lo = 0;
  let hi = times.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (times[mid]! <= target) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The joint positions of frame `index` (a view, not a copy). */
export function jointsAt(rollout: PreparedRollout, index: number): Float64Array {
  return rollout.q.subarray(index * rollout.dof, (index + 1) * rollout.dof);
}
