import { pandaRobot, ROLLOUT_FORMAT, ROLLOUT_FORMAT_VERSION, type Rollout } from '@policy-arena/replay';
import { objectLook, type SimEpisodeTrace } from '@policy-arena/sim';

/** A simulated episode as a rollout file (format v1), the same kind a real station uploads. */
export function traceToRollout(
  trace: SimEpisodeTrace,
  meta: { instruction: string; sceneId: string },
): Rollout {
  const look = objectLook(trace.object.kind);
  const graspedAt = trace.object.grasped[0];
  const restingPose = { p: [...trace.object.position], r: [0, 0, 0, 1] };
  const poses = [{ t: trace.t[0] ?? 0, ...restingPose }];
  if (graspedAt !== undefined && graspedAt > 0) poses.push({ t: trace.t[graspedAt]!, ...restingPose });
  return {
    format: ROLLOUT_FORMAT,
    version: ROLLOUT_FORMAT_VERSION,
    robot: pandaRobot(),
    rateHz: trace.rateHz,
    actionSpace: 'joint_position',
    frames: trace.t.map((t, i) => ({
      t,
      q: trace.q[i]!,
      gripper: trace.gripper[i]!,
      ee: trace.ee[i]!,
      action: trace.actions[i]!,
    })),
    chunkStarts: trace.chunkStarts,
    objects: [{ id: trace.object.kind, shape: look.shape, size: look.size, color: look.color, poses }],
    markers: trace.markers.map((m) => ({ t: m.t, progress: m.progress })),
    metadata: {
      source: 'sim',
      sceneId: meta.sceneId,
      instruction: meta.instruction,
      perturbations: trace.perturbations.map((p) => ({ axis: p.axis, detail: p.detail })),
    },
  };
}
