import type { PlaybackCommand, PlaybackState } from '../playback/playback-machine';
import { SPEEDS } from '../playback/playback-machine';

export const KEYBOARD_HELP =
  'Space play/pause · ←/→ one frame · Shift+←/→ one second · Home/End · [ ] speed · L loop';

/** Maps a key press to a playback command (undefined: not ours). */
export function commandForKey(
  event: Pick<KeyboardEvent, 'key' | 'shiftKey'>,
  state: PlaybackState,
  duration: number,
): PlaybackCommand | undefined {
  const speedIndex = SPEEDS.indexOf(state.speed as (typeof SPEEDS)[number]);
  switch (event.key) {
    case ' ':
    case 'k':
      return { type: 'toggle' };
    case 'ArrowRight':
      return event.shiftKey ? { type: 'seek', time: state.time + 1 } : { type: 'step', frames: 1 };
    case 'ArrowLeft':
      return event.shiftKey ? { type: 'seek', time: state.time - 1 } : { type: 'step', frames: -1 };
    case 'Home':
      return { type: 'seek', time: 0 };
    case 'End':
      return { type: 'seek', time: duration };
    case ']':
      return {
        type: 'speed',
        speed: SPEEDS[Math.min(SPEEDS.length - 1, (speedIndex < 0 ? 3 : speedIndex) + 1)]!,
      };
    case '[':
      return { type: 'speed', speed: SPEEDS[Math.max(0, (speedIndex < 0 ? 3 : speedIndex) - 1)]! };
    case 'l':
    case 'L':
      return { type: 'loop', loop: !state.loop };
    default:
      return undefined;
  }
}

/** Listens on the window; keys typed into text fields and selects, and Space/Enter on focused controls, are left to them. */
export function bindKeyboard(
  target: Window,
  dispatch: (command: PlaybackCommand) => void,
  current: () => { state: PlaybackState; duration: number },
): () => void {
  const onKey = (event: KeyboardEvent) => {
    const el = event.target as HTMLElement | null;
    if (
      el &&
      (el.tagName === 'SELECT' ||
        el.tagName === 'TEXTAREA' ||
        el.isContentEditable ||
        (el.tagName === 'INPUT' && (el as HTMLInputElement).type !== 'range') ||
        // Space and Enter on a focused button or link press that control, as keyboard users expect.
        ((event.key === ' ' || event.key === 'Enter') && (el.tagName === 'BUTTON' || el.tagName === 'A')))
    )
      return;
    const { state, duration } = current();
    const command = commandForKey(event, state, duration);
    if (!command) return;
    event.preventDefault();
    dispatch(command);
  };
  target.addEventListener('keydown', onKey);
  return () => target.removeEventListener('keydown', onKey);
}
