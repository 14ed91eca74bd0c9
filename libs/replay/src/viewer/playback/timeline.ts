import type { PreparedRollout } from '../../format/prepared-rollout';

/** One shared clock for side-by-side rollouts: time 0 is each rollout's first frame. */
export interface Timeline {
  /** Seconds from 0 to the end of the longest rollout. */
  duration: number;
  /** Every frame time of every lane, sorted, without repeats: where a step lands. */
  frameTimes: Float64Array;
  /** Per lane: when each action chunk starts. */
  chunkMarks: Float64Array[];
  /** Per lane: progress markers (time, progress, label). */
  markers: { time: number; progress?: number; label?: string }[][];
}

export function createTimeline(lanes: readonly PreparedRollout[]): Timeline {
  const all: number[] = [];
  for (const lane of lanes) for (let i = 0; i < lane.frameCount; i++) all.push(lane.t[i]! - lane.start);
  all.sort((a, b) => a - b);
  const times: number[] = [];
  for (const t of all) if (times.length === 0 || t - times[times.length - 1]! > 1e-9) times.push(t);
  return {
    duration: Math.max(0, ...lanes.map((l) => l.end - l.start)),
    frameTimes: Float64Array.from(times),
    chunkMarks: lanes.map((l) => Float64Array.from(l.chunkStarts, (i) => l.t[i]! - l.start)),
    markers: lanes.map((l) =>
      l.markers.map((m) => ({
        time: m.t - l.start,
        ...(m.progress !== undefined ? { progress: m.progress } : {}),
        ...(m.label !== undefined ? { label: m.label } : {}),
      })),
    ),
  };
}
