import { SPEEDS, type PlaybackState } from './playback-machine';

/** What a shared link restores: the moment, the speed and whether it loops (the trial is the path). */
export function readViewState(search: string): Partial<PlaybackState> {
  const params = new URLSearchParams(search);
  const out: Partial<PlaybackState> = {};
  const t = Number(params.get('t'));
  if (params.has('t') && Number.isFinite(t) && t >= 0) out.time = t;
  const speed = Number(params.get('speed'));
  if (SPEEDS.includes(speed as (typeof SPEEDS)[number])) out.speed = speed;
  if (params.has('loop')) out.loop = params.get('loop') === '1';
  return out;
}

/** The same search string with t, speed and loop set from the state (other parameters kept). */
export function writeViewState(search: string, state: PlaybackState): string {
  const params = new URLSearchParams(search);
  params.set('t', String(Math.round(state.time * 1000) / 1000));
  if (state.speed === 1) params.delete('speed');
  else params.set('speed', String(state.speed));
  if (state.loop) params.set('loop', '1');
  else params.delete('loop');
  const text = params.toString();
  return text ? `?${text}` : '';
}
