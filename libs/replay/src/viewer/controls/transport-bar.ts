import { SPEEDS, type PlaybackCommand, type PlaybackState } from '../playback/playback-machine';
import type { Timeline } from '../playback/timeline';
import { KEYBOARD_HELP } from './keyboard';

const LANE_COLORS = ['#2563eb', '#ea580c'];

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
  style = '',
): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  if (style) node.style.cssText = style;
  return node;
}

/**
 * The controls under the scene: transport buttons, a time slider with each lane's action-chunk
 * starts and progress markers drawn beneath it, speed, loop. It only sends commands and shows
 * the state it is given; it holds no time of its own.
 */
export class TransportBar {
  readonly root: HTMLDivElement;
  private readonly playButton: HTMLButtonElement;
  private readonly slider: HTMLInputElement;
  private readonly clock: HTMLSpanElement;
  private readonly speed: HTMLSelectElement;
  private readonly loop: HTMLInputElement;
  private readonly lanes: HTMLCanvasElement[];

  constructor(
    private readonly timeline: Timeline,
    laneLabels: string[],
    dispatch: (command: PlaybackCommand) => void,
  ) {
    this.root = el(
      'div',
      { className: 'arena-transport' },
      'display:flex;flex-direction:column;gap:4px;padding:8px 12px;font:13px system-ui,sans-serif;background:#fff;border-top:1px solid #e5e7eb',
    );
    const row = el('div', {}, 'display:flex;align-items:center;gap:8px');
    const button = (text: string, title: string, command: PlaybackCommand) => {
      const b = el('button', { textContent: text, title, type: 'button' }, 'min-width:32px;height:28px');
      // The glyphs mean nothing to a screen reader: name the button by what it does.
      b.setAttribute('aria-label', title.replace(/ \(.*\)$/, ''));
      b.addEventListener('click', () => dispatch(command));
      row.append(b);
      return b;
    };
    button('«', 'to the start (Home)', { type: 'seek', time: 0 });
    button('◀|', 'one frame back (←)', { type: 'step', frames: -1 });
    this.playButton = button('▶', 'play / pause (Space)', { type: 'toggle' });
    this.playButton.dataset['role'] = 'play';
    button('|▶', 'one frame on (→)', { type: 'step', frames: 1 });
    this.slider = el(
      'input',
      { type: 'range', min: '0', max: String(timeline.duration), step: 'any', value: '0' },
      'flex:1',
    );
    this.slider.setAttribute('aria-label', 'time');
    this.slider.addEventListener('input', () => dispatch({ type: 'seek', time: Number(this.slider.value) }));
    this.clock = el('span', {}, 'font-variant-numeric:tabular-nums;min-width:120px;text-align:right');
    this.speed = el('select', { title: 'speed ([ and ])' });
    for (const s of SPEEDS) this.speed.append(el('option', { value: String(s), textContent: `${s}×` }));
    this.speed.addEventListener('change', () => dispatch({ type: 'speed', speed: Number(this.speed.value) }));
    this.loop = el('input', { type: 'checkbox', title: 'loop (L)' });
    this.loop.addEventListener('change', () => dispatch({ type: 'loop', loop: this.loop.checked }));
    const loopLabel = el('label', {}, 'display:flex;gap:4px;align-items:center');
    loopLabel.append(this.loop, 'loop');
    row.append(this.slider, this.clock, this.speed, loopLabel);
    this.root.append(row);
    this.lanes = laneLabels.map((label, i) => {
      const lane = el('div', {}, 'display:flex;align-items:center;gap:8px');
      const canvas = el(
        'canvas',
        { height: 14, title: `${label}: action-chunk starts and progress markers` },
        'flex:1;height:14px',
      );
      canvas.dataset['lane'] = label;
      lane.append(
        el('span', { textContent: label }, `width:16px;font-weight:600;color:${LANE_COLORS[i % 2]}`),
        canvas,
      );
      this.root.append(lane);
      return canvas;
    });
    this.root.append(el('div', { textContent: KEYBOARD_HELP }, 'color:#6b7280;font-size:11px'));
  }

  /** Draws the chunk marks (thin ticks) and progress markers (tall ticks) once the bar has its size. */
  drawMarks(): void {
    this.lanes.forEach((canvas, i) => {
      const width = Math.max(1, Math.round(canvas.clientWidth * devicePixelRatio));
      canvas.width = width;
      canvas.height = Math.round(14 * devicePixelRatio);
      const g = canvas.getContext('2d');
      if (!g) return;
      const x = (time: number) =>
        this.timeline.duration > 0 ? (time / this.timeline.duration) * (width - 1) : 0;
      g.fillStyle = '#f3f4f6';
      g.fillRect(0, 0, width, canvas.height);
      g.fillStyle = LANE_COLORS[i % 2]!;
      for (const t of this.timeline.chunkMarks[i] ?? [])
        g.fillRect(Math.round(x(t)), canvas.height * 0.35, 1, canvas.height * 0.65);
      g.fillStyle = '#111827';
      for (const m of this.timeline.markers[i] ?? []) g.fillRect(Math.round(x(m.time)), 0, 2, canvas.height);
    });
  }

  show(state: PlaybackState): void {
    this.playButton.textContent = state.playing ? '❚❚' : '▶';
    if (document.activeElement !== this.slider) this.slider.value = String(state.time);
    this.clock.textContent = `${state.time.toFixed(2)} / ${this.timeline.duration.toFixed(2)} s`;
    this.speed.value = String(state.speed);
    this.loop.checked = state.loop;
  }
}
