import { describe, expect, it } from 'vitest';
import { commandForKey } from './controls/keyboard';
import { VideoSync } from './video-sync';

/** The few HTMLVideoElement members VideoSync uses, recording what it does to them. */
function fakeVideo() {
  const video = {
    readyState: 4,
    paused: true,
    currentTime: 0,
    playbackRate: 1,
    seeks: 0,
    play: async () => {
      video.paused = false;
    },
    pause: () => {
      video.paused = true;
    },
  };
  return new Proxy(video, {
    set(target, key, value) {
      if (key === 'currentTime') target.seeks++;
      return Reflect.set(target, key, value);
    },
  });
}

describe('VideoSync', () => {
  it('shows the exact moment when paused: video time = rollout t + offset', () => {
    const video = fakeVideo();
    const sync = new VideoSync([
      { element: video as unknown as HTMLVideoElement, start: 100, offset: -99.5 },
    ]);
    sync.update({ time: 2, playing: false, speed: 1, loop: false });
    expect(video.currentTime).toBeCloseTo(2.5, 12);
    expect(video.paused).toBe(true);
  });

  it('plays at the playback speed and seeks only when it drifts', () => {
    const video = fakeVideo();
    const sync = new VideoSync([{ element: video as unknown as HTMLVideoElement, start: 0, offset: 0.1 }]);
    sync.update({ time: 1, playing: true, speed: 2, loop: false });
    expect(video.paused).toBe(false);
    expect(video.playbackRate).toBe(2);
    const seeks = video.seeks;
    video.currentTime = 1.15; // the video ran a little ahead by itself
    sync.update({ time: 1.1, playing: true, speed: 2, loop: false });
    expect(video.seeks).toBe(seeks + 1); // only the assignment above: within tolerance
    sync.update({ time: 3, playing: true, speed: 2, loop: false });
    expect(video.currentTime).toBeCloseTo(3.1, 12);
  });
});

describe('keyboard shortcuts', () => {
  const state = { time: 5, playing: false, speed: 1, loop: false };
  it('map keys to playback commands', () => {
    const key = (k: string, shiftKey = false) => commandForKey({ key: k, shiftKey }, state, 20);
    expect(key(' ')).toEqual({ type: 'toggle' });
    expect(key('ArrowRight')).toEqual({ type: 'step', frames: 1 });
    expect(key('ArrowLeft', true)).toEqual({ type: 'seek', time: 4 });
    expect(key('End')).toEqual({ type: 'seek', time: 20 });
    expect(key(']')).toEqual({ type: 'speed', speed: 2 });
    expect(key('[')).toEqual({ type: 'speed', speed: 0.5 });
    expect(key('l')).toEqual({ type: 'loop', loop: true });
    expect(key('x')).toBeUndefined();
  });
});
