import type { Timeline } from './timeline';

/**
 * Playback as a small state machine (after Foxglove's player and Rerun's time control): time
 * changes only through commands, and each command says whether the scene must be redrawn. The
 * state is plain data, so it can go into a URL and come back.
 */
export interface PlaybackState {
  /** Seconds on the shared timeline, 0 … duration. */
  time: number;
  playing: boolean;
  speed: number;
  loop: boolean;
}

export type PlaybackCommand =
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'toggle' }
  | { type: 'seek'; time: number }
  | { type: 'step'; frames: number }
  | { type: 'speed'; speed: number }
  | { type: 'loop'; loop: boolean }
  /** Wall-clock seconds elapsed while playing (from requestAnimationFrame). */
  | { type: 'advance'; seconds: number };

export interface Transition {
  state: PlaybackState;
  /** The time moved: the scene may show another frame. */
  timeChanged: boolean;
  /** Anything changed (controls and the URL need an update). */
  changed: boolean;
}

export const SPEEDS = [0.1, 0.25, 0.5, 1, 2, 4, 8] as const;
export const initialPlayback: PlaybackState = { time: 0, playing: false, speed: 1, loop: false };

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** Index of the first frame time strictly after `time` (binary search). */
function firstAfter(times: Float64Array, time: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid]! <= time + 1e-9) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function stepTime(timeline: Timeline, time: number, frames: number): number {
  const times = timeline.frameTimes;
  if (times.length === 0 || frames === 0) return time;
  const after = firstAfter(times, time);
  // `after - 1` is the frame shown now (or -1 before the first).
  const current = after - 1;
  const target = clamp(current + frames, 0, times.length - 1);
  return times[target]!;
}

export function applyCommand(state: PlaybackState, command: PlaybackCommand, timeline: Timeline): Transition {
  const end = timeline.duration;
  let next: PlaybackState = state;
  switch (command.type) {
    case 'play':
      // Play at the end of a rollout that does not loop starts it over.
      next = { ...state, playing: true, time: !state.loop && state.time >= end ? 0 : state.time };
      break;
    case 'pause':
      next = { ...state, playing: false };
      break;
    case 'toggle':
      return applyCommand(state, { type: state.playing ? 'pause' : 'play' }, timeline);
    case 'seek':
      next = { ...state, time: Number.isFinite(command.time) ? clamp(command.time, 0, end) : state.time };
      break;
    case 'step':
      // Stepping is frame by frame, so it pauses.
      next = { ...state, playing: false, time: stepTime(timeline, state.time, Math.trunc(command.frames)) };
      break;
    case 'speed':
      next = {
        ...state,
        speed: Number.isFinite(command.speed)
          ? clamp(command.speed, SPEEDS[0], SPEEDS[SPEEDS.length - 1])
          : state.speed,
      };
      break;
    case 'loop':
      next = { ...state, loop: command.loop };
      break;
    case 'advance': {
      if (!state.playing || !(command.seconds > 0)) break;
      let time = state.time + command.seconds * state.speed;
      let playing: boolean = true;
      if (time >= end) {
        if (state.loop && end > 0) time %= end;
        else {
          time = end;
          playing = false;
        }
      }
      next = { ...state, time, playing };
      break;
    }
  }
  const timeChanged = next.time !== state.time;
  const changed =
    timeChanged || next.playing !== state.playing || next.speed !== state.speed || next.loop !== state.loop;
  return { state: changed ? next : state, timeChanged, changed };
}
