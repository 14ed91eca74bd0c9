import { describe, expect, it } from 'vitest';
import { prepareRollout, sampleIndexAt } from '../../format/prepared-rollout';
import { sampleRollout } from '../../testing/sample-rollout';
import { applyCommand, initialPlayback, type PlaybackCommand, type PlaybackState } from './playback-machine';
import { createTimeline } from './timeline';
import { readViewState, writeViewState } from './view-state-url';

// Two rollouts of different length and rate on one timeline: 10 s at 15 Hz and 6 s at 10 Hz.
const a = prepareRollout(sampleRollout({ frames: 151, rateHz: 15 }));
const b = prepareRollout(sampleRollout({ frames: 61, rateHz: 10, phase: 1 }));
const timeline = createTimeline([a, b]);

const run = (commands: PlaybackCommand[], from: PlaybackState = initialPlayback) =>
  commands.reduce((s, c) => applyCommand(s, c, timeline).state, from);

describe('timeline', () => {
  it('spans the longer rollout and merges both frame grids', () => {
    expect(timeline.duration).toBeCloseTo(10, 12);
    // 151 + 61 frame times, of which those at whole 0.2 s multiples coincide (31).
    expect(timeline.frameTimes.length).toBe(151 + 61 - 31);
    expect(timeline.chunkMarks[0]![1]).toBeCloseTo(8 / 15, 12);
    expect(timeline.markers[1]!.map((m) => m.label)).toEqual(['start', 'grasped', 'placed']);
  });
});

describe('playback machine', () => {
  it('plays, advances with the speed, pauses', () => {
    let s = run([{ type: 'play' }, { type: 'speed', speed: 2 }, { type: 'advance', seconds: 1.5 }]);
    expect(s).toEqual({ time: 3, playing: true, speed: 2, loop: false });
    s = run([{ type: 'pause' }, { type: 'advance', seconds: 1 }], s);
    expect(s.time).toBe(3);
    expect(s.playing).toBe(false);
  });

  it('stops at the end, or wraps around when looping', () => {
    const end = run([{ type: 'seek', time: 9.5 }, { type: 'play' }, { type: 'advance', seconds: 2 }]);
    expect(end).toMatchObject({ time: timeline.duration, playing: false });
    // Play again at the end starts over.
    expect(run([{ type: 'play' }], end).time).toBe(0);
    const looped = run([
      { type: 'loop', loop: true },
      { type: 'seek', time: 9.5 },
      { type: 'play' },
      { type: 'advance', seconds: 2 },
    ]);
    expect(looped.playing).toBe(true);
    expect(looped.time).toBeCloseTo(1.5, 9);
  });

  it('seeks within the timeline only, and steps frame by frame over both grids', () => {
    expect(run([{ type: 'seek', time: -3 }]).time).toBe(0);
    expect(run([{ type: 'seek', time: 99 }]).time).toBe(timeline.duration);
    expect(run([{ type: 'seek', time: Number.NaN }]).time).toBe(0);
    // From 0 the next frame is A's at 1/15 s, then B's at 0.1 s.
    const one = run([{ type: 'step', frames: 1 }]);
    expect(one.time).toBeCloseTo(1 / 15, 12);
    expect(run([{ type: 'step', frames: 1 }], one).time).toBeCloseTo(0.1, 12);
    expect(
      run([
        { type: 'step', frames: 1 },
        { type: 'step', frames: 1 },
        { type: 'step', frames: -1 },
      ]).time,
    ).toBeCloseTo(1 / 15, 12);
    expect(run([{ type: 'play' }, { type: 'step', frames: 1 }]).playing).toBe(false);
    expect(run([{ type: 'step', frames: -5 }]).time).toBe(0);
  });

  it('says when the scene needs a redraw: only when time moved', () => {
    expect(applyCommand(initialPlayback, { type: 'play' }, timeline)).toMatchObject({
      timeChanged: false,
      changed: true,
    });
    expect(applyCommand(initialPlayback, { type: 'advance', seconds: 1 }, timeline)).toMatchObject({
      timeChanged: false,
      changed: false,
    });
    expect(applyCommand(initialPlayback, { type: 'seek', time: 0 }, timeline).changed).toBe(false);
    expect(applyCommand(initialPlayback, { type: 'seek', time: 2 }, timeline)).toMatchObject({
      timeChanged: true,
      changed: true,
    });
    expect(applyCommand(initialPlayback, { type: 'speed', speed: 100 }, timeline).state.speed).toBe(8);
  });
});

describe('seeking lands on the recorded frame', () => {
  it('the latest frame at or before a time, exactly at frame times', () => {
    for (const i of [0, 1, 7, 75, 150]) expect(sampleIndexAt(a.t, a.start + (a.t[i]! - a.start))).toBe(i);
    expect(sampleIndexAt(a.t, 0.99 / 15)).toBe(0);
    expect(sampleIndexAt(a.t, -1)).toBe(0);
    expect(sampleIndexAt(a.t, 1e9)).toBe(150);
  });
});

describe('view state in the URL', () => {
  it('round-trips time, speed and loop, keeping other parameters', () => {
    const state = { time: 12.3456, playing: true, speed: 0.5, loop: true };
    const search = writeViewState('?lang=en', state);
    expect(search).toBe('?lang=en&t=12.346&speed=0.5&loop=1');
    expect(readViewState(search)).toEqual({ time: 12.346, speed: 0.5, loop: true });
    expect(readViewState('?t=-1&speed=3')).toEqual({});
    expect(writeViewState('', { ...state, speed: 1, loop: false, time: 2 })).toBe('?t=2');
  });
});
