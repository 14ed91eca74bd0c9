import type { PlaybackState } from './playback/playback-machine';

export interface SyncedVideo {
  element: HTMLVideoElement;
  /** Time of the rollout's first frame (its `t`, seconds). */
  start: number;
  /** Video time = rollout t + offset (the format's `videos[].offset`). */
  offset: number;
}

/** Beyond this drift while playing, the video is seeked back into step; below it, left alone. */
const PLAYING_TOLERANCE = 0.15;

/**
 * Keeps each episode's videos on the shared timeline: paused videos show exactly the frame of
 * the current time; playing videos run at the playback speed and are corrected only when they
 * drift, since seeking a playing video stutters.
 */
export class VideoSync {
  constructor(private readonly videos: SyncedVideo[]) {}

  update(state: PlaybackState): void {
    for (const v of this.videos) {
      const target = Math.max(0, v.start + state.time + v.offset);
      const el = v.element;
      if (el.readyState === 0) continue;
      if (state.playing) {
        if (el.playbackRate !== state.speed) el.playbackRate = state.speed;
        if (Math.abs(el.currentTime - target) > PLAYING_TOLERANCE) el.currentTime = target;
        if (el.paused) el.play().catch(() => undefined);
      } else {
        if (!el.paused) el.pause();
        if (Math.abs(el.currentTime - target) > 1e-3) el.currentTime = target;
      }
    }
  }
}
