import { describe, expect, it } from 'vitest';
import { cameraName, contentTypeOf } from './upload';

describe('upload naming', () => {
  it('names a video by its camera, in the form the API accepts', () => {
    expect(cameraName('wrist.mp4')).toBe('wrist');
    expect(cameraName('Exterior 1 (left).webm')).toBe('exterior-1-left-');
    expect(cameraName('__.mp4')).toBe('video');
    for (const name of ['wrist.mp4', 'Exterior 1 (left).webm', `${'x'.repeat(90)}.mp4`, '--a.mp4'])
      expect(cameraName(name)).toMatch(/^[a-z0-9][a-z0-9_-]{0,62}$/);
  });

  it('tells rollouts and videos by extension, else by the browser’s type', () => {
    const file = (name: string, type = '') => new File([new Uint8Array(1)], name, { type });
    expect(contentTypeOf(file('episode.json'))).toBe('application/json');
    expect(contentTypeOf(file('episode.ARRO'))).toBe('application/x-arena-rollout');
    expect(contentTypeOf(file('wrist.mp4'))).toBe('video/mp4');
    expect(contentTypeOf(file('clip', 'video/webm'))).toBe('video/webm');
    expect(contentTypeOf(file('notes.txt'))).toBeUndefined();
  });
});
